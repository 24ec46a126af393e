import { readFileSync } from "node:fs";
import { parseDocument } from "../generator/parse";
import { UnreadableDocumentError } from "../generator/parse/decode";
import { planSchemaErrors } from "../generator/model/validate";
import { seedFiles } from "./helpers/answer-keys";

/** A small seeded generator, so a failing mutation can be replayed from its number. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

type Mutation = (lines: string[], r: () => number) => string[];
const pick = (n: number, r: () => number) => Math.floor(r() * n);
const MUTATIONS: Record<string, Mutation> = {
  drop: (l, r) => l.filter(() => r() > 0.05),
  duplicate: (l, r) => l.flatMap((x) => (r() < 0.05 ? [x, x] : [x])),
  swap: (l, r) => {
    const out = [...l];
    for (let k = 0; k < 20; k++) {
      const a = pick(out.length, r);
      const b = pick(out.length, r);
      [out[a], out[b]] = [out[b], out[a]];
    }
    return out;
  },
  truncate: (l, r) => l.slice(0, pick(l.length, r)),
  truncateLines: (l, r) => l.map((x) => (r() < 0.1 ? x.slice(0, pick(x.length + 1, r)) : x)),
  tabsToSpaces: (l, r) => l.map((x) => (r() < 0.5 ? x.replace(/\t/g, " ".repeat(1 + pick(4, r))) : x)),
  blankLines: (l, r) => l.flatMap((x) => (r() < 0.05 ? [x, ""] : r() < 0.05 ? [] : [x])),
};

function flipBytes(bytes: Buffer, r: () => number): Buffer {
  const out = Buffer.from(bytes);
  const n = 1 + pick(50, r);
  for (let k = 0; k < n; k++) out[pick(out.length, r)] = pick(256, r);
  return out;
}

describe("1 000 seeded random mutations of the seeds", () => {
  const seeds = seedFiles().map((f) => ({ file: f, text: readFileSync(f, "utf8") }));
  const names = Object.keys(MUTATIONS);
  test("never throw, and always produce a Plan that passes the JSON Schema", async () => {
    const failures: string[] = [];
    let unreadable = 0;
    for (let i = 0; i < 1000; i++) {
      const r = rng(i + 1);
      const { file, text } = seeds[i % seeds.length];
      let bytes: Buffer;
      let what: string;
      if (i % 8 === 7) {
        bytes = flipBytes(Buffer.from(text, "utf8"), r);
        what = "flip";
      } else {
        what = names[pick(names.length, r)];
        bytes = Buffer.from(MUTATIONS[what](text.split("\n"), r).join("\n"), "utf8");
      }
      try {
        const plan = await parseDocument(bytes, file);
        const errors = planSchemaErrors(JSON.parse(JSON.stringify(plan)));
        if (errors.length) failures.push(`#${i} ${what} ${file}: ${errors.slice(0, 3).join("; ")}`);
      } catch (e) {
        // an empty or binary result is a clear refusal, not a crash
        if (e instanceof UnreadableDocumentError) unreadable++;
        else failures.push(`#${i} ${what} ${file}: threw ${(e as Error).stack}`);
      }
    }
    expect(failures).toEqual([]);
    expect(unreadable).toBeLessThan(50);
  });
});
