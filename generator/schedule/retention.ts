/** `keep`: how many earlier outputs of a job stay on disk besides the newest one. */
import { rm } from "node:fs/promises";
import { resolve } from "node:path";

/**
 * Deletes the outputs beyond the newest `keep`, by the run history rather than by matching file
 * names, so a file the job never wrote is never touched. Returns the paths removed.
 */
export async function pruneOutputs(previousNewestFirst: string[], current: string, keep: number | null): Promise<string[]> {
  if (keep === null) return [];
  const others = previousNewestFirst.filter((p) => resolve(p) !== resolve(current));
  const removed: string[] = [];
  for (const path of others.slice(keep)) {
    try {
      await rm(path);
      removed.push(path);
    } catch (e) {
      // already gone (a clerk tidied up): nothing to keep or remove
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return removed;
}
