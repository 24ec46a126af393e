/**
 * A folder on a file system that is (almost) full: a 1 MB tmpfs with a filler file leaving a few
 * KB, so a workbook's first blocks fit and the rest fails with ENOSPC. Mounting needs root and
 * Linux: elsewhere `fullDisk()` returns null and the callers say why they skip.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FULL_DISK_UNAVAILABLE =
  process.platform !== "linux" ? "a tmpfs needs Linux" : typeof process.getuid === "function" && process.getuid() === 0 ? null : "mounting a tmpfs needs root (CI runs as root)";

export interface FullDisk {
  dir: string;
  /** bytes still free */
  free(): number;
  /** fills the disk again, leaving this many bytes */
  refill(leaveBytes: number): void;
  remove(): void;
}

export function fullDisk(dir: string, leaveBytes = 16 * 1024): FullDisk | null {
  if (FULL_DISK_UNAVAILABLE) return null;
  mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir]);
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  const refill = (leave: number) => {
    writeFileSync(join(dir, ".filler"), "");
    writeFileSync(join(dir, ".filler"), Buffer.alloc(Math.max(0, free() - leave)));
  };
  refill(leaveBytes);
  return {
    dir,
    free,
    refill,
    remove: () => {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
