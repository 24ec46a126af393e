/**
 * What templates see: Plans turned into rows a clerk reads. Quantities become a display value (a
 * number when the document printed a plain number, else the text exactly as printed) plus a
 * number for sorting; names and labels are the document's own. Every column of an indicator table
 * reaches the sheet as a column of its own, headed as printed and labelled by what it holds.
 */
import { PLAN_KIND_LABELS, type ColumnMeaning, type Indicator, type IndicatorTable, type OutlineNode, type Plan, type Quantity, type Target, type TableColumn } from "../model";
import { numberedOutline } from "./outline-view";
import { layoutRows, projectRows, withColumns, type ProjectColumn, type ProjectRow } from "./project-views";
import { displayQuantity, KIND_LABELS, numberOf, seqValue, type Display } from "./values";

export { beijingTime, comparableForm, displayQuantity, effectiveUnit, KIND_LABELS, numberOf, type Display } from "./values";
export { layoutRows, projectRows, type ProjectColumn, type ProjectRow } from "./project-views";

export interface IndicatorRow {
  category: string | null;
  /** a number where 序号 is one */
  seq: Display;
  name: string;
  unit: string | null;
  parent: string | null;
  baseline: Display;
  baselineNumber: number | null;
  target: Display;
  targetNumber: number | null;
  rate: Display;
  rateNumber: number | null;
  attribute: string | null;
  constrained: boolean;
  note: string | null;
  /** one per column of the table's `columns`, in order */
  values: Array<{ value: Display }>;
}

/** One value column of an indicator table as a sheet shows it. */
export interface ValueColumn {
  /** the header as printed ("实际完成情况 2020年"), or "… 数值" for the sortable numbers beside a column of text */
  header: string;
  /** what the column holds: 基期, 目标, 年均/累计, 实际, 预计 … */
  meaning: string;
}

export interface IndicatorTableView {
  title: string;
  role: string;
  baseYearHeader: string;
  targetYearHeader: string;
  columns: ValueColumn[];
  /** which column is the target and which the actual, in a sentence for the sheet */
  columnNote: string;
  rows: IndicatorRow[];
  notes: string[];
}

/** the brackets a cumulative figure is printed in ("〔5.3〕", "[2]"), so the note names what the clerk sees */
const BRACKETS: Record<string, string> = { "[": "[ ]", "［": "［ ］", "【": "【 】", "〔": "〔 〕" };

function indicatorNote(ind: Indicator): string | null {
  const parts: string[] = [];
  if (ind.parent) parts.push(`属于“${ind.parent}”`);
  if (ind.rate?.cumulative) {
    const brackets = BRACKETS[ind.rate.raw.trim().charAt(0)];
    parts.push(brackets ? `${brackets}内为累计数` : "年均/累计栏为累计数");
  }
  if (ind.flags.length) parts.push(`标记 ${ind.flags.join(" ")}`);
  return parts.length ? parts.join("；") : null;
}

const MEANING_LABELS: Partial<Record<ColumnMeaning, string>> = {
  baseline: "基期",
  target: "目标",
  rate: "年均/累计",
  actual: "实际",
  estimate: "预计",
  completion: "完成情况",
  other: "其他",
};
const REVIEW_LABELS: Partial<Record<ColumnMeaning, string>> = { target: "规划目标", rate: "规划年均/累计", actual: "实际完成" };

interface Source {
  column: TableColumn;
  get(ind: Indicator): Quantity | null;
}

