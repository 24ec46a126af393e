import { flattenProjects, type Library, type PlanDiff } from "../library";
import type { Plan, PlanSummary, Quantity } from "../model";
import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { kindLabel } from "./ls";
import { renderTable } from "./table";
import { oneLine, toJson } from "./terminal";

/** A full id, or a prefix of one that names a single plan (ids are long to type). */
function resolveId(library: Library, given: string): string {
  if (library.getSummary(given)) return given;
  const matches = library.listPlans().filter((p) => p.id.startsWith(given));
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) throw new CliError(`show：“${oneLine(given)}”可能是 ${matches.map((p) => p.id).join("、")}；请多给几位编号`);
  throw new CliError(`show：没有编号为“${oneLine(given)}”的规划（planbook ls 列出所有规划）`);
}

const q = (value: Quantity | null | undefined) => value?.raw ?? "";

function describePlan(plan: Plan, summary: PlanSummary, revisions: PlanSummary[]): string {
  const out: string[] = [
    `${oneLine(summary.title)}`,
    `  编号 ${summary.id}  第 ${summary.revision} 版（共 ${revisions.length} 版）  ${oneLine(summary.region ?? "—")}  ${kindLabel(summary.kind)}  ${oneLine(summary.period.label)}`,
    `  来源 ${oneLine(summary.sourcePath)}  sha256 ${summary.sha256.slice(0, 12)}…  入库 ${summary.ingestedAt}`,
  ];
  for (const table of plan.indicatorTables) {
    out.push("", `${oneLine(table.title)}（${table.role === "review" ? "上期完成情况" : "本期目标"}，${table.indicators.length} 项指标）`);
    out.push(
      renderTable(
        [{ header: "序号" }, { header: "指标", max: 44 }, { header: "单位" }, { header: table.baseYear ? `${table.baseYear}年` : "基期" }, { header: table.targetYear ? `${table.targetYear}年` : "目标" }, { header: "年均/累计" }, { header: "属性" }],
        table.indicators.map((i) => [i.seq ?? "", i.parent ? `└ ${i.name}` : i.name, i.unit ?? "", q(i.baseline), q(i.target), q(i.rate), i.attribute ?? ""]),
      ),
    );
  }
  const projects = flattenProjects(plan);
  if (projects.length) {
    out.push("", `项目（${plan.projectBoxes.length} 个专栏，共 ${projects.length} 项）`);
    out.push(renderTable([{ header: "专栏" }, { header: "分组", max: 20 }, { header: "项目", max: 60 }], projects.map((p) => [p.box, p.group ?? "", p.name])));
  }
  const targets = [...plan.targets, ...plan.annualTargets];
  if (targets.length) {
    out.push("", `目标（${targets.length} 项）`);
    out.push(renderTable([{ header: "指标", max: 40 }, { header: "年份" }, { header: "目标值", max: 30 }], targets.map((t) => [t.metric, t.year ?? "", t.raw])));
  }
  if (plan.warnings.length) out.push("", `解析提示 ${plan.warnings.length} 条（planbook show ${summary.id} --json 查看全部）`);
  return out.join("\n");
}

function describeDiff(diff: PlanDiff): string {
  const out = [`${diff.planId} 从第 ${diff.from} 版到第 ${diff.to} 版的变化`];
  for (const f of diff.fields) out.push(`  ${f.field}：${oneLine(f.from ?? "—")} → ${oneLine(f.to ?? "—")}`);
  for (const [label, list] of [["指标", diff.indicators], ["项目", diff.projects], ["目标", diff.targets]] as const) {
    if (!list.added.length && !list.removed.length && !list.changed.length) continue;
    out.push("", `${label}：`);
    for (const item of list.added) out.push(`  + ${oneLine(item.name)}（${oneLine(item.context)}）`);
    for (const item of list.removed) out.push(`  - ${oneLine(item.name)}（${oneLine(item.context)}）`);
    for (const item of list.changed) out.push(`  ~ ${oneLine(item.name)}：${item.changes.map((c) => `${c.field} ${oneLine(c.from ?? "—")} → ${oneLine(c.to ?? "—")}`).join("；")}`);
  }
  if (out.length === 1) out.push("  只有文件字节不同，内容没有变化");
  return out.join("\n");
}

function positiveInt(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`show：${flag} 应为版本号（1、2、…）`, 2);
  return n;
}

export const showCommand: Command = {
  name: "show",
  summary: "显示一个规划的指标、项目和目标，或两个版本之间的变化",
  usage: [
    "用法：planbook show ID [--revision N] [--diff FROM] [--json] [--library PATH]",
    "",
    "  ID             planbook ls 列出的规划编号，或足以确定一个规划的开头几位",
    "  --revision N   较早的版本（默认最新版）",
    "  --diff FROM    从第 FROM 版到 --revision（默认最新版）的变化",
    "  --json         以 JSON 输出规划（或变化）",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, revision: { type: "string", short: "r" }, diff: { type: "string" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError("show：请给出一个规划编号（planbook ls 列出所有规划）", 2);
    const revision = positiveInt(values.revision, "--revision");
    const diffFrom = positiveInt(values.diff, "--diff");
    const library = openLibraryFromArgs(values, io, "read");
    try {
      const id = resolveId(library, positionals[0]);
      const summary = library.getSummary(id, revision);
      const plan = library.getPlan(id, revision);
      if (!summary || !plan) throw new CliError(`show：规划 ${id} 没有第 ${revision} 版`);
      if (diffFrom !== undefined) {
        const diff = library.diff(id, diffFrom, summary.revision);
        if (!diff) throw new CliError(`show：规划 ${id} 没有第 ${diffFrom} 版`);
        io.out(values.json ? toJson(diff) : describeDiff(diff));
      } else {
        io.out(values.json ? toJson(plan) : describePlan(plan, summary, library.listRevisions(id)));
      }
      return 0;
    } finally {
      library.close();
    }
  },
};
