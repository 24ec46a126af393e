import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Indicator, Quantity } from "../../generator/model";

export const SAMPLES_DIR = join(__dirname, "..", "fixtures", "samples");
export const SEEDS_DIR = join(__dirname, "..", "..", "seeds");

export interface AnswerKey {
  file: string;
  region: string;
  kind: string;
  period: { label: string; start: number; end: number };
  chapters: number | null;
  indicatorTables: Array<{
    title: string;
    role: string;
    baseYear: number | null;
    targetYear: number | null;
    indicators: Array<Record<string, unknown>>;
    notes: string[];
  }>;
  projectBoxes: Array<{ label: string; title: string; kind: string; groups: Array<{ name: string | null; projects: Array<string | Record<string, string>> }> }>;
  annualTargets: Array<{ metric: string; raw: string }>;
}

/** One sample's answer key, by the sample's name ("A3_dongzhu_report2025"). */
export function answerKey(sample: string): AnswerKey {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, `${sample}.json`), "utf8")) as AnswerKey;
}

export function answerKeys(): Array<{ txt: string; key: AnswerKey }> {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ txt: join(SAMPLES_DIR, f.replace(/\.json$/, ".txt")), key: answerKey(f.replace(/\.json$/, "")) }));
}

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => join(SEEDS_DIR, f));
}

const raw = (q: Quantity | null) => (q ? q.raw : null);

/** An indicator in the answer keys' notation: values as their raw text, cells as header → raw text. */
export function asKeyRow(i: Indicator): Record<string, unknown> {
  return {
    category: i.category,
    seq: i.seq,
    name: i.name,
    unit: i.unit,
    parent: i.parent,
    baseline: raw(i.baseline),
    target: raw(i.target),
    rate: raw(i.rate),
    attribute: i.attribute,
    flags: i.flags,
    cells: Object.fromEntries(Object.entries(i.cells).map(([k, v]) => [k, raw(v)])),
  };
}
