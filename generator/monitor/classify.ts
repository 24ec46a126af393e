/**
 * What kind of target a plan row sets, read from its own columns (docs/monitoring.md, "Kinds"):
 * a number in the target-year column is a level to reach, or a bound when printed with >, <;
 * a bracketed figure in the 年均/累计 column is a five-year change; a plain one a yearly rate,
 * or a yearly bound when the indicator is not itself a change (城镇调查失业率 <6); words are qualitative.
 */
import type { Comparator, Indicator, IndicatorTable, MeasureKind, MonitoredIndicator, Plan } from "../model";
import { nameKey, type Polarity } from "./names";

const CEILING: ReadonlySet<Comparator> = new Set(["<", "≤"]);
const FLOOR: ReadonlySet<Comparator> = new Set([">", "≥"]);

export interface Classified {
  measure: MeasureKind;
  /** the value the measure is held to: the level, rate, five-year change or bound */
  goal: number | null;
  comparator: Comparator | null;
  goalText: string | null;
  measureUnit: string | null;
  baseYear: number;
  targetYear: number;
  /** the base year's value when it is a number */
  baseline: number | null;
  polarity: Polarity;
}

export type IndicatorHead = Omit<MonitoredIndicator, "years" | "progress" | "status" | "constrainedBehind" | "reason" | "notes" | "clerkFigureKind">;

export function classify(ind: Indicator, table: IndicatorTable, plan: Plan): { head: IndicatorHead; classified: Classified } {
  const { key, polarity } = nameKey(ind.name);
  const isChange = polarity !== null;
  const baseYear = table.baseYear ?? (plan.period.start !== null ? plan.period.start - 1 : 0);
  const targetYear = table.targetYear ?? plan.period.end ?? baseYear + 5;
  const T = ind.target;
  const R = ind.rate;
  const baseline = ind.baseline?.value ?? null;
  let c: Classified;
  if (T && T.value !== null) {
    const cmp = T.comparator ?? "=";
    const measure: MeasureKind = CEILING.has(cmp) ? "ceiling" : FLOOR.has(cmp) ? "floor" : "level";
    c = { measure, goal: T.value, comparator: cmp, goalText: null, measureUnit: ind.unit, baseYear, targetYear, baseline, polarity };
  } else if (R && R.value !== null) {
    const cmp = R.comparator ?? "=";
    let measure: MeasureKind;
    if (R.cumulative || R.kind === "cumulative") measure = "cumulative";
    else if (!isChange && CEILING.has(cmp)) measure = "ceiling";
    else if (!isChange && FLOOR.has(cmp)) measure = "floor";
    else measure = "annual-rate";
    const measureUnit = measure === "annual-rate" ? "%" : ind.unit;
    c = { measure, goal: R.value, comparator: cmp, goalText: null, measureUnit, baseYear, targetYear, baseline, polarity };
  } else {
    const text = T?.text ?? T?.raw ?? R?.text ?? R?.raw ?? null;
    c = { measure: "qualitative", goal: null, comparator: null, goalText: text, measureUnit: ind.unit, baseYear, targetYear, baseline, polarity };
  }
  const head: IndicatorHead = {
    key,
    name: ind.name,
    category: ind.category,
    seq: ind.seq,
    parent: ind.parent,
    unit: ind.unit,
    measureUnit: c.measureUnit,
    attribute: ind.attribute,
    constrained: ind.attribute === "约束性",
    line: ind.line,
    measure: c.measure,
    baseline: ind.baseline ? { year: baseYear, value: ind.baseline.value, raw: ind.baseline.raw } : null,
    target: T ? { year: targetYear, value: T.value, comparator: T.comparator, raw: T.raw } : null,
    rate: R ? { value: R.value, comparator: R.comparator, cumulative: R.cumulative || R.kind === "cumulative", raw: R.raw } : null,
  };
  return { head, classified: c };
}

/** The plan's own targets table: the one monitoring follows. */
export function targetsTable(plan: Plan): IndicatorTable | null {
  return plan.indicatorTables.find((t) => t.role === "targets") ?? null;
}
