import type Database from "better-sqlite3";
import { basename, isAbsolute, relative, sep } from "node:path";
import type { Period, Plan, PlanKind, PlanSummary } from "../model";
import type { PlanFilter } from "./types";

/** The columns every row about a plan carries, whichever query it comes from. */
export interface PlanRefRow {
  plan_id: string;
  revision: number;
  region: string | null;
  kind: string;
  period_json: string;
}

export interface PlanRef {
  planId: string;
  revision: number;
  region: string | null;
  kind: PlanKind;
  period: Period;
}

/** Which plan (and revision) a row is about, as summaries, search hits and compare rows all name it. */
export function planRefOf(row: PlanRefRow): PlanRef {
  return {
    planId: row.plan_id,
    revision: row.revision,
    region: row.region,
    kind: row.kind as PlanKind,
    period: JSON.parse(row.period_json) as Period,
  };
}

interface RevisionRow extends PlanRefRow {
  sha256: string;
  source_path: string;
  title: string;
  indicator_count: number;
  project_count: number;
  target_count: number;
  ingested_at: string;
}

const SUMMARY_COLUMNS = `r.plan_id, r.revision, r.sha256, r.source_path, r.title, r.region, r.kind, r.period_json, r.indicator_count, r.project_count, r.target_count, r.ingested_at`;

/**
 * A document's path as the library shows it to others (the API, the CLI): relative to the
 * library's folder when the file is inside it, else the file name alone. A machine's absolute
 * paths (user names, folder layout) never leave it.
 */
export function publicSourcePath(path: string, base: string | null): string {
  const name = basename(path.replace(/\\/g, "/"));
  if (!isAbsolute(path)) return path.startsWith("..") ? name : path.split(sep).join("/");
  if (!base) return name;
  const rel = relative(base, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : name;
}

function toSummary(row: RevisionRow, publicPath: (path: string) => string): PlanSummary {
  const { planId, ...ref } = planRefOf(row);
  return {
    id: planId,
    ...ref,
    title: row.title,
    sha256: row.sha256,
    sourcePath: publicPath(row.source_path),
    sourceName: basename(row.source_path.replace(/\\/g, "/")),
    indicatorCount: row.indicator_count,
    projectCount: row.project_count,
    targetCount: row.target_count,
    ingestedAt: row.ingested_at,
  };
}

/** The read side: summaries and whole plans, latest or any kept revision. */
export class PlanReader {
  private readonly latestSummary: Database.Statement<[string], RevisionRow>;
  private readonly revisionSummary: Database.Statement<[string, number], RevisionRow>;
  private readonly latestJson: Database.Statement<[string], { plan_json: string }>;
  private readonly revisionJson: Database.Statement<[string, number], { plan_json: string }>;
  private readonly generationStmt: Database.Statement<[], { value: number }>;
  private readonly countStmt: Database.Statement<[], { n: number }>;
  private readonly revisionsStmt: Database.Statement<[string], RevisionRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly publicPath: (path: string) => string,
  ) {
    const latestJoin = `FROM plans p JOIN revisions r ON r.plan_id = p.id AND r.revision = p.latest_revision`;
    this.latestSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${latestJoin} WHERE p.id = ?`);
    this.revisionSummary = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM revisions r WHERE r.plan_id = ? AND r.revision = ?`);
    this.latestJson = db.prepare(`SELECT r.plan_json ${latestJoin} WHERE p.id = ?`);
    this.revisionJson = db.prepare(`SELECT plan_json FROM revisions WHERE plan_id = ? AND revision = ?`);
    this.generationStmt = db.prepare(`SELECT value FROM meta WHERE key = 'generation'`);
    this.countStmt = db.prepare(`SELECT count(*) AS n FROM plans`);
    this.revisionsStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM revisions r WHERE r.plan_id = ? ORDER BY r.revision`);
  }

  listPlans(filter: PlanFilter = {}): PlanSummary[] {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.region) {
      where.push("p.region = ?");
      params.push(filter.region);
    }
    if (filter.kind) {
      where.push("p.kind = ?");
      params.push(filter.kind);
    }
    if (filter.period) {
      where.push("p.period_label = ?");
      params.push(filter.period);
    }
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM plans p JOIN revisions r ON r.plan_id = p.id AND r.revision = p.latest_revision
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY p.region, p.kind, p.period_label, p.id`;
    return (this.db.prepare(sql).all(...params) as RevisionRow[]).map((r) => toSummary(r, this.publicPath));
  }

  getSummary(id: string, revision?: number): PlanSummary | null {
    const row = revision === undefined ? this.latestSummary.get(id) : this.revisionSummary.get(id, revision);
    return row ? toSummary(row, this.publicPath) : null;
  }

  getPlan(id: string, revision?: number): Plan | null {
    const row = revision === undefined ? this.latestJson.get(id) : this.revisionJson.get(id, revision);
    return row ? (JSON.parse(row.plan_json) as Plan) : null;
  }

  listRevisions(id: string): PlanSummary[] {
    return this.revisionsStmt.all(id).map((r) => toSummary(r, this.publicPath));
  }

  /** Rises with every stored revision, from any process writing to this file: a cache key for readers. */
  generation(): number {
    return this.generationStmt.get()?.value ?? 0;
  }

  countPlans(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
