/**
 * Builds the built-in templates (templates/*.xlsx) and the synonym list beside them
 * (templates/synonyms.txt). Run after changing this file:
 *   npx tsc -p tsconfig.build.json && node build/templates/build-templates.js
 * The .xlsx files are what clerks copy and restyle; README.md beside them explains the language.
 *
 * A sheet that may have nothing to show carries a sheet-wide jx:if on A1 (the render leaves it
 * out when the condition is false), so one plan-report serves five-year plans, work reports and
 * digests alike: a work report's workbook opens on its 主要预期目标, not on an empty indicator table.
 */
import ExcelJS from "exceljs";
import { join } from "node:path";
import { DEFAULT_SYNONYMS_TEXT } from "../generator/model";
import { stampZipEntries } from "../generator/render/zip-dates";
import { writeFileAtomic } from "../generator/util/atomic";
import { monitoringTemplate } from "./build-monitoring";
import { type Layout, letter, listSheet, widthOf, writeColumns } from "./list-sheet";
import { BODY_CENTER, type Column, LABEL, NOTE, NUMBER, printReady, TEXT, title, VALUE } from "./style";

function cover(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("封面");
  title(ws, "{{plan.title}}", null, 4);
  const rows: Array<[string, string, string | null]> = [
    ["地区", "{{plan.region}}", null],
    ["时期", "{{plan.periodText}}", null],
    ["文件类型", "{{plan.kind}}", null],
    ["指标", "{{plan.indicatorSummary}}", "plan.indicators.rows"],
    ["重点项目", "{{plan.projectSummary}}", "plan.projects"],
    ["布局与方向", "{{plan.layouts.length}} 处（园区、片区、产业方向，不是项目）", "plan.layouts"],
    ["主要预期目标", "{{plan.lists.annual.rows.length}} 项", "plan.lists.annual.rows"],
    ["上年完成情况", "{{plan.lists.results.rows.length}} 项", "plan.lists.results.rows"],
    ["重点任务", "{{plan.lists.tasks.rows.length}} 项", "plan.lists.tasks.rows"],
    ["规划目标", "{{plan.lists.goals.rows.length}} 项（正文中的目标）", "plan.lists.goals.rows"],
    ["源文件", "{{plan.sourceFile}}", null],
    ["源文件 SHA-256", "{{plan.sha256}}", null],
    ["生成时间", "{{generatedAt}}（北京时间）", null],
    ["Planbook 版本", "{{version}}", null],
  ];
  rows.forEach(([label, value, showIf], i) => {
    const r = i + 3;
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 1).style = LABEL;
    ws.getCell(r, 2).value = value;
    ws.getCell(r, 2).style = TEXT;
    ws.mergeCells(r, 2, r, 4);
    ws.getRow(r).height = 22;
    if (showIf) ws.getCell(r, 1).note = `jx:if(condition="${showIf}" lastCell="D${r}")`;
  });
  ws.getColumn(1).width = 18;
  for (const c of [2, 3, 4]) ws.getColumn(c).width = 34;
  printReady(ws, null);
}

const INDICATOR_LAYOUT: Layout = {
  fixed: [
    { header: "类别", field: "category", width: 10, style: BODY_CENTER },
    { header: "序号", field: "seq", width: 5, style: BODY_CENTER },
    { header: "指标", field: "name", width: 30 },
    { header: "单位", field: "unit", width: 8, style: BODY_CENTER },
    { header: "属性", field: "attribute", width: 8, style: BODY_CENTER },
  ],
  repeat: { columns: "", cells: "item.values", width: 12, style: VALUE, band: true },
  after: [{ header: "说明", field: "note", width: 20 }],
};

