/**
 * Builds the built-in templates (templates/*.xlsx). Run after changing this file:
 *   npx tsc -p tsconfig.build.json && node build/templates/build-templates.js
 * The .xlsx files are what clerks copy and restyle; README.md beside them explains the language.
 */
import ExcelJS from "exceljs";
import { join } from "node:path";
import { stampZipEntries } from "../generator/render/zip-dates";
import { writeFileAtomic } from "../generator/util/atomic";
import { monitoringTemplate } from "./build-monitoring";
import { BODY, BODY_CENTER, type Column, freezeBelow, headerAndRow, LABEL, NOTE, NUMBER, printReady, TEXT, title } from "./style";

/** Writes a table (header + one template row of fields) as an Excel Table, and puts the repeat command on its first data cell. */
function fieldTable(ws: ExcelJS.Worksheet, name: string, headerRow: number, columns: Column[], items: string, item: string): number {
  const dataRow = headerRow + 1;
  ws.addTable({
    name,
    ref: `A${headerRow}`,
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: [columns.map((c) => (c.field ? `{{${item}.${c.field}}}` : ""))],
  });
  headerAndRow(ws, headerRow, columns, item);
  ws.getCell(dataRow, 1).note = `jx:each(items="${items}" var="${item}" lastCell="${ws.getColumn(columns.length).letter}${dataRow}")`;
  return dataRow;
}

