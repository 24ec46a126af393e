/**
 * The service's JSON turned into grids: one builder per kind of Planbook table. A quantity
 * becomes two columns — the number (for sums and charts) and the text exactly as printed
 * ("7左右", "[4]", ">95"), because the qualifier is part of what the plan says.
 */
import type {
  ColumnMeaning,
  CompareResponse,
  Indicator,
  IndicatorTable,
  IndicatorsResponse,
  ProjectRow,
  Quantity,
  TargetsResponse,
  ValueKind,
} from "../../generator/model";
import type { CellValue, ColumnKind, Grid } from "./grid";

type Column<Row> = { header: string; kind: ColumnKind; cell: (row: Row) => CellValue | null | undefined };

function buildGrid<Row>(columns: Column<Row>[], rows: Row[]): Grid {
  return {
    headers: columns.map((c) => c.header),
    kinds: columns.map((c) => c.kind),
    rows: rows.map((row) => columns.map((c) => normalizeCell(c.cell(row)))),
  };
}

/** Empty cells are "" (null would mean "leave the old value" to Excel); numbers must be finite. */
function normalizeCell(value: CellValue | null | undefined): CellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return value;
}

const quantityNumber = (q: Quantity | null | undefined): number | null => (q && q.value !== null ? q.value : null);
const quantityText = (q: Quantity | null | undefined): string => (q ? q.raw : "");

// ---- indicators -------------------------------------------------------------------------------

export interface IndicatorFilter {
  /** only the table with this title; all tables when absent */
  table?: string;
}

type IndicatorRow = IndicatorsResponse["tables"][number]["indicators"][number] & {
  tableTitle: string;
  baseYear: number | null;
  targetYear: number | null;
};

const INDICATOR_COLUMNS: Column<IndicatorRow>[] = [
  { header: "指标表", kind: "text", cell: (r) => r.tableTitle },
  { header: "类别", kind: "text", cell: (r) => r.category },
  { header: "序号", kind: "text", cell: (r) => r.seq },
  { header: "指标名称", kind: "text", cell: (r) => r.name },
  { header: "单位", kind: "text", cell: (r) => r.unit },
  { header: "基期年", kind: "number", cell: (r) => r.baseYear },
  { header: "基期值", kind: "number", cell: (r) => quantityNumber(r.baseline) },
  { header: "目标年", kind: "number", cell: (r) => r.targetYear },
  { header: "目标值", kind: "number", cell: (r) => quantityNumber(r.target) },
  { header: "年均增长/累计", kind: "number", cell: (r) => quantityNumber(r.rate) },
  { header: "属性", kind: "text", cell: (r) => r.attribute },
  { header: "基期值（原文）", kind: "text", cell: (r) => quantityText(r.baseline) },
  { header: "目标值（原文）", kind: "text", cell: (r) => quantityText(r.target) },
  { header: "年均增长/累计（原文）", kind: "text", cell: (r) => quantityText(r.rate) },
  { header: "标注", kind: "text", cell: (r) => r.flags.join(" ") },
];

export function indicatorGrid(response: IndicatorsResponse, filter: IndicatorFilter = {}): Grid {
  const rows: IndicatorRow[] = [];
  for (const table of response.tables) {
    if (filter.table && table.title !== filter.table) continue;
    for (const indicator of table.indicators) {
      rows.push({ ...indicator, tableTitle: table.title, baseYear: table.baseYear, targetYear: table.targetYear });
    }
  }
  return buildGrid(INDICATOR_COLUMNS, rows);
}

// ---- one indicator table, its own columns -------------------------------------------------------

/** A column of figures as the table prints it: its header, what it holds, its year. */
export interface FigureColumn {
  header: string;
  meaning: ColumnMeaning;
  /** "基期", "目标", "年均/累计", "实际", "预计", "完成情况", or "" for a column of another kind */
  label: string;
  year: number | null;
  value(indicator: Indicator): Quantity | null;
}

const FIGURE_LABELS: Partial<Record<ColumnMeaning, string>> = { baseline: "基期", target: "目标", rate: "年均/累计", actual: "实际", estimate: "预计", completion: "完成情况" };
const NOT_FIGURES: ReadonlySet<ColumnMeaning> = new Set(["category", "seq", "name", "unit", "attribute"]);

/**
 * Every column of figures the table has, in its own order: baseline, target and rate from the
 * indicator's fields, every other column (a review's 实际 and 预计, 完成情况, …) from its cells.
 * A table without columnInfo (stored before it existed) still shows its three figure fields.
 */
