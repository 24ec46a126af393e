import type Database from "better-sqlite3";

/**
 * Schema migrations, versioned in code. The database's `PRAGMA user_version` records the last
 * one applied; opening a library applies the rest in order, each in its own transaction, so a
 * file written by an older Planbook is brought forward and never half-migrated.
 * Append new migrations; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: "plans, revisions, denormalised metrics and trigram search",
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );
      INSERT INTO meta (key, value) VALUES ('generation', 0);

      -- one row per document identity (region + kind + period)
      CREATE TABLE plans (
        id              TEXT PRIMARY KEY,
        region          TEXT,
        kind            TEXT NOT NULL,
        period_label    TEXT NOT NULL,
        latest_revision INTEGER NOT NULL
      );
      CREATE INDEX plans_by_identity ON plans (region, kind, period_label);

      -- every stored version of a plan, kept whole as JSON so old revisions stay queryable
      CREATE TABLE revisions (
        plan_id         TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        revision        INTEGER NOT NULL,
        sha256          TEXT NOT NULL,
        source_path     TEXT NOT NULL,
        title           TEXT NOT NULL,
        region          TEXT,
        kind            TEXT NOT NULL,
        period_json     TEXT NOT NULL,
        indicator_count INTEGER NOT NULL,
        project_count   INTEGER NOT NULL,
        target_count    INTEGER NOT NULL,
        ingested_at     TEXT NOT NULL,
        plan_json       TEXT NOT NULL,
        PRIMARY KEY (plan_id, revision)
      );
      CREATE INDEX revisions_by_sha ON revisions (sha256);

      -- the latest revision's indicators and prose targets, by normalised name, for compare
      CREATE TABLE metrics (
        plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        source      TEXT NOT NULL CHECK (source IN ('indicator', 'target')),
        normalized  TEXT NOT NULL,
        ordinal     INTEGER NOT NULL,
        row_json    TEXT NOT NULL
      );
      CREATE INDEX metrics_by_name ON metrics (normalized);
      CREATE INDEX metrics_by_plan ON metrics (plan_id);

      -- the latest revision's indicator and project names; search_fts indexes them by rowid
      CREATE TABLE search_rows (
        rowid    INTEGER PRIMARY KEY,
        plan_id  TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        type     TEXT NOT NULL CHECK (type IN ('indicator', 'project')),
        name     TEXT NOT NULL,
        context  TEXT NOT NULL
      );
      CREATE INDEX search_rows_by_plan ON search_rows (plan_id);
      CREATE VIRTUAL TABLE search_fts USING fts5 (
        name, content = '', contentless_delete = 1, tokenize = 'trigram'
      );
    `,
  },
  {
    version: 2,
    description: "documents that could not be ingested, so a watcher skips them until they change",
    sql: `
      -- one row per file path: the last attempt that failed (a later success deletes it)
      CREATE TABLE ingest_failures (
        path        TEXT PRIMARY KEY,
        sha256      TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        code        TEXT NOT NULL,
        reason      TEXT NOT NULL,
        version     TEXT NOT NULL,
        failed_at   TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: "actuals a clerk entered in a monitoring workbook and imported (planbook actuals import)",
    sql: `
      -- one figure per region, plan period, indicator (by normalised name) and year; a later import replaces it
      CREATE TABLE actuals (
        region       TEXT NOT NULL,
        period_label TEXT NOT NULL,
        normalized   TEXT NOT NULL,
        year         INTEGER NOT NULL,
        indicator    TEXT NOT NULL,
        raw          TEXT NOT NULL,
        value        REAL,
        unit         TEXT,
        file         TEXT NOT NULL,
        sheet        TEXT NOT NULL,
        cell         TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        PRIMARY KEY (region, period_label, normalized, year)
      );
    `,
  },
];

export const SCHEMA_LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

export class LibraryVersionError extends Error {}

function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

function refuseNewer(current: number): void {
  if (current > SCHEMA_LATEST) {
    throw new LibraryVersionError(`规划库由更新版本的 Planbook 写入（结构版本 ${current}，本版本只认识到 ${SCHEMA_LATEST}）：请升级 Planbook`);
  }
}

/**
 * Brings the database up to SCHEMA_LATEST. Two processes may open a new library at the same
 * moment, so the version is read again inside each migration's write transaction (BEGIN
 * IMMEDIATE takes the write lock first; the busy timeout set by the caller makes the second
 * opener wait instead of failing): whoever comes second sees the work done and skips it.
 */
export function migrate(db: Database.Database): void {
  const seen = schemaVersion(db);
  refuseNewer(seen);
  if (seen === SCHEMA_LATEST) return;
  for (const m of MIGRATIONS) {
    if (m.version <= seen) continue;
    db.transaction(() => {
      const current = schemaVersion(db);
      refuseNewer(current);
      if (m.version <= current) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/** Whether a database opened read-only already has a migration's tables (an older library may not). */
export function hasSchema(db: Database.Database, version: number): boolean {
  return schemaVersion(db) >= version;
}
