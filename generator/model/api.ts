/**
 * The JSON the HTTPS service answers with (generator/serve) and the add-in reads (addin/).
 * Types only: the add-in imports this file and nothing else of the generator.
 */
import type { Indicator, IndicatorTable, Period, PlanKind, Project, Target, Warning } from "./plan";

export interface PlanSummary {
  id: string;
  /** 1 for the first ingest, +1 for every changed document */
  revision: number;
  region: string | null;
  kind: PlanKind;
  period: Period;
  title: string;
  sha256: string;
  sourcePath: string;
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
  time: string;
}

export interface ErrorResponse {
  error: string;
  message: string;
}
