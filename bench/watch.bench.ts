/**
 * The service's latency while it works through a folder: `serve --watch` (in its own process) is
 * polled one request at a time on /api/health, first idle (the baseline), then while the soak's 200
 * files — 130 versions of real documents among 70 hostile ones — are dropped into its folder in
 * bursts. Issue 13 holds health to p99 < 100 ms throughout; the soak test checks it never stops.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibrary } from "../generator/library";
import type { HealthResponse, PlanListResponse } from "../generator/model";
import { startServer } from "../generator/serve";
import { soakFiles } from "../test/helpers/hostile-files";
import { report } from "./report";
import { exitOnSigterm, startServerChild, stopServerChild } from "./server-child";

const ROOT = join(__dirname, "..", "..");
const IDLE_SECONDS = 3;
const BURST = 20;
const BURST_GAP_MS = 250;

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Polls health one request at a time until `done` says stop; the latencies, and how many answers were not 200. */
async function poll(url: string, done: () => boolean): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  while (!done()) {
    const t0 = performance.now();
    const reply = await get(`${url}/api/health`);
    ms.push(performance.now() - t0);
    if (reply.status !== 200) failed++;
    await sleep(10);
  }
  return { ms, failed };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "planbook-bench-watch-"));
  const inbox = join(dir, "inbox");
  mkdirSync(inbox);
  const files = soakFiles(join(ROOT, "test", "fixtures", "samples"), join(ROOT, "seeds"));
  const good = files.filter((f) => f.kind === "good").length;
  const { child, ready } = await startServerChild<{ url: string }>(__filename, ["--serve-watch", inbox, join(dir, "library.db")]);
  const { url } = ready;
  try {
    const idleUntil = performance.now() + IDLE_SECONDS * 1000;
    const idle = await poll(url, () => performance.now() > idleUntil);

    let finished = false;
    const t0 = performance.now();
    const busy = poll(url, () => finished);
    for (let i = 0; i < files.length; i += BURST) {
      for (const f of files.slice(i, i + BURST)) writeFileSync(join(inbox, f.name), f.bytes);
      await sleep(BURST_GAP_MS);
    }
    // every file dealt with: each good one a revision, each other one stored or recorded as failed
    let revisions = 0;
    let failedFiles = 0;
    for (const deadline = performance.now() + 180_000; performance.now() < deadline; await sleep(250)) {
      const health = JSON.parse((await get(`${url}/api/health`)).body) as HealthResponse;
      const { plans } = JSON.parse((await get(`${url}/api/plans?pageSize=200`)).body) as PlanListResponse;
      revisions = plans.reduce((n, p) => n + p.revision, 0);
      failedFiles = health.failed ?? 0;
      if (revisions >= good && revisions + failedFiles >= files.length) break;
    }
    const seconds = (performance.now() - t0) / 1000;
    finished = true;
    const during = await busy;

    console.log(`  ${files.length} files in ${seconds.toFixed(1)} s: ${revisions} revisions stored, ${failedFiles} reported; ${idle.ms.length} idle and ${during.ms.length} busy health requests, one at a time`);
    const idleFig = { name: "idle health p99", value: percentile(idle.ms, 99), unit: "ms" };
    const p99 = percentile(during.ms, 99);
    report({ name: "health p99 while 200 files arrive", value: p99, unit: "ms", baseline: idleFig, target: "< 100 ms", met: p99 < 100, digits: 1 });
    const lost = idle.failed + during.failed;
    report({ name: "health answers not 200 while watching", value: lost, unit: "requests", target: "0", met: lost === 0, digits: 0 });
    const handled = revisions + failedFiles;
    report({ name: "watched files dealt with", value: handled, unit: "files", target: `${files.length} (every one stored or reported)`, met: handled === files.length && revisions === good, digits: 0 });
  } finally {
    await stopServerChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The child: serves a fresh library over HTTP and watches the folder, with the soak's parse allowance. */
async function serveWatch(inbox: string, dbPath: string): Promise<void> {
  const library = openLibrary(dbPath);
  const server = await startServer({ library, port: 0, host: "127.0.0.1", http: true, watchDir: inbox, parse: { timeoutMs: 1500, memoryMb: 256 } });
  process.send?.({ url: server.url.replace("localhost", "127.0.0.1") });
  exitOnSigterm(() => server.close().then(() => library.close()));
}

if (require.main === module && process.argv[2] === "--serve-watch") {
  serveWatch(process.argv[3], process.argv[4]).catch((e: unknown) => {
    console.error(`bench server: ${(e as Error).message}`);
    process.exit(1);
  });
}
