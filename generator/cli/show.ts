import { flattenProjects, type Library, type PlanDiff } from "../library";
import type { Plan, PlanSummary, Quantity } from "../model";
import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";
import { renderTable } from "./table";

/** A full id, or a prefix of one that names a single plan (ids are long to type). */
function resolveId(library: Library, given: string): string {
  if (library.getSummary(given)) return given;
  const matches = library.listPlans().filter((p) => p.id.startsWith(given));
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) throw new CliError(`show: "${given}" could be ${matches.map((p) => p.id).join(", ")}; give more of the id`);
  throw new CliError(`show: no plan with id "${given}" (planbook ls lists them)`);
}

const q = (value: Quantity | null | undefined) => value?.raw ?? "";

function describePlan(plan: Plan, summary: PlanSummary, revisions: PlanSummary[]): string {
  const out: string[] = [
    `${summary.title}`,
    `  id ${summary.id}  revision ${summary.revision} of ${revisions.length}  ${summary.region ?? "—"}  ${summary.kind}  ${summary.period.label}`,
    `  source ${summary.sourcePath}  sha256 ${summary.sha256.slice(0, 12)}…  stored ${summary.ingestedAt}`,
  ];
  for (const table of plan.indicatorTables) {
    out.push("", `${table.title} (${table.role}, ${table.indicators.length} indicators)`);
    out.push(
      renderTable(
        [{ header: "#" }, { header: "INDICATOR", max: 44 }, { header: "UNIT" }, { header: String(table.baseYear ?? "BASE") }, { header: String(table.targetYear ?? "TARGET") }, { header: "RATE" }, { header: "ATTR" }],
        table.indicators.map((i) => [i.seq ?? "", i.parent ? `└ ${i.name}` : i.name, i.unit ?? "", q(i.baseline), q(i.target), q(i.rate), i.attribute ?? ""]),
      ),
    );
  }
  const projects = flattenProjects(plan);
  if (projects.length) {
    out.push("", `Projects (${projects.length} in ${plan.projectBoxes.length} boxes)`);
    out.push(renderTable([{ header: "BOX" }, { header: "GROUP", max: 20 }, { header: "PROJECT", max: 60 }], projects.map((p) => [p.box, p.group ?? "", p.name])));
  }
  const targets = [...plan.targets, ...plan.annualTargets];
  if (targets.length) {
    out.push("", `Targets (${targets.length})`);
    out.push(renderTable([{ header: "METRIC", max: 40 }, { header: "YEAR" }, { header: "VALUE", max: 30 }], targets.map((t) => [t.metric, t.year ?? "", t.raw])));
  }
  if (plan.warnings.length) out.push("", `${plan.warnings.length} parser warnings (planbook show ${summary.id} --json for all)`);
  return out.join("\n");
}

function describeDiff(diff: PlanDiff): string {
  const out = [`changes in ${diff.planId} from revision ${diff.from} to ${diff.to}`];
  for (const f of diff.fields) out.push(`  ${f.field}: ${f.from ?? "—"} → ${f.to ?? "—"}`);
  for (const [label, list] of [["indicators", diff.indicators], ["projects", diff.projects], ["targets", diff.targets]] as const) {
    if (!list.added.length && !list.removed.length && !list.changed.length) continue;
    out.push("", `${label}:`);
    for (const item of list.added) out.push(`  + ${item.name}  (${item.context})`);
    for (const item of list.removed) out.push(`  - ${item.name}  (${item.context})`);
    for (const item of list.changed) out.push(`  ~ ${item.name}: ${item.changes.map((c) => `${c.field} ${c.from ?? "—"} → ${c.to ?? "—"}`).join("; ")}`);
  }
  if (out.length === 1) out.push("  nothing but the bytes");
  return out.join("\n");
}

function positiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`show: ${flag} is a revision number (1, 2, …)`, 2);
  return n;
}

export const showCommand: Command = {
  name: "show",
  summary: "print one plan: indicators, projects, targets; or what changed between revisions",
  usage: [
    "usage: planbook show ID [--revision N] [--diff FROM] [--json] [--library PATH]",
    "",
    "  ID             a plan id from planbook ls, or enough of its start to name one plan",
    "  --revision N   an older revision (default: the latest)",
    "  --diff FROM    what changed from revision FROM to --revision (default the latest)",
    "  --json         the Plan (or the diff) as JSON",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, revision: { type: "string", short: "r" }, diff: { type: "string" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError("show: give one plan id (planbook ls lists them)", 2);
    const revision = positiveInt(values.revision, "--revision");
    const diffFrom = positiveInt(values.diff, "--diff");
    const library = openLibraryFromArgs(values, io);
    try {
      const id = resolveId(library, positionals[0]);
      const summary = library.getSummary(id, revision);
      const plan = library.getPlan(id, revision);
      if (!summary || !plan) throw new CliError(`show: plan ${id} has no revision ${revision}`);
      if (diffFrom !== undefined) {
        const diff = library.diff(id, diffFrom, summary.revision);
        if (!diff) throw new CliError(`show: plan ${id} has no revision ${diffFrom}`);
        io.out(values.json ? JSON.stringify(diff, null, 2) : describeDiff(diff));
      } else {
        io.out(values.json ? JSON.stringify(plan, null, 2) : describePlan(plan, summary, library.listRevisions(id)));
      }
      return 0;
    } finally {
      library.close();
    }
  },
};
