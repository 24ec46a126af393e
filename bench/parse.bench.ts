/**
 * Parse throughput over all seeds repeated to ≥ 20 MB, against a baseline that only decodes the
 * same bytes and splits them into lines, measured in the same run. Target: ≥ 30 MB/s, within 8×.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeText } from "../generator/parse/decode";

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
  const line = (label: string, s: number) => console.log(`${label.padEnd(34)} ${(mb / s).toFixed(1).padStart(8)} MB/s  (${mb.toFixed(1)} MB in ${s.toFixed(2)} s)`);
  line("baseline: decode + split lines", baseline);
  line("parse: documents → Plans", parse);
  console.log(`parse / baseline time ratio            ${(parse / baseline).toFixed(2)}×   (target: within 8×; throughput target ≥ 30 MB/s)`);
  if (sink < 0) console.log(sink);
}
