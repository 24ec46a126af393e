/**
 * How a Monitoring reads in the add-in's 规划实施监测 table: the same words as the monitoring
 * workbook (generator/render/monitoring.ts), so a clerk sees one vocabulary in both. The add-in takes
 * only types from generator/model, hence this copy; test/addin-monitoring.test.ts compares every
 * text here with the workbook's on the monitoring fixtures, so the two cannot drift apart unseen.
 */
import type { FigureSource, MeasureKind, MonitoredFigure, MonitoredIndicator, MonitoringYear } from "../../generator/model";

export const MEASURE_LABELS: Record<MeasureKind, string> = {
  level: "目标值",
  "annual-rate": "年均增速",
  cumulative: "五年累计",
  ceiling: "上限",
  floor: "下限",
  qualitative: "定性",
};

/** "荆门市2024年政府工作报告第9行", with "（第2版）" for a later revision; "导入：监测.xlsx 年度数据!F7" */
export function sourceText(s: FigureSource): string {
  if (s.type === "import") return `导入：${s.file} ${s.sheet}!${s.cell}`;
  const title = s.year !== null && !s.title.includes(String(s.year)) ? `${s.year}年${s.title}` : s.title;
  return `${title}第${s.line}行${s.revision !== null && s.revision > 1 ? `（第${s.revision}版）` : ""}`;
}

const round = (x: number | null | undefined, digits = 2): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const pct = (x: number | null) => (x === null ? "" : `${round(x * 100, 1)}%`);
const signed = (x: number) => (x > 0 ? `+${round(x)}` : String(round(x)));

/** the plan's goal as the clerk reads it: 年均7%, 累计[4], 65, >285, or its words */
export function targetText(i: MonitoredIndicator): string {
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

/** One line about where the indicator stands; what Planbook computed is said to be computed. */
export function progressText(i: MonitoredIndicator): string {
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
export function figureDisplay(f: MonitoredFigure | null): number | string | null {
  if (!f) return null;
  if (!f.comparable || f.value === null) return f.quantity.raw;
  const cmp = f.quantity.comparator;
  return cmp && cmp !== "=" ? `${cmp}${f.value}` : f.value;
}

const VERDICT_WORDS: Record<MeasureKind, [string, string]> = {
  level: ["达到进度", "落后进度"],
  cumulative: ["达到进度", "落后进度"],
  "annual-rate": ["达到年均目标", "低于年均目标"],
  ceiling: ["达标", "未达标"],
  floor: ["达标", "未达标"],
  qualitative: ["", ""],
};

/** the year against the plan and against its own work report's target: "低于年均目标", "达标，完成年度目标" */
export function verdictText(y: MonitoringYear, measure: MeasureKind): string {
  const parts: string[] = [];
  if (y.verdict.metPlan !== null) parts.push(VERDICT_WORDS[measure][y.verdict.metPlan ? 0 : 1]);
  if (y.verdict.metYearTarget !== null) parts.push(y.verdict.metYearTarget ? "完成年度目标" : "未完成年度目标");
  return parts.join("，");
}
