/**
 * What the `monitoring` template sees: a Monitoring (generator/model/monitoring.ts) as rows a clerk
 * reads — one per indicator with a column per year, one per indicator and year, every note, the
 * figures that matched nothing and the documents read. Values stay numbers where they are numbers;
 * what Planbook computed (the path, the rate still needed) is labelled as computed.
 */
import {
  MONITORING_STATUSES,
  PLAN_KIND_LABELS,
  type FigureKind,
  type MeasureKind,
  type MonitoredFigure,
  type MonitoredIndicator,
  type Monitoring,
  type MonitoringYear,
  sourceText,
  verdictText,
} from "../model";

const MEASURE_LABELS: Record<MeasureKind, string> = {
  level: "目标值",
  "annual-rate": "年均增速",
  cumulative: "五年累计",
  ceiling: "上限",
  floor: "下限",
  qualitative: "定性",
};

/** what a clerk types in the 实际 cell */
const CALIBER: Record<FigureKind, string> = { level: "当年水平值", growth: "当年增速（%）", change: "当年变化量", text: "文字或数值" };

const round = (x: number | null | undefined, digits = 2): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const pct = (x: number | null) => (x === null ? "" : `${round(x * 100, 1)}%`);
const signed = (x: number) => (x > 0 ? `+${round(x)}` : String(round(x)));

function targetText(i: MonitoredIndicator): string {
  const cmp = (c: string | null) => (c && c !== "=" ? c : "");
  switch (i.measure) {
    case "annual-rate":
      return `年均${cmp(i.rate?.comparator ?? null)}${i.rate?.value}%`;
    case "cumulative":
      return `累计${i.rate?.raw ?? ""}`;
    case "qualitative":
      return i.target?.raw ?? i.rate?.raw ?? "（未给目标值）";
    default:
      return i.target ? i.target.raw : `${cmp(i.rate?.comparator ?? null)}${i.rate?.value ?? ""}`;
  }
}

/** One line a clerk reads about where the indicator stands; computed figures are said to be computed. */
function progressText(i: MonitoredIndicator): string {
  const p = i.progress;
  switch (p.kind) {
    case "level":
      return p.share === null
        ? `${p.latestYear}年${p.latest}`
        : `完成进度${pct(p.share)}；按进度${p.latestYear}年应达${round(p.expectedByNow)}${p.requiredAnnualChange !== null ? `；其余${p.remainingYears}年每年需${signed(p.requiredAnnualChange)}` : ""}`;
    case "annual-rate": {
      const years = p.yearsCounted.length === 1 ? `${p.yearsCounted[0]}年增长` : `${p.yearsCounted.join("、")}年平均增长`;
      const gaps = i.years.filter((y) => y.year <= p.yearsCounted[p.yearsCounted.length - 1] && !p.yearsCounted.includes(y.year)).map((y) => y.year);
      return `${years}${round(p.averageSoFar)}%${p.requiredRate !== null ? `；其余${p.remainingYears}年需年均${round(p.requiredRate)}%` : ""}${gaps.length ? `；${gaps.join("、")}年无数据` : ""}`;
    }
    case "cumulative":
      return p.soFar === null ? "" : `至${p.latestYear}年累计${round(p.soFar)}（完成${pct(p.share)}）；按进度应达${round(p.expectedByNow)}`;
    case "bound":
      return `${p.latestYear}年${p.latest}${p.yearsMissed.length ? `；${p.yearsMissed.join("、")}年未达标` : "；各年均达标"}`;
    case "qualitative":
      return p.latestText ?? "";
    case "none":
      return "";
  }
}

/** a year's target: the number when it is one, with its comparator when it is a bound (≥4.8, ≈6.5), else as printed */
function figureDisplay(f: MonitoredFigure | null): number | string | null {
  if (!f) return null;
  if (!f.comparable || f.value === null) return f.quantity.raw;
  const cmp = f.quantity.comparator;
  return cmp && cmp !== "=" ? `${cmp}${f.value}` : f.value;
}

