/**
 * The JSON the HTTPS service answers with (generator/serve) and the add-in reads (addin/).
 * Types only: the add-in imports this file and nothing else of the generator.
 */
import type { Indicator, IndicatorTable, Period, PlanKind, Project, Quantity, Target, Warning } from "./plan";

export interface PlanSummary {
  id: string;
  /** 1 for the first ingest, +1 for every changed document */
  revision: number;
  region: string | null;
  kind: PlanKind;
  period: Period;
  title: string;
  sha256: string;
  /** the document's path relative to the library's folder, or its file name when it lies elsewhere: never a machine's absolute path */
  sourcePath: string;
  /** the document's file name (always set by the library) */
  sourceName?: string;
  indicatorCount: number;
  projectCount: number;
  targetCount: number;
  /** ISO time the revision was stored */
  ingestedAt: string;
}

export interface PlanListResponse {
  plans: PlanSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlanResponse {
  plan: PlanSummary;
  outline: import("./plan").OutlineNode[];
  boxes: Array<{ label: string; title: string; kind: string; section: string | null; groups: Array<{ name: string | null; count: number }>; count: number }>;
  warnings: Warning[];
}

export interface IndicatorsResponse {
  plan: PlanSummary;
  tables: IndicatorTable[];
}

/** one row of a project register: a project with the box and group it sits in */
export interface ProjectRow extends Project {
  box: string;
  boxTitle: string;
  /** projects: works; layout: places and directions (布局, 方向), listed only when their box is asked for and never counted as projects */
  boxKind: "projects" | "layout" | "indicators";
  group: string | null;
  section: string | null;
}

export interface ProjectsResponse {
  plan: PlanSummary;
  projects: ProjectRow[];
  total: number;
}

export interface TargetsResponse {
  plan: PlanSummary;
  targets: Target[];
  annualTargets: Target[];
  lastYearResults: Target[];
  tasks: Target[];
}

export interface SearchHit {
  type: "indicator" | "project";
  planId: string;
  revision: number;
  region: string | null;
  kind: PlanKind;
  period: Period;
  name: string;
  /** box label for a project, table title for an indicator */
  context: string;
  score: number;
  /** for an indicator hit: the row itself, so a list of hits can show unit, target and 属性 (absent when the row cannot be found again) */
  indicator?: SearchHitIndicator;
}

export interface SearchHitIndicator {
  unit: string | null;
  baseline: Quantity | null;
  target: Quantity | null;
  rate: Quantity | null;
  attribute: Indicator["attribute"];
  role: IndicatorTable["role"];
  baseYear: number | null;
  targetYear: number | null;
  line: number;
}

export interface SearchResponse {
  query: string;
  results: SearchHit[];
}

export interface CompareRow {
  planId: string;
  revision: number;
  region: string | null;
  kind: PlanKind;
  period: Period;
  indicator: Pick<Indicator, "name" | "unit" | "baseline" | "target" | "rate" | "attribute" | "category">;
  baseYear: number | null;
  targetYear: number | null;
  /** where the row comes from: an indicator table, or a prose / annual target (work reports have no tables) */
  source?: "indicator" | "target";
  /** for table rows: the plan's own targets, or its review of the previous plan (then `period` is the period reviewed) */
  role?: "targets" | "review";
  /** how this row's name matched the one asked for: the same text, the same once printing marks are gone, or through synonyms ("GDP ↔ 地区生产总值") */
  match?: import("./names").NameMatch;
}

export interface CompareResponse {
  indicator: string;
  normalized: string;
  rows: CompareRow[];
}

export interface HealthResponse {
  status: "ok";
  version: string;
  plans: number;
  /** documents that could not be ingested (GET /api/failures lists them) */
  failed?: number;
  /** true when the library is served read-only (no folder is watched) */
  readonly?: boolean;
  time: string;
}

/** A document kept out of the library, and why. */
export interface IngestFailureInfo {
  /** relative to the library's folder, or the file name alone */
  path: string;
  name: string;
  /** unreadable | not-a-plan | out-of-memory | timeout | failed */
  code: string;
  /** in Chinese, for the clerk */
  reason: string;
  sha256: string;
  bytes: number;
  failedAt: string;
}

export interface FailuresResponse {
  failures: IngestFailureInfo[];
  total: number;
}

export interface ErrorResponse {
  error: string;
  message: string;
}

// ---- many lookups in one request (POST /api/lookup): what the =PLANBOOK.… functions ask ------

/**
 * One question a worksheet function asks. Names are matched in the service (region with or
 * without 市/县/区, a plan by id or period label, indicators through normalizeIndicatorName), so
 * every client gets the same answer for the same words.
 */
export type Lookup =
  /** one figure or fact of one indicator; `field` in Chinese or English, default 目标 */
  | { fn: "value"; region: string; plan: string; indicator: string; field?: string }
  /** one indicator table; `table` is part of its title, 目标/回顾, or its 1-based number; default the plan's own targets table */
  | { fn: "table"; region: string; plan: string; table?: string }
  /** the project register, or one box of it (label such as 专栏 5-1, or part of its title) */
  | { fn: "projects"; region: string; plan: string; box?: string }
  /** a work report's 主要预期目标 for a year */
  | { fn: "targets"; region: string; year: string };

export interface LookupRequest {
  lookups: Lookup[];
}

/** The canonical field a `value` lookup asked for, whatever words it used. */
export type LookupField =
  | "baseline" | "target" | "rate" | "actual" | "estimate" | "attribute" | "unit" | "comparator" | "kind"
  | "raw" | "baseYear" | "targetYear" | "name" | "category" | "table" | "line" | "plan"
  | MonitoringLookupField;

/**
 * Fields answered from a five-year plan's monitoring (generator/library/lookup-monitoring.ts): a
 * year's own target ("2024年目标") and its text as printed, the year's actual ("2023年实际"), where
 * the actual came from, the year's verdict ("2023年状态"), and the indicator's status and its reason.
 */
export type MonitoringLookupField = "yearTarget" | "yearTargetRaw" | "yearActual" | "yearSource" | "yearVerdict" | "status" | "reason";

export type LookupErrorCode = "not-found" | "bad-field" | "bad-lookup";

export type LookupResult =
  | {
      ok: true;
      /** key into LookupResponse.plans */
      plan: string;
      field: LookupField;
      /** a number where the source printed a plain figure (qualifier in the comparator field), else the text as printed */
      value: number | string;
      /** the row the value came from, so a clerk can check it: name as printed, its table (or target list) and source line */
      source: { name: string; table: string; line: number };
    }
  /**
   * table, projects, targets: the rows a worksheet spills, header row first, every row as wide;
   * figures as numbers only where printed plain, else as printed, empty cells ""
   */
  | { ok: true; plan: string; title: string; rows: Array<Array<number | string>> }
  | { ok: false; error: LookupErrorCode; message: string };

export interface LookupResponse {
  /** the library generation the answers come from: rises with every ingest */
  generation: number;
  /** one per lookup, in the order asked */
  results: LookupResult[];
  /** every plan a result names, by id */
  plans: Record<string, PlanSummary>;
}
