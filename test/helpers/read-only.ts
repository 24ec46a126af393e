/**
 * A folder this process cannot write. As root, permission bits do not stop writes (root ignores
 * them), so the folder is a small tmpfs remounted read-only; otherwise chmod is enough.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, rmSync } from "node:fs";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export interface ReadOnlyFolder {
  dir: string;
  /** makes the folder writable again and removes it */
  remove(): void;
}

/** Copies `from` (a folder) to `dir`, then makes `dir` read-only. Linux only when root (mount). */
export function readOnlyCopy(from: string, dir: string): ReadOnlyFolder {
  mkdirSync(dir, { recursive: true });
  if (isRoot) {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir]);
    cpSync(from, dir, { recursive: true });
    execFileSync("mount", ["-o", "remount,ro", dir]);
    return {
      dir,
      remove: () => {
        execFileSync("umount", [dir]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  cpSync(from, dir, { recursive: true });
  chmodSync(dir, 0o555);
  return {
    dir,
    remove: () => {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
