/**
 * Issue 13, items 1 and 2 on the service's side: a document that makes the parser exhaust its
 * memory or run for ever fails alone, is recorded with its reason, is skipped on the next start
 * until it changes, and the service answers throughout, because parsing runs in a worker thread.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IsolatedParser, openLibrary, ParseLimitError, type Library } from "../generator/library";
import type { FailuresResponse, HealthResponse, PlanListResponse } from "../generator/model";
import { parseDocument } from "../generator/parse";
import { startServer, type WatchEvent } from "../generator/serve";
import { lyingSizeDocx, quadraticText } from "./helpers/hostile-files";
import { fetchText, SAMPLES, tempDir, waitFor } from "./library-support";

/** A stand-in parser for the worker: misbehaves as the file name says, else answers a tiny "plan". */
const MISBEHAVING = `
const { parentPort } = require("node:worker_threads");
parentPort.postMessage({ ready: true });
parentPort.on("message", (r) => {
  if (r.path === "loop") for (;;) {}
  if (r.path === "heap") { const keep = []; for (;;) keep.push(new Array(100000).fill(Math.random())); }
  if (r.path === "buffers") { const keep = []; for (;;) { keep.push(Buffer.alloc(16 * 1048576, 1)); const until = Date.now() + 5; while (Date.now() < until) {} } }
  if (r.path === "crash") process.exit(3);
  parentPort.postMessage({ id: r.id, plan: { title: "ok " + r.path } });
});`;

describe("an isolated parser", () => {
  it("gives the Plan the parser gives in this thread", async () => {
    const parser = new IsolatedParser();
    try {
      const bytes = readFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"));
      expect(await parser.parse(bytes, "qinglan.txt")).toEqual(await parseDocument(bytes, "qinglan.txt"));
    } finally {
      await parser.close();
    }
  });

  it("stops a parse that runs past its time, or grows its heap or its buffers past the allowance, and goes on with a fresh worker", async () => {
    const quick = new IsolatedParser({ workerSource: MISBEHAVING, memoryMb: 64, timeoutMs: 1500 });
    // generous time, so only the memory limits can stop these, however busy the machine
    const patient = new IsolatedParser({ workerSource: MISBEHAVING, memoryMb: 64, timeoutMs: 60_000 });
    try {
      const none = new Uint8Array(1);
      const outcome = (parser: IsolatedParser, path: string) => parser.parse(none, path).then((p) => p.title, (e: unknown) => e);
      // a loop without end: only the 1.5 s allowance can end it (else the test's own timeout would)
      const loop = await outcome(quick, "loop");
      expect(loop).toBeInstanceOf(ParseLimitError);
      expect(loop).toMatchObject({ limit: "timeout", message: expect.stringContaining("1.5 秒") });
      expect(await outcome(quick, "after-loop")).toBe("ok after-loop");
      expect(await outcome(patient, "heap")).toMatchObject({ limit: "out-of-memory" });
      expect(await outcome(patient, "buffers")).toMatchObject({ limit: "out-of-memory" });
      expect(await outcome(patient, "crash")).toMatchObject({ message: expect.stringContaining("意外退出") });
      expect(await outcome(patient, "last")).toBe("ok last");
    } finally {
      await quick.close();
      await patient.close();
    }
  }, 60_000);
});

