/**
 * The plan library: every ingested Plan and its revisions in one SQLite file (WAL, foreign keys on),
 * with denormalised rows for search (FTS5 trigram) and compare over each plan's latest revision.
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { nameMatcher, type CompareResponse, type NameMatcher, type Plan, type PlanSummary, type SearchHit, type SynonymList } from "../model";
import { loadSynonyms } from "../util/synonyms";
import { namesStale, reindexNames } from "./names-index";
import { parseDocument, UnreadableDocumentError } from "../parse";
import { planbookVersion } from "../version";
import { diffPlans } from "./diff";
import { FailureStore, type FailureCode, type IngestFailure } from "./failures";
import { ParseAbortedError, ParseLimitError } from "./isolated-parse";
import { PlanQueries } from "./query";
import { PlanReader, publicSourcePath } from "./read";
import { libraryWritable, openDatabase, type LibraryOpenOptions } from "./open";
import { PlanWriter } from "./store";
import type { IngestResult, PlanDiff, PlanFilter, SearchType } from "./types";

export { IsolatedParser, ParseLimitError, ParseFailedError, ParseAbortedError, PARSE_MEMORY_MB_DEFAULT, PARSE_TIMEOUT_MS_DEFAULT } from "./isolated-parse";
export type { IsolatedParserOptions } from "./isolated-parse";
export type { IngestFailure, FailureCode } from "./failures";

export { PLAN_ID_PATTERN, InvalidPlanError } from "./store";
export { isDocument } from "../parse";
export { LibraryVersionError, SCHEMA_LATEST } from "./schema";
export { libraryWritable, LibraryMissingError } from "./open";
export type { LibraryOpenOptions } from "./open";
export { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX } from "./query";
export { flattenProjects, planCounts } from "./types";
export type { IngestResult, PlanDiff, PlanFilter, SearchType, ListDiff, FieldChange, ItemRef, NamedChange } from "./types";

export const DEFAULT_LIBRARY_PATH = ".planbook/library.db";

/** --library wins over PLANBOOK_LIBRARY, which wins over .planbook/library.db; relative paths are taken from cwd. */
export function resolveLibraryPath(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string {
  const chosen = flag?.trim() || env.PLANBOOK_LIBRARY?.trim() || DEFAULT_LIBRARY_PATH;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** Warning codes with which the parser says a file is not a readable planning document (issue 10): such a Plan is kept out unless forced. */
export const NOT_A_PLAN_CODES: readonly string[] = ["not-a-plan", "mojibake"];

/** A file system error as one line a clerk can act on (no errno jargon, no stack). */
export function describeFileError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT":
      return "文件不存在";
    case "EISDIR":
      return "这是文件夹，不是文档";
    case "EACCES":
    case "EPERM":
      return "没有读取权限（请检查文件权限，或换一个有权限的账户运行）";
    case "ELOOP":
      return "符号链接指向自身（循环链接），无法读取";
    case "ENAMETOOLONG":
      return "路径太长";
    case "EMFILE":
    case "ENFILE":
      return "同时打开的文件太多，请稍后重试";
    case "EIO":
      return "读取时磁盘出错";
    default:
      return `无法读取（${err.code ?? err.message?.split("\n")[0] ?? String(e)}）`;
  }
}

/** A document that was not stored: why, in one line without the path (the caller prints the path once). */
export class IngestRefusedError extends UnreadableDocumentError {
  constructor(
    readonly path: string,
    readonly code: FailureCode,
    reason: string,
    /** true when the same bytes failed before and were not tried again */
    readonly repeated = false,
  ) {
    super(reason);
  }
}

/** A document's bytes, or an IngestRefusedError saying in one line why they cannot be read. */
async function readDocument(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new IngestRefusedError(path, "unreadable", describeFileError(e));
  }
}

export interface IngestOptions {
  /** store a Plan even when the parser says it is not a planning document (not-a-plan, mojibake) */
  force?: boolean;
  /** how bytes become a Plan; default parseDocument in this thread (an IsolatedParser's parse runs it in a worker) */
  parse?: (bytes: Uint8Array, path: string) => Promise<Plan>;
  /** skip a file whose same bytes failed before with this Planbook version (a watcher restarting on a folder) */
  skipKnownFailures?: boolean;
}


export interface Library {
  readonly path: string;
  /** the open database, for neighbours that keep their own tables in the same file (job_runs) */
  readonly db: Database.Database;
  /** false when opened read-only (a read-only folder, or a reading command) */
  readonly writable: boolean;
  /**
   * true when the stored matching keys were made by another normaliser or synonym list and the
   * library could not be written to rebuild them: compare then keys every stored name afresh (a
   * scan), and search may miss a synonym until the library is opened once where it can be written
   */
  readonly staleNameKeys: boolean;
  /**
   * Parses and stores a document. Bytes already stored as any revision of any plan are a no-op
   * and are not parsed again. A file that cannot be stored is recorded as a failure (see
   * failures()) and rejected with an IngestRefusedError saying why; a later success clears it.
   */
  ingestFile(path: string, options?: IngestOptions): Promise<IngestResult>;
  /** the documents that could not be ingested, newest first */
  failures(): IngestFailure[];
  /** a path as the API shows it: relative to the library's folder, or the file name alone */
  publicPath(path: string): string;
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
  failureCount(): number;
  close(): void;
}

/**
 * The folder paths are shown relative to: the project folder for the default .planbook/library.db,
 * else the library file's own folder.
 */
function libraryBase(path: string): string | null {
  if (path === ":memory:") return null;
  const dir = dirname(path);
  return dir.endsWith("/.planbook") || dir.endsWith("\\.planbook") ? dirname(dir) : dir;
}