function yearNote(y: MonitoringYear): string {
  const parts: string[] = [];
  const a = y.actual;
  if (a?.conversion) parts.push(a.conversion);
  if (a?.estimated) parts.push("预计数或初步数");
  if (a && !a.comparable && a.reason) parts.push(a.reason);
  for (const o of y.others) if (o.comparable && o.value !== null) parts.push(`另见${sourceText(o.source)}：${o.value}`);
  if (y.target?.conversion) parts.push(`年度目标${y.target.conversion}`);
  return parts.join("；");
}

export interface MonitoringView {
  title: string;
  subtitle: string;
  region: string | null;
  periodLabel: string;
  planTitle: string;
  planId: string;
  planPath: string;
  asOf: string;
  years: Array<{ year: number; header: string }>;
  summary: Array<{ status: string; count: number }>;
  rows: Array<Record<string, unknown>>;
  yearRows: Array<Record<string, unknown>>;
  notes: Array<{ name: string; note: string }>;
  unmatched: Array<Record<string, unknown>>;
  documents: Array<Record<string, unknown>>;
  warnings: string[];
}

export function monitoringView(m: Monitoring): MonitoringView {
  const rows = m.indicators.map((i) => ({
    seq: i.seq,
    category: i.category,
    name: i.name,
    attribute: i.attribute,
    constrained: i.constrained,
    unit: i.measureUnit,
    measure: MEASURE_LABELS[i.measure],
    baseline: i.baseline ? (i.baseline.value ?? i.baseline.raw) : null,
    target: targetText(i),
    status: i.constrainedBehind ? "滞后·约束性" : i.status,
    // 无数据 says itself; 无法比较 and 定性 say why
    progress: progressText(i) || (i.status === "无数据" ? "" : i.reason),
    reason: i.reason,
    notes: i.notes.join("；"),
    cells: i.years.map((y) => ({ year: y.year, value: y.shown })),
  }));
  const yearRows = m.indicators.flatMap((i) =>
    i.years.map((y) => ({
      name: i.name,
      attribute: i.attribute,
      year: y.year,
      unit: i.measureUnit,
      caliber: i.measure === "cumulative" && i.clerkFigureKind === "level" && i.baseline?.value == null ? "当年新增量" : CALIBER[i.clerkFigureKind],
      yearTarget: figureDisplay(y.target),
      yearTargetSource: y.target ? sourceText(y.target.source) : null,
      actual: y.shown,
      source: y.actual ? sourceText(y.actual.source) : null,
      expected: round(y.expected, 4),
      verdict: verdictText(y, i.measure),
      note: yearNote(y),
    })),
  );
  const notes = m.indicators.flatMap((i) => [...(i.reason && i.status !== "无数据" ? [{ name: i.name, note: `${i.status}：${i.reason}` }] : []), ...i.notes.map((note) => ({ name: i.name, note }))]);
  return {
    title: `${m.region ?? ""}“${m.plan.periodLabel}”规划实施监测`,
    subtitle: `${m.plan.title} · ${m.asOf ? `数据截至${m.asOf}年` : "尚无实际数据"}`,
    region: m.region,
    periodLabel: m.plan.periodLabel,
    planTitle: m.plan.title,
    planId: m.plan.id,
    planPath: m.plan.path,
    asOf: m.asOf ? `${m.asOf}年` : "尚无实际数据",
    years: m.years.map((year) => ({ year, header: `${year}年` })),
    summary: MONITORING_STATUSES.map((status) => ({ status, count: m.summary[status] })),
    rows,
    yearRows,
    notes,
    unmatched: m.unmatched.map((u) => ({ year: u.year, metric: u.metric, raw: u.raw, source: sourceText(u.source) })),
    documents: m.documents.map((d) => ({ year: d.year, kind: PLAN_KIND_LABELS[d.kind], title: d.title, revision: d.revision, path: d.path })),
    warnings: m.warnings.map((w) => w.message),
  };
}
