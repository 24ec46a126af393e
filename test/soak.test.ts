/**
 * Issue 13's soak: `planbook serve --watch` (a real process) on a folder into which 200 files are
 * dropped in bursts — good documents, .docx files whose zip headers lie about their size, texts
 * that made paragraph joining quadratic, binaries, mojibake — while a client polls /api/health
 * and /api/plans. The service never stops, answers health while the files are being worked
 * through, stores every good file and reports every bad one. Prints the load held, the latency
 * (held to p99 < 100 ms by `npm run bench`, where it is measured beside an idle baseline, not
 * here, where other suites share the machine), faults survived and inputs tried.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NOT_A_PLAN_CODES } from "../generator/library";
import type { FailuresResponse, HealthResponse, PlanListResponse, PlanSummary } from "../generator/model";
import { parseDocument } from "../generator/parse";
import { startCli } from "./helpers/cli-process";
import { SOAK_COUNTS, soakFiles, type SoakFile } from "./helpers/hostile-files";
import { fetchText, SAMPLES, SEEDS, tempDir } from "./library-support";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe("soak: serve --watch while 200 files, good and hostile, are dropped into its folder", () => {
  const tmp = tempDir("soak");
  afterAll(() => tmp.remove());

  it("never stops, answers health throughout, stores every good file and reports every bad one", async () => {
    const inbox = join(tmp.dir, "inbox");
    mkdirSync(inbox);
    const files = soakFiles(SAMPLES, SEEDS);
    expect(files).toHaveLength(200);
    // mojibake is the parser's to flag (issue 10); until it does, such a file is read as text like any other
    const mojibakeFlagged = await parseDocument(files.find((f) => f.kind === "mojibake")!.bytes, "probe.txt").then(
      (plan) => plan.warnings.some((w) => NOT_A_PLAN_CODES.includes(w.code)),
      () => true,
    );
    const mustFail = (f: SoakFile) => f.kind !== "good" && (f.kind !== "mojibake" || mojibakeFlagged);

    const service = await startCli(["serve", "--http", "--port", "0", "--watch", inbox, "--library", join(tmp.dir, "library.db")], /按 Ctrl-C 停止/, {
      env: { PLANBOOK_PARSE_TIMEOUT: "1.5", PLANBOOK_PARSE_MEMORY_MB: "256" },
    });
    const url = /(http:\/\/[^\s：]+:\d+)/.exec(service.out())![1];
    const health: number[] = [];
    // what each health answer said, to show it was answered while files were still being worked through
    const progress: Array<{ plans: number; failed: number }> = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    let polling = true;
    const poller = (async () => {
      for (let n = 0; polling; n++) {
        const path = n % 2 === 0 ? "/api/health" : "/api/plans?pageSize=200";
        const t0 = performance.now();
        const reply = await fetchText(`${url}${path}`).catch(() => ({ status: 0, json: () => null }));
        if (n % 2 === 0) {
          health.push(performance.now() - t0);
          const h = reply.status === 200 ? (reply.json() as HealthResponse) : null;
          if (h) progress.push({ plans: h.plans, failed: h.failed ?? 0 });
        }
        requests++;
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const started = Date.now();
    try {
      // bursts of 20 files every 250 ms
      for (let i = 0; i < files.length; i += 20) {
        for (const f of files.slice(i, i + 20)) writeFileSync(join(inbox, f.name), f.bytes);
        await new Promise((r) => setTimeout(r, 250));
      }
      const good = files.filter((f) => !mustFail(f));
      const bad = files.filter(mustFail);
      const storedShas = async () => {
        const { plans } = (await fetchText(`${url}/api/plans?pageSize=200`)).json() as PlanListResponse;
        const shas = new Set<string>();
        for (const p of plans) {
          const { revisions } = (await fetchText(`${url}/api/plans/${p.id}/revisions`)).json() as { revisions: PlanSummary[] };
          for (const r of revisions) shas.add(r.sha256);
        }
        return shas;
      };
      const failures = async () => ((await fetchText(`${url}/api/failures`)).json() as FailuresResponse).failures;
      let stored = new Set<string>();
      let failed: FailuresResponse["failures"] = [];
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
        const h = (await fetchText(`${url}/api/health`)).json() as HealthResponse;
        if ((h.failed ?? 0) >= bad.length) {
          stored = await storedShas();
          failed = await failures();
          if (good.every((f) => stored.has(f.sha256))) break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      polling = false;
      await poller;
      const elapsed = (Date.now() - started) / 1000;

      const missing = good.filter((f) => !stored.has(f.sha256)).map((f) => f.name);
      expect(missing).toEqual([]);
      const reported = new Map(failed.map((f) => [f.name, f]));
      expect(bad.filter((f) => !reported.has(f.name)).map((f) => f.name)).toEqual([]);
      for (const f of bad) expect(stored.has(f.sha256)).toBe(false);
      for (const f of failed) expect(f.reason.length).toBeGreaterThan(5);
      // what the service itself says (the decoders' own words are theirs)
      for (const f of failed.filter((x) => x.code === "timeout" || x.code === "out-of-memory")) expect(f.reason).toMatch(/[\u4e00-\u9fff]/);
      expect([...statuses.keys()]).toEqual([200]);
      // answered mid-way: some bad files already recorded, others not yet (the drop takes 2.5 s, polls come every ~10 ms)
      const midway = progress.filter((h) => h.failed > 0 && h.failed < bad.length);
      expect(midway.length).toBeGreaterThan(0);
      const p99 = percentile(health, 99);

      const byCode = new Map<string, number>();
      for (const f of failed) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
      console.log(
        [
          `soak: ${files.length} files in ${elapsed.toFixed(1)} s — ${Object.entries(SOAK_COUNTS).map(([k, n]) => `${n} ${k}`).join(", ")}`,
          `  load held: ${requests} requests (${health.length} /api/health, ${requests - health.length} /api/plans), all 200, ${midway.length} health answers mid-way; health p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
          `  stored: ${good.length} good files as ${stored.size} revisions; reported: ${failed.length} (${[...byCode].map(([c, n]) => `${n} ${c}`).join(", ")})`,
          `  faults survived (parser worker stopped and replaced): ${(byCode.get("timeout") ?? 0) + (byCode.get("out-of-memory") ?? 0)}`,
          mojibakeFlagged ? "" : `  note: the parser does not flag mojibake yet (issue 10), so the ${SOAK_COUNTS.mojibake} mojibake files were stored as it read them`,
        ]
          .filter(Boolean)
          .join("\n"),
      );
    } finally {
      polling = false;
      await poller;
      // it is still running: the service never stopped
      expect(await service.stop()).toBe(0);
    }
  }, 180_000);
});
