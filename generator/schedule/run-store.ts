/**
 * The record of every job run, kept in the library's own database file so a library copied to
 * another machine carries its delivery history. The library versions its tables with
 * PRAGMA user_version; ours are versioned separately (schedule_migrations) so neither side's
 * migrations can collide with the other's.
 */
import type Database from "better-sqlite3";

export type RunStatus = "running" | "ok" | "failed" | "skipped";
/** off: the job sends no mail; unchanged: only_if_changed and the workbook equals the last one sent */
export type EmailStatus = "off" | "sent" | "unchanged" | "failed";

export interface RunRecord {
  id: number;
  job: string;
  trigger: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  output: string | null;
  contentHash: string | null;
  /** "planId@revision" of each plan the workbook was made from */
  plans: string[];
  emailStatus: EmailStatus | null;
  emailedTo: string[];
  error: string | null;
}

interface Migration {
  version: number;
  sql: string;
}

/** Append only: a shipped migration is never edited. */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE job_runs (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        job           TEXT NOT NULL,
        trigger       TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        output        TEXT,
        content_hash  TEXT,
        plans_json    TEXT NOT NULL DEFAULT '[]',
        email_status  TEXT CHECK (email_status IN ('off', 'sent', 'unchanged', 'failed')),
        emailed_to    TEXT NOT NULL DEFAULT '[]',
        error         TEXT
      );
      CREATE INDEX job_runs_by_job ON job_runs (job, id);
    `,
  },
];

export const RUN_STORE_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Safe to call on every open: applies only what is missing, each step in one transaction. */
export function migrateRunStore(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schedule_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = (db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schedule_migrations").get() as { v: number }).v;
  for (const migration of MIGRATIONS) {
    if (migration.version <= applied) continue;
    db.transaction(() => {
      // another process may have applied it between our read and this transaction
      const done = db.prepare("SELECT 1 FROM schedule_migrations WHERE version = ?").get(migration.version);
      if (done) return;
      db.exec(migration.sql);
      db.prepare("INSERT INTO schedule_migrations (version, applied_at) VALUES (?, ?)").run(migration.version, new Date().toISOString());
    }).immediate();
  }
}

interface RunRow {
  id: number;
  job: string;
  trigger: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  output: string | null;
  content_hash: string | null;
  plans_json: string;
  email_status: EmailStatus | null;
  emailed_to: string;
  error: string | null;
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    job: row.job,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    output: row.output,
    contentHash: row.content_hash,
    plans: JSON.parse(row.plans_json) as string[],
    emailStatus: row.email_status,
    emailedTo: JSON.parse(row.emailed_to) as string[],
    error: row.error,
  };
}

export interface RunFinish {
  status: Exclude<RunStatus, "running">;
  output?: string | null;
  contentHash?: string | null;
  plans?: string[];
  emailStatus?: EmailStatus | null;
  emailedTo?: string[];
  error?: string | null;
  finishedAt?: Date;
}

export class RunStore {
  /** `migrate` false for a library opened read-only: only list() may be used then */
  constructor(
    private readonly db: Database.Database,
    migrate = true,
  ) {
    if (migrate) migrateRunStore(db);
  }

  start(job: string, trigger: string, startedAt: Date): number {
    const info = this.db
      .prepare("INSERT INTO job_runs (job, trigger, status, started_at) VALUES (?, ?, 'running', ?)")
      .run(job, trigger, startedAt.toISOString());
    return Number(info.lastInsertRowid);
  }

  finish(id: number, result: RunFinish): void {
    this.db
      .prepare(
        `UPDATE job_runs SET status = ?, finished_at = ?, output = ?, content_hash = ?, plans_json = ?,
           email_status = ?, emailed_to = ?, error = ? WHERE id = ?`,
      )
      .run(
        result.status,
        (result.finishedAt ?? new Date()).toISOString(),
        result.output ?? null,
        result.contentHash ?? null,
        JSON.stringify(result.plans ?? []),
        result.emailStatus ?? null,
        JSON.stringify(result.emailedTo ?? []),
        result.error ?? null,
        id,
      );
  }

  /** A run left 'running' by a process that died is closed as failed when its stale lock is taken over. */
  markInterrupted(job: string, reason: string): number {
    return this.db
      .prepare("UPDATE job_runs SET status = 'failed', finished_at = ?, error = ? WHERE job = ? AND status = 'running'")
      .run(new Date().toISOString(), reason, job).changes;
  }

  get(id: number): RunRecord | null {
    const row = this.db.prepare("SELECT * FROM job_runs WHERE id = ?").get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** newest first */
  list(filter: { job?: string; limit?: number } = {}): RunRecord[] {
    const limit = filter.limit ?? 50;
    const rows = (
      filter.job === undefined
        ? this.db.prepare("SELECT * FROM job_runs ORDER BY id DESC LIMIT ?").all(limit)
        : this.db.prepare("SELECT * FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT ?").all(filter.job, limit)
    ) as RunRow[];
    return rows.map(toRecord);
  }

  /** The content hash of the workbook last delivered for this job: only_if_changed compares against it. */
  lastEmailedHash(job: string): string | null {
    const row = this.db
      .prepare("SELECT content_hash FROM job_runs WHERE job = ? AND email_status = 'sent' ORDER BY id DESC LIMIT 1")
      .get(job) as { content_hash: string | null } | undefined;
    return row?.content_hash ?? null;
  }

  /** Output paths of this job's earlier runs, newest first, each once. */
  previousOutputs(job: string, beforeRunId: number): string[] {
    const rows = this.db
      .prepare("SELECT output FROM job_runs WHERE job = ? AND id < ? AND output IS NOT NULL ORDER BY id DESC")
      .all(job, beforeRunId) as Array<{ output: string }>;
    return [...new Set(rows.map((r) => r.output))];
  }
}
