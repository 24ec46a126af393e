import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A hidden name beside the target, on the same file system so the rename is atomic, unique per process and call. */
function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes beside the target then renames over it: readers see the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return withAtomicPath(path, (tmp) => writeFile(tmp, data));
}

/** The same for a writer that needs a path of its own (a streaming workbook writer): it writes to the temp path, then the rename publishes it. */
export async function withAtomicPath<T>(path: string, write: (tmpPath: string) => Promise<T>): Promise<T> {
  const tmp = tempPathBeside(path);
  try {
    const result = await write(tmp);
    await rename(tmp, path);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
