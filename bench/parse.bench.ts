/**
 * Parse throughput of the text path over all seeds, against a baseline that only decodes the same
 * bytes and splits them into lines, measured in the same run. Target: parse within 3× the baseline.
 *
 * Both are timed in alternating rounds over the same batch (the seeds repeated to ~4 MB), after a
 * warm-up that lets the JIT compile both paths, and the median round of each is reported: a round
 * of each runs under the same load, so the ratio holds on a busy machine where one long timing
 * would measure whoever else was running.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeText } from "../generator/parse/decode";
import { report } from "./report";

const SEEDS = join(__dirname, "..", "..", "seeds");
const ROUND_BYTES = 4 * 1024 * 1024;
const ROUNDS = 7;
const WARM_UP_PASSES = 5;

async function time(fn: () => Promise<void> | void): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const docs = readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, bytes: readFileSync(join(SEEDS, f)) }));
  const batch: Array<{ name: string; bytes: Buffer }> = [];
  let total = 0;
  while (total < ROUND_BYTES) for (const d of docs) (batch.push(d), (total += d.bytes.length));
  const mb = total / (1024 * 1024);
  let sink = 0;
  const baseline = () => {
    for (const b of batch) sink += decodeText(b.bytes).text.split(/\r\n|\r|\n/).length;
  };
  const parse = async () => {
    for (const b of batch) sink += (await parseDocument(b.bytes, b.name)).indicatorTables.length;
  };
  for (let k = 0; k < WARM_UP_PASSES; k++) for (const d of docs) (sink += decodeText(d.bytes).text.split("\n").length, (sink += (await parseDocument(d.bytes, d.name)).indicatorTables.length));
  const base: number[] = [];
  const full: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const b = await time(baseline);
    const p = await time(parse);
    base.push(b);
    full.push(p);
    ratios.push(p / b);
  }
  const decodeSplit = { name: "decode + split lines", value: mb / median(base), unit: "MB/s" };
  const ratio = median(ratios);
  report({ name: `parse .txt seeds (${mb.toFixed(1)} MB × ${ROUNDS} rounds)`, value: mb / median(full), unit: "MB/s", baseline: decodeSplit, target: "≤ 3× decode+split", met: ratio <= 3 });
  report({ name: "parse .txt time / decode+split time", value: ratio, unit: "×", target: "≤ 3×", met: ratio <= 3 });
  if (sink < 0) console.log(sink);
}
