/**
 * The second round of documents nobody here wrote (test/fixtures/unseen2/, made by
 * scripts/make-unseen2-fixtures.ts), in layouts the first round (parse-unseen.test.ts) lacks: a
 * range target 6%—6.5%, targets as ● and —— lines, a table with 属性 before 单位 and categories in
 * the 序号 column, 〔〕 cumulative figures, units only in the names, 预期/约束, a project table with
 * 总投资 and 建设年限, ①②③ groups, a bulletin with 上涨/下降/倍, a GBK 解读 page in its site's chrome.
 * Each is compared field by field with its hand-written key; where the key gives a target's kind,
 * number, unit, comparator, range end or line, or an indicator value's kind, those are compared too.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import type { Indicator, Plan, Target } from "../generator/model";
import type { AnswerKey } from "./helpers/answer-keys";
import { keyWithoutFile, planAsKey } from "./helpers/answer-keys";

const UNSEEN2 = join(__dirname, "fixtures", "unseen2");

interface KeyTarget {
  metric: string;
  raw: string;
  kind?: string;
  value?: number | null;
  unit?: string | null;
  comparator?: string | null;
  upper?: number | null;
  line?: number;
}
type Key2 = Omit<AnswerKey, "annualTargets"> & {
  what?: string;
  title?: string;
  annualTargets: KeyTarget[];
  lastYearResults?: Array<{ metric: string; raw: string }>;
};

function readKey(file: string): Key2 {
  return JSON.parse(readFileSync(join(UNSEEN2, file), "utf8")) as Key2;
}

/** a target in its key's notation: the fields the key names, read from the Target */
function targetAsKey(t: Target, want: KeyTarget | undefined): KeyTarget {
  const out: KeyTarget = { metric: t.metric, raw: t.raw };
  if (!want) return out;
  if ("kind" in want) out.kind = t.value.kind;
  if ("value" in want) out.value = t.value.value;
  if ("unit" in want) out.unit = t.value.unit;
  if ("comparator" in want) out.comparator = t.value.comparator;
  if ("upper" in want) out.upper = t.value.upper ?? null;
  if ("line" in want) out.line = t.line;
  return out;
}

const kindsOf = (i: Indicator) => ({ baseline: i.baseline?.kind ?? null, target: i.target?.kind ?? null, rate: i.rate?.kind ?? null });

function asKey(plan: Plan, key: Key2): Record<string, unknown> {
  const base = planAsKey(plan, key as unknown as AnswerKey);
  const out: Record<string, unknown> = { ...base };
  if (key.title !== undefined) out.title = plan.title;
  out.indicatorTables = base.indicatorTables.map((t, ti) => ({
    ...t,
    indicators: t.indicators.map((row, ri) => {
      const want = key.indicatorTables[ti]?.indicators[ri];
      return want && "kinds" in want ? { ...row, kinds: kindsOf(plan.indicatorTables[ti].indicators[ri]) } : row;
    }),
  }));
  out.annualTargets = plan.annualTargets.map((t, i) => targetAsKey(t, key.annualTargets[i]));
  if (key.lastYearResults) out.lastYearResults = plan.lastYearResults.map((t) => ({ metric: t.metric, raw: t.raw }));
  return out;
}

function expected(key: Key2): Record<string, unknown> {
  const { what: _what, ...rest } = keyWithoutFile(key as unknown as AnswerKey) as unknown as Key2;
  return rest;
}

const keys = readdirSync(UNSEEN2).filter((f) => /^V\d.*\.json$/.test(f)).sort();

test("the six documents of the second round are here, in five formats", () => {
  expect(keys).toHaveLength(6);
  expect(new Set(keys.map((k) => readKey(k).file.replace(/^.*\./, ""))).size).toBe(5);
});

describe("unseen documents, second round: every field of their answer keys", () => {
  test.each(keys)("%s", async (keyFile) => {
    const key = readKey(keyFile);
    const plan = await parseDocument(readFileSync(join(UNSEEN2, key.file)), key.file);
    expect(asKey(plan, key)).toEqual(expected(key));
    expect(plan.warnings).toEqual([]);
  });
});
