/**
 * The arithmetic of progress, one function per kind of target (docs/monitoring.md states each
 * formula with a worked example; test/monitor-arithmetic.test.ts checks them by hand).
 * Inputs are the comparable actuals in the measure unit; outputs a Progress, a status and notes.
 */
import type { Comparator, MonitoringStatus, MonitoringYear, Progress } from "../model";
import type { Classified } from "./classify";
import { roundFigure } from "./units";

/** +1: more is better (reach up to, stay above); -1: less is better */
type Direction = 1 | -1;

export interface Assessed {
  progress: Progress;
  status: MonitoringStatus;
  reason: string | null;
  notes: string[];
}

const EPS = 1e-9;

/** whether `a` meets `goal` in the direction, strictly for > and < */
export function meets(a: number, goal: number, dir: Direction, comparator: Comparator | null = null): boolean {
  if (comparator === ">") return a > goal + EPS;
  if (comparator === "<") return a < goal - EPS;
  return dir > 0 ? a >= goal - EPS : a <= goal + EPS;
}

function directionOf(comparator: Comparator | null, fallback: Direction): Direction {
  if (comparator === "<" || comparator === "≤") return -1;
  if (comparator === ">" || comparator === "≥") return 1;
  return fallback;
}

interface Point {
  year: number;
  value: number;
}

function points(years: MonitoringYear[], kinds?: ReadonlySet<string>): Point[] {
  return years
    .filter((y) => y.actual?.comparable && y.actual.value !== null && (!kinds || kinds.has(y.actual.figureKind)))
    .map((y) => ({ year: y.year, value: y.actual!.value! }));
}

const r = roundFigure;
/** a computed figure as a sentence shows it: two decimals at most (6.53948 → 6.54) */
export const shown = (x: number) => String(Math.round(x * 100) / 100);
const yearsText = (ys: number[]) => ys.map((y) => `${y}年`).join("、");

/** the plan's years from `start` not in `have`, up to `upTo` */
function missing(start: number, upTo: number, have: number[]): number[] {
  const out: number[] = [];
  for (let y = start; y <= upTo; y++) if (!have.includes(y)) out.push(y);
  return out;
}

export function straightPath(baseline: number, goal: number, baseYear: number, targetYear: number, year: number): number {
  return r(baseline + ((goal - baseline) * (year - baseYear)) / (targetYear - baseYear));
}

function level(c: Classified, years: MonitoringYear[]): Assessed {
  const pts = points(years);
  const goal = c.goal!;
  if (c.baseline === null) {
    const latest = pts[pts.length - 1];
    return {
      progress: { kind: "level", latestYear: latest.year, latest: latest.value, share: null, expectedByNow: null, requiredAnnualChange: null, remainingYears: Math.max(0, c.targetYear - latest.year) },
      status: "无法比较",
      reason: "规划未给基期值，无法判断进度方向和应达水平",
      notes: [],
    };
  }
  const b = c.baseline;
  const dir: Direction = goal < b ? -1 : 1;
  for (const y of years) y.expected = straightPath(b, goal, c.baseYear, c.targetYear, y.year);
  for (const y of years) if (y.actual?.comparable && y.actual.value !== null && y.expected !== null) y.verdict.metPlan = meets(y.actual.value, y.expected, dir);
  const latest = pts[pts.length - 1];
  const expectedByNow = straightPath(b, goal, c.baseYear, c.targetYear, latest.year);
  const remainingYears = Math.max(0, c.targetYear - latest.year);
  const progress: Progress = {
    kind: "level",
    latestYear: latest.year,
    latest: latest.value,
    share: goal !== b ? r((latest.value - b) / (goal - b)) : null,
    expectedByNow,
    requiredAnnualChange: remainingYears > 0 ? r((goal - latest.value) / remainingYears) : null,
    remainingYears,
  };
  const status: MonitoringStatus = meets(latest.value, goal, dir) ? "已完成" : meets(latest.value, expectedByNow, dir) ? "进度正常" : "滞后";
  const reason =
    status === "已完成"
      ? `${latest.year}年${latest.value}已达到目标${goal}`
      : `${latest.year}年${latest.value}，按直线进度应达${shown(expectedByNow)}${status === "滞后" ? "，落后于进度" : ""}`;
  return { progress, status, reason, notes: [] };
}

