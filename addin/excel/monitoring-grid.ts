/**
 * 规划实施监测 as a grid for an Excel Table: one row per indicator, its status and progress, the
 * actual of each year in a column of its own ("2023年实际"), and where the latest actual came from.
 * Pure and types-only from generator/model, like the other grid builders (grids.ts).
 */
import type { MonitoredIndicator, Monitoring } from "../../generator/model";
import type { CellValue, ColumnKind, Grid } from "./grid";

const MEASURES: Record<MonitoredIndicator["measure"], string> = {
  level: "目标值",
  "annual-rate": "年均增速",
  cumulative: "五年累计",
  ceiling: "上限",
  floor: "下限",
  qualitative: "定性",
};

function latestSource(i: MonitoredIndicator): string {
  for (let k = i.years.length - 1; k >= 0; k--) {
    const a = i.years[k].actual;
    if (!a) continue;
    const s = a.source;
    if (s.type === "import") return `${i.years[k].year}年：导入 ${s.file} ${s.sheet}!${s.cell}`;
    const title = s.year !== null && !s.title.includes(String(s.year)) ? `${s.year}年${s.title}` : s.title;
    return `${i.years[k].year}年：${title}第${s.line}行`;
  }
  return "";
}

const target = (i: MonitoredIndicator): string => (i.measure === "annual-rate" || i.measure === "cumulative" ? i.rate?.raw ?? "" : i.target?.raw ?? i.rate?.raw ?? "");

/** The table the pane inserts and refreshes; the headers carry the real years, so a plan of 2026–2030 gets its own. */
export function monitoringGrid(m: Monitoring): Grid {
  const fixed: Array<[string, ColumnKind, (i: MonitoredIndicator) => CellValue | null]> = [
    ["序号", "text", (i) => i.seq],
    ["指标", "text", (i) => i.name],
    ["属性", "text", (i) => i.attribute],
    ["单位", "text", (i) => i.measureUnit],
    ["监测方式", "text", (i) => MEASURES[i.measure]],
    ["基期值", "number", (i) => i.baseline?.value ?? null],
    ["规划目标（原文）", "text", target],
    ["状态", "text", (i) => (i.constrainedBehind ? "滞后·约束性" : i.status)],
    ["依据", "text", (i) => i.reason],
  ];
  const headers = [...fixed.map(([h]) => h), ...m.years.map((y) => `${y}年实际`), "最新实际来源"];
  const kinds: ColumnKind[] = [...fixed.map(([, k]) => k), ...m.years.map((): ColumnKind => "number"), "text"];
  const rows = m.indicators.map((i) => [
    ...fixed.map(([, , cell]) => cell(i) ?? ""),
    ...m.years.map((y) => i.years.find((x) => x.year === y)?.shown ?? ""),
    latestSource(i),
  ]);
  return { headers, kinds, rows };
}
