/**
 * The Plan: what Planbook reads out of one planning document. Every other part of Planbook
 * (workbooks, library, service, add-in, schedules) consumes this shape and nothing else.
 * The JSON Schema beside this file (plan.schema.json) must be kept in step with these types.
 */

export const SCHEMA_VERSION = 1;

export type PlanKind = "five-year-plan" | "work-report" | "work-report-digest" | "unknown";

export type Comparator = "=" | "≈" | ">" | "≥" | "<" | "≤";

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
}

export interface SourceInfo {
  path: string;
  sha256: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "docx";
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

export interface IndicatorTable {
  title: string;
  /** targets: the plan's own goals; review: the previous plan's completion */
  role: "targets" | "review";
  baseYear: number | null;
  targetYear: number | null;
  columns: string[];
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
