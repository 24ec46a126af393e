/**
 * 200 single-value lookups (=PLANBOOK.VALUE) answered in one batch, beside the same 200 asked as
 * 200 separate requests, measured in the same run: the service's own time (its Server-Timing
 * header) and the end-to-end time in Chromium, where the built functions bundle runs with a
 * stand-in for Excel's CustomFunctions runtime (bench/functions-harness.ts). Each figure is the
 * median of several cold runs (the page reloaded, so the session cache is empty).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { Agent, request as httpsRequest } from "node:https";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { openLibrary } from "../generator/library";
import type { Lookup } from "../generator/model";
import { startServer } from "../generator/serve";
import { CUSTOM_FUNCTIONS_STAND_IN, HARNESS_PATH } from "./functions-harness";
import { report } from "./report";

const ROOT = join(__dirname, "..", "..");
const CALLS = 200;
const RUNS = 7;
const CHROMIUM = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function serverTime(header: string): number {
  const match = /dur=([\d.]+)/.exec(header);
  return match ? Number(match[1]) : NaN;
}

export async function run(): Promise<void> {
  if (!CHROMIUM) {
    console.log("  Chromium is not installed (apt-get install chromium): lookup bench skipped");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "planbook-lookup-bench-"));
  const library = openLibrary(join(dir, "library.db"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    const dist = join(dir, "dist");
    execFileSync(process.execPath, [join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${dist}`], { cwd: ROOT, stdio: "pipe" });
    for (const seed of readdirSync(join(ROOT, "seeds")).filter((f) => f.endsWith(".txt"))) await library.ingestFile(join(ROOT, "seeds", seed));
    server = await startServer({ library, port: 0, http: false, certDir: join(dir, "certs"), distDir: dist });
    const url = server.url;

    // 200 distinct lookups over the library's plans: every targets-table row, each field in turn
    const fields = ["目标", "基期", "年均", "单位", "属性"];
    const rows = library.listPlans().flatMap((summary) => {
      const plan = library.getPlan(summary.id)!;
      return plan.indicatorTables.filter((t) => t.role === "targets").flatMap((t) => t.indicators.map((i) => ({ region: plan.region ?? "", plan: plan.period.label, indicator: i.name })));
    });
    const lookups: Lookup[] = Array.from({ length: CALLS }, (_, i) => ({ fn: "value", ...rows[i % rows.length], field: fields[Math.floor(i / rows.length) % fields.length] }));
    const args = lookups.map((l) => [l.region, (l as { plan: string }).plan, (l as { indicator: string }).indicator, (l as { field: string }).field]);

    // the service alone (Node client, HTTPS): one batch of 200 vs 200 requests of one
    const agent = new Agent({ keepAlive: true, rejectUnauthorized: false }); // the bench's own development certificate
    const post = (body: Lookup[]) =>
      new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${url}/api/lookup`, { method: "POST", agent, headers: { "Content-Type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(serverTime(String(res.headers["server-timing"] ?? ""))));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ lookups: body }));
      });
    const batchService: number[] = [];
    const singleService: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      batchService.push(await post(lookups));
      let sum = 0;
      for (const lookup of lookups) sum += await post([lookup]);
      singleService.push(sum);
    }

    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.addInitScript({ content: CUSTOM_FUNCTIONS_STAND_IN });
    const load = async () => {
      await page.goto(`${url}${HARNESS_PATH}`);
      await page.addScriptTag({ url: "/functions.js" });
    };
    const batched: number[] = [];
    const separate: number[] = [];
    let failures = 0;
    for (let r = 0; r < RUNS; r++) {
      await load(); // a cold session cache
      const outcome = (await page.evaluate(async (list) => {
        const started = performance.now();
        const results = await Promise.all(list.map((a) => (window as any).__call("VALUE", ...a)));
        return { ms: performance.now() - started, failed: results.filter((x: { ok: boolean }) => !x.ok).length };
      }, args)) as { ms: number; failed: number };
      batched.push(outcome.ms);
      failures += outcome.failed;
      const apart = (await page.evaluate(async (list) => {
        const started = performance.now();
        // what per-cell requests would be: each lookup its own request, all issued at once
        await Promise.all(list.map((lookup) => fetch("/api/lookup", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lookups: [lookup] }) }).then((r) => r.json())));
        return performance.now() - started;
      }, lookups)) as number;
      separate.push(apart);
    }
    await context.close();
    agent.destroy();

    const batchMs = median(batched);
    const separateMs = median(separate);
    const speedup = separateMs / batchMs;
    report({ name: `lookup: ${CALLS} values in one batch, service time`, value: median(batchService), unit: "ms", baseline: { name: `${CALLS} requests of one, summed`, value: median(singleService), unit: "ms" }, target: "≤ 50 ms", met: median(batchService) <= 50 });
    report({ name: `lookup: ${CALLS} =PLANBOOK.VALUE end to end (Chromium)`, value: batchMs, unit: "ms", baseline: { name: `${CALLS} separate requests`, value: separateMs, unit: "ms" }, target: "≥ 20× faster than the baseline", met: speedup >= 20 });
    report({ name: "lookup: batch speed-up end to end", value: speedup, unit: "×", target: "≥ 20×", met: speedup >= 20 });
    console.log(`  ${rows.length} indicator rows in ${library.countPlans()} plans; ${failures / RUNS} of ${CALLS} lookups per run answered with an Excel error (a field the row leaves empty)`);
  } finally {
    await browser.close();
    await server?.close();
    library.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
