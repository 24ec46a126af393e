import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from "../model";
import { CliError, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { renderTable } from "./table";
import { oneLine, toJson } from "./terminal";

/** "five-year-plan（五年规划纲要）、…": what --kind takes, as the help and the error list it. */
export function kindList(): string {
  return PLAN_KINDS.map((k) => `${k}（${PLAN_KIND_LABELS[k]}）`).join("、");
}

export function kindLabel(kind: string): string {
  return (PLAN_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** --kind as given, checked against the model's list of kinds. */
export function kindOption(value: unknown, command: string): PlanKind | undefined {
  if (value === undefined) return undefined;
  const kind = String(value).trim();
  if (!(PLAN_KINDS as readonly string[]).includes(kind)) throw new CliError(`${command}：--kind 不认识 "${oneLine(kind)}"；可用的类别：${kindList()}`, 2);
  return kind as PlanKind;
}

export const lsCommand: Command = {
  name: "ls",
  summary: "列出规划库中的规划，以及未能入库的文件",
  usage: [
    "用法：planbook ls [--region R] [--kind K] [--period P] [--json] [--library PATH]",
    "",
    "  --region R   地区，如 荆门市",
    `  --kind K     类别：${kindList()}`,
    "  --period P   规划期，如 十四五、2024年",
    "  --json       以 JSON 输出规划摘要（PlanSummary）列表",
    LIBRARY_USAGE,
    "",
    "  表格之后列出未能入库的文件及原因（无法读取、不像规划文件、解析超时或内存超限）。",
  ].join("\n"),
  options: { ...LIBRARY_OPTION, region: { type: "string" }, kind: { type: "string" }, period: { type: "string" }, json: { type: "boolean" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`ls：多余的参数 "${oneLine(positionals[0])}"（筛选请用 --region、--kind、--period）`, 2);
    const kind = kindOption(values.kind, "ls");
    const library = openLibraryFromArgs(values, io, "read");
    try {
      const filtered = Boolean(values.region || kind || values.period);
      const plans = library.listPlans({ region: values.region as string | undefined, kind, period: values.period as string | undefined });
      if (values.json) {
        io.out(toJson(plans));
        return 0;
      }
      if (plans.length === 0) io.out(filtered ? "没有符合条件的规划" : "规划库中还没有规划（planbook ingest FILE|DIR… 导入文档）");
      else
        io.out(
          renderTable(
            [
              { header: "编号" },
              { header: "修订", align: "right" },
              { header: "地区" },
              { header: "类别" },
              { header: "规划期" },
              { header: "指标", align: "right" },
              { header: "项目", align: "right" },
              { header: "目标", align: "right" },
              { header: "标题", max: 50 },
            ],
            plans.map((p) => [p.id, p.revision, p.region ?? "—", kindLabel(p.kind), p.period.label, p.indicatorCount, p.projectCount, p.targetCount, p.title]),
          ),
        );
      const failures = filtered ? [] : library.failures();
      if (failures.length) {
        io.out("");
        io.out(`未能入库的文件（${failures.length} 个）：`);
        io.out(renderTable([{ header: "文件", max: 60 }, { header: "时间" }, { header: "原因", max: 90 }], failures.map((f) => [f.path, f.failedAt.slice(0, 19).replace("T", " "), f.reason])));
      }
      return 0;
    } finally {
      library.close();
    }
  },
};
