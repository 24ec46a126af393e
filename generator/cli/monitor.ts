import { resolve } from "node:path";
import { findMonitoringSources, MonitoringNotFoundError, type MonitoringQuery } from "../library/monitoring";
import type { Monitoring } from "../model";
import { computeMonitoring, sourceLabel } from "../monitor";
import { renderToFile } from "../render";
import { planbookVersion } from "../version";
import { CliError, type CliIO, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";
import { renderTable } from "./table";

/** --region and --plan, both required, as a library query. */
export function monitoringQuery(values: Record<string, unknown>, command: string): MonitoringQuery {
  const region = typeof values.region === "string" ? values.region.trim() : "";
  const plan = typeof values.plan === "string" ? values.plan.trim() : "";
  if (!region || !plan) throw new CliError(`${command}: 请给出 --region 和 --plan（例如 --region 荆门市 --plan 十四五）`, 2);
  return { region, plan };
}

/** The monitoring of one region's plan, from the library; a missing plan is one readable line. */
export function monitoringFromLibrary(values: Record<string, unknown>, io: CliIO, command: string): Monitoring {
  const query = monitoringQuery(values, command);
  const library = openLibraryFromArgs(values, io);
  try {
    io.progress(`读取 ${query.region} ${query.plan} 规划及各年报告…`);
    const sources = findMonitoringSources(library, query);
    io.progress(`计算监测：${sources.documents.length} 份报告和公报，${sources.actuals.length} 个导入的实际值`);
    return computeMonitoring(sources);
  } catch (e) {
    if (e instanceof MonitoringNotFoundError) throw new CliError(`${command}: ${e.message}`);
    throw e;
  } finally {
    library.close();
  }
}

function latest(i: Monitoring["indicators"][number]): { text: string; source: string } {
  const y = [...i.years].reverse().find((x) => x.actual);
  if (!y?.actual) return { text: "", source: "" };
  return { text: `${y.year}年 ${y.shown ?? ""}`, source: sourceLabel(y.actual.source) };
}

function summaryTable(m: Monitoring): string {
  const head = `${m.region ?? ""}“${m.plan.periodLabel}”规划实施监测 · ${m.plan.title} · ${m.asOf ? `数据截至${m.asOf}年` : "尚无实际数据"}`;
  const table = renderTable(
    [{ header: "指标", max: 30 }, { header: "属性" }, { header: "单位" }, { header: "最新实际", max: 18 }, { header: "状态" }, { header: "依据", max: 48 }, { header: "来源", max: 36 }],
    m.indicators.map((i) => {
      const l = latest(i);
      return [i.name, i.attribute ?? "", i.measureUnit ?? "", l.text, i.constrainedBehind ? "滞后（约束性）" : i.status, i.reason ?? "", l.source];
    }),
  );
  const counts = Object.entries(m.summary).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join("，");
  return [head, "", table, "", `共 ${m.indicators.length} 项指标：${counts}`, ...m.warnings.map((w) => `注意：${w.message}`)].join("\n");
}

export const monitorCommand: Command = {
  name: "monitor",
  summary: "规划实施监测：规划指标与各年实际对照",
  usage: [
    "用法：planbook monitor --region R --plan P [--out FILE.xlsx | --json] [--template NAME|FILE] [--generated-at ISO] [--library PATH]",
    "",
    "  --region R        地区，如 荆门市",
    "  --plan P          规划期（十四五）或规划编号",
    "  --out FILE.xlsx   写出监测工作簿（模板 monitoring，或 --template 指定的自定义模板）",
    "  --json            输出 Monitoring JSON",
    "  --generated-at    写入工作簿的生成时间；相同输入和时间生成相同的文件",
    LIBRARY_USAGE,
    "",
    "实际值取自规划库中该地区的政府工作报告和统计公报，以及 planbook actuals import 导入的数值。",
    "计算方法见 docs/monitoring.md。",
  ].join("\n"),
  options: {
    ...LIBRARY_OPTION,
    region: { type: "string" },
    plan: { type: "string" },
    out: { type: "string", short: "o" },
    json: { type: "boolean" },
    template: { type: "string", short: "t" },
    "generated-at": { type: "string" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`monitor: 多余的参数 "${positionals[0]}"（用 --region 和 --plan 指定规划）`, 2);
    if (values.json && values.out) throw new CliError("monitor: --json 和 --out 只能选一个", 2);
    let generatedAt: Date | undefined;
    if (typeof values["generated-at"] === "string") {
      generatedAt = new Date(values["generated-at"]);
      if (Number.isNaN(generatedAt.getTime())) throw new CliError(`monitor: --generated-at "${values["generated-at"]}" 不是 ISO 时间（如 2025-03-01T08:00:00Z）`, 2);
    }
    const m = monitoringFromLibrary(values, io, "monitor");
    if (values.json) {
      io.out(JSON.stringify(m, null, 2));
      return 0;
    }
    if (typeof values.out === "string") {
      const out = resolve(io.cwd, values.out);
      const template = typeof values.template === "string" ? values.template : "monitoring";
      io.progress(`写出 ${out}`);
      let result;
      try {
        result = await renderToFile([], { template, out, generatedAt, version: planbookVersion(), monitoring: m });
      } catch (e) {
        throw new CliError(`monitor: ${(e as Error).message.split("\n")[0]}`);
      }
      for (const w of result.warnings) io.warn(`monitor: ${w}`);
      io.out(result.path);
      return 0;
    }
    io.out(summaryTable(m));
    return 0;
  },
};
