/**
 * Library and service figures: ingest rate for 1 000 documents (the seeds, repeated under invented
 * region names), then an autocannon load test of /api/plans/:id/indicators against /api/health on
 * the same server, over HTTP and HTTPS on 127.0.0.1. The server runs in a child process so the load
 * generator does not share its event loop. Both routes are asked as a browser (the task pane) asks,
 * with Accept-Encoding: the service sends cached answers compressed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibrary } from "../generator/library";
import { parseFile } from "../generator/parse";
import { startServer } from "../generator/serve";
import { report } from "./report";
import { exitOnSigterm, startServerChild, stopServerChild } from "./server-child";

const DOCUMENTS = 1000;
const LOAD_SECONDS = 3;
const CONNECTIONS = 32;
const ROUNDS = 5;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

/** Invented two- or three-character place names, one per index, so every copy is its own plan. */
function placeName(i: number): string {
  const chars = "安宝昌大东丰福广和华吉嘉江金康乐林龙隆明宁平庆仁瑞山盛泰天文祥兴永裕云长正中";
  const n = chars.length;
  return chars[i % n] + chars[Math.floor(i / n) % n] + (i >= n * n ? chars[Math.floor(i / (n * n)) % n] : "");
}

async function writeCorpus(dir: string): Promise<string[]> {
  const seedsDir = join(__dirname, "..", "..", "seeds");
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).map((f) => join(seedsDir, f));
  const texts: Array<{ text: string; base: string }> = [];
  for (const seed of seeds) {
    const plan = await parseFile(seed);
    // the region without its 市/县/区, so 荆门 in 荆门市 and in 荆门高新区 both change
    const base = (plan.region ?? "").replace(/[市县区州]$/u, "");
    texts.push({ text: readFileSync(seed, "utf8"), base });
  }
  const files: string[] = [];
  for (let i = 0; i < DOCUMENTS; i++) {
    const { text, base } = texts[i % texts.length];
    const name = placeName(i);
    const file = join(dir, `doc-${i}.txt`);
    writeFileSync(file, base ? text.split(base).join(name) : `${text}\n${name}\n`);
    files.push(file);
  }
  return files;
}

