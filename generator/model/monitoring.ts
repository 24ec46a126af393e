/**
 * Plan monitoring (规划实施监测): one five-year plan's main indicators beside what each year's work
 * report, statistical bulletin or a clerk said was achieved, with the progress a clerk can sign.
 * Pure data; generator/monitor computes it, docs/monitoring.md states the arithmetic.
 */
import type { Comparator, IndicatorAttribute, PlanKind, Quantity } from "./plan";

export const MONITORING_SCHEMA_VERSION = 1;

/**
 * 已完成: the target is reached; 进度正常: on or ahead of the path to it; 滞后: behind it;
 * 无数据: no actual for any year; 定性: a target in words, shown beside the actual without a verdict;
 * 无法比较: actuals exist but none is in the indicator's units or of its kind (the reason says which).
 */
export const MONITORING_STATUSES = ["已完成", "进度正常", "滞后", "无数据", "定性", "无法比较"] as const;
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];

/**
 * How progress is measured, from the plan's own columns:
 * level — a value to reach by the target year (常住人口城镇化率 60.1 → 65);
 * annual-rate — a yearly growth rate to hold on average (地区生产总值增长 年均 7);
 * cumulative — a change over the whole period ([4] 累计);
 * ceiling / floor — a bound not to cross (城镇调查失业率 <6, 粮食综合生产能力 >285);
 * qualitative — words (与GDP增长同步, 控制在省下达目标内), or no target at all.
 */
export type MeasureKind = "level" | "annual-rate" | "cumulative" | "ceiling" | "floor" | "qualitative";

/**
 * What a reported figure is, judged from its Quantity.kind, unit and wording: a level (1906.4亿元),
 * a growth rate in % (增长6.7%), an absolute change over a year or the period (提高1.2个百分点,
 * 新增就业5.5万人 for a flow indicator), or words.
 */
export type FigureKind = "level" | "growth" | "change" | "text";

/** Where a figure comes from: a stored document's line, or the clerk's workbook cell. */
export type FigureSource =
  | {
      type: "document";
      planId: string;
      revision: number | null;
      kind: PlanKind;
      title: string;
      /** the document's year (a plan's start year), for titles that print none ("政府工作报告") */
      year: number | null;
      path: string;
      line: number;
    }
  | {
      type: "import";
      /** the workbook's file name as imported */
      file: string;
      sheet: string;
      /** A1 reference */
      cell: string;
      importedAt: string;
    };

export interface MonitoredFigure {
  year: number;
  /** the metric as the source names it ("GDP全年累计增长") */
  metric: string;
  quantity: Quantity;
  figureKind: FigureKind;
  /** the figure's unit as printed (or the workbook row's unit) */
  unit: string | null;
  /** the value in the indicator's measure unit; null when it is not comparable or has no number */
  value: number | null;
  /** set when the value was converted from another unit by an exact rule ("亿斤 → 万吨 ×5") */
  conversion: string | null;
  comparable: boolean;
  /** why not comparable, in Chinese, naming both units or kinds */
  reason: string | null;
  /** the source said 预计 / 初步 (an estimate, not a final figure) */
  estimated: boolean;
  /** the sentence or cell text the figure came from */
  text: string;
  source: FigureSource;
}

export interface YearVerdict {
  /** actual against the plan (the annual rate, the bound, the straight path), null when there is no verdict */
  metPlan: boolean | null;
  /** actual against the year's own target from that year's work report */
  metYearTarget: boolean | null;
}

export interface MonitoringYear {
  year: number;
  /** the year's own target, from that year's work report */
  target: MonitoredFigure | null;
  /** the chosen actual: a clerk's import before a bulletin before a work report; comparable before not */
  actual: MonitoredFigure | null;
  /** every other figure found for the year, so a disagreement between sources is visible */
  others: MonitoredFigure[];
  /** what the workbook's 实际 cell shows: the comparable value, else the text as printed */
  shown: number | string | null;
  /** level and cumulative indicators: where a straight path from baseline to target stands this year */
  expected: number | null;
  verdict: YearVerdict;
}

export type Progress =
  | { kind: "level"; latestYear: number; latest: number; share: number | null; expectedByNow: number | null; requiredAnnualChange: number | null; remainingYears: number }
  | { kind: "annual-rate"; target: number; yearsCounted: number[]; averageSoFar: number; requiredRate: number | null; remainingYears: number }
  | { kind: "cumulative"; total: number; latestYear: number; soFar: number | null; share: number | null; expectedByNow: number | null; method: "level-minus-baseline" | "sum-of-changes" | "compound-rates" }
  | { kind: "bound"; bound: number; comparator: Comparator; latestYear: number; latest: number; yearsMet: number[]; yearsMissed: number[] }
  | { kind: "qualitative"; text: string | null; latestText: string | null }
  | { kind: "none" };

