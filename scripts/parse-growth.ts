/**
 * How the parser's time grows with its input, for the shapes of text that once made a stage
 * quadratic: `node --expose-gc build/scripts/parse-growth.js [shape…]` prints one JSON object,
 * shape → {n, small, large, ratio, perFour}: the processor time (ms) of a parse of the shape at
 * size n and at SPAN × n, and what that growth means for 4× the input. test/parse-linear.test.ts
 * runs it and holds every perFour to ≤ 5 (4× the input takes at most 5× the time).
 *
 * Measured as the process's CPU time, not the wall clock, so that the other processes of a loaded
 * machine (which preempt this one at random) do not decide it; `--expose-gc` lets each run start
 * from a collected heap, so that no run pays for the garbage of another. Each size is grown until
 * a run is long enough to measure; then both sizes are timed in turns and the fastest run of each
 * compared.
 */
import { parseText } from "../generator/parse";
import { MAX_LINE_CHARS } from "../generator/parse/limits";

const parse = (text: string) => parseText(text, { path: "shape.txt", sha256: "growth", encoding: "utf-8", bytes: text.length });
const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The processor time (ms) of `times` parses of a text, from a collected heap. */
function cpuMs(text: string, times = 1): number {
  // twice: a collection leaves its sweeping to the allocations after it, which would charge one
  // run for the garbage of the run before; the second collection finishes the first's sweeping
  collect();
  collect();
  const t0 = process.cpuUsage();
  for (let k = 0; k < times; k++) parse(text);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

const fastest = (text: string, runs: number) => Math.min(...Array.from({ length: runs }, () => cpuMs(text)));

/**
 * The smallest size from `n`, doubling, at which a warm parse takes `floor` ms. The shape is parsed
 * a few times first: the first runs of a new shape compile code (on this thread), which would
 * make a size look long enough when it is not.
 */
function calibrate(make: (n: number) => string, n: number, floor: number): number {
  const warm = make(n);
  for (let k = 0; k < 5; k++) cpuMs(warm);
  for (let k = 0; k < 14; k++) {
    // the large size must stay a document the parser reads: no line past MAX_LINE_CHARS
    if (longestLine(make(SPAN * n * 2)) > MAX_LINE_CHARS) return n;
    const text = make(n);
    cpuMs(text);
    if (fastest(text, 3) >= floor) return n;
    n *= 2;
  }
  return n;
}

function longestLine(text: string): number {
  let longest = 0;
  for (let start = 0; start <= text.length; ) {
    const end = text.indexOf("\n", start);
    const stop = end < 0 ? text.length : end;
    longest = Math.max(longest, stop - start);
    if (end < 0) break;
    start = end + 1;
  }
  return longest;
}

export interface Growth {
  /** the small size; the large one is SPAN × n */
  n: number;
  /** the fastest run of each size, ms of processor time per parse */
  small: number;
  large: number;
  /** large / small */
  ratio: number;
  /** what the growth means for 4× the input: SPAN^e = ratio gives 4^e (linear 4, quadratic 16) */
  perFour: number;
  attempts: number;
}

/**
 * The sizes compared are SPAN apart: over a wide span the noise of a loaded machine (one run in
 * three taking up to three times as long) moves the measured exponent little, while a quadratic
 * stage shows 64× against a linear one's 8×. (16× apart, the large inputs grow heaps whose
 * collection costs more per object: linear stages then read 4.5–5× per 4×.)
 */
export const SPAN = 8;

/** tries per shape before a reading over the limit is reported */
const MAX_ATTEMPTS = 8;

/**
 * The growth of one shape from n to SPAN × n, as the time 4× the input takes. A measurement over
 * the limit is taken again (on new texts), up to MAX_ATTEMPTS times, and the best kept: a loaded machine
 * (or the other test files jest runs beside this one) can spoil one measurement, not eight in a row.
 */
export function growth(make: (n: number) => string, start: number, floor = 2, limit = 5): Growth {
  const n = calibrate(make, start, floor);
  let small = make(n);
  let large = make(SPAN * n);
  cpuMs(small);
  cpuMs(large);
  let best: Growth | null = null;
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS && (!best || best.perFour > limit)) {
    attempts++;
    if (attempts > 1) {
      // a new try on new texts: a giant line reads bimodally (3.3× per 4×, or 6–7× for several tries
      // in a row on the same strings), which belongs to how V8 holds those strings, not to the parser
      small = make(n);
      large = make(SPAN * n);
      cpuMs(small);
      cpuMs(large);
    }
    let a = Infinity;
    let b = Infinity;
    // the small text is parsed SPAN times per run, so that both runs last about as long and a
    // loaded machine disturbs them alike (a short run escapes the disturbance a long one never does)
    for (let r = 0; r < 5; r++) {
      a = Math.min(a, cpuMs(small, SPAN) / SPAN);
      b = Math.min(b, cpuMs(large));
    }
    const perFour = Math.pow(4, Math.log(b / a) / Math.log(SPAN));
    const g = { n, small: Math.round(a * 10) / 10, large: Math.round(b * 10) / 10, ratio: Math.round((b / a) * 100) / 100, perFour: Math.round(perFour * 100) / 100, attempts };
    if (!best || g.perFour < best.perFour) best = g;
  }
  return { ...best!, attempts };
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");
const tsv = (cells: string[]) => cells.join("\t");

/** a number printed at a fixed width, so that the text at 4n is four times the text at n */
const w = (i: number) => String(i).padStart(6, "0");

/** shape → [how to make it at size n, the size to start calibrating from] */
export const SHAPES: Record<string, [(n: number) => string, number]> = {
  "lines without sentence-ending punctuation": [(n) => lines(n, (i) => `第${w(i)}行没有任何句末标点的文字内容继续写下去`), 1000],
  "lines ending in a comma, blank lines between": [(n) => lines(n, (i) => `这是第${w(i)}行没有句号的文字内容，\n`), 1000],
  "one giant line without punctuation": [(n) => "推进高质量发展建设现代化经济体系".repeat(n), 2000],
  "one giant line of clauses": [(n) => "推进高质量发展，建设现代化经济体系，".repeat(n), 2000],
  "a long run of spaces inside a line": [(n) => `甲${" ".repeat(n * 20)}乙\n第一章 总则`, 2000],
  "unclosed brackets and footnote marks": [(n) => "文字[bookmark:[12:".repeat(n) + " [3:注释]", 1000],
  // from 32 000 lines: the cost per line steps up once, by half, between 16 000 and 64 000 lines (the
  // young generation overflows) and is flat beyond (1.24 → 1.15 µs per line at 64 000 → 256 000); a
  // window from 4 000 straddles the step and read 4.95–5.6× per 4× on a quiet machine
  "many short lines": [(n) => lines(n, (i) => (i % 3 ? "甲" : "")), 32000],
  "many headings": [(n) => lines(n, (i) => (i % 2 ? `第${w(i)}章 标题` : `（${"一二三"[i % 3]}）小标题`)), 1000],
  "many indicator tables": [
    (n) =>
      lines(n, (i) =>
        [`“十四五”主要指标${w(i)}`, tsv(["类别", "序号", "指标名称", "2020年", "2025年", "属性"]), tsv(["经济", "1", "地区生产总值（亿元）", "100", "200", "预期性"]), tsv(["", "2", "人口（万人）", "3", "4", "约束性"]), "注：①数据。", ""].join("\n"),
      ),
    50,
  ],
  "many captions between headings": [(n) => lines(n, (i) => (i % 2 ? `第${w(i)}章 标题` : `专栏${w(i % 90)} 重点项目\n产业：甲项目、乙项目、丙项目。`)), 200],
  "one box with many groups": [(n) => `专栏1 重点项目\n${lines(n, (i) => `产业${w(i)}：甲${w(i)}项目、乙${w(i)}工程、丙${w(i)}基地建设。`)}`, 200],
  // (one list of tens of thousands of items is left out: its cost per item steps up once, by half,
  // between 16 000 and 64 000 items, as V8's young generation overflows, and is flat beyond; a
  // 4× window across that step reads 6×, one past it 4.2×)
  "a wide table aligned by spaces": [(n) => `指标名称  2020年  2025年  属性\n${lines(n, (i) => `指标${w(i)}  ${w(i)}  ${w(i + 1)}  预期性`)}`, 500],
  "table rows with many empty cells": [(n) => `主要指标\n${tsv(["类别", "序号", "指标名称", "2020年", "2025年", "属性"])}\n${lines(n, (i) => tsv(["经济", String(i % 99), "地区生产总值", "1", "2", "预期性", ...new Array<string>(40).fill("")]))}`, 200],
  "a work report with a huge target list": [(n) => `政府工作报告\n各位代表：\n今年主要预期目标是：${Array.from({ length: n }, (_, i) => `指标${w(i)}增长${i % 9}%`).join("，")}。\n${lines(n, (i) => `新增高新技术企业${w(i)}家，完成投资${w(i)}亿元；`)}`, 200],
};

if (require.main === module) {
  const only = process.argv.slice(2);
  // compile the parser's hot paths before the first shape is measured
  parse(Object.values(SHAPES).map(([make, start]) => make(start)).join("\n"));
  const out: Record<string, Growth> = {};
  for (const [name, [make, start]] of Object.entries(SHAPES)) if (!only.length || only.includes(name)) out[name] = growth(make, start);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
