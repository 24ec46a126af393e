import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Indicator, Plan, Quantity } from "../../generator/model";

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

type KeyProject = string | Record<string, string>;

/**
 * A Plan in its answer key's shape (the fields a key lists, projects as names or as the table
 * fields the key prints), so one toEqual compares a whole document field by field.
 */
export function planAsKey(plan: Plan, key: AnswerKey): Omit<AnswerKey, "file"> {
  const chapters = plan.outline.flatMap((n) => (/章$/.test(n.label) ? [n] : n.children.filter((c) => /章$/.test(c.label))));
  return {
    region: plan.region as string,
    kind: plan.kind,
    period: plan.period as AnswerKey["period"],
    chapters: chapters.length || null,
    indicatorTables: plan.indicatorTables.map((t) => ({ title: t.title, role: t.role, baseYear: t.baseYear, targetYear: t.targetYear, indicators: t.indicators.map(asKeyRow), notes: t.notes })),
    projectBoxes: plan.projectBoxes.map((b, bi) => ({
      label: b.label,
      title: b.title,
      kind: b.kind,
      groups: b.groups.map((g, gi) => ({
        name: g.name,
        projects: g.projects.map((p, pi): KeyProject => {
          const wanted = key.projectBoxes[bi]?.groups[gi]?.projects[pi];
          if (typeof wanted !== "object") return p.name;
          const out: Record<string, string> = { name: p.name };
          for (const field of Object.keys(wanted)) {
            const v = field === "investment" ? p.investment?.raw : (p as unknown as Record<string, unknown>)[field];
            if (typeof v === "string") out[field] = v;
          }
          return out;
        }),
      })),
    })),
    annualTargets: plan.annualTargets.map((t) => ({ metric: t.metric, raw: t.raw })),
  };
}

export function keyWithoutFile(key: AnswerKey): Omit<AnswerKey, "file"> {
  const { file: _file, ...rest } = key;
  return rest;
}
