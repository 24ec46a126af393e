/**
 * The Plan: what Planbook reads out of one planning document. Every other part of Planbook
 * (workbooks, library, service, add-in, schedules) consumes this shape and nothing else.
 * The JSON Schema beside this file (plan.schema.json) must be kept in step with these types.
 */

export const SCHEMA_VERSION = 1;

/** Every kind of document Planbook reads; one list for the parser, the service, the jobs file and the CLI. */
export const PLAN_KINDS = ["five-year-plan", "work-report", "work-report-digest", "statistical-bulletin", "unknown"] as const;

/** five-year-plan: 规划纲要; work-report: 政府工作报告; work-report-digest: its 解读; statistical-bulletin: 国民经济和社会发展统计公报 */
export type PlanKind = (typeof PLAN_KINDS)[number];

/** How a clerk names each kind, in workbooks, the CLI and the task pane. */
export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  "five-year-plan": "五年规划纲要",
  "work-report": "政府工作报告",
  "work-report-digest": "政府工作报告解读",
  "statistical-bulletin": "统计公报",
  unknown: "其他文件",
};

export type Comparator = "=" | "≈" | ">" | "≥" | "<" | "≤";

/**
 * What a figure is, so that no one sets a growth rate beside a level unmarked:
 * level — a quantity at a point in time (常住人口城镇化率 65, 地区生产总值 2048亿元);
 * rate — a yearly rate of change (地区生产总值增长 7, 年均增长 6左右);
 * cumulative — a change over the whole period, printed in brackets ([4], 五年累计);
 * text — words without a figure (与经济增长同步, 完成省下达任务).
 */
export type ValueKind = "level" | "rate" | "cumulative" | "text";

/** One of several figures printed together ("75%和93%", "城镇52236元、农村28036元", "800元/月、610元/月"). */
export interface QuantityPart {
  raw: string;
  value: number | null;
  comparator: Comparator | null;
  /** the upper end of a range ("10-20年一遇": value 10, upper 20), else null */
  upper: number | null;
  unit: string | null;
  /** who or what the figure is for, where the text names it (城镇, 农村), else null */
  subject: string | null;
}

/** A value as printed ("7左右", "[4]", ">95", "控制在省下达指标内") and what it means. */
export interface Quantity {
  /** the text exactly as printed, inner wrapping whitespace removed */
  raw: string;
  /** the number, or null when the value is words only */
  value: number | null;
  /** "7左右" → ≈, ">7" → >, "5.5万人以上" → ≥, a plain number → "=", words only → null */
  comparator: Comparator | null;
  /** printed in brackets "[4]": a five-year cumulative figure, not a yearly one */
  cumulative: boolean;
  /** the words when there is no number ("与GDP增长同步"), else null */
  text: string | null;
  /** a unit printed with the number in prose ("5.5万人以上" → "万人"), else null */
  unit: string | null;
  /** what the figure is (a level, a yearly rate, a cumulative change, words); decided where the column or clause is known */
  kind: ValueKind;
  /** the upper end of a range ("10-20年一遇": value 10, upper 20); absent or null when the value is one number */
  upper?: number | null;
  /** every figure when several are printed together; `value`, `unit` and `comparator` above are the first part's. Absent for one figure. */
  parts?: QuantityPart[];
}

export interface SourceInfo {
  path: string;
  sha256: string;
  /** the text encoding of a text file, else the container format the text was read from */
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "docx" | "doc" | "html" | "pdf";
  bytes: number;
}

export interface Period {
  /** "十四五", "十五五", or for a yearly report "2024年" */
  label: string;
  start: number | null;
  end: number | null;
}

export interface OutlineNode {
  level: number;
  /** the numbering as printed: "第一章", "第二节", "一、", "（一）", "1." */
  label: string;
  title: string;
  line: number;
  children: OutlineNode[];
}

export type IndicatorAttribute = "预期性" | "约束性";

export interface Indicator {
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  parent: string | null;
  baseline: Quantity | null;
  target: Quantity | null;
  rate: Quantity | null;
  attribute: IndicatorAttribute | null;
  /** markers printed on the row: "*", "※", "▲", and footnote marks such as "[1]" */
  flags: string[];
  /** every column the fields above do not take (review tables: 2019年, 2020年 …), header → value */
  cells: Record<string, Quantity | null>;
  line: number;
}

/**
 * What one column of an indicator table holds. baseline, target and rate feed the Indicator's own
 * fields; a review table's actual (实际/完成) and estimate (预计) figures and its 完成情况 verdict,
 * like any other column, are kept in `cells` under the column's header.
 */
export type ColumnMeaning = "category" | "seq" | "name" | "unit" | "attribute" | "baseline" | "target" | "rate" | "actual" | "estimate" | "completion" | "other";

export interface TableColumn {
  /** the header as printed (inner spaces removed), the key of `cells` */
  header: string;
  meaning: ColumnMeaning;
  /** the year the column is about ("2020年实际" → 2020), else null */
  year: number | null;
}

export interface IndicatorTable {
  title: string;
  /** targets: the plan's own goals; review: the previous plan's completion */
  role: "targets" | "review";
  baseYear: number | null;
  targetYear: number | null;
  /** the headers as printed, in order */
  columns: string[];
  /** what each column holds, in the same order as `columns` */
  columnInfo: TableColumn[];
  line: number;
  indicators: Indicator[];
  notes: string[];
}

export interface Project {
  name: string;
  content?: string;
  location?: string;
  investment?: Quantity;
  investmentUnit?: string;
  annualInvestment?: Quantity;
  period?: string;
  phase?: string;
  capacity?: string;
  line?: number;
}

export interface ProjectGroup {
  name: string | null;
  projects: Project[];
}

export interface ProjectBox {
  /** "专栏 5-1" as printed with spacing normalised, or "专栏" when unnumbered */
  label: string;
  title: string;
  kind: "projects" | "layout" | "indicators";
  /** the chapter / section the box sits in */
  section: string | null;
  line: number;
  groups: ProjectGroup[];
}

export interface Target {
  /** what is measured, e.g. "地区生产总值增长", "高新技术产业增加值占GDP比重" */
  metric: string;
  /** the expression with its qualifier: "7%", "5.5万人以上", "控制在3%左右" */
  raw: string;
  year: number | null;
  value: Quantity;
  /** the sentence or clause it came from */
  text: string;
  line: number;
}

export interface Warning {
  code: string;
  message: string;
  line: number | null;
}

export interface Plan {
  schemaVersion: number;
  /** stable for a document's identity (region + kind + period), the same across its revisions */
  id: string;
  source: SourceInfo;
  kind: PlanKind;
  title: string;
  region: string | null;
  period: Period;
  outline: OutlineNode[];
  indicatorTables: IndicatorTable[];
  projectBoxes: ProjectBox[];
  /** prose targets of a plan ("到2025年……达到23%") */
  targets: Target[];
  /** a work report's 主要预期目标 for its year */
  annualTargets: Target[];
  /** a work report's review of the year before: the achieved figures */
  lastYearResults: Target[];
  /** a work report's quantified commitments for its year ("改造老旧小区97个") */
  tasks: Target[];
  warnings: Warning[];
}
