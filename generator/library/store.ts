import type Database from "better-sqlite3";
import { nameMatcher, type NameMatcher, type Plan } from "../model";
import { searchText } from "./names-index";
import { flattenProjects, planCounts, type IngestResult } from "./types";

/** Ids travel in URLs and file names: letters, digits, '-' and '_' only, as the parser makes them (16 hex digits). */
export const PLAN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class InvalidPlanError extends Error {}

interface LatestRow {
  revision: number;
  sha256: string;
}

/**
 * The write side of the library. Every ingest is one IMMEDIATE transaction: the revision row, the
 * plan's pointer to it and the denormalised search/compare rows commit together or not at all,
 * so a process killed mid-ingest leaves the previous state intact.
 */
export class PlanWriter {
  private readonly latest: Database.Statement<[string], LatestRow>;
  private readonly sameBytes: Database.Statement<[string, string], { revision: number }>;
  private readonly upsertPlan: Database.Statement;
  private readonly insertRevision: Database.Statement;
  private readonly deleteFts: Database.Statement;
  private readonly deleteSearchRows: Database.Statement;
  private readonly deleteMetrics: Database.Statement;
  private readonly insertSearchRow: Database.Statement;
  private readonly insertFts: Database.Statement;
  private readonly insertMetric: Database.Statement;
  private readonly bumpGeneration: Database.Statement;
  private readonly store: Database.Transaction<(plan: Plan, now: string) => IngestResult>;

