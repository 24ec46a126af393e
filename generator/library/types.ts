import type { Plan, PlanKind, ProjectRow } from "../model";

export interface IngestResult {
  planId: string;
  revision: number;
  /** new: first revision of this identity; revised: changed bytes made a new revision; unchanged: the same bytes as a stored revision (`revision`) */
  status: "new" | "revised" | "unchanged";
  path: string;
  /** the plan's latest revision after this ingest: differs from `revision` when these bytes are an older version */
  latestRevision: number;
}

export interface PlanFilter {
  region?: string;
  kind?: PlanKind | string;
  period?: string;
}

export type SearchType = "indicator" | "project";

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}

export interface NamedChange {
  /** the table title (indicators), box label (projects) or list (targets) the item sits in */
  context: string;
  name: string;
  changes: FieldChange[];
}

export interface ItemRef {
  context: string;
  name: string;
}

export interface ListDiff {
  added: ItemRef[];
  removed: ItemRef[];
  changed: NamedChange[];
}

/** What changed between two revisions of one plan. */
export interface PlanDiff {
  planId: string;
  from: number;
  to: number;
  fields: FieldChange[];
  indicators: ListDiff;
  projects: ListDiff;
  targets: ListDiff;
}

/** Every project of a plan as register rows, in document order. */
export function flattenProjects(plan: Plan): ProjectRow[] {
  const rows: ProjectRow[] = [];
  for (const box of plan.projectBoxes) {
    for (const group of box.groups) {
      for (const project of group.projects) {
        rows.push({ ...project, box: box.label, boxTitle: box.title, boxKind: box.kind, group: group.name, section: box.section });
      }
    }
  }
  return rows;
}

export function planCounts(plan: Plan): { indicatorCount: number; projectCount: number; targetCount: number } {
  return {
    indicatorCount: plan.indicatorTables.reduce((n, t) => n + t.indicators.length, 0),
    // the works of project boxes, as the workbook's register and cover count them: a layout box's places are not projects
    projectCount: plan.projectBoxes.reduce((n, b) => (b.kind === "projects" ? n + b.groups.reduce((m, g) => m + g.projects.length, 0) : n), 0),
    targetCount: plan.targets.length + plan.annualTargets.length + plan.lastYearResults.length + plan.tasks.length,
  };
}