describe("a service watching a folder into which hostile files are dropped", () => {
  const tmp = tempDir("hostile");
  const inbox = join(tmp.dir, "inbox");
  const dbPath = join(tmp.dir, "library.db");
  const events: WatchEvent[] = [];
  let library: Library;
  let server: Awaited<ReturnType<typeof startServer>>;
  const get = async <T>(path: string) => (await fetchText(`${server.url}${path}`)).json() as T;
  const start = async () => {
    library = openLibrary(dbPath);
    server = await startServer({ library, port: 0, http: true, watchDir: inbox, onWatchEvent: (e) => events.push(e), parse: { memoryMb: 128, timeoutMs: 2000 } });
  };
  const stop = async () => {
    await server.close();
    library.close();
  };

  beforeAll(async () => {
    mkdirSync(inbox);
    await start();
  });
  afterAll(async () => {
    await stop();
    tmp.remove();
  });

  it("keeps answering while they are parsed, stores the good one, and records each bad one with its reason", async () => {
    writeFileSync(join(inbox, "bomb.docx"), lyingSizeDocx(1, 128));
    writeFileSync(join(inbox, "slow.txt"), quadraticText(1));
    copyFileSync(join(SAMPLES, "A2_songling_15fyp.txt"), join(inbox, "good.txt"));
    const good = await parseDocument(readFileSync(join(inbox, "good.txt")), "good.txt");
    await waitFor(
      async () => {
        const health = await get<HealthResponse>("/api/health");
        return health.plans === 1 && (health.failed ?? 0) >= 2;
      },
      60_000,
      "the good file stored and both bad ones recorded",
    );
    expect((await get<PlanListResponse>("/api/plans")).plans.map((p) => [p.id, p.sourcePath])).toEqual([[good.id, "inbox/good.txt"]]);
    const { failures } = await get<FailuresResponse>("/api/failures");
    const byName = Object.fromEntries(failures.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(["bomb.docx", "slow.txt"]);
    expect(byName["bomb.docx"]).toMatchObject({ path: "inbox/bomb.docx", code: expect.stringMatching(/^(unreadable|out-of-memory|timeout|failed)$/) });
    expect(byName["slow.txt"].code).toMatch(/^(timeout|not-a-plan)$/);
    for (const f of failures.filter((x) => x.code === "timeout" || x.code === "out-of-memory")) expect(f.reason).toMatch(/[\u4e00-\u9fff]/);
  }, 90_000);

  it("skips the same bad bytes on the next start, without parsing them, and tries a file again once it changes", async () => {
    await stop();
    events.length = 0;
    await start();
    await server.watcherIdle();
    const failedAgain = events.filter((e) => e.type === "ingest-failed");
    expect(failedAgain.map((e) => e.type === "ingest-failed" && [e.path.split("/").pop(), e.repeated]).sort()).toEqual([
      ["bomb.docx", true],
      ["slow.txt", true],
    ]);
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), join(inbox, "slow.txt"));
    await waitFor(async () => (await get<HealthResponse>("/api/health")).plans === 2, 15_000, "the mended file stored");
    const { failures } = await get<FailuresResponse>("/api/failures");
    expect(failures.map((f) => f.name)).toEqual(["bomb.docx"]);
  }, 60_000);
});

/**
 * A parser that holds a document until the test lets it go: it marks that it has started, then
 * waits (without spinning) for the release file. Health answered between the two proves parsing
 * runs off the request path, by order of events rather than by a clock.
 */
const HOLDING = (started: string, release: string) => `
const { parentPort } = require("node:worker_threads");
const { existsSync, writeFileSync } = require("node:fs");
const pause = new Int32Array(new SharedArrayBuffer(4));
parentPort.postMessage({ ready: true });
parentPort.on("message", (r) => {
  writeFileSync(${JSON.stringify(started)}, String(r.path));
  while (!existsSync(${JSON.stringify(release)})) Atomics.wait(pause, 0, 0, 20);
  parentPort.postMessage({ id: r.id, error: { message: "held and let go", unreadable: true } });
});`;

describe("a service whose parser is busy with a document", () => {
  const tmp = tempDir("held");
  afterAll(() => tmp.remove());

  it("answers health, the plan list and the failures while the document is still being parsed", async () => {
    const inbox = join(tmp.dir, "inbox");
    mkdirSync(inbox);
    const started = join(tmp.dir, "started");
    const release = join(tmp.dir, "release");
    const library = openLibrary(join(tmp.dir, "library.db"));
    const server = await startServer({ library, port: 0, http: true, watchDir: inbox, parse: { workerSource: HOLDING(started, release), timeoutMs: 120_000 } });
    try {
      writeFileSync(join(inbox, "held.txt"), "第一章 总则\n");
      await waitFor(async () => existsSync(started), 30_000, "the parser to start on the document");
      // the parse is in flight, and stays so until the release file exists: every answer here came while it ran
      for (let i = 0; i < 5; i++) {
        const health = await fetchText(`${server.url}/api/health`);
        expect(health.status).toBe(200);
        expect(health.json()).toMatchObject({ status: "ok", plans: 0, failed: 0 });
        expect((await fetchText(`${server.url}/api/plans`)).status).toBe(200);
        expect(((await fetchText(`${server.url}/api/failures`)).json() as FailuresResponse).failures).toEqual([]);
      }
      expect(readFileSync(started, "utf8")).toMatch(/held\.txt$/);
      writeFileSync(release, "");
      await waitFor(async () => ((await fetchText(`${server.url}/api/health`)).json() as HealthResponse).failed === 1, 30_000, "the held document recorded");
      const { failures } = (await fetchText(`${server.url}/api/failures`)).json() as FailuresResponse;
      expect(failures).toMatchObject([{ name: "held.txt", reason: expect.stringContaining("held and let go") }]);
    } finally {
      writeFileSync(release, "");
      await server.close();
      library.close();
    }
  }, 90_000);
});
