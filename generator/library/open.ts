/**
 * Opening the library's SQLite file: for writing (created and migrated on first use) or for
 * reading only (no migration, nothing written: a read-only folder, a library on a CD or a share
 * mounted read-only). Kept apart from the rest of the library so that opening costs no parser.
 */
import Database from "better-sqlite3";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { LibraryVersionError, migrate, SCHEMA_LATEST } from "./schema";

export interface LibraryOpenOptions {
  /** open for reading only: no migration, no write; works on a read-only folder or medium */
  readonly?: boolean;
}

/** A library opened for reading that does not exist yet: nothing to read, and nothing may be created. */
export class LibraryMissingError extends Error {}

/** Whether this process may write the library file and its folder (WAL needs to create -wal/-shm beside it). */
export function libraryWritable(path: string): boolean {
  if (path === ":memory:") return true;
  try {
    // the folder (or, for a new library, the nearest folder that exists: it will be created inside)
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new LibraryMissingError(`规划库 ${path} 还不存在：先用 planbook ingest FILE|DIR 导入文档`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch (e) {
    db?.close();
    // A WAL library needs its -shm file, which cannot be made in a folder we may not write (and
    // this build of SQLite takes no URI, so no ?immutable=1). Nobody can be writing the file
    // there either, so it is read into memory as a rollback-journal database (header bytes 18–19).
    const wal = `${path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new LibraryMissingError(`规划库 ${path} 还有未合并的写入日志（${basename(wal)}），在只读位置无法读取：请先在可写的位置用 Planbook 打开一次`);
    }
    const bytes = readFileSync(path);
    if (bytes.length < 100 || bytes.subarray(0, 16).toString("latin1") !== "SQLite format 3\u0000") throw e;
    if (bytes[18] === 2) bytes[18] = 1;
    if (bytes[19] === 2) bytes[19] = 1;
    const copy = new Database(bytes, { readonly: true });
    copy.prepare("SELECT count(*) FROM sqlite_master").get();
    return copy;
  }
}

/**
 * Switches a database to WAL. SQLite answers a journal-mode change that meets another connection
 * with "database is locked" at once, without the busy handler (seen here: 15 of 160 opens when 16
 * processes open new libraries together), so the change is retried for as long as the busy timeout.
 */
function enterWal(db: Database.Database, timeoutMs = 5000): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

export function openDatabase(path: string, options: LibraryOpenOptions = {}): Database.Database {
  if (options.readonly) {
    const db = openReadOnly(path);
    const current = db.pragma("user_version", { simple: true }) as number;
    if (current > SCHEMA_LATEST) {
      db.close();
      throw new LibraryVersionError(`规划库由更新版本的 Planbook 写入（结构版本 ${current}，本版本只认识到 ${SCHEMA_LATEST}）：请升级 Planbook`);
    }
    return db;
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // first: two processes opening a new library at once wait for each other instead of failing
    db.pragma("busy_timeout = 5000");
    enterWal(db);
    db.pragma("foreign_keys = ON");
    // NORMAL is durable across a killed process in WAL mode; only an OS crash can lose the last commits
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
