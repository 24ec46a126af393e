import type Database from "better-sqlite3";
import { hasSchema } from "./schema";

/** Why a document was kept out of the library; the code is stable (English), the reason is for people (Chinese). */
export type FailureCode =
  /** the decoder or parser refused it: binary, empty, a broken or oversized archive */
  | "unreadable"
  /** parsed, but the parser says it is not a planning document (warning not-a-plan / mojibake); --force stores it */
  | "not-a-plan"
  /** parsing ran out of its memory allowance */
  | "out-of-memory"
  /** parsing took longer than its time allowance */
  | "timeout"
  /** anything else that went wrong while parsing or storing */
  | "failed";

export interface IngestFailure {
  /** the path as the ingest saw it (absolute for a watched folder) */
  path: string;
  sha256: string;
  bytes: number;
  code: FailureCode;
  reason: string;
  /** the Planbook version that failed: a newer one tries the file again */
  version: string;
  failedAt: string;
}

interface FailureRow {
  path: string;
  sha256: string;
  bytes: number;
  code: FailureCode;
  reason: string;
  version: string;
  failed_at: string;
}

const toFailure = (r: FailureRow): IngestFailure => ({
  path: r.path,
  sha256: r.sha256,
  bytes: r.bytes,
  code: r.code,
  reason: r.reason,
  version: r.version,
  failedAt: r.failed_at,
});

/**
 * The files that could not be ingested, one row per path. A watcher that restarts on the same
 * folder skips a file whose bytes (sha256) and Planbook version match its row, so a file that
 * kills a parser cannot do it again on every start; any change to the file, or a new Planbook,
 * tries it again.
 */
export class FailureStore {
  constructor(private readonly db: Database.Database) {}

  private get present(): boolean {
    // a read-only library written by an older Planbook may not have the table
    return hasSchema(this.db, 2);
  }

  record(failure: IngestFailure): void {
    this.db
      .prepare(
        `INSERT INTO ingest_failures (path, sha256, bytes, code, reason, version, failed_at) VALUES (@path, @sha256, @bytes, @code, @reason, @version, @failedAt)
         ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, code = excluded.code, reason = excluded.reason,
           version = excluded.version, failed_at = excluded.failed_at`,
      )
      .run(failure);
  }

  clear(path: string): void {
    this.db.prepare(`DELETE FROM ingest_failures WHERE path = ?`).run(path);
  }

  /** The recorded failure for exactly these bytes at this path by this version, if any. */
  matching(path: string, sha256: string, version: string): IngestFailure | null {
    if (!this.present) return null;
    const row = this.db.prepare(`SELECT * FROM ingest_failures WHERE path = ? AND sha256 = ? AND version = ?`).get(path, sha256, version) as FailureRow | undefined;
    return row ? toFailure(row) : null;
  }

  list(): IngestFailure[] {
    if (!this.present) return [];
    return (this.db.prepare(`SELECT * FROM ingest_failures ORDER BY failed_at DESC, path`).all() as FailureRow[]).map(toFailure);
  }

  count(): number {
    if (!this.present) return 0;
    return (this.db.prepare(`SELECT count(*) AS n FROM ingest_failures`).get() as { n: number }).n;
  }
}
