import { basename, resolve } from "node:path";
import { ActualsWorkbookError, listActuals, readActualsWorkbook, storeActuals } from "../library/actuals";
import { findMonitoringSources, MonitoringNotFoundError } from "../library/monitoring";
import { clerkEdits, computeMonitoring } from "../monitor";
import { CliError, type CliIO, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";
import { monitoringQuery } from "./monitor";
import { renderTable } from "./table";

async function importActuals(file: string, values: Record<string, unknown>, io: CliIO): Promise<number> {
  const path = resolve(io.cwd, file);
  io.progress(`读取 ${path}`);
  let book;
  try {
    book = await readActualsWorkbook(path);
  } catch (e) {
    if (e instanceof ActualsWorkbookError) throw new CliError(`actuals import: ${e.message}`);
    throw e;
  }
  if (book.cells.length === 0) throw new CliError(`actuals import: ${file} 中没有找到可导入的表（表头需有“指标”“年份”“实际”，即监测工作簿的“年度数据”表）`);
  const query = monitoringQuery({ region: values.region ?? book.region ?? undefined, plan: values.plan ?? book.periodLabel ?? undefined }, "actuals import");
  const library = openLibraryFromArgs(values, io);
  try {
    let sources;
    try {
      sources = findMonitoringSources(library, query);
    } catch (e) {
      if (e instanceof MonitoringNotFoundError) throw new CliError(`actuals import: ${e.message}`);
      throw e;
    }
    const edits = clerkEdits(computeMonitoring(sources), book.cells, basename(path), new Date().toISOString());
    for (const u of edits.unknown.slice(0, 10)) io.warn(`actuals import: ${u.sheet}!${u.cell}：规划中没有“${u.indicator}”${u.year}年，未导入`);
    if (edits.unknown.length > 10) io.warn(`actuals import: 另有 ${edits.unknown.length - 10} 个单元格不对应规划指标，未导入`);
    storeActuals(library, edits.actuals);
    for (const a of edits.actuals) io.out(`  ${a.indicator} ${a.year}年 ${a.raw}${a.unit ? ` ${a.unit}` : ""}（${a.sheet}!${a.cell}）`);
    io.out(`导入 ${edits.actuals.length} 个实际值（${query.region} ${query.plan}）；${edits.unchanged} 个单元格与现有数值相同，未导入 → ${library.path}`);
    return 0;
  } finally {
    library.close();
  }
}

function listImported(values: Record<string, unknown>, io: CliIO): number {
  const query = monitoringQuery(values, "actuals ls");
  const library = openLibraryFromArgs(values, io);
  try {
    const rows = listActuals(library, query.region, query.plan);
    if (rows.length === 0) {
      io.out(`${query.region} ${query.plan} 没有导入的实际值`);
      return 0;
    }
    io.out(renderTable(
      [{ header: "指标", max: 30 }, { header: "年份" }, { header: "实际" }, { header: "单位" }, { header: "来源", max: 40 }, { header: "导入时间" }],
      rows.map((a) => [a.indicator, a.year, a.raw, a.unit ?? "", `${a.file} ${a.sheet}!${a.cell}`, a.importedAt]),
    ));
    return 0;
  } finally {
    library.close();
  }
}

export const actualsCommand: Command = {
  name: "actuals",
  summary: "导入监测工作簿中填写的实际值",
  usage: [
    "用法：planbook actuals import FILE.xlsx [--region R --plan P] [--library PATH]",
    "      planbook actuals ls --region R --plan P [--library PATH]",
    "",
    "  import   读取工作簿（planbook monitor --out 生成）“年度数据”表的“实际”列，与 Planbook 写出的不同",
    "           的单元格逐个存入规划库，以文件和单元格为来源；地区和规划期取自“封面”，--region/--plan 可另行指定",
    "  ls       列出一个地区规划已导入的实际值",
    LIBRARY_USAGE,
  ].join("\n"),
  options: { ...LIBRARY_OPTION, region: { type: "string" }, plan: { type: "string" } },
  async run({ values, positionals }, io) {
    const [action, ...files] = positionals;
    if (action === "import") {
      if (files.length !== 1) throw new CliError("actuals import: 请给出一个工作簿（planbook actuals import FILE.xlsx）", 2);
      return importActuals(files[0], values, io);
    }
    if (action === "ls") return listImported(values, io);
    throw new CliError(`actuals: 请用 actuals import FILE.xlsx 或 actuals ls（不认识 "${action ?? ""}"）`, 2);
  },
};
