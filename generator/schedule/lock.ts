/**
 * One run of a job at a time, across processes (`planbook schedule` and an OS scheduler's
 * `planbook run-job` may both fire). The lock is a file naming its owner's pid; a lock whose
 * owner has died (a crash, a power cut) is taken over instead of blocking the job forever.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";

export interface LockOwner {
  pid: number;
  host: string;
  job: string;
  acquiredAt: string;
  /** tells our own lock from a newer one that replaced it */
  token: string;
}

export type LockAttempt =
  | {
      acquired: true;
      owner: LockOwner;
      tookOverFrom: LockOwner | null;
      release: () => Promise<void>;
      /** the same, synchronously: for a process on its way out */
      releaseSync: () => void;
    }
  | { acquired: false; heldBy: LockOwner };

/** Whether a process with this pid exists here. EPERM means it exists but is someone else's. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(path: string): Promise<LockOwner | "missing" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw e;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === "number" && typeof owner.token === "string" ? owner : "unreadable";
  } catch {
    return "unreadable";
  }
}

/** A lock on another machine (a shared drive) cannot be checked, so it counts as alive. */
function isStale(owner: LockOwner): boolean {
  return owner.host === hostname() && !isProcessAlive(owner.pid);
}

export async function acquireLock(path: string, job: string): Promise<LockAttempt> {
  await mkdir(dirname(path), { recursive: true });
  const owner: LockOwner = { pid: process.pid, host: hostname(), job, acquiredAt: new Date().toISOString(), token: randomBytes(8).toString("hex") };
  let tookOverFrom: LockOwner | null = null;
  // A few rounds: each lost race or takeover sends us round again, and a bound keeps a pathological filesystem from spinning us.
  for (let round = 0; round < 5; round++) {
    if (await createExclusive(path, owner)) {
      return { acquired: true, owner, tookOverFrom, release: () => releaseLock(path, owner.token), releaseSync: () => releaseLockSync(path, owner.token) };
    }
    const current = await readOwner(path);
    if (current === "missing") continue;
    if (current !== "unreadable" && !isStale(current)) return { acquired: false, heldBy: current };
    const removed = await removeIfStill(path, current);
    if (removed && current !== "unreadable") tookOverFrom = current;
  }
  const last = await readOwner(path);
  if (typeof last === "object") return { acquired: false, heldBy: last };
  throw new Error(`无法取得任务锁 ${path}`);
}

/**
 * Writes the whole owner record to a private file, then hard-links it into place: link fails
 * when the lock exists, and a crash can never leave a half-written lock behind.
 */
async function createExclusive(path: string, owner: LockOwner): Promise<boolean> {
  const draft = `${path}.${owner.token}.draft`;
  await writeFile(draft, JSON.stringify(owner));
  try {
    await link(draft, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Two processes may judge the same lock stale at once. Each renames the lock to a private name
 * first (only one rename can win), then checks it moved the stale lock and not a fresh one a
 * faster rival had just created; a fresh one is put back.
 */
async function removeIfStill(path: string, expected: LockOwner | "unreadable"): Promise<boolean> {
  const aside = `${path}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  const moved = await readOwner(aside);
  const sameLock = expected === "unreadable" ? moved === "unreadable" : typeof moved === "object" && moved.token === expected.token;
  if (!sameLock) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return sameLock;
}

async function releaseLock(path: string, token: string): Promise<void> {
  const current = await readOwner(path);
  // Never delete a lock that is no longer ours (taken over after we were judged dead).
  if (typeof current === "object" && current.token === token) await unlink(path).catch(() => undefined);
}

function releaseLockSync(path: string, token: string): void {
  try {
    const current = JSON.parse(readFileSync(path, "utf8")) as LockOwner;
    if (current.token === token) unlinkSync(path);
  } catch {
    // gone already, or unreadable: not ours to remove
  }
}