function annualRate(c: Classified, years: MonitoringYear[], start: number, end: number): Assessed {
  const pts = points(years);
  const goal = c.goal!;
  const dir = directionOf(c.comparator, 1);
  for (const y of years) if (y.actual?.comparable && y.actual.value !== null) y.verdict.metPlan = meets(y.actual.value, goal, dir, c.comparator);
  const product = pts.reduce((p, x) => p * (1 + x.value / 100), 1);
  const k = pts.length;
  const averageSoFar = r((Math.pow(product, 1 / k) - 1) * 100);
  const n = end - start + 1;
  const latestYear = pts[k - 1].year;
  const gaps = missing(start, latestYear, pts.map((p) => p.year));
  const remainingYears = Math.max(0, end - latestYear);
  const requiredRate = gaps.length === 0 && remainingYears > 0 ? r((Math.pow(Math.pow(1 + goal / 100, n) / product, 1 / remainingYears) - 1) * 100) : null;
  const notes: string[] = [];
  if (gaps.length) notes.push(`${yearsText(gaps)}无数据：平均增速只按${yearsText(pts.map((p) => p.year))}计算${remainingYears > 0 ? "，其余年份所需增速无法算出" : ""}`);
  const met = meets(averageSoFar, goal, dir, c.comparator);
  const status: MonitoringStatus = met ? (k === n ? "已完成" : "进度正常") : "滞后";
  const reason = `${k === 1 ? `${latestYear}年增长` : `${yearsText(pts.map((p) => p.year))}平均增长`}${shown(averageSoFar)}%，规划年均${c.comparator && c.comparator !== "=" ? c.comparator : ""}${goal}%`;
  return { progress: { kind: "annual-rate", target: goal, yearsCounted: pts.map((p) => p.year), averageSoFar, requiredRate, remainingYears }, status, reason, notes };
}

function cumulative(c: Classified, years: MonitoringYear[], start: number): Assessed {
  const total = c.goal!;
  const dir: Direction = total < 0 ? -1 : 1;
  const levels = points(years, new Set(["level"]));
  const changes = points(years, new Set(["change"]));
  const rates = points(years, new Set(["growth"]));
  let method: "level-minus-baseline" | "sum-of-changes" | "compound-rates";
  let latestYear: number;
  let soFar: number;
  const notes: string[] = [];
  if (c.baseline !== null && levels.length) {
    method = "level-minus-baseline";
    const latest = levels[levels.length - 1];
    latestYear = latest.year;
    soFar = r(latest.value - c.baseline);
  } else {
    const use = rates.length > changes.length + levels.length ? rates : [...changes, ...levels].sort((a, b) => a.year - b.year);
    method = use === rates ? "compound-rates" : "sum-of-changes";
    latestYear = use[use.length - 1].year;
    const gaps = missing(start, latestYear, use.map((p) => p.year));
    if (gaps.length) {
      const progress: Progress = { kind: "cumulative", total, latestYear, soFar: null, share: null, expectedByNow: null, method };
      return { progress, status: "无法比较", reason: `缺${yearsText(gaps)}的年度数据，累计变化无法算出`, notes };
    }
    if (method === "compound-rates") {
      // rates compound: five years of 3% reductions are a 14.1% reduction, not 15%
      const sign = c.polarity === "down" ? -1 : 1;
      const factor = use.reduce((p, x) => p * (1 + (sign * x.value) / 100), 1);
      soFar = r(sign * (factor - 1) * 100);
    } else {
      soFar = r(use.reduce((s, x) => s + x.value, 0));
      if (levels.length) notes.push("规划未给基期值：各年实际按当年新增量累加");
    }
  }
  const expectedByNow = r((total * (latestYear - c.baseYear)) / (c.targetYear - c.baseYear));
  for (const y of years) y.expected = r((total * (y.year - c.baseYear)) / (c.targetYear - c.baseYear));
  // each year's verdict: the change reached by that year against the path's
  for (const y of years) {
    const reached = changeBy(method, c, y.year, levels, changes, rates);
    if (reached !== null && y.actual?.comparable && y.expected !== null) y.verdict.metPlan = meets(reached, y.expected, dir);
  }
  const status: MonitoringStatus = meets(soFar, total, dir) ? "已完成" : meets(soFar, expectedByNow, dir) ? "进度正常" : "滞后";
  const reason = `至${latestYear}年累计${shown(soFar)}，五年目标${total}，按进度应达${shown(expectedByNow)}`;
  return { progress: { kind: "cumulative", total, latestYear, soFar, share: total !== 0 ? r(soFar / total) : null, expectedByNow, method }, status, reason, notes };
}