export interface MonitoredIndicator {
  /** normalizeIndicatorName of the plan's name: what report figures and imports are matched by */
  key: string;
  name: string;
  category: string | null;
  seq: string | null;
  parent: string | null;
  /** the plan's unit */
  unit: string | null;
  /** the unit actuals are compared in: the plan's unit, "%" for an annual rate */
  measureUnit: string | null;
  attribute: IndicatorAttribute | null;
  constrained: boolean;
  /** the plan's row line */
  line: number;
  measure: MeasureKind;
  /** what a figure a clerk types in the workbook's 实际 cell is taken as (a level, a growth rate, a yearly change) */
  clerkFigureKind: FigureKind;
  baseline: { year: number | null; value: number | null; raw: string } | null;
  target: { year: number | null; value: number | null; comparator: Comparator | null; raw: string } | null;
  rate: { value: number | null; comparator: Comparator | null; cumulative: boolean; raw: string } | null;
  years: MonitoringYear[];
  progress: Progress;
  status: MonitoringStatus;
  /** a 约束性 indicator that is 滞后: the ones a clerk must report first */
  constrainedBehind: boolean;
  /** why this status, in one Chinese sentence (always set for 无数据, 无法比较, 定性) */
  reason: string | null;
  /** every estimate, conversion, gap or disagreement a clerk should know before signing */
  notes: string[];
}

/** A figure in a report or bulletin that no plan indicator's name matches: listed, never dropped silently. */
export interface UnmatchedFigure {
  year: number;
  metric: string;
  raw: string;
  unit: string | null;
  source: FigureSource;
}

export interface MonitoringDocument {
  planId: string;
  revision: number | null;
  kind: PlanKind;
  title: string;
  path: string;
  year: number | null;
}

export interface Monitoring {
  schemaVersion: number;
  region: string | null;
  plan: { id: string; revision: number | null; title: string; periodLabel: string; start: number | null; end: number | null; baseYear: number | null; targetYear: number | null; path: string };
  /** the plan's years, start to end */
  years: number[];
  /** the latest year any indicator has an actual for, else null */
  asOf: number | null;
  documents: MonitoringDocument[];
  indicators: MonitoredIndicator[];
  summary: Record<MonitoringStatus, number>;
  unmatched: UnmatchedFigure[];
  warnings: Array<{ code: string; message: string }>;
}

/** One 实际 cell of a monitoring workbook as read back: the indicator and year its row or column says, its value and the row's unit. */
export interface WorkbookCell {
  indicator: string;
  year: number;
  /** the cell's value (a formula's cached result), percent-formatted numbers already × 100 */
  value: number | string | null;
  /** the row's 单位 cell */
  unit: string | null;
  sheet: string;
  /** A1 reference */
  cell: string;
}

/** A clerk's figure read back from a monitoring workbook's 实际 cell (stored in the library's actuals table). */
export interface ImportedActual {
  region: string;
  /** the plan's period label ("十四五") */
  periodLabel: string;
  /** the indicator's name as the workbook shows it */
  indicator: string;
  year: number;
  /** the cell's text as typed */
  raw: string;
  value: number | null;
  /** the workbook row's unit (the indicator's measure unit when the clerk did not change it) */
  unit: string | null;
  file: string;
  sheet: string;
  cell: string;
  importedAt: string;
}

/** "荆门市2024年政府工作报告第9行", "2024年政府工作报告第13行" (a title without its year gets it), "监测.xlsx 年度数据!F7" */
export function sourceLabel(s: FigureSource): string {
  if (s.type === "import") return `${s.file} ${s.sheet}!${s.cell}`;
  const title = s.year !== null && !s.title.includes(String(s.year)) ? `${s.year}年${s.title}` : s.title;
  return `${title}第${s.line}行`;
}

/** the source as every face prints it: an import says so; a later revision of a document says which */
export function sourceText(s: FigureSource): string {
  if (s.type === "import") return `导入：${sourceLabel(s)}`;
  return `${sourceLabel(s)}${s.revision !== null && s.revision > 1 ? `（第${s.revision}版）` : ""}`;
}

/** a year's verdict in words, the same in the workbook, the pane and =PLANBOOK.VALUE(…, "2023年状态") */
const VERDICT_WORDS: Record<MeasureKind, [string, string]> = {
  level: ["达到进度", "落后进度"],
  cumulative: ["达到进度", "落后进度"],
  "annual-rate": ["达到年均目标", "低于年均目标"],
  ceiling: ["达标", "未达标"],
  floor: ["达标", "未达标"],
  qualitative: ["", ""],
};

export function verdictText(y: MonitoringYear, measure: MeasureKind): string {
  const parts: string[] = [];
  if (y.verdict.metPlan !== null) parts.push(VERDICT_WORDS[measure][y.verdict.metPlan ? 0 : 1]);
  if (y.verdict.metYearTarget !== null) parts.push(y.verdict.metYearTarget ? "完成年度目标" : "未完成年度目标");
  return parts.join("，");
}