export function figureColumns(table: IndicatorTable): FigureColumn[] {
  const info = table.columnInfo?.length ? table.columnInfo : [
    { header: table.baseYear ? `${table.baseYear}年` : "基期", meaning: "baseline" as const, year: table.baseYear },
    { header: table.targetYear ? `${table.targetYear}年` : "目标", meaning: "target" as const, year: table.targetYear },
    { header: "年均/累计", meaning: "rate" as const, year: null },
  ];
  return info
    .filter((c) => !NOT_FIGURES.has(c.meaning))
    .map((c) => ({
      header: c.header,
      meaning: c.meaning,
      label: FIGURE_LABELS[c.meaning] ?? "",
      year: c.year,
      value: (i: Indicator) =>
        c.meaning === "baseline" ? i.baseline : c.meaning === "target" ? i.target : c.meaning === "rate" ? i.rate : i.cells?.[c.header] ?? null,
    }));
}

/** How a clerk reads a value kind (Quantity.kind); a level needs no word. */
// the workbook's words for the same kinds (render/views.ts), so the pane and the printout agree
export const KIND_LABELS: Record<ValueKind, string> = { level: "水平值", rate: "年增速", cumulative: "累计", text: "文字" };

/** "基期 2020年", "年均/累计 年均增速[累计]", "实际 实际完成情况 2019年": the meaning, then the header as printed. */
export function figureHeader(column: FigureColumn): string {
  if (!column.label) return column.header;
  return column.header.includes(column.label) ? column.header : `${column.label} ${column.header}`;
}

