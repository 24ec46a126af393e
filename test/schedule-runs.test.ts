import Database from "better-sqlite3";
import { openLibrary } from "../generator/library";
import { migrateRunStore, RunStore } from "../generator/schedule/run-store";
import { pruneOutputs } from "../generator/schedule/retention";
import { existsSync } from "node:fs";
import { workspace, type Workspace } from "./schedule-support";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.remove());

test("the job_runs migration lives in the library file, is idempotent and leaves the library's version alone", () => {
  const library = openLibrary(ws.libraryPath);
  const libraryVersion = library.db.pragma("user_version", { simple: true });
  migrateRunStore(library.db);
  migrateRunStore(library.db);
  new RunStore(library.db);
  expect(library.db.pragma("user_version", { simple: true })).toBe(libraryVersion);
  expect(library.db.prepare("SELECT version FROM schedule_migrations").all()).toEqual([{ version: 1 }]);
  library.close();

  // a second process opening the same file sees the table
  const db = new Database(ws.libraryPath, { readonly: true });
  const columns = (db.prepare("PRAGMA table_info(job_runs)").all() as Array<{ name: string }>).map((c) => c.name);
  expect(columns).toEqual(expect.arrayContaining(["job", "started_at", "finished_at", "output", "content_hash", "emailed_to", "error"]));
  db.close();
});

test("runs are recorded, listed newest first, and the last emailed hash is the last sent one", () => {
  const library = openLibrary(ws.libraryPath);
  const store = new RunStore(library.db);
  const a = store.start("月报", "manual", new Date("2025-01-25T00:00:00Z"));
  store.finish(a, { status: "ok", output: "/out/a.xlsx", contentHash: "h1", emailStatus: "sent", emailedTo: ["a@example.gov.cn"] });
  const b = store.start("月报", "schedule", new Date("2025-02-25T00:00:00Z"));
  store.finish(b, { status: "failed", output: "/out/b.xlsx", contentHash: "h2", emailStatus: "failed", error: "email: refused" });
  const c = store.start("周报", "schedule", new Date("2025-02-26T00:00:00Z"));

  expect(store.list().map((r) => r.id)).toEqual([c, b, a]);
  expect(store.list({ job: "月报", limit: 1 })[0]).toMatchObject({ id: b, status: "failed", error: "email: refused", emailedTo: [] });
  expect(store.get(a)).toMatchObject({ emailedTo: ["a@example.gov.cn"], startedAt: "2025-01-25T00:00:00.000Z", trigger: "manual" });
  expect(store.lastEmailedHash("月报")).toBe("h1");
  expect(store.lastEmailedHash("周报")).toBeNull();
  expect(store.previousOutputs("月报", c)).toEqual(["/out/b.xlsx", "/out/a.xlsx"]);

  expect(store.markInterrupted("周报", "interrupted")).toBe(1);
  expect(store.get(c)).toMatchObject({ status: "failed", error: "interrupted" });
  library.close();
});

test("pruning keeps the newest outputs and never the current one's path", async () => {
  const paths = [1, 2, 3, 4].map((n) => ws.write(`out/r${n}.xlsx`, "x"));
  const current = paths[3];
  const removed = await pruneOutputs([paths[3], paths[2], paths[1], paths[0]], current, 2);
  expect(removed).toEqual([paths[0]]);
  expect(paths.map((p) => existsSync(p))).toEqual([false, true, true, true]);
  expect(await pruneOutputs([paths[2]], current, null)).toEqual([]);
});
