/**
 * The built-in `monitoring` template (规划实施监测): built here, called from build-templates.ts.
 * Its fields are under `monitoring` (generator/render/monitoring.ts); docs/monitoring.md explains
 * the figures. The 实际 column of 年度数据 is the one a clerk fills in and imports back.
 */
import ExcelJS from "exceljs";
import { BODY_CENTER, type Column, freezeBelow, headerAndRow, LABEL, NOTE, NUMBER, printReady, TEXT, title } from "./style";

const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", bgColor: { argb } });

/** status colours: the same on every sheet, readable in black-and-white print by their words */
const STATUS_STYLES: Array<[string, Partial<ExcelJS.Style>]> = [
  ["滞后", { font: { bold: true, color: { argb: "FF9C0006" } }, fill: fill("FFFFC7CE") }],
  ["已完成", { font: { color: { argb: "FF006100" } }, fill: fill("FFC6EFCE") }],
  ["进度正常", { font: { color: { argb: "FF375623" } }, fill: fill("FFE2EFDA") }],
  ["无法比较", { font: { color: { argb: "FF9C5700" } }, fill: fill("FFFFEB9C") }],
  ["无数据", { font: { color: { argb: "FF595959" } }, fill: fill("FFEDEDED") }],
  ["定性", { font: { color: { argb: "FF1F4E79" } }, fill: fill("FFDDEBF7") }],
];

function statusColours(ws: ExcelJS.Worksheet, ref: string, cell: string, firstPriority = 1): void {
  ws.addConditionalFormatting({
    ref,
    rules: STATUS_STYLES.map(([status, style], i) => ({ type: "expression", priority: firstPriority + i, formulae: [`${cell}="${status}"`], style })),
  });
}

const EDITABLE: Partial<ExcelJS.Style> = { ...NUMBER, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } } };

