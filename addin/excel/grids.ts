/**
 * The service's JSON turned into grids: one builder per kind of Planbook table. A quantity
 * becomes two columns — the number (for sums and charts) and the text exactly as printed
 * ("7左右", "[4]", ">95"), because the qualifier is part of what the plan says.
 */
import type {
  CompareResponse,
  IndicatorsResponse,
  ProjectRow,
  Quantity,
  TargetsResponse,
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

const TARGET_LISTS: Array<[keyof Omit<TargetsResponse, "plan">, string]> = [
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

export function targetsGrid(response: TargetsResponse): Grid {
  const rows: TargetRow[] = [];
  for (const [key, list] of TARGET_LISTS) for (const target of response[key] ?? []) rows.push({ ...target, list });
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
