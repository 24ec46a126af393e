/** Which plans a run reports on, read from the library at run time so each run sees the latest revisions. */
import type { Plan } from "../model/plan";
import type { Library } from "../library";
import type { PlanSelector } from "./jobs";

export interface Selection {
  plans: Plan[];
  /** "planId@revision" for the run record */
  refs: string[];
  region: string;
  period: string;
}

export class SelectionError extends Error {}

export async function selectPlans(library: Library, selector: PlanSelector): Promise<Selection> {
  const ids = await planIds(library, selector);
  const plans: Plan[] = [];
  const refs: string[] = [];
  for (const id of ids) {
    const summary = library.getSummary(id);
    const plan = library.getPlan(id);
    if (!summary || !plan) throw new SelectionError(`规划库中没有编号为 ${id} 的规划（planbook ls 列出所有规划）`);
    plans.push(plan);
    refs.push(`${id}@${summary.revision}`);
  }
  return {
    plans,
    refs,
    region: selector.region ?? distinct(plans.map((p) => p.region)),
    period: selector.period ?? distinct(plans.map((p) => p.period.label)),
  };
}

async function planIds(library: Library, selector: PlanSelector): Promise<string[]> {
  if (selector.ids) return selector.ids;
  if (selector.files) {
    const ids: string[] = [];
    // ingesting is a no-op for unchanged bytes, and picks up an edited document as a new revision
    for (const file of selector.files) {
      try {
        ids.push((await library.ingestFile(file)).planId);
      } catch (e) {
        throw new SelectionError(`${file}：${(e as Error).message.split("\n")[0]}`);
      }
    }
    return [...new Set(ids)];
  }
  const filter = { region: selector.region, period: selector.period, kind: selector.kind };
  const found = library.listPlans(filter);
  if (found.length === 0) {
    const names: Record<string, string> = { region: "地区", period: "规划期", kind: "类别" };
    const said = Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${names[k]} ${v}`)
      .join("、");
    throw new SelectionError(`规划库中没有符合 ${said} 的规划；请先导入文档（planbook ingest FILE），或用 planbook ls 核对名称`);
  }
  return found.map((s) => s.id);
}

/** Several plans in one workbook name themselves together: 荆门市、鄂州市. */
function distinct(values: Array<string | null>): string {
  return [...new Set(values.filter((v): v is string => !!v))].join("、");
}