/** The table's value columns: from columnInfo, or (a Plan written before it existed) from its years and cells. */
function sourcesOf(t: IndicatorTable): Source[] {
  const field = (m: ColumnMeaning) => (ind: Indicator) => (m === "baseline" ? ind.baseline : m === "target" ? ind.target : ind.rate);
  const cell = (header: string) => (ind: Indicator) => ind.cells[header] ?? null;
  if (t.columnInfo?.length) {
    return t.columnInfo
      .filter((c) => !["category", "seq", "name", "unit", "attribute"].includes(c.meaning))
      .map((c) => ({ column: c, get: c.meaning === "baseline" || c.meaning === "target" || c.meaning === "rate" ? field(c.meaning) : cell(c.header) }));
  }
  const out: Source[] = [
    { column: { header: t.baseYear ? `${t.baseYear}年` : "基期", meaning: "baseline", year: t.baseYear }, get: field("baseline") },
    { column: { header: t.targetYear ? `${t.targetYear}年` : "目标年", meaning: "target", year: t.targetYear }, get: field("target") },
    { column: { header: "年均/累计", meaning: "rate", year: null }, get: field("rate") },
  ];
  const seen = new Set<string>();
  for (const ind of t.indicators) for (const h of Object.keys(ind.cells)) if (!seen.has(h)) seen.add(h);
  for (const h of seen) out.push({ column: { header: h, meaning: /实际|完成/u.test(h) ? "actual" : /预计/u.test(h) ? "estimate" : "other", year: null }, get: cell(h) });
  return out;
}

/**
 * Value columns in print order, without the ones no row fills; beside a column that prints text as
 * well as figures ("[4]", ">285", "控制在…"), its figures as numbers to sort and sum by (`numbers`).
 */
function tableColumns(t: IndicatorTable, numbers: boolean): Array<{ view: ValueColumn; value(ind: Indicator): Display }> {
  const labels = t.role === "review" ? { ...MEANING_LABELS, ...REVIEW_LABELS } : MEANING_LABELS;
  const out: Array<{ view: ValueColumn; value(ind: Indicator): Display }> = [];
  for (const s of sourcesOf(t)) {
    const values = t.indicators.map((ind) => s.get(ind));
    if (values.every((q) => q === null)) continue;
    const meaning = labels[s.column.meaning] ?? "其他";
    out.push({ view: { header: s.column.header, meaning }, value: (ind) => displayQuantity(s.get(ind)) });
    const texts = values.some((q) => q !== null && typeof displayQuantity(q) === "string" && q.value !== null);
    if (numbers && texts) out.push({ view: { header: `${s.column.header} 数值`, meaning: `${meaning}（数值）` }, value: (ind) => numberOf(s.get(ind)) });
  }
  return out;
}

function columnNote(t: IndicatorTable, columns: ValueColumn[]): string {
  const by = (meaning: string) => columns.filter((c) => c.meaning === meaning).map((c) => c.header);
  const parts: string[] = [];
  for (const m of t.role === "review" ? ["规划目标", "规划年均/累计", "实际完成", "预计"] : ["基期", "目标", "年均/累计", "实际", "预计"]) {
    const list = by(m);
    if (list.length) parts.push(`${m}：${list.join("、")}`);
  }
  return parts.join("；");
}

export function indicatorRow(ind: Indicator, columns: Array<{ value(ind: Indicator): Display }> = []): IndicatorRow {
  return {
    category: ind.category,
    seq: seqValue(ind.seq),
    name: ind.name,
    unit: ind.unit,
    parent: ind.parent,
    baseline: displayQuantity(ind.baseline),
    baselineNumber: numberOf(ind.baseline),
    target: displayQuantity(ind.target),
    targetNumber: numberOf(ind.target),
    rate: displayQuantity(ind.rate),
    rateNumber: numberOf(ind.rate),
    attribute: ind.attribute,
    constrained: ind.attribute === "约束性",
    note: indicatorNote(ind),
    values: columns.map((c) => ({ value: c.value(ind) })),
  };
}

/**
 * `numbers`: beside each column that prints text, its figures as numbers (the plan's own table,
 * which clerks sort and compute with); a review table, wide already, shows its columns as printed.
 */
