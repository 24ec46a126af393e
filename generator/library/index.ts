/**
 * The plan library: every ingested Plan and its revisions in one SQLite file (WAL, foreign keys on),
 * with denormalised rows for search (FTS5 trigram) and compare over each plan's latest revision.
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { nameMatcher, type CompareResponse, type NameMatcher, type Plan, type PlanSummary, type SearchHit, type SynonymList } from "../model";
import { loadSynonyms } from "../util/synonyms";
import { reindexNames } from "./names-index";
import { parseDocument, UnreadableDocumentError } from "../parse";
import { diffPlans } from "./diff";
import { PlanQueries } from "./query";
import { PlanReader } from "./read";
import { migrate } from "./schema";
import { PlanWriter } from "./store";
import type { IngestResult, PlanDiff, PlanFilter, SearchType } from "./types";

export { PLAN_ID_PATTERN, InvalidPlanError } from "./store";
export { isDocument } from "../parse";
export { LibraryVersionError, SCHEMA_LATEST } from "./schema";
export { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX } from "./query";
export { flattenProjects, planCounts } from "./types";
export type { IngestResult, PlanDiff, PlanFilter, SearchType, ListDiff, FieldChange, ItemRef, NamedChange } from "./types";

export const DEFAULT_LIBRARY_PATH = ".planbook/library.db";

/** --library wins over PLANBOOK_LIBRARY, which wins over .planbook/library.db; relative paths are taken from cwd. */
export function resolveLibraryPath(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  const chosen = flag?.trim() || env.PLANBOOK_LIBRARY?.trim() || DEFAULT_LIBRARY_PATH;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** A document's bytes, or an UnreadableDocumentError naming the path in one readable line. */
async function readDocument(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a document" : `cannot be read (${code ?? (e as Error).message})`;
    throw new UnreadableDocumentError(`${path}: ${why}`);
  }
}

export interface Library {
  readonly path: string;
  /** the open database, for neighbours that keep their own tables in the same file (job_runs) */
  readonly db: Database.Database;
  /** parses and stores a document; bytes already stored as some plan's latest revision are not parsed again */
  ingestFile(path: string): Promise<IngestResult>;
  ingestPlan(plan: Plan): IngestResult;
  listPlans(filter?: PlanFilter): PlanSummary[];
  getPlan(id: string, revision?: number): Plan | null;
  getSummary(id: string, revision?: number): PlanSummary | null;
  listRevisions(id: string): PlanSummary[];
  search(query: string, type?: SearchType, limit?: number): SearchHit[];
  compare(indicatorName: string): CompareResponse;
  /** null when the plan or either revision is not stored */
  diff(id: string, fromRevision: number, toRevision: number): PlanDiff | null;
  /** rises with every change to the library from any process: a cache key */
  generation(): number;
  countPlans(): number;
  close(): void;
}

class SqliteLibrary implements Library {
  private readonly writer: PlanWriter;
  private readonly reader: PlanReader;
  private readonly queries: PlanQueries;

  constructor(
    readonly path: string,
    readonly db: Database.Database,
    matcher: NameMatcher,
  ) {
    this.writer = new PlanWriter(db, matcher);
    this.reader = new PlanReader(db);
    this.queries = new PlanQueries(db, matcher);
  }

  async ingestFile(path: string): Promise<IngestResult> {
    // read once: the sha256 that decides "unchanged" and the Plan that is stored must come from the
    // same bytes, even when the file is rewritten (as a watched folder's files are) mid-ingest
    const bytes = await readDocument(path);
    const known = this.writer.latestWithSha(createHash("sha256").update(bytes).digest("hex"));
    if (known) return { ...known, status: "unchanged", path };
    let plan: Plan;
    try {
      plan = await parseDocument(bytes, path);
    } catch (e) {
      if (e instanceof UnreadableDocumentError) throw new UnreadableDocumentError(`${path}: ${e.message}`);
      throw e;
    }
    return this.ingestPlan(plan);
  }

  ingestPlan(plan: Plan): IngestResult {
    return this.writer.ingest(plan);
  }

  listPlans(filter?: PlanFilter): PlanSummary[] {
    return this.reader.listPlans(filter);
  }

  getPlan(id: string, revision?: number): Plan | null {
    return this.reader.getPlan(id, revision);
  }

  getSummary(id: string, revision?: number): PlanSummary | null {
    return this.reader.getSummary(id, revision);
  }

  listRevisions(id: string): PlanSummary[] {
    return this.reader.listRevisions(id);
  }

  search(query: string, type?: SearchType, limit?: number): SearchHit[] {
    return this.queries.search(query, type, limit);
  }

  compare(indicatorName: string): CompareResponse {
    return this.queries.compare(indicatorName);
  }

  diff(id: string, fromRevision: number, toRevision: number): PlanDiff | null {
    const before = this.reader.getPlan(id, fromRevision);
    const after = this.reader.getPlan(id, toRevision);
    return before && after ? diffPlans(before, after, fromRevision, toRevision) : null;
  }

  generation(): number {
    return this.reader.generation();
  }

  countPlans(): number {
    return this.reader.countPlans();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export interface LibraryOptions {
  /** the indicator-name synonyms compare and search use; the installed templates/synonyms.txt (or PLANBOOK_SYNONYMS) by default */
  synonyms?: SynonymList;
}

/** Opens (creating on first use) the library at `path` (default .planbook/library.db under the current directory). */
export function openLibrary(path: string = resolve(DEFAULT_LIBRARY_PATH), options: LibraryOptions = {}): Library {
  const matcher = nameMatcher(options.synonyms ?? loadSynonyms());
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // NORMAL is durable across a killed process in WAL mode; only an OS crash can lose the last commits
    db.pragma("synchronous = NORMAL");
    // the service and a CLI ingest may write at the same time
    db.pragma("busy_timeout = 5000");
    migrate(db);
    // keys written under another synonym list or normaliser are rebuilt before anyone reads them
    reindexNames(db, matcher);
  } catch (e) {
    db.close();
    throw e;
  }
  return new SqliteLibrary(path, db, matcher);
}