function failureCodeOf(e: unknown): FailureCode {
  if (e instanceof IngestRefusedError) return e.code;
  if (e instanceof ParseLimitError) return e.limit;
  if (e instanceof UnreadableDocumentError) return "unreadable";
  return "failed";
}

class SqliteLibrary implements Library {
  private readonly writer: PlanWriter | null;
  private readonly reader: PlanReader;
  private readonly queries: PlanQueries;
  private readonly failureStore: FailureStore;
  private readonly base: string | null;

  constructor(
    readonly path: string,
    readonly db: Database.Database,
    readonly writable: boolean,
    matcher: NameMatcher,
    readonly staleNameKeys = false,
  ) {
    this.base = libraryBase(path);
    this.writer = writable ? new PlanWriter(db, matcher) : null;
    this.reader = new PlanReader(db, (p) => this.publicPath(p));
    this.queries = new PlanQueries(db, matcher, staleNameKeys);
    this.failureStore = new FailureStore(db);
  }

  private write(): PlanWriter {
    if (!this.writer) throw new UnreadableDocumentError(`规划库 ${this.path} 以只读方式打开，不能写入`);
    return this.writer;
  }

  publicPath(path: string): string {
    return publicSourcePath(path, this.base);
  }

  async ingestFile(path: string, options: IngestOptions = {}): Promise<IngestResult> {
    const writer = this.write();
    const version = planbookVersion();
    let bytes: Buffer | null = null;
    let sha256 = "";
    try {
      // read once: the sha256 that decides "unchanged" and the Plan that is stored must come from the
      // same bytes, even when the file is rewritten (as a watched folder's files are) mid-ingest
      bytes = await readDocument(path);
      sha256 = createHash("sha256").update(bytes).digest("hex");
      const known = writer.revisionWithSha(sha256);
      if (known) {
        this.failureStore.clear(path);
        return { ...known, status: "unchanged", path };
      }
      if (options.skipKnownFailures) {
        const before = this.failureStore.matching(path, sha256, version);
        if (before) throw new IngestRefusedError(path, before.code, before.reason, true);
      }
      const plan = await (options.parse ?? parseDocument)(bytes, path);
      const flagged = plan.warnings.filter((w) => NOT_A_PLAN_CODES.includes(w.code));
      if (flagged.length > 0 && !options.force) {
        const why = flagged.map((w) => w.message).join("；");
        throw new IngestRefusedError(path, "not-a-plan", `不像可读的规划文件（${why}），未入库；确认无误可加 --force 强制入库`);
      }
      const result = writer.ingest(plan);
      this.failureStore.clear(path);
      return result;
    } catch (e) {
      if (e instanceof ParseAbortedError) throw e;
      const repeated = e instanceof IngestRefusedError && e.repeated;
      const code = failureCodeOf(e);
      const sqlite = (e as { code?: string }).code;
      const reason =
        sqlite === "SQLITE_FULL"
          ? "规划库所在的磁盘已满，无法存入；请清理磁盘后重试（已有的规划未受影响）"
          : sqlite === "SQLITE_READONLY"
            ? "规划库是只读的，无法存入"
            : (e as Error).message.split("\n")[0];
      if (!repeated) {
        try {
          this.failureStore.record({ path, sha256, bytes: bytes?.length ?? 0, code, reason, version, failedAt: new Date().toISOString() });
        } catch {
          // recording is best effort: a full disk must not hide the original reason
        }
      }
      if (e instanceof IngestRefusedError) throw e;
      throw new IngestRefusedError(path, code, reason);
    }
  }

  ingestPlan(plan: Plan): IngestResult {
    return this.write().ingest(plan);
  }

  failures(): IngestFailure[] {
    return this.failureStore.list();
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
    return before && after ? diffPlans(before, after, fromRevision, toRevision, (p) => this.publicPath(p)) : null;
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

  failureCount(): number {
    return this.failureStore.count();
  }
}

export interface LibraryOptions extends LibraryOpenOptions {
  /** the indicator-name synonyms compare and search use; the installed templates/synonyms.txt (or PLANBOOK_SYNONYMS) by default */
  synonyms?: SynonymList;
}

/**
 * Opens (creating on first use) the library at `path` (default .planbook/library.db under the
 * current directory). With { readonly: true } it only reads: what `ls`, `show` and `search` need,
 * and what works on a read-only folder.
 */
export function openLibrary(path: string = resolve(DEFAULT_LIBRARY_PATH), options: LibraryOptions = {}): Library {
  const matcher = nameMatcher(options.synonyms ?? loadSynonyms());
  let db = openDatabase(path, options);
  let stale = false;
  try {
    // keys written under another synonym list or normaliser are rebuilt before anyone reads them
    if (!options.readonly) reindexNames(db, matcher);
    else if (namesStale(db, matcher)) {
      // a reading command after the clerk extended synonyms.txt: rebuild the keys through a
      // short writable open where the file allows it, else read on and say the keys are old
      db.close();
      stale = !rebuildKeysWhereWritable(path, options, matcher);
      db = openDatabase(path, options);
    }
  } catch (e) {
    if (db.open) db.close();
    throw e;
  }
  return new SqliteLibrary(path, db, !options.readonly, matcher, stale);
}

/** Rebuilds stale name keys through a writable connection; false when the library cannot be written. */
function rebuildKeysWhereWritable(path: string, options: LibraryOptions, matcher: NameMatcher): boolean {
  if (!libraryWritable(path)) return false;
  let writer: Database.Database | null = null;
  try {
    writer = openDatabase(path, { ...options, readonly: false });
    reindexNames(writer, matcher);
    return true;
  } catch {
    // a read-only file system, or a file the process may read but not write, despite the folder's mode
    return false;
  } finally {
    writer?.close();
  }
}