/** A sheet that is a title over one repeated Excel Table, frozen under its header and printed with it on every page. */
function tableSheet(wb: ExcelJS.Workbook, sheet: { name: string; title: string; subtitle: string; table: string }, columns: Column[], items: string, item: string): void {
  const ws = wb.addWorksheet(sheet.name);
  title(ws, sheet.title, sheet.subtitle, columns.length);
  fieldTable(ws, sheet.table, 3, columns, items, item);
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

/** A title over a repeated row with an autofilter on its header: a list that may be streamed (exceljs cannot stream an Excel Table). */
function filteredList(ws: ExcelJS.Worksheet, heading: { title: string; subtitle: string }, columns: Column[], items: string, item: string): void {
  const last = ws.getColumn(columns.length).letter;
  title(ws, heading.title, heading.subtitle, columns.length);
  headerAndRow(ws, 3, columns, item);
  ws.getCell("A4").note = `jx:each(items="${items}" var="${item}" lastCell="${last}4")`;
  ws.autoFilter = `A3:${last}4`;
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

function cover(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("封面");
  title(ws, "{{plan.title}}", null, 4);
  const rows: Array<[string, string]> = [
    ["地区", "{{plan.region}}"],
    ["规划期", "{{plan.periodLabel}}（{{plan.start}}—{{plan.end}}）"],
    ["文件类型", "{{plan.kind}}"],
    ["主要指标", "{{plan.indicators.rows.length}} 项"],
    ["重点项目", "{{plan.projects.length}} 个"],
    ["源文件", "{{plan.sourceFile}}"],
    ["源文件 SHA-256", "{{plan.sha256}}"],
    ["生成时间", "{{generatedAt}}"],
    ["Planbook 版本", "{{version}}"],
  ];
  rows.forEach(([label, value], i) => {
    const r = i + 3;
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 1).style = LABEL;
    ws.getCell(r, 2).value = value;
    ws.getCell(r, 2).style = TEXT;
    ws.mergeCells(r, 2, r, 4);
    ws.getRow(r).height = 22;
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 30;
  ws.getColumn(4).width = 30;
  printReady(ws, null);
}

const INDICATOR_COLUMNS: Column[] = [
  { header: "类别", field: "category", width: 12, style: BODY_CENTER },
  { header: "序号", field: "seq", width: 6, style: BODY_CENTER },
  { header: "指标", field: "name", width: 34 },
  { header: "单位", field: "unit", width: 9, style: BODY_CENTER },
  { header: "{{plan.indicators.baseYearHeader}}", field: "baseline", width: 11, style: NUMBER },
  { header: "{{plan.indicators.targetYearHeader}}", field: "target", width: 11, style: NUMBER },
  { header: "年均/累计", field: "rate", width: 11, style: NUMBER },
  { header: "属性", field: "attribute", width: 9, style: BODY_CENTER },
  { header: "说明", field: "note", width: 26 },
  { header: "基期数值", field: "baselineNumber", width: 10, style: NUMBER },
  { header: "目标数值", field: "targetNumber", width: 10, style: NUMBER },
  { header: "年均/累计数值", field: "rateNumber", width: 12, style: NUMBER },
];

function indicators(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("主要指标");
  const width = INDICATOR_COLUMNS.length;
  title(ws, "{{plan.indicators.title}}", "{{plan.region}} · {{plan.periodLabel}} · {{plan.indicators.role}}", width);
  const row = fieldTable(ws, "Indicators", 3, INDICATOR_COLUMNS, "plan.indicators.rows", "item");
  // 约束性 (binding) indicators are the ones a clerk is held to: shade them so they stand out on paper too.
  ws.addConditionalFormatting({
    ref: `A${row}:L${row}`,
    rules: [{ type: "expression", priority: 1, formulae: [`$H${row}="约束性"`], style: { font: { bold: true, color: { argb: "FF9C0006" } }, fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFCE4D6" } } } }],
  });
  const notes = row + 2;
  ws.getCell(notes, 1).value = "{{note}}";
  ws.getCell(notes, 1).style = NOTE;
  ws.mergeCells(notes, 1, notes, width);
  ws.getCell(notes, 1).note = `jx:each(items="plan.indicators.notes" var="note" lastCell="L${notes}")`;
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

function otherIndicatorTables(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("其他指标表");
  const columns = INDICATOR_COLUMNS.slice(0, 9).map((c) =>
    c.field === "baseline" ? { ...c, header: "{{t.baseYearHeader}}" } : c.field === "target" ? { ...c, header: "{{t.targetYearHeader}}" } : c,
  );
  title(ws, "其他指标表", "{{plan.region}} · {{plan.periodLabel}}", columns.length);
  ws.getCell("A3").value = "{{t.title}}（{{t.role}}）";
  ws.getCell("A3").style = LABEL;
  ws.mergeCells("A3:I3");
  headerAndRow(ws, 4, columns, "item");
  ws.getCell("A5").note = 'jx:each(items="t.rows" var="item" lastCell="I5")';
  ws.getCell("A6").value = "{{note}}";
  ws.getCell("A6").style = NOTE;
  ws.mergeCells("A6:I6");
  ws.getCell("A6").note = 'jx:each(items="t.notes" var="note" lastCell="I6")';
  ws.getCell("A3").note = 'jx:if(condition="plan.otherIndicatorTables" lastCell="I7")\njx:each(items="plan.otherIndicatorTables" var="t" lastCell="I7")';
  ws.getCell("A8").value = "本文件只有一张指标表，见“主要指标”。";
  ws.getCell("A8").style = NOTE;
  ws.getCell("A8").note = 'jx:if(condition="!plan.otherIndicatorTables" lastCell="I8")';
  printReady(ws, null);
}

/** A project's columns, the same in a plan's 项目库 and in the register of many plans. */
const PROJECT_COLUMNS: Column[] = [
    { header: "专栏", field: "boxLabel", width: 10, style: BODY_CENTER },
    { header: "专栏名称", field: "boxTitle", width: 22 },
    { header: "分组", field: "group", width: 16 },
    { header: "项目名称", field: "name", width: 40 },
    { header: "地点", field: "location", width: 12 },
    { header: "总投资", field: "investment", width: 10, style: NUMBER },
    { header: "单位", field: "investmentUnit", width: 7, style: BODY_CENTER },
    { header: "建设年限", field: "period", width: 12, style: BODY_CENTER },
    { header: "所在章节", field: "section", width: 24 },
];

function projects(wb: ExcelJS.Workbook): void {
  const columns = PROJECT_COLUMNS;
  tableSheet(wb, { name: "项目库", title: "重点项目库", subtitle: "{{plan.region}} · {{plan.periodLabel}} · 共 {{plan.projects.length}} 个项目", table: "Projects" }, columns, "plan.projects", "project");
}

function targets(wb: ExcelJS.Workbook): void {
  const columns: Column[] = [
    { header: "类型", field: "type", width: 14, style: BODY_CENTER },
    { header: "指标", field: "metric", width: 30 },
    { header: "表述", field: "raw", width: 18 },
    { header: "年份", field: "year", width: 8, style: BODY_CENTER },
    { header: "数值", field: "value", width: 10, style: NUMBER },
    { header: "原文", field: "text", width: 60 },
  ];
  tableSheet(wb, { name: "目标", title: "目标", subtitle: "{{plan.region}} · {{plan.periodLabel}}", table: "Targets" }, columns, "plan.targets", "target");
}

function outline(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("目录");
  const columns: Column[] = [
    { header: "层级", field: "level", width: 6, style: BODY_CENTER },
    { header: "编号", field: "label", width: 10, style: BODY_CENTER },
    { header: "标题", field: "indented", width: 70 },
  ];
  title(ws, "目录", "{{plan.title}}", columns.length);
  headerAndRow(ws, 3, columns, "node");
  ws.getCell("A4").note = 'jx:each(items="plan.outline" var="node" lastCell="C4")';
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

function planReport(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  cover(wb);
  indicators(wb);
  projects(wb);
  targets(wb);
  outline(wb);
  otherIndicatorTables(wb);
  return wb;
}

function projectRegister(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("项目登记");
  const columns: Column[] = [
    { header: "地区", field: "region", width: 10, style: BODY_CENTER },
    { header: "规划", field: "plan", width: 28 },
    { header: "规划期", field: "periodLabel", width: 8, style: BODY_CENTER },
    ...PROJECT_COLUMNS,
  ];
  // an autofilter rather than an Excel Table: the register is streamed, and exceljs cannot stream tables
  filteredList(ws, { title: "重点项目登记表", subtitle: "共 {{projects.length}} 个项目 · 生成于 {{generatedAt}}" }, columns, "projects", "project");
  return wb;
}

function comparison(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标对比");
  title(ws, "主要指标对比", "目标年数值；名称不同写法已归并，只出现在一个规划中的指标见“未匹配指标”", 3);
  ws.addTable({
    name: "Comparison",
    ref: "A3",
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: [{ name: "指标" }, { name: "单位" }, { name: "{{col.header}}" }],
    rows: [["{{row.name}}", "{{row.unit}}", "{{cell.value}}"]],
  });
  headerAndRow(ws, 3, [
    { header: "指标", field: "name", width: 34 },
    { header: "单位", field: "unit", width: 9, style: BODY_CENTER },
    { header: "{{col.header}}", field: "", width: 16, style: NUMBER },
  ], "row");
  ws.getCell("C4").value = "{{cell.value}}";
  ws.getCell("C3").note = 'jx:each(items="comparison.columns" var="col" direction="right" lastCell="C3")';
  ws.getCell("C4").note = 'jx:each(items="row.cells" var="cell" direction="right" lastCell="C4")';
  ws.getCell("A4").note = 'jx:each(items="comparison.rows" var="row" lastCell="C4")';
  freezeBelow(ws, 3);
  printReady(ws, "3:3");

  const un = wb.addWorksheet("未匹配指标");
  const columns: Column[] = [
    { header: "规划", field: "header", width: 20 },
    { header: "指标", field: "name", width: 34 },
    { header: "单位", field: "unit", width: 9, style: BODY_CENTER },
    { header: "目标年数值", field: "value", width: 14, style: NUMBER },
  ];
  filteredList(un, { title: "未匹配指标", subtitle: "只在一个规划中出现的指标，列出以便核对" }, columns, "comparison.unmatched", "u");
  return wb;
}

const TEMPLATE_DATE = new Date("2025-01-01T00:00:00Z");

export async function buildTemplates(dir: string): Promise<string[]> {
  const books: Array<[string, ExcelJS.Workbook]> = [
    ["plan-report", planReport()],
    ["project-register", projectRegister()],
    ["comparison", comparison()],
    ["monitoring", monitoringTemplate()],
  ];
  const written: string[] = [];
  for (const [name, wb] of books) {
    // A fixed date, in the document and on every zip entry, keeps the committed templates byte-stable when nothing in them changed.
    wb.created = wb.modified = TEMPLATE_DATE;
    wb.creator = "Planbook";
    const path = join(dir, `${name}.xlsx`);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    await writeFileAtomic(path, stampZipEntries(bytes, TEMPLATE_DATE));
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  const dir = join(__dirname, "..", "..", "templates");
  buildTemplates(dir).then(
    (paths) => paths.forEach((p) => process.stdout.write(`${p}\n`)),
    (e: unknown) => {
      process.stderr.write(`build-templates: ${(e as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
