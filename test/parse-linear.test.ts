import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SHAPES, type Growth } from "../scripts/parse-growth";

/*
 * Every stage of the parser is linear in its input: four times the input takes at most five times
 * as long, for the shapes of text that made stages quadratic (lines without sentence-ending
 * punctuation, one giant line, long runs of spaces or brackets, many tables, captions and
 * headings, a box of many groups, a huge target list). Not a wall-clock bound: scripts/parse-growth.ts
 * measures processor time in a process of its own, from a collected heap, sizing each shape until
 * a run is long enough to measure and taking the fastest of alternating runs of two sizes 8×
 * apart (the small one parsed 8 times per run, so both runs last as long), read as the growth of
 * 4× the input; a measurement over the limit is taken again, on new texts, up to eight times. A quadratic stage
 * gives 16× per 4×, n log n about 4.5×; before this branch, unpunctuated lines gave 30×.
 */

const PROBE = join(__dirname, "..", "build", "scripts", "parse-growth.js");

let measured: Record<string, Growth> = {};
beforeAll(() => {
  if (!existsSync(PROBE)) throw new Error(`${PROBE} is missing: build first (npm test does, through pretest; or npm run build:generator)`);
  const out = execFileSync(process.execPath, ["--expose-gc", PROBE], { encoding: "utf8", timeout: 120_000 });
  measured = JSON.parse(out) as Record<string, Growth>;
}, 130_000);

describe("every stage is linear: 4× the input takes ≤ 5× the time", () => {
  test.each(Object.keys(SHAPES))("%s", (shape) => {
    const g = measured[shape];
    expect(g).toBeDefined();
    // the sizes and times are in the failure message
    expect({ shape, ...g, linear: g.perFour <= 5 }).toEqual({ shape, ...g, linear: true });
  });
});