  constructor(
    private readonly db: Database.Database,
    private readonly names: NameMatcher = nameMatcher(),
  ) {
    this.latest = db.prepare(
      `SELECT r.revision, r.sha256 FROM plans p JOIN revisions r ON r.plan_id = p.id AND r.revision = p.latest_revision WHERE p.id = ?`,
    );
    this.sameBytes = db.prepare(`SELECT revision FROM revisions WHERE plan_id = ? AND sha256 = ? ORDER BY revision DESC LIMIT 1`);
    this.upsertPlan = db.prepare(
      `INSERT INTO plans (id, region, kind, period_label, latest_revision) VALUES (@id, @region, @kind, @periodLabel, @revision)
       ON CONFLICT (id) DO UPDATE SET region = excluded.region, kind = excluded.kind, period_label = excluded.period_label, latest_revision = excluded.latest_revision`,
    );
    this.insertRevision = db.prepare(
      `INSERT INTO revisions (plan_id, revision, sha256, source_path, title, region, kind, period_json, indicator_count, project_count, target_count, ingested_at, plan_json)
       VALUES (@id, @revision, @sha256, @sourcePath, @title, @region, @kind, @periodJson, @indicatorCount, @projectCount, @targetCount, @ingestedAt, @planJson)`,
    );
    this.deleteFts = db.prepare(`DELETE FROM search_fts WHERE rowid IN (SELECT rowid FROM search_rows WHERE plan_id = ?)`);
    this.deleteSearchRows = db.prepare(`DELETE FROM search_rows WHERE plan_id = ?`);
    this.deleteMetrics = db.prepare(`DELETE FROM metrics WHERE plan_id = ?`);
    this.insertSearchRow = db.prepare(`INSERT INTO search_rows (plan_id, type, name, context) VALUES (?, ?, ?, ?)`);
    this.insertFts = db.prepare(`INSERT INTO search_fts (rowid, name) VALUES (?, ?)`);
    this.insertMetric = db.prepare(`INSERT INTO metrics (plan_id, source, normalized, ordinal, row_json) VALUES (?, ?, ?, ?, ?)`);
    this.bumpGeneration = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'generation'`);
    this.store = db.transaction((plan: Plan, now: string) => this.storeInTransaction(plan, now));
  }

  /**
   * The revision (of any plan) holding exactly these bytes, if any: lets a re-ingest skip parsing.
   * Any revision, not only the latest: a folder holding two versions of one document must not
   * add a revision on every pass, flipping which one is latest.
   */
  revisionWithSha(sha256: string): { planId: string; revision: number; latestRevision: number } | null {
    const row = this.db
      .prepare(
        `SELECT r.plan_id AS planId, r.revision AS revision, p.latest_revision AS latestRevision FROM revisions r JOIN plans p ON p.id = r.plan_id
         WHERE r.sha256 = ? ORDER BY r.revision = p.latest_revision DESC, r.revision DESC LIMIT 1`,
      )
      .get(sha256) as { planId: string; revision: number; latestRevision: number } | undefined;
    return row ?? null;
  }

  ingest(plan: Plan): IngestResult {
    checkPlan(plan);
    return this.store.immediate(plan, new Date().toISOString());
  }

  private storeInTransaction(plan: Plan, now: string): IngestResult {
    const latest = this.latest.get(plan.id);
    // the same bytes as any stored revision of this plan: nothing new, and the latest stays the latest
    const same = this.sameBytes.get(plan.id, plan.source.sha256);
    if (latest && same) {
      return { planId: plan.id, revision: same.revision, status: "unchanged", path: plan.source.path, latestRevision: latest.revision };
    }
    const revision = (latest?.revision ?? 0) + 1;
    const counts = planCounts(plan);
    this.upsertPlan.run({ id: plan.id, region: plan.region, kind: plan.kind, periodLabel: plan.period.label, revision });
    this.insertRevision.run({
      id: plan.id,
      revision,
      sha256: plan.source.sha256,
      sourcePath: plan.source.path,
      title: plan.title,
      region: plan.region,
      kind: plan.kind,
      periodJson: JSON.stringify(plan.period),
      ...counts,
      ingestedAt: now,
      planJson: JSON.stringify(plan),
    });
    this.replaceDenormalisedRows(plan);
    this.bumpGeneration.run();
    return { planId: plan.id, revision, status: latest ? "revised" : "new", path: plan.source.path, latestRevision: revision };
  }

  /** Search and compare look at the latest revision only, so its rows replace the previous ones. */
  private replaceDenormalisedRows(plan: Plan): void {
    this.deleteFts.run(plan.id);
    this.deleteSearchRows.run(plan.id);
    this.deleteMetrics.run(plan.id);
    const addSearchRow = (type: "indicator" | "project", name: string, context: string) => {
      const { lastInsertRowid } = this.insertSearchRow.run(plan.id, type, name, context);
      this.insertFts.run(lastInsertRowid, type === "indicator" ? searchText(name, this.names) : name);
    };
    let ordinal = 0;
    for (const table of plan.indicatorTables) {
      for (const indicator of table.indicators) {
        addSearchRow("indicator", indicator.name, table.title);
        const row = {
          role: table.role,
          baseYear: table.baseYear,
          targetYear: table.targetYear,
          indicator: {
            name: indicator.name,
            unit: indicator.unit,
            baseline: indicator.baseline,
            target: indicator.target,
            rate: indicator.rate,
            attribute: indicator.attribute,
            category: indicator.category,
          },
        };
        this.insertMetric.run(plan.id, "indicator", this.names.key(indicator.name), ordinal++, JSON.stringify(row));
      }
    }
    for (const project of flattenProjects(plan)) addSearchRow("project", project.name, project.box);
    for (const target of [...plan.targets, ...plan.annualTargets]) {
      const row = {
        role: "targets",
        baseYear: null,
        targetYear: target.year,
        indicator: { name: target.metric, unit: target.value.unit, baseline: null, target: target.value, rate: null, attribute: null, category: null },
      };
      this.insertMetric.run(plan.id, "target", this.names.key(target.metric), ordinal++, JSON.stringify(row));
    }
  }
}

function checkPlan(plan: Plan): void {
  if (!plan || typeof plan !== "object") throw new InvalidPlanError("not a Plan");
  if (typeof plan.id !== "string" || !PLAN_ID_PATTERN.test(plan.id)) throw new InvalidPlanError(`plan id ${JSON.stringify(plan.id)} is not a valid id`);
  if (!plan.source || typeof plan.source.sha256 !== "string" || plan.source.sha256.length === 0) throw new InvalidPlanError(`plan ${plan.id} has no source sha256`);
  if (!plan.period || typeof plan.period.label !== "string") throw new InvalidPlanError(`plan ${plan.id} has no period`);
  for (const key of ["indicatorTables", "projectBoxes", "targets", "annualTargets", "lastYearResults", "tasks"] as const) {
    if (!Array.isArray(plan[key])) throw new InvalidPlanError(`plan ${plan.id}: ${key} is not a list`);
  }
}
