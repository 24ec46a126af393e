import { createHash, randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { readdir, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/**
 * Temp names carry the writer's machine and pid, so the next write to a folder can tell the
 * leftovers of a writer that was killed (pid gone on this machine) from a write in progress,
 * and from another machine's write on a shared folder (never touched).
 */
const HOST_TAG = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
/** `.name.HOST-PID.RANDOM.tmp`; the HOST- part is missing in temp files of older Planbooks */
const TEMP_NAME = /^\..+\.(?:([0-9a-f]{6})-)?(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Temp files this process is writing now: removed if the process has to stop before the rename. */
const live = new Set<string>();

/** A hidden name beside the target, on the same file system so the rename is atomic, unique per process and call. */
function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${HOST_TAG}-${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temp files that writers on this machine left in `dir` when they were killed (their
 * pid no longer runs). Best effort: a folder that cannot be listed is left alone. Returns what
 * was removed.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const [, host, pidText] = match;
    if (host !== undefined && host !== HOST_TAG) continue;
    const pid = Number(pidText);
    const path = join(dir, name);
    if (pid === process.pid ? live.has(path) : processAlive(pid)) continue;
    try {
      await rm(path, { force: true });
      removed.push(path);
    } catch {
      // someone else removed it, or we may not: not ours to insist
    }
  }
  return removed;
}

/** For a process that must stop at once (the CLI's exit): removes the temp files of writes still in progress. */
export function removeLiveTempFilesSync(): void {
  for (const path of live) {
    try {
      rmSync(path, { force: true });
    } catch {
      // nothing more can be done on the way out
    }
  }
  live.clear();
}

/** Writes beside the target then renames over it: readers see the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return withAtomicPath(path, (tmp) => writeFile(tmp, data));
}

/**
 * The same for a writer that needs a path of its own (a streaming workbook writer): it writes to
 * the temp path, then the rename publishes it. When the write fails (a full disk: ENOSPC), the
 * temp file is removed and the previous file at `path` is left as it was.
 */
export async function withAtomicPath<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  await removeStaleTempFiles(dirname(path));
  const tmp = tempPathBeside(path);
  live.add(tmp);
  try {
    const result = await write(tmp);
    await rename(tmp, path);
    return result;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  } finally {
    live.delete(tmp);
  }
}
