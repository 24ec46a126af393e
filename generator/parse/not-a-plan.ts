import type { Plan, Warning } from "../model";

/**
 * A file that is no planning document at all: nothing names it a plan or report (kind unknown,
 * no period), and it has no outline, no table, no box and no target. `ingest` keeps such a Plan
 * out of the library unless forced. Null when the Plan holds anything of a plan, or already says so.
 */
export function notAPlanWarning(plan: Plan): Warning | null {
  // a scan already says why nothing was read
  if (plan.warnings.some((w) => w.code === "not-a-plan" || w.code === "scanned-pdf")) return null;
  const named = plan.kind !== "unknown" || plan.period.label !== "";
  const holds = plan.outline.length + plan.indicatorTables.length + plan.projectBoxes.length + plan.targets.length + plan.annualTargets.length + plan.tasks.length > 0;
  if (named || holds) return null;
  return { code: "not-a-plan", message: "这不像规划文件：没有标题、目录结构、指标表或目标，请确认文件是否选对", line: null };
}
