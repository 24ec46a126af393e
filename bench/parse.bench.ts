/**
 * Parse throughput over all seeds repeated to ≥ 20 MB, against a baseline that only decodes the
 * same bytes and splits them into lines, measured in the same run. Target: ≥ 30 MB/s, within 8×.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeText } from "../generator/parse/decode";
import { report } from "./report";

const SEEDS = join(__dirname, "..", "..", "seeds");
const TARGET_BYTES = 20 * 1024 * 1024;

async function time(fn: () => Promise<void> | void): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(): Promise<void> {
  const docs = readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => ({ name: f, bytes: readFileSync(join(SEEDS, f)) }));
  const batch: Buffer[] = [];
  let total = 0;
  while (total < TARGET_BYTES) for (const d of docs) (batch.push(d.bytes), (total += d.bytes.length));
  const mb = total / (1024 * 1024);
  let sink = 0;
  // warm up both paths so the JIT has compiled them before timing
  for (const d of docs) (sink += decodeText(d.bytes).text.split("\n").length, sink += (await parseDocument(d.bytes, d.name)).indicatorTables.length);
  const baseline = await time(() => {
    for (const b of batch) sink += decodeText(b).text.split(/\r\n|\r|\n/).length;
  });
  const parse = await time(async () => {
    for (const [i, b] of batch.entries()) sink += (await parseDocument(b, docs[i % docs.length].name)).indicatorTables.length;
  });
  const decodeSplit = { name: "decode + split lines", value: mb / baseline, unit: "MB/s" };
  report({ name: `parse .txt seeds (${mb.toFixed(1)} MB)`, value: mb / parse, unit: "MB/s", baseline: decodeSplit, target: "≥ 30 MB/s", met: mb / parse >= 30 });
  report({ name: "parse .txt time / decode+split time", value: parse / baseline, unit: "×", target: "≤ 8×", met: parse / baseline <= 8 });
  if (sink < 0) console.log(sink);
}
