import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { acquireLock, isProcessAlive } from "../generator/schedule/lock";
import { deadPid, workspace, type Workspace } from "./schedule-support";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.remove());

function staleLock(path: string, pid: number, host = hostname()): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify({ pid, host, job: "月报", acquiredAt: "2025-01-25T00:00:00.000Z", token: "old0token0" }));
}

test("a lock is exclusive until released, and the file names its owner", async () => {
  const path = join(ws.dir, "locks", "月报.lock");
  const first = await acquireLock(path, "月报");
  expect(first.acquired).toBe(true);
  expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ pid: process.pid, host: hostname(), job: "月报" });

  const second = await acquireLock(path, "月报");
  expect(second.acquired).toBe(false);
  if (!second.acquired) expect(second.heldBy.pid).toBe(process.pid);

  if (first.acquired) await first.release();
  expect(existsSync(path)).toBe(false);
  const third = await acquireLock(path, "月报");
  expect(third.acquired).toBe(true);
  if (third.acquired) await third.release();
});

test("a lock left by a dead process is taken over and its owner reported", async () => {
  const pid = await deadPid();
  expect(isProcessAlive(pid)).toBe(false);
  const path = join(ws.dir, "月报.lock");
  staleLock(path, pid);

  const attempt = await acquireLock(path, "月报");
  expect(attempt.acquired).toBe(true);
  if (!attempt.acquired) return;
  expect(attempt.tookOverFrom?.pid).toBe(pid);
  expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
  await attempt.release();
});

test("a lock held by a live process is not taken over", async () => {
  const path = join(ws.dir, "月报.lock");
  staleLock(path, process.ppid);
  const attempt = await acquireLock(path, "月报");
  expect(attempt.acquired).toBe(false);
});

test("a lock from another machine cannot be checked, so it is respected", async () => {
  const path = join(ws.dir, "月报.lock");
  staleLock(path, await deadPid(), "some-other-host.example");
  expect((await acquireLock(path, "月报")).acquired).toBe(false);
});

test("a garbled lock file does not block the job forever", async () => {
  const path = join(ws.dir, "月报.lock");
  writeFileSync(path, "{ not json");
  const attempt = await acquireLock(path, "月报");
  expect(attempt.acquired).toBe(true);
  if (attempt.acquired) await attempt.release();
});

test("when several processes find the same stale lock, exactly one takes it", async () => {
  const path = join(ws.dir, "月报.lock");
  staleLock(path, await deadPid());
  const attempts = await Promise.all(Array.from({ length: 6 }, () => acquireLock(path, "月报")));
  expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
});

test("release never deletes a lock that another owner holds now", async () => {
  const path = join(ws.dir, "月报.lock");
  const mine = await acquireLock(path, "月报");
  if (!mine.acquired) throw new Error("expected the lock");
  // as if we were judged dead and another process took over
  staleLock(path, process.ppid);
  await mine.release();
  expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.ppid);
});