async function benchIngest(dbPath: string, files: string[]): Promise<void> {
  const library = openLibrary(dbPath);
  let parseMs = 0;
  let storeMs = 0;
  const statuses = { new: 0, revised: 0, unchanged: 0 };
  for (const file of files) {
    const t0 = performance.now();
    const plan = await parseFile(file);
    const t1 = performance.now();
    statuses[library.ingestPlan(plan).status]++;
    storeMs += performance.now() - t1;
    parseMs += t1 - t0;
  }
  const plans = library.countPlans();
  library.close();
  const total = parseMs + storeMs;
  const perSecond = (files.length / total) * 1000;
  report({ name: `ingest ${files.length} documents (parse + store)`, value: perSecond, unit: "docs/s", baseline: { name: "parse alone", value: (files.length / parseMs) * 1000, unit: "docs/s" }, target: "≥ 50 docs/s", met: perSecond >= 50 });
  console.log(`  ${statuses.new} new, ${statuses.revised} revised, ${statuses.unchanged} unchanged → ${plans} plans`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Several runs as one: mean throughput, the worst p99. */
function combine(runs: AutocannonResult[]): AutocannonResult {
  const mean = (f: (r: AutocannonResult) => number) => runs.reduce((n, r) => n + f(r), 0) / runs.length;
  return {
    requests: { average: mean((r) => r.requests.average), total: runs.reduce((n, r) => n + r.requests.total, 0) },
    latency: { p99: Math.max(...runs.map((r) => r.latency.p99)), average: mean((r) => r.latency.average) },
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

type CpuProbe = () => Promise<number>;

/** The server's CPU time (µs) per request during one load: what an answer costs it, whatever else the machine is doing. */
async function load(autocannon: Autocannon, url: string, cpu: CpuProbe): Promise<AutocannonResult & { cpuPerRequest: number }> {
  const before = await cpu();
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, tlsOptions: { rejectUnauthorized: false }, headers: { "accept-encoding": "gzip, deflate, br" } });
  const cpuPerRequest = (await cpu()) - before;
  const perRequest = cpuPerRequest / Math.max(1, result.requests.total);
  return { ...result, cpuPerRequest: perRequest };
}

async function benchService(dbPath: string, certDir: string): Promise<void> {
  const { child, ready: urls } = await startServerChild<{ http: string; https: string; id: string }>(__filename, ["--serve", dbPath, certDir]);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const autocannon = require("autocannon") as Autocannon;
    console.log(`load test: ${CONNECTIONS} connections × ${LOAD_SECONDS} s on 127.0.0.1, server in its own process`);
    const cpu: CpuProbe = () =>
      new Promise((resolve) => {
        const onMessage = (m: unknown) => {
          const usage = (m as { cpu?: NodeJS.CpuUsage }).cpu;
          if (!usage) return;
          child.off("message", onMessage);
          resolve(usage.user + usage.system);
        };
        child.on("message", onMessage);
        child.send("cpu");
      });
    for (const [scheme, base] of [["http", urls.http], ["https", urls.https]] as const) {
      // health and indicators take turns, so a burst of other work on the machine weighs on both alike
      const healthRuns: Array<AutocannonResult & { cpuPerRequest: number }> = [];
      const indicatorRuns: Array<AutocannonResult & { cpuPerRequest: number }> = [];
      for (let round = 0; round < ROUNDS; round++) {
        healthRuns.push(await load(autocannon, `${base}/api/health`, cpu));
        indicatorRuns.push(await load(autocannon, `${base}/api/plans/${urls.id}/indicators`, cpu));
      }
      const cpuOf = (runs: Array<{ cpuPerRequest: number }>) => median(runs.map((r) => r.cpuPerRequest));
      const cpuRatio = median(indicatorRuns.map((r, i) => healthRuns[i].cpuPerRequest / r.cpuPerRequest));
      const health = combine(healthRuns);
      const indicators = combine(indicatorRuns);
      // per round, health and indicators ran back to back: the median of those ratios shrugs off a burst of other work
      const ratio = median(indicatorRuns.map((r, i) => r.requests.average / healthRuns[i].requests.average));
      const failed = health.non2xx + health.errors + indicators.non2xx + indicators.errors;
      report({ name: `${scheme} /api/health p99 latency`, value: health.latency.p99, unit: "ms", target: "< 100 ms", met: health.latency.p99 < 100, digits: 0 });
      report({ name: `${scheme} failed requests under load`, value: failed, unit: "requests", target: "0", met: failed === 0, digits: 0 });
      const healthFig = { name: "/api/health", value: health.requests.average, unit: "req/s" };
      report({ name: `${scheme} /api/plans/:id/indicators`, value: indicators.requests.average, unit: "req/s", baseline: healthFig, target: "≥ 5000 req/s", met: indicators.requests.average >= 5000, digits: 0 });
      report({ name: `${scheme} indicators p99 latency`, value: indicators.latency.p99, unit: "ms", target: "< 10 ms", met: indicators.latency.p99 < 10, digits: 0 });
      report({ name: `${scheme} indicators / health throughput (median of rounds)`, value: ratio, unit: "×", target: "≥ 0.9×", met: ratio >= 0.9 });
      // throughput swings with whatever else the machine runs; the server's CPU per answer does not
      report({ name: `${scheme} health / indicators server CPU per request`, value: cpuRatio, unit: "×", baseline: { name: "indicators µs/request", value: cpuOf(indicatorRuns), unit: "µs" }, target: "≥ 0.9× (an indicators answer costs the server no more than health)", met: cpuRatio >= 0.9 });
    }
  } finally {
    await stopServerChild(child);
  }
}

/** The child: serves the library over HTTP and HTTPS and reports its URLs and the busiest plan. */
async function serveForBench(dbPath: string, certDir: string): Promise<void> {
  const library = openLibrary(dbPath);
  const busiest = library.listPlans().sort((a, b) => b.indicatorCount - a.indicatorCount)[0];
  const http = await startServer({ library, port: 0, host: "127.0.0.1", http: true });
  const https = await startServer({ library, port: 0, host: "127.0.0.1", certDir });
  const toLoopback = (url: string) => url.replace("localhost", "127.0.0.1");
  process.send?.({ http: toLoopback(http.url), https: toLoopback(https.url), id: busiest.id });
  // the parent asks for the CPU time this process has used, before and after each load
  process.on("message", (m) => m === "cpu" && process.send?.({ cpu: process.cpuUsage() }));
  exitOnSigterm(() => Promise.all([http.close(), https.close()]).then(() => library.close()));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "planbook-bench-"));
  try {
    const files = await writeCorpus(join(dir));
    const dbPath = join(dir, "library.db");
    await benchIngest(dbPath, files);
    await benchService(dbPath, join(dir, "certs"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv[2] === "--serve") {
  serveForBench(process.argv[3], process.argv[4]).catch((e: unknown) => {
    console.error(`bench server: ${(e as Error).message}`);
    process.exit(1);
  });
}