function cover(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("封面");
  title(ws, "{{monitoring.title}}", "{{monitoring.subtitle}}", 4);
  const rows: Array<[string, string]> = [
    ["地区", "{{monitoring.region}}"],
    ["规划期", "{{monitoring.periodLabel}}"],
    ["规划", "{{monitoring.planTitle}}"],
    ["规划编号", "{{monitoring.planId}}"],
    ["数据截至", "{{monitoring.asOf}}"],
    ["生成时间", "{{generatedAt}}（北京时间）"],
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
  const head = rows.length + 4;
  headerAndRow(ws, head, [
    { header: "监测状态", field: "status", width: 18, style: BODY_CENTER },
    { header: "指标数", field: "count", width: 30, style: NUMBER },
  ], "s");
  ws.getCell(head + 1, 1).note = `jx:each(items="monitoring.summary" var="s" lastCell="B${head + 1}")`;
  statusColours(ws, `A${head + 1}:A${head + 1}`, `$A${head + 1}`);
  const hint = head + 3;
  ws.getCell(hint, 1).value =
    "实际值由政府工作报告、统计公报读出，来源见“年度数据”。文件中没有的数值，请在“年度数据”表的“实际”列（浅黄色）填写，保存后运行 planbook actuals import 本文件，下次监测即采用并注明来源单元格。";
  ws.getCell(hint, 1).style = NOTE;
  ws.mergeCells(hint, 1, hint, 4);
  ws.getRow(hint).height = 42;
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 30;
  ws.getColumn(4).width = 30;
  printReady(ws, null);
}

/** 监测总表: one row per indicator, the status coloured, then the years' actuals as columns. */
function overview(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("监测总表");
  const columns: Column[] = [
    { header: "序号", field: "seq", width: 5, style: BODY_CENTER },
    { header: "指标", field: "name", width: 26 },
    { header: "属性", field: "attribute", width: 7, style: BODY_CENTER },
    { header: "单位", field: "unit", width: 7, style: BODY_CENTER },
    { header: "监测方式", field: "measure", width: 9, style: BODY_CENTER },
    { header: "基期值", field: "baseline", width: 8, style: NUMBER },
    { header: "规划目标", field: "target", width: 11, style: BODY_CENTER },
    { header: "状态", field: "status", width: 10, style: BODY_CENTER },
    { header: "进度与依据（计算）", field: "progress", width: 34 },
    { header: "{{y.header}}", field: "", width: 8, style: NUMBER },
  ];
  const data = 4;
  title(ws, "{{monitoring.title}}", "{{monitoring.subtitle}} · 各年为实际值，来源、年度目标和说明见“年度数据”“说明”", columns.length + 4);
  headerAndRow(ws, 3, columns, "row");
  ws.getRow(data).height = 30;
  ws.getCell("J4").value = "{{cell.value}}";
  ws.getCell("J3").note = 'jx:each(items="monitoring.years" var="y" direction="right" lastCell="J3")';
  ws.getCell("J4").note = 'jx:each(items="row.cells" var="cell" direction="right" lastCell="J4")';
  ws.getCell("A4").note = 'jx:each(items="monitoring.rows" var="row" lastCell="J4")';
  // 约束性 behind first, so its darker red wins over the plain 滞后 colour
  ws.addConditionalFormatting({
    ref: "H4:H4",
    rules: [{ type: "expression", priority: 1, formulae: ['$H4="滞后·约束性"'], style: { font: { bold: true, color: { argb: "FFFFFFFF" } }, fill: fill("FFC00000") } }],
  });
  statusColours(ws, "H4:H4", "$H4", 2);
  ws.addConditionalFormatting({
    ref: "B4:C4",
    rules: [{ type: "expression", priority: 10, formulae: ['$C4="约束性"'], style: { font: { bold: true, color: { argb: "FF9C0006" } } } }],
  });
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

/** 年度数据: one row per indicator and year; 实际 is the clerk's column. */
function years(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("年度数据");
  const columns: Column[] = [
    { header: "指标", field: "name", width: 22 },
    { header: "属性", field: "attribute", width: 6, style: BODY_CENTER },
    { header: "年份", field: "year", width: 6, style: BODY_CENTER },
    { header: "单位", field: "unit", width: 6, style: BODY_CENTER },
    { header: "口径", field: "caliber", width: 13, style: BODY_CENTER },
    { header: "年度目标", field: "yearTarget", width: 8, style: NUMBER },
    { header: "年度目标来源", field: "yearTargetSource", width: 17 },
    { header: "实际", field: "actual", width: 8, style: EDITABLE },
    { header: "实际来源", field: "source", width: 22 },
    { header: "按进度应达（计算）", field: "expected", width: 9, style: NUMBER },
    { header: "评价", field: "verdict", width: 14, style: BODY_CENTER },
    { header: "说明", field: "note", width: 34 },
  ];
  const last = ws.getColumn(columns.length).letter;
  title(ws, "年度数据", "{{monitoring.region}} · {{monitoring.periodLabel}} · “实际”列（浅黄色）可填写，保存后用 planbook actuals import 导入", columns.length);
  headerAndRow(ws, 3, columns, "r");
  ws.getRow(4).height = 30;
  ws.getCell("A4").note = `jx:each(items="monitoring.yearRows" var="r" lastCell="${last}4")`;
  ws.autoFilter = `A3:${last}4`;
  ws.addConditionalFormatting({
    ref: "K4:K4",
    rules: [{ type: "containsText", operator: "containsText", text: "未", priority: 1, style: { font: { color: { argb: "FF9C0006" } } } }],
  });
  ws.addConditionalFormatting({
    ref: "A4:B4",
    rules: [{ type: "expression", priority: 2, formulae: ['$B4="约束性"'], style: { font: { bold: true } } }],
  });
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

const METHOD = [
  "监测方式：目标值按基期到目标年的直线进度评价，“按进度应达”为直线上该年的数值；年均增速按各年增速的几何平均；五年累计按累计变化（由水平值减基期值，或各年变化量累加、各年降低率连乘）；上限、下限按当年是否达标；定性目标只列原文，不作判断。",
  "“进度（计算）”“按进度应达”“其余年份需”是 Planbook 按上述方法算出的数值，不是文件原文；“实际”“年度目标”是文件原文或导入的数值，来源列明文件和行号或工作簿单元格。",
  "标“预计数或初步数”的实际值取自文件中的预计或初步统计，正式数据发布后以正式数据为准。单位只做定义上精确的换算（万、亿；斤、公斤、吨；亩、公顷），每次换算都在说明中注明；单位或口径不同的数值标“无法比较”，不给评价。",
];

function notes(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("说明");
  title(ws, "说明", "{{monitoring.title}}", 2);
  METHOD.forEach((text, i) => {
    const cell = ws.getCell(3 + i, 1);
    cell.value = text;
    cell.style = NOTE;
    ws.mergeCells(3 + i, 1, 3 + i, 2);
    ws.getRow(3 + i).height = 40;
  });
  const head = 3 + METHOD.length + 1;
  headerAndRow(ws, head, [
    { header: "指标", field: "name", width: 28 },
    { header: "说明", field: "note", width: 100 },
  ], "n");
  ws.getCell(head + 1, 1).note = `jx:each(items="monitoring.notes" var="n" lastCell="B${head + 1}")`;
  printReady(ws, `${head}:${head}`);
}

function listSheet(wb: ExcelJS.Workbook, name: string, subtitle: string, columns: Column[], items: string): void {
  const ws = wb.addWorksheet(name);
  const last = ws.getColumn(columns.length).letter;
  title(ws, name, subtitle, columns.length);
  headerAndRow(ws, 3, columns, "u");
  ws.getCell("A4").note = `jx:each(items="${items}" var="u" lastCell="${last}4")`;
  freezeBelow(ws, 3);
  printReady(ws, "3:3");
}

export function monitoringTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  cover(wb);
  overview(wb);
  years(wb);
  notes(wb);
  listSheet(wb, "未匹配数据", "报告和公报中没有对应规划指标的数值，列出以便核对", [
    { header: "年份", field: "year", width: 8, style: BODY_CENTER },
    { header: "指标", field: "metric", width: 34 },
    { header: "原文数值", field: "raw", width: 16, style: BODY_CENTER },
    { header: "来源", field: "source", width: 40 },
  ], "monitoring.unmatched");
  listSheet(wb, "资料来源", "本表所用的文件（各文件的最新版本）", [
    { header: "年份", field: "year", width: 8, style: BODY_CENTER },
    { header: "类型", field: "kind", width: 14, style: BODY_CENTER },
    { header: "标题", field: "title", width: 44 },
    { header: "版本", field: "revision", width: 6, style: BODY_CENTER },
    { header: "文件", field: "path", width: 40 },
  ], "monitoring.documents");
  return wb;
}