export function indicatorTableView(t: IndicatorTable | null, numbers = t?.role !== "review"): IndicatorTableView {
  const columns = t ? tableColumns(t, numbers) : [];
  const views = columns.map((c) => c.view);
  return {
    title: t?.title || (t ? "主要指标" : ""),
    role: t?.role === "review" ? "上期完成情况" : "规划目标",
    baseYearHeader: t?.baseYear ? `${t.baseYear}年` : "基期",
    targetYearHeader: t?.targetYear ? `${t.targetYear}年` : "目标年",
    columns: views,
    columnNote: t ? columnNote(t, views) : "",
    rows: t?.indicators.map((ind) => indicatorRow(ind, columns)) ?? [],
    notes: t?.notes ?? [],
  };
}

export interface TargetRow {
  type: string;
  metric: string;
  /** whose figure it is, where a target prints several (城镇, 农村) */
  subject: string | null;
  raw: string;
  year: number | null;
  value: number | null;
  /** the upper end of a range ("10-20年一遇") */
  upper: number | null;
  unit: string | null;
  /** 水平值, 年增速, 累计变化, 文字 */
  kind: string;
  text: string;
  line: number;
  /** the values of the list's optional columns (TargetList.columns), in order */
  cells: Array<{ value: Display }>;
}

/** A list of targets with the optional columns some row fills (分项, 上限) and 年份, which every list keeps. */
export interface TargetList {
  rows: TargetRow[];
  columns: Array<{ header: string }>;
}

const TARGET_OPTIONAL: Array<{ header: string; field: "subject" | "upper" | "year"; always?: boolean }> = [
  { header: "分项", field: "subject" },
  { header: "上限", field: "upper" },
  { header: "年份", field: "year", always: true },
];

function targetList(rows: TargetRow[]): TargetList {
  const columns = TARGET_OPTIONAL.filter((c) => c.always || rows.some((r) => r[c.field] !== null));
  for (const r of rows) r.cells = columns.map((c) => ({ value: r[c.field] }));
  return { rows, columns: columns.map((c) => ({ header: c.header })) };
}

/** One row per figure: a target that prints several ("75%和93%") is a row for each, with its subject and unit. */
function targetRows(type: string, list: Target[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const t of list) {
    const base = { type, metric: t.metric, year: t.year, kind: KIND_LABELS[t.value.kind], text: t.text, line: t.line, cells: [] };
    if (t.value.parts) for (const p of t.value.parts) rows.push({ ...base, subject: p.subject, raw: p.raw, value: p.value, upper: p.upper, unit: p.unit });
    else rows.push({ ...base, subject: null, raw: t.raw, value: t.value.value, upper: t.value.upper ?? null, unit: t.value.unit });
  }
  return rows;
}

export interface OutlineRow {
  level: number;
  /** the numbering; Word's "1." chapters numbered by their order in the document */
  label: string;
  title: string;
  /** the title indented with ideographic spaces by level: a style cannot vary per row, text can */
  indented: string;
}

function outlineRows(nodes: OutlineNode[]): OutlineRow[] {
  return numberedOutline(nodes).map(({ node, label }) => ({
    level: node.level,
    label,
    title: node.title,
    indented: `${"　".repeat(Math.max(0, node.level - 1) * 2)}${node.title}`,
  }));
}

export interface PlanView {
  id: string;
  title: string;
  region: string | null;
  kind: string;
  periodLabel: string;
  start: number | null;
  end: number | null;
  /** "十四五（2021—2025年）", "2024年" */
  periodText: string;
  sourceFile: string;
  sourcePath: string;
  sha256: string;
  encoding: string;
  /** the plan's own targets table (or, lacking one, the first table) */
  indicators: IndicatorTableView;
  /** the first review table (上期完成情况) when the plan's own table is another */
  review: IndicatorTableView;
  otherIndicatorTables: IndicatorTableView[];
  /** how many indicators, and in which tables: the same count the library and the task pane show */
  indicatorCount: number;
  indicatorSummary: string;
  projects: ProjectRow[];
  projectColumns: ProjectColumn[];
  projectDetails: ProjectColumn[];
  projectSummary: string;
  layouts: ProjectRow[];
  layoutColumns: ProjectColumn[];
  layoutDetails: ProjectColumn[];
  /** every target list together (a clerk's own template may list them in one sheet) */
  targets: TargetRow[];
  /** each list on its own: a plan's prose goals, a report's 主要预期目标, last year's results, the year's tasks */
  lists: { goals: TargetList; annual: TargetList; results: TargetList; tasks: TargetList };
  outline: OutlineRow[];
  warnings: string[];
}