/** the change reached by `year`: the level then minus the baseline, or the yearly changes summed (compounded) since the start */
function changeBy(method: string, c: Classified, year: number, levels: Point[], changes: Point[], rates: Point[]): number | null {
  if (method === "level-minus-baseline") {
    const at = levels.find((p) => p.year === year);
    return at && c.baseline !== null ? r(at.value - c.baseline) : null;
  }
  const use = (method === "compound-rates" ? rates : [...changes, ...levels]).filter((p) => p.year <= year);
  if (!use.some((p) => p.year === year) || use.length !== year - c.baseYear) return null;
  if (method === "compound-rates") {
    const sign = c.polarity === "down" ? -1 : 1;
    return r(sign * (use.reduce((p, x) => p * (1 + (sign * x.value) / 100), 1) - 1) * 100);
  }
  return r(use.reduce((s, x) => s + x.value, 0));
}

function bound(c: Classified, years: MonitoringYear[]): Assessed {
  const pts = points(years);
  const goal = c.goal!;
  const cmp = c.comparator ?? (c.measure === "ceiling" ? "≤" : "≥");
  const dir: Direction = c.measure === "ceiling" ? -1 : 1;
  const yearsMet: number[] = [];
  const yearsMissed: number[] = [];
  for (const y of years) {
    if (!y.actual?.comparable || y.actual.value === null) continue;
    const ok = meets(y.actual.value, goal, dir, cmp);
    y.verdict.metPlan = ok;
    (ok ? yearsMet : yearsMissed).push(y.year);
  }
  const latest = pts[pts.length - 1];
  const ok = yearsMet.includes(latest.year);
  const status: MonitoringStatus = ok ? (latest.year >= c.targetYear ? "已完成" : "进度正常") : "滞后";
  const notes = yearsMissed.length && ok ? [`${yearsText(yearsMissed)}未达到${cmp}${goal}`] : [];
  const reason = `${latest.year}年${latest.value}，${ok ? "符合" : "未达到"}${c.measure === "ceiling" ? "上限" : "下限"}${cmp}${goal}`;
  return { progress: { kind: "bound", bound: goal, comparator: cmp, latestYear: latest.year, latest: latest.value, yearsMet, yearsMissed }, status, reason, notes };
}

/** Progress and status from the years' comparable actuals; the caller has settled 无数据 and 无法比较 already. */
export function assess(c: Classified, years: MonitoringYear[], start: number, end: number): Assessed {
  switch (c.measure) {
    case "level":
      return level(c, years);
    case "annual-rate":
      return annualRate(c, years, start, end);
    case "cumulative":
      return cumulative(c, years, start);
    case "ceiling":
    case "floor":
      return bound(c, years);
    case "qualitative": {
      const latest = [...years].reverse().find((y) => y.actual);
      const latestText = latest?.actual ? `${latest.year}年：${latest.actual.metric}${latest.actual.quantity.raw}` : null;
      return { progress: { kind: "qualitative", text: c.goalText, latestText }, status: "定性", reason: `定性目标“${c.goalText ?? "未给目标值"}”，实际情况见原文，不作判断`, notes: [] };
    }
  }
}

/** The year's actual against that year's own target from its work report. */
export function meetsYearTarget(actual: number, target: number, comparator: Comparator | null, c: Classified): boolean {
  const fallback: Direction = c.measure === "ceiling" || (c.measure === "annual-rate" && directionOf(c.comparator, 1) < 0) ? -1 : c.measure === "level" && c.baseline !== null && c.goal !== null && c.goal < c.baseline ? -1 : 1;
  return meets(actual, target, directionOf(comparator, fallback), comparator);
}
