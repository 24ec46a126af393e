/**
 * 规划实施监测 as a grid for an Excel Table: one row per indicator of the plan — its unit, 属性, how it
 * is measured, baseline and goal — then for each year of the plan the year's own target, the actual
 * and where both came from (document and line, or the imported workbook and cell), then the status
 * (coloured), the progress, the reason, each year's verdict and every note. What the clerk signs shows where each number
 * came from. Pure and types-only from generator/model, like the other grid builders (grids.ts).
 */
import type { MonitoredIndicator, Monitoring, MonitoringStatus, MonitoringYear } from "../../generator/model";
import type { CellStyle, CellValue, ColumnKind, Grid } from "./grid";
import { figureDisplay, MEASURE_LABELS, progressText, sourceText, targetText, verdictText } from "./monitoring-words";
import type { SourceStamp } from "./provenance";

/** The workbook template's colours (templates/build-monitoring.ts), readable in black and white by their words. */
export const STATUS_STYLES: Record<MonitoringStatus | "滞后·约束性", CellStyle> = {
  "滞后·约束性": { fill: "#C00000", font: "#FFFFFF", bold: true },
  滞后: { fill: "#FFC7CE", font: "#9C0006", bold: true },
  已完成: { fill: "#C6EFCE", font: "#006100", bold: false },
  进度正常: { fill: "#E2EFDA", font: "#375623", bold: false },
  无法比较: { fill: "#FFEB9C", font: "#9C5700", bold: false },
  无数据: { fill: "#EDEDED", font: "#595959", bold: false },
  定性: { fill: "#DDEBF7", font: "#1F4E79", bold: false },
};

/** 滞后 of a 约束性 indicator is the first thing a clerk must report: it says so in its own words. */
export const statusLabel = (i: MonitoredIndicator): string => (i.constrainedBehind ? "滞后·约束性" : i.status);

/** "目标：荆门市2024年政府工作报告第49行；实际：荆门市2025年政府工作报告第9行（预计数）" */
export function yearSources(y: MonitoringYear | undefined): string {
  if (!y) return "";
  const parts: string[] = [];
  if (y.target) parts.push(`目标：${sourceText(y.target.source)}`);
  if (y.actual) parts.push(`实际：${sourceText(y.actual.source)}${y.actual.estimated ? "（预计数）" : ""}`);
  return parts.join("；");
}

/** each year against the plan and against its own work report's target: "2022年：低于年均目标，未完成年度目标；2023年：…" */
function verdictsOf(i: MonitoredIndicator): string {
  return i.years
    .map((y) => [y.year, verdictText(y, i.measure)] as const)
    .filter(([, verdict]) => verdict)
    .map(([year, verdict]) => `${year}年：${verdict}`)
    .join("；");
}

type Column = [header: string, kind: ColumnKind, cell: (i: MonitoredIndicator) => CellValue | null | undefined];

/** The table the pane inserts and refreshes; its headers carry the plan's real years, so a plan of 2026–2030 gets its own. */
export function monitoringGrid(m: Monitoring): Grid {
  const year = (i: MonitoredIndicator, y: number) => i.years.find((x) => x.year === y);
  const columns: Column[] = [
    ["序号", "text", (i) => i.seq],
    ["指标", "text", (i) => i.name],
    ["单位", "text", (i) => i.measureUnit],
    ["属性", "text", (i) => i.attribute],
    ["监测方式", "text", (i) => MEASURE_LABELS[i.measure]],
    [m.plan.baseYear ? `基期值（${m.plan.baseYear}年）` : "基期值", "number", (i) => (i.baseline ? i.baseline.value ?? i.baseline.raw : null)],
    [m.plan.targetYear ? `规划目标（${m.plan.targetYear}年）` : "规划目标", "text", targetText],
  ];
  for (const y of m.years) {
    columns.push(
      [`${y}年目标`, "number", (i) => figureDisplay(year(i, y)?.target ?? null)],
      [`${y}年实际`, "number", (i) => year(i, y)?.shown],
      [`${y}年来源`, "text", (i) => yearSources(year(i, y))],
    );
  }
  const statusColumn = columns.length;
  columns.push(
    ["状态", "text", statusLabel],
    ["进度", "text", progressText],
    ["依据", "text", (i) => i.reason],
    ["各年对照", "text", verdictsOf],
    // every estimate, conversion, gap and disagreement (the monitoring's notes say each once)
    ["说明", "text", (i) => i.notes.join("；")],
    // the plan's long title once, in the header; each row its line
    [`规划出处（${m.plan.title}）`, "text", (i) => `第${i.line}行`],
  );
  return {
    headers: columns.map(([header]) => header),
    kinds: columns.map(([, kind]) => kind),
    rows: m.indicators.map((i) => columns.map(([, , cell]) => plain(cell(i)))),
    highlight: { column: statusColumn, styles: m.indicators.map((i) => STATUS_STYLES[statusLabel(i) as keyof typeof STATUS_STYLES] ?? null) },
  };
}

function plain(value: CellValue | null | undefined): CellValue {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return value;
}

/**
 * What the monitoring was computed from, each with its version: the plan, every report and bulletin
 * of its years, every workbook a clerk imported (its latest import time). A table built from these is
 * stale when the library's list differs: a report revised, a bulletin added, an import made again.
 */
export function monitoringSources(m: Monitoring): SourceStamp[] {
  const stamps = new Map<string, SourceStamp>();
  const titled = (title: string, year: number | null) => (year !== null && !title.includes(String(year)) ? `${year}年${title}` : title);
  stamps.set(m.plan.id, { key: m.plan.id, label: m.plan.title, version: String(m.plan.revision ?? ""), type: "document" });
  for (const d of m.documents) stamps.set(d.planId, { key: d.planId, label: titled(d.title, d.year), version: String(d.revision ?? ""), type: "document" });
  const imported = (source: { type: string; file?: string; importedAt?: string } | undefined) => {
    if (source?.type !== "import" || !source.file) return;
    const key = `import:${source.file}`;
    const at = source.importedAt ?? "";
    const known = stamps.get(key);
    if (!known || known.version < at) stamps.set(key, { key, label: `导入 ${source.file}`, version: at, type: "import" });
  };
  for (const i of m.indicators) {
    for (const y of i.years) for (const f of [y.target, y.actual, ...y.others]) imported(f?.source);
  }
  for (const u of m.unmatched) imported(u.source);
  return [...stamps.values()];
}
