/**
 * Monitoring speed: 100 invented regions, each a 十四五 plan and five work reports (the 青禾市
 * fixtures, which exercise every kind of target), in one library. Per region: the time to read its
 * Plans from the library (findMonitoringSources) beside the time to compute its Monitoring from
 * them. The computation must cost no more than the read.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibrary } from "../generator/library";
import { findMonitoringSources, type MonitoringSources } from "../generator/library/monitoring";
import { computeMonitoring } from "../generator/monitor";
import { report } from "./report";

const REGIONS = 100;
/** untimed rounds first: both sides are measured in the steady state a running service is in (the cold round is printed) */
const WARMUP = 5;
const ROUNDS = 5;

function placeName(i: number): string {
  const chars = "安宝昌大东丰福广和华吉嘉江金康乐林龙隆明宁平庆仁瑞山盛泰天文祥兴永裕云长正中";
  return `${chars[i % chars.length]}${chars[Math.floor(i / chars.length) % chars.length]}市`;
}

function bestOf(rounds: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

export async function run(): Promise<void> {
  const fixtures = join(__dirname, "..", "..", "test", "fixtures", "monitoring");
  // the plan and the five work reports; the bulletin is left out so each region is plan + 5 reports
  const texts = readdirSync(fixtures)
    .filter((f) => f.endsWith(".txt") && !f.includes("bulletin"))
    .map((f) => readFileSync(join(fixtures, f), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "planbook-monitor-bench-"));
  const library = openLibrary(join(dir, "library.db"));
  try {
    const regions: string[] = [];
    for (let i = 0; i < REGIONS; i++) {
      const region = placeName(i);
      regions.push(region);
      for (const [n, text] of texts.entries()) {
        const file = join(dir, `${i}-${n}.txt`);
        writeFileSync(file, text.split("青禾").join(region.slice(0, -1)));
        await library.ingestFile(file);
      }
    }
    console.log(`  ${library.countPlans()} documents of ${REGIONS} regions in one library`);
    const queries = regions.map((region) => ({ region, plan: "十四五" }));
    let sources: MonitoringSources[] = [];
    const read = () => {
      sources = queries.map((q) => findMonitoringSources(library, q));
    };
    let statuses = 0;
    const compute = () => {
      statuses = 0;
      for (const s of sources) statuses += computeMonitoring(s).indicators.length;
    };
    const coldRead = bestOf(1, read);
    const coldCompute = bestOf(1, compute);
    console.log(`  cold first round: read ${(coldRead / REGIONS).toFixed(2)} ms, compute ${(coldCompute / REGIONS).toFixed(2)} ms per region`);
    bestOf(WARMUP, read);
    bestOf(WARMUP, compute);
    const readMs = bestOf(ROUNDS, read);
    const computeMs = bestOf(ROUNDS, compute);
    if (sources.some((s) => s.documents.length !== 5) || statuses !== REGIONS * 13) throw new Error("the bench corpus did not parse as 100 × (plan + 5 reports, 13 indicators)");
    const perRegionRead = readMs / REGIONS;
    const perRegionCompute = computeMs / REGIONS;
    const ratio = perRegionCompute / perRegionRead;
    report({ name: "monitor: compute per region", value: perRegionCompute, unit: "ms", baseline: { name: "read its Plans from the library", value: perRegionRead, unit: "ms" }, target: "≤ 1× the read", met: ratio <= 1 });
    report({ name: "monitor: compute / read", value: ratio, unit: "×", target: "≤ 1×", met: ratio <= 1 });
    report({ name: "monitor: read + compute per region", value: perRegionRead + perRegionCompute, unit: "ms", target: "< 20 ms (an API answer)", met: perRegionRead + perRegionCompute < 20 });
  } finally {
    library.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