/** The table 主要指标 shows: the plan's own targets if it has them, else the first table found. */
export function primaryTable(plan: Plan): IndicatorTable | null {
  return plan.indicatorTables.find((t) => t.role === "targets") ?? plan.indicatorTables[0] ?? null;
}

function periodText(plan: Plan): string {
  const { label, start, end } = plan.period;
  if (start !== null && end !== null && start !== end) return `${label}（${start}—${end}年）`;
  return label;
}

function indicatorSummary(plan: Plan, primary: IndicatorTable | null, review: IndicatorTable | null): string {
  const total = plan.indicatorTables.reduce((n, t) => n + t.indicators.length, 0);
  if (!primary) return "0 项（文件中没有识别出指标表）";
  if (plan.indicatorTables.length === 1) return `${total} 项`;
  const tables = [primary, ...plan.indicatorTables.filter((t) => t !== primary)];
  const parts = tables.map((t) => `${t === primary ? "主要指标" : t === review ? "上期完成情况" : "其他指标表"} ${t.indicators.length} 项`);
  return `${total} 项（${parts.join("，")}）`;
}

export function planView(plan: Plan): PlanView {
  const primary = primaryTable(plan);
  const review = plan.indicatorTables.find((t) => t !== primary && t.role === "review") ?? null;
  const projects = withColumns(projectRows(plan));
  const layouts = withColumns(layoutRows(plan));
  const lists = {
    planTargets: targetRows("规划目标", plan.targets),
    annualTargets: targetRows("年度预期目标", plan.annualTargets),
    lastYearResults: targetRows("上年完成情况", plan.lastYearResults),
    tasks: targetRows("年度工作任务", plan.tasks),
  };
  return {
    id: plan.id,
    title: plan.title,
    region: plan.region,
    kind: PLAN_KIND_LABELS[plan.kind] ?? plan.kind,
    periodLabel: plan.period.label,
    start: plan.period.start,
    end: plan.period.end,
    periodText: periodText(plan),
    sourceFile: plan.source.path.split(/[\\/]/).pop() ?? plan.source.path,
    sourcePath: plan.source.path,
    sha256: plan.source.sha256,
    encoding: plan.source.encoding,
    indicators: indicatorTableView(primary),
    review: indicatorTableView(review),
    otherIndicatorTables: plan.indicatorTables.filter((t) => t !== primary && t !== review).map((t) => indicatorTableView(t)),
    indicatorCount: plan.indicatorTables.reduce((n, t) => n + t.indicators.length, 0),
    indicatorSummary: indicatorSummary(plan, primary, review),
    projects: projects.rows,
    projectColumns: projects.columns,
    projectDetails: projects.details,
    projectSummary: `${projects.rows.length} 个${layouts.rows.length ? `（另有布局与方向 ${layouts.rows.length} 处，不计入项目）` : ""}`,
    layouts: layouts.rows,
    layoutColumns: layouts.columns,
    layoutDetails: layouts.details,
    targets: [...lists.planTargets, ...lists.annualTargets, ...lists.lastYearResults, ...lists.tasks],
    lists: { goals: targetList(lists.planTargets), annual: targetList(lists.annualTargets), results: targetList(lists.lastYearResults), tasks: targetList(lists.tasks) },
    outline: outlineRows(plan.outline),
    warnings: plan.warnings.map((w) => (w.line ? `第${w.line}行：${w.message}` : w.message)),
  };
}