/** Excel Tables need distinct headers: a repeated one gets " (2)", " (3)". */
function distinct(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

export interface TableGridFilter {
  /** only the indicator with this name (a search hit inserted as a one-row table) */
  indicator?: string;
}

/**
 * One indicator table as one Excel Table, with the columns it has: each column of figures twice —
 * the number (for sums and charts) and the text as printed — and, for a 年均/累计 column, the kind
 * of each figure (年均 or 累计: the same column holds both). Used for every new insert; the
 * all-tables grid above stays for tables inserted before, so their refresh keeps their columns.
 */
export function tableGrid(response: IndicatorsResponse, title: string, filter: TableGridFilter = {}): Grid {
  const table = response.tables.find((t) => t.title === title);
  if (!table) throw new Error(`这份规划已没有“${title}”这张指标表`);
  const columns: Column<Indicator>[] = [
    { header: "类别", kind: "text", cell: (r) => r.category },
    { header: "序号", kind: "text", cell: (r) => r.seq },
    { header: "指标名称", kind: "text", cell: (r) => r.name },
    { header: "单位", kind: "text", cell: (r) => r.unit },
  ];
  for (const figure of figureColumns(table)) {
    const header = figureHeader(figure);
    if (figure.meaning !== "completion" && figure.meaning !== "other") columns.push({ header, kind: "number", cell: (r) => quantityNumber(figure.value(r)) });
    columns.push({ header: `${header}（原文）`, kind: "text", cell: (r) => quantityText(figure.value(r)) });
    if (figure.meaning === "rate") columns.push({ header: `${header}（类型）`, kind: "text", cell: (r) => { const q = figure.value(r); return q ? KIND_LABELS[q.kind] ?? q.kind : null; } });
  }
  columns.push(
    { header: "属性", kind: "text", cell: (r) => r.attribute },
    { header: "标注", kind: "text", cell: (r) => r.flags.join(" ") },
    { header: "原文行号", kind: "number", cell: (r) => r.line },
  );
  const rows = table.indicators.filter((i) => !filter.indicator || i.name === filter.indicator);
  const grid = buildGrid(columns, rows);
  return { ...grid, headers: distinct(grid.headers) };
}

// ---- projects ---------------------------------------------------------------------------------

export interface ProjectFilter {
  box?: string;
  group?: string;
  keyword?: string;
}

const PROJECT_COLUMNS: Column<ProjectRow & { index: number }>[] = [
  { header: "序号", kind: "number", cell: (r) => r.index },
  { header: "专栏", kind: "text", cell: (r) => r.box },
  { header: "专栏名称", kind: "text", cell: (r) => r.boxTitle },
  { header: "分组", kind: "text", cell: (r) => r.group },
  { header: "项目名称", kind: "text", cell: (r) => r.name },
  { header: "建设内容", kind: "text", cell: (r) => r.content },
  { header: "建设地点", kind: "text", cell: (r) => r.location },
  { header: "总投资", kind: "number", cell: (r) => quantityNumber(r.investment) },
  { header: "投资单位", kind: "text", cell: (r) => r.investmentUnit ?? r.investment?.unit ?? null },
  { header: "年度投资", kind: "number", cell: (r) => quantityNumber(r.annualInvestment) },
  { header: "建设期限", kind: "text", cell: (r) => r.period },
  { header: "建设阶段", kind: "text", cell: (r) => r.phase },
  { header: "建设规模", kind: "text", cell: (r) => r.capacity },
  { header: "总投资（原文）", kind: "text", cell: (r) => quantityText(r.investment) },
  { header: "所在章节", kind: "text", cell: (r) => r.section },
];

/** The service filters by box and keyword already; group (and a second keyword pass) is applied here. */
export function filterProjects(projects: ProjectRow[], filter: ProjectFilter): ProjectRow[] {
  const keyword = filter.keyword?.trim();
  return projects.filter(
    (p) =>
      (!filter.box || p.box === filter.box) &&
      (!filter.group || p.group === filter.group) &&
      (!keyword || [p.name, p.content, p.location, p.boxTitle].some((field) => field?.includes(keyword))),
  );
}

export function projectGrid(projects: ProjectRow[]): Grid {
  return buildGrid(
    PROJECT_COLUMNS,
    projects.map((p, i) => ({ ...p, index: i + 1 })),
  );
}

// ---- targets ----------------------------------------------------------------------------------

type TargetRow = TargetsResponse["targets"][number] & { list: string };

export type TargetList = keyof Omit<TargetsResponse, "plan">;

export const TARGET_LISTS: Array<[TargetList, string]> = [
  ["targets", "规划目标"],
  ["annualTargets", "年度预期目标"],
  ["lastYearResults", "上年完成情况"],
  ["tasks", "重点任务"],
];

const TARGET_COLUMNS: Column<TargetRow>[] = [
  { header: "类型", kind: "text", cell: (r) => r.list },
  { header: "指标", kind: "text", cell: (r) => r.metric },
  { header: "年份", kind: "number", cell: (r) => r.year },
  { header: "数值", kind: "number", cell: (r) => r.value.value },
  { header: "比较", kind: "text", cell: (r) => r.value.comparator },
  { header: "单位", kind: "text", cell: (r) => r.value.unit },
  { header: "原文", kind: "text", cell: (r) => r.raw },
  { header: "出处", kind: "text", cell: (r) => r.text },
];

/** Every list of targets, or one (a work report's 主要预期目标 alone); the columns are the same either way. */
export function targetsGrid(response: TargetsResponse, only?: TargetList): Grid {
  const rows: TargetRow[] = [];
  for (const [key, list] of TARGET_LISTS) if (!only || key === only) for (const target of response[key] ?? []) rows.push({ ...target, list });
  return buildGrid(TARGET_COLUMNS, rows);
}

// ---- comparison of one indicator across plans -------------------------------------------------

type CompareRow = CompareResponse["rows"][number];

const COMPARE_COLUMNS: Column<CompareRow>[] = [
  { header: "地区", kind: "text", cell: (r) => r.region },
  { header: "规划期", kind: "text", cell: (r) => r.period.label },
  { header: "文件类型", kind: "text", cell: (r) => kindLabel(r.kind) },
  { header: "指标名称", kind: "text", cell: (r) => r.indicator.name },
  { header: "单位", kind: "text", cell: (r) => r.indicator.unit },
  { header: "基期年", kind: "number", cell: (r) => r.baseYear },
  { header: "基期值", kind: "number", cell: (r) => quantityNumber(r.indicator.baseline) },
  { header: "目标年", kind: "number", cell: (r) => r.targetYear },
  { header: "目标值", kind: "number", cell: (r) => quantityNumber(r.indicator.target) },
  { header: "年均增长/累计", kind: "number", cell: (r) => quantityNumber(r.indicator.rate) },
  { header: "属性", kind: "text", cell: (r) => r.indicator.attribute },
  { header: "目标值（原文）", kind: "text", cell: (r) => quantityText(r.indicator.target) },
  { header: "规划编号", kind: "text", cell: (r) => r.planId },
];

export function compareGrid(response: CompareResponse): Grid {
  return buildGrid(COMPARE_COLUMNS, response.rows);
}

export function kindLabel(kind: string): string {
  switch (kind) {
    case "five-year-plan":
      return "五年规划纲要";
    case "work-report":
      return "政府工作报告";
    case "work-report-digest":
      return "政府工作报告解读";
    default:
      return "其他";
  }
}
