/**
 * Plans for the renderer's tests. The parser is still growing (indicator tables and project boxes
 * fill in over time), so besides parsing the seeds and samples we also build Plans straight from the
 * samples' hand-written answer keys: the renderer is then exercised with full tables and boxes
 * whatever the parser produces today.
 */
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { SCHEMA_VERSION, type Plan, type Quantity } from "../generator/model";
import { parseFile, parseQuantity } from "../generator/parse";

export const ROOT = join(__dirname, "..");
export const SEEDS = readdirSync(join(ROOT, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => join(ROOT, "seeds", f));
export const SAMPLES = readdirSync(join(ROOT, "test/fixtures/samples")).filter((f) => f.endsWith(".txt")).map((f) => join(ROOT, "test/fixtures/samples", f));
export const ANSWER_KEYS = SAMPLES.map((f) => f.replace(/\.txt$/, ".json"));

interface KeyIndicator {
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  parent: string | null;
  baseline: string | null;
  target: string | null;
  rate: string | null;
  attribute: "预期性" | "约束性" | null;
  flags: string[];
  cells: Record<string, string | null>;
}

interface KeyProject {
  name: string;
  content?: string;
  location?: string;
  investment?: string;
  investmentUnit?: string;
  period?: string;
}

interface AnswerKey {
  file: string;
  region: string;
  kind: Plan["kind"];
  period: Plan["period"];
  indicatorTables: Array<{ title: string; role: "targets" | "review"; baseYear: number | null; targetYear: number | null; indicators: KeyIndicator[]; notes: string[] }>;
  projectBoxes: Array<{ label: string; title: string; kind: "projects" | "layout" | "indicators"; groups: Array<{ name: string | null; projects: Array<string | KeyProject> }> }>;
  annualTargets: Array<{ metric: string; raw: string }>;
}

const q = (raw: string | null): Quantity | null => parseQuantity(raw);

export function planFromAnswerKey(path: string): Plan {
  const key = JSON.parse(readFileSync(path, "utf8")) as AnswerKey;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `key-${basename(path, ".json")}`,
    source: { path: `test/fixtures/samples/${key.file}`, sha256: "0".repeat(64), encoding: "utf-8", bytes: 0 },
    kind: key.kind,
    title: `${key.region}${key.period.label}（答案键）`,
    region: key.region,
    period: key.period,
    outline: [{ level: 1, label: "第一章", title: "总体要求", line: 1, children: [{ level: 2, label: "第一节", title: "发展环境", line: 2, children: [] }] }],
    indicatorTables: key.indicatorTables.map((t, i) => ({
      title: t.title,
      role: t.role,
      baseYear: t.baseYear,
      targetYear: t.targetYear,
      columns: [],
      columnInfo: [],
      line: 10 + i,
      notes: t.notes,
      indicators: t.indicators.map((ind, j) => ({
        category: ind.category,
        seq: ind.seq,
        name: ind.name,
        unit: ind.unit,
        parent: ind.parent,
        baseline: q(ind.baseline),
        target: q(ind.target),
        rate: q(ind.rate),
        attribute: ind.attribute,
        flags: ind.flags,
        cells: Object.fromEntries(Object.entries(ind.cells).map(([k, v]) => [k, q(v)])),
        line: 20 + j,
      })),
    })),
    projectBoxes: key.projectBoxes.map((b, i) => ({
      label: b.label,
      title: b.title,
      kind: b.kind,
      section: "第三章 产业",
      line: 100 + i,
      groups: b.groups.map((g) => ({
        name: g.name,
        projects: g.projects.map((p) =>
          typeof p === "string" ? { name: p } : { ...p, investment: parseQuantity(p.investment) ?? undefined },
        ),
      })),
    })),
    targets: [],
    annualTargets: key.annualTargets.map((t, i) => ({ metric: t.metric, raw: t.raw, year: key.period.end, value: parseQuantity(t.raw) ?? { raw: t.raw, value: null, comparator: null, cumulative: false, text: t.raw, unit: null, kind: "text" }, text: t.raw, line: 200 + i })),
    lastYearResults: [],
    tasks: [],
    warnings: [],
  };
}

export interface LabelledPlan {
  label: string;
  plan: Plan;
}

/** Every seed and sample as the parser reads it today, and every answer key as a Plan. */
export async function allPlans(): Promise<LabelledPlan[]> {
  const parsed = await Promise.all([...SEEDS, ...SAMPLES].map(async (f) => ({ label: basename(f), plan: await parseFile(f) })));
  const keyed = ANSWER_KEYS.map((f) => ({ label: `key:${basename(f)}`, plan: planFromAnswerKey(f) }));
  return [...parsed, ...keyed];
}

/** A Plan whose document text tries to become formulas. */
export function hostilePlan(): Plan {
  const plan = planFromAnswerKey(ANSWER_KEYS[0]);
  plan.title = "=HYPERLINK(\"http://evil.example\",\"点击\")";
  plan.region = "+1+1";
  plan.indicatorTables[0].indicators[0].name = "-2+3";
  plan.indicatorTables[0].indicators[1].name = "@SUM(A1:A9)";
  plan.projectBoxes[0].groups[0].projects[0].name = "=1+1";
  return plan;
}

/** One Plan with `n` projects in one box: enough rows that a streamed sheet goes to disk in many blocks. */
export function manyProjectsPlan(n: number): Plan {
  const plan = planFromAnswerKey(ANSWER_KEYS[0]);
  const projects = Array.from({ length: n }, (_, i) => ({ name: `重点建设项目${i}号`, location: "开发区", investment: parseQuantity(`${10 + (i % 90)}`) ?? undefined, investmentUnit: "亿元", period: "2021-2025" }));
  plan.projectBoxes = [{ label: "专栏 1", title: "重点项目", kind: "projects", section: null, line: 1, groups: [{ name: null, projects }] }];
  return plan;
}

/** Targets of the plan the chart and editor tests fill: seven indicators, one with a decimal. */
export const CHART_TARGETS = [12, 30, 7.5, 44, 18, 25, 3];

/** A Plan whose indicator table holds exactly CHART_TARGETS, named 指标1…指标7. */
export function chartPlan(): Plan {
  const p = planFromAnswerKey(ANSWER_KEYS[0]);
  const table = p.indicatorTables.find((t) => t.role === "targets")!;
  table.indicators = CHART_TARGETS.map((t, i) => ({ ...table.indicators[0], name: `指标${i + 1}`, target: parseQuantity(String(t)) }));
  p.indicatorTables = [table];
  return p;
}