/** An indicator table: every column of the document's table as a column of its own, the band above saying what each holds. */
function indicatorSheet(wb: ExcelJS.Workbook, name: string, view: string, table: string): void {
  const layout = { ...INDICATOR_LAYOUT, repeat: { ...INDICATOR_LAYOUT.repeat!, columns: `${view}.columns` } };
  const ws = listSheet(wb, {
    name,
    title: `{{${view}.title}}`,
    subtitle: `{{plan.region}} · {{plan.periodLabel}} · {{${view}.role}}`,
    showIf: `${view}.rows`,
    table,
    items: `${view}.rows`,
    item: "item",
    layout,
    notes: [{ items: `${view}.notes`, text: "{{note}}" }],
  });
  ws.getCell("A3").value = "列的含义";
  ws.mergeCells("A3:E3");
  // 约束性 (binding) indicators are the ones a clerk is held to: shade them so they stand out on paper too.
  ws.addConditionalFormatting({
    ref: "A5:G5",
    rules: [{ type: "expression", priority: 1, formulae: ['$E5="约束性"'], style: { font: { bold: true, color: { argb: "FF9C0006" } }, fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFCE4D6" } } } }],
  });
}

function otherIndicatorTables(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("其他指标表");
  const layout: Layout = { ...INDICATOR_LAYOUT, repeat: { ...INDICATOR_LAYOUT.repeat!, columns: "t.columns" } };
  const width = widthOf(layout);
  const last = letter(width);
  title(ws, "其他指标表", "{{plan.region}} · {{plan.periodLabel}}", width);
  ws.getCell("A3").value = "{{t.title}}（{{t.role}}）";
  ws.getCell("A3").style = LABEL;
  ws.mergeCells(`A3:${last}3`);
  writeColumns(ws, 5, layout, "item");
  ws.getCell("A6").note = `jx:each(items="t.rows" var="item" lastCell="${last}6")`;
  ws.getCell("A7").value = "{{note}}";
  ws.getCell("A7").style = NOTE;
  ws.mergeCells(`A7:${last}7`);
  ws.getCell("A7").note = `jx:each(items="t.notes" var="note" lastCell="${last}7")`;
  ws.getCell("A3").note = `jx:each(items="plan.otherIndicatorTables" var="t" lastCell="${last}8")`;
  ws.getCell("A1").note = `jx:if(condition="plan.otherIndicatorTables" lastCell="${last}8")`;
  printReady(ws, "4:5");
}

/** A project's columns, the same in a plan's 项目库 and in the register of many plans; the optional ones only where some project fills them. */
const PROJECT_FIXED: Column[] = [
  { header: "专栏", field: "boxLabel", width: 9, style: BODY_CENTER },
  { header: "专栏名称", field: "boxTitle", width: 24 },
  { header: "分组", field: "group", width: 14 },
  { header: "项目名称", field: "name", width: 36 },
];
/** `lists`: the view's names for the wide and the short optional columns ("plan.projectColumns", "plan.projectDetails") */
const projectLayout = (lists: [string, string], nameHeader = "项目名称"): Layout => ({
  fixed: PROJECT_FIXED.map((c) => (c.field === "name" ? { ...c, header: nameHeader } : c)),
  repeat: { columns: lists[0], cells: "project.cells", width: 24 },
  after: [],
  then: { repeat: { columns: lists[1], cells: "project.details", width: 10, style: VALUE }, after: [] },
});

function projects(wb: ExcelJS.Workbook): void {
  listSheet(wb, {
    name: "项目库",
    title: "重点项目库",
    subtitle: "{{plan.region}} · {{plan.periodLabel}} · 共 {{plan.projects.length}} 个项目",
    showIf: "plan.projects",
    table: "项目库_",
    items: "plan.projects",
    item: "project",
    layout: projectLayout(["plan.projectColumns", "plan.projectDetails"]),
  });
  listSheet(wb, {
    name: "布局与方向",
    title: "布局与方向",
    subtitle: "{{plan.region}} · {{plan.periodLabel}} · 专栏中列出的园区、片区、产业方向共 {{plan.layouts.length}} 处（不是项目，不计入项目数）",
    showIf: "plan.layouts",
    table: "布局与方向_",
    items: "plan.layouts",
    item: "project",
    layout: projectLayout(["plan.layoutColumns", "plan.layoutDetails"], "名称"),
  });
}

const TARGET_LAYOUT = (list: string): Layout => ({
  fixed: [
    { header: "指标", field: "metric", width: 28 },
    { header: "表述", field: "raw", width: 16 },
    { header: "数值", field: "value", width: 9, style: NUMBER },
    { header: "单位", field: "unit", width: 8, style: BODY_CENTER },
    { header: "类型", field: "kind", width: 8, style: BODY_CENTER },
  ],
  repeat: { columns: `${list}.columns`, cells: "target.cells", width: 9, style: BODY_CENTER },
  after: [
    { header: "原文", field: "text", width: 46 },
    { header: "行号", field: "line", width: 6, style: BODY_CENTER },
  ],
});

function targets(wb: ExcelJS.Workbook, name: string, list: string, heading: string): void {
  listSheet(wb, {
    name,
    title: heading,
    subtitle: "{{plan.region}} · {{plan.periodLabel}} · 一个目标写了几个数值的（如城镇、农村），每个数值一行",
    showIf: `${list}.rows`,
    table: `${name}_`,
    items: `${list}.rows`,
    item: "target",
    layout: TARGET_LAYOUT(list),
  });
}

function outline(wb: ExcelJS.Workbook): void {
  listSheet(wb, {
    name: "目录",
    title: "目录",
    subtitle: "{{plan.title}}",
    showIf: "plan.outline",
    table: null,
    items: "plan.outline",
    item: "node",
    layout: {
      fixed: [
        { header: "层级", field: "level", width: 6, style: BODY_CENTER },
        { header: "编号", field: "label", width: 10, style: BODY_CENTER },
        { header: "标题", field: "indented", width: 80 },
      ],
      repeat: null,
      after: [],
    },
  });
}

function planReport(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  cover(wb);
  indicatorSheet(wb, "主要指标", "plan.indicators", "主要指标_");
  targets(wb, "主要预期目标", "plan.lists.annual", "主要预期目标");
  targets(wb, "上年完成情况", "plan.lists.results", "上年完成情况");
  targets(wb, "重点任务", "plan.lists.tasks", "重点任务");
  projects(wb);
  targets(wb, "规划目标", "plan.lists.goals", "规划目标（正文中的目标）");
  indicatorSheet(wb, "上期完成情况", "plan.review", "上期完成情况_");
  otherIndicatorTables(wb);
  outline(wb);
  return wb;
}

const REGISTER_FIXED: Column[] = [
  { header: "地区", field: "region", width: 9, style: BODY_CENTER },
  { header: "规划", field: "plan", width: 24 },
  { header: "规划期", field: "periodLabel", width: 8, style: BODY_CENTER },
];

function projectRegister(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // autofilters rather than Excel Tables: the register is streamed, and exceljs cannot stream tables
  for (const [name, heading, items, columns, nameHeader, showIf] of [
    ["项目登记", "重点项目登记表", "projects", ["projectColumns", "projectDetails"], "项目名称", null],
    ["布局与方向", "布局与方向（不是项目，不计入项目数）", "layouts", ["layoutColumns", "layoutDetails"], "名称", "layouts"],
  ] as const) {
    const base = projectLayout([...columns], nameHeader);
    listSheet(wb, {
      name,
      title: heading,
      subtitle: `共 {{${items}.length}} ${items === "projects" ? "个项目" : "处"} · 生成于 {{generatedAt}}（北京时间）`,
      showIf,
      table: null,
      items,
      item: "project",
      layout: { ...base, fixed: [...REGISTER_FIXED, ...base.fixed] },
    });
  }
  return wb;
}

function comparison(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  listSheet(wb, {
    name: "指标对比",
    title: "主要指标对比",
    subtitle: "目标年数值（没有目标值的取年均增速）；一行只有一种单位和一种数值类型，换算见“说明”；名称归并见“匹配说明”，只在一个规划中出现的见“未匹配指标”",
    showIf: null,
    table: "指标对比",
    items: "comparison.rows",
    item: "row",
    layout: {
      fixed: [
        { header: "指标", field: "name", width: 30 },
        { header: "单位", field: "unit", width: 9, style: BODY_CENTER },
        { header: "类型", field: "kind", width: 9, style: BODY_CENTER },
      ],
      repeat: { columns: "comparison.columns", cells: "row.cells", width: 14, style: VALUE },
      after: [{ header: "说明", field: "note", width: 30 }],
    },
  });
  listSheet(wb, {
    name: "匹配说明",
    title: "名称匹配说明",
    subtitle: "对比表中每一行由哪些规划的哪个名称、按什么规则归并（同义词表：templates/synonyms.txt）",
    showIf: "comparison.matches",
    table: null,
    items: "comparison.matches",
    item: "m",
    layout: {
      fixed: [
        { header: "对比行", field: "name", width: 30 },
        { header: "规划", field: "header", width: 16 },
        { header: "原文名称", field: "printed", width: 34 },
        { header: "匹配方式", field: "rule", width: 44 },
      ],
      repeat: null,
      after: [],
    },
  });
  listSheet(wb, {
    name: "未匹配指标",
    title: "未匹配指标",
    subtitle: "只在一个规划中出现的指标，列出以便核对",
    showIf: "comparison.unmatched",
    table: null,
    items: "comparison.unmatched",
    item: "u",
    layout: {
      fixed: [
        { header: "规划", field: "header", width: 16 },
        { header: "指标", field: "name", width: 34 },
        { header: "单位", field: "unit", width: 9, style: BODY_CENTER },
        { header: "类型", field: "kind", width: 9, style: BODY_CENTER },
        { header: "目标年数值", field: "value", width: 16, style: VALUE },
      ],
      repeat: null,
      after: [],
    },
  });
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
  const synonyms = join(dir, "synonyms.txt");
  await writeFileAtomic(synonyms, DEFAULT_SYNONYMS_TEXT);
  written.push(synonyms);
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
