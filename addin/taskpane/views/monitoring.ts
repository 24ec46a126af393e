/**
 * A five-year plan's 规划实施监测 in its preview: how many indicators are on track, behind, without
 * data; each indicator's status (coloured as in the workbook), its latest actual and where that came
 * from; the documents it was computed from; and the button that inserts it as an Excel Table. It
 * loads on its own after the plan (the library computes it from every report of the plan's years),
 * so a slow or failed monitoring never holds up the plan's preview, and has its own 重试.
 */
import type { Monitoring, MonitoredIndicator, PlanSummary } from "../../../generator/model";
import type { PlanbookApi } from "../../api/client";
import { STATUS_STYLES, statusLabel } from "../../excel/monitoring-grid";
import { sourceText } from "../../excel/monitoring-words";
import type { TableQuery } from "../../excel/provenance";
import { el, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { monitoringQuery } from "../kinds";
import { loadInto } from "./load";

const PREVIEW_ROWS = 200;

export function statusChip(i: MonitoredIndicator): HTMLElement {
  const label = statusLabel(i);
  const style = STATUS_STYLES[label as keyof typeof STATUS_STYLES];
  return el("span", { class: "pb-status-chip", "data-status": label, style: style ? `background:${style.fill};color:${style.font};${style.bold ? "font-weight:600" : ""}` : undefined }, label);
}

function latest(i: MonitoredIndicator): { text: string; source: string } {
  for (let k = i.years.length - 1; k >= 0; k--) {
    const y = i.years[k];
    if (y.actual) return { text: `${y.year}年 ${y.shown ?? ""}`, source: `${sourceText(y.actual.source)}${y.actual.estimated ? "（预计数）" : ""}` };
  }
  return { text: "", source: "" };
}

function table(m: Monitoring): HTMLElement {
  const rows = m.indicators.slice(0, PREVIEW_ROWS).map((i) => {
    const last = latest(i);
    return el("tr", { title: i.reason ?? "" }, el("td", {}, i.name), el("td", {}, statusChip(i)), el("td", { class: "pb-num" }, last.text), el("td", {}, last.source));
  });
  const more = m.indicators.length > PREVIEW_ROWS ? el("tr", {}, el("td", { colspan: "4" }, `……共 ${m.indicators.length} 项，插入时全部写入`)) : null;
  return el(
    "table",
    { id: "monitoring-preview-table" },
    el("thead", {}, el("tr", {}, el("th", {}, "指标"), el("th", {}, "状态"), el("th", {}, "最新实际"), el("th", {}, "来源"))),
    el("tbody", {}, ...rows, more),
  );
}

function summaryLine(m: Monitoring): string {
  const counts = Object.entries(m.summary).filter(([, n]) => n > 0).map(([status, n]) => `${status} ${n}`);
  return `${m.asOf ? `数据截至 ${m.asOf} 年` : "尚无实际数据"} · ${m.indicators.length} 项指标：${counts.join(" · ")}`;
}

function documentsLine(m: Monitoring): string {
  if (m.documents.length === 0) return "规划库中还没有这个规划期的政府工作报告或统计公报；导入的实际值也没有。";
  return `依据：${m.documents.map((d) => `${d.year !== null && !d.title.includes(String(d.year)) ? `${d.year}年` : ""}${d.title}${d.revision && d.revision > 1 ? `（第 ${d.revision} 版）` : ""}`).join("、")}`;
}

/** The section, filled once the monitoring is computed; `insert` writes it as one Excel Table. */
export function monitoringSection(api: PlanbookApi, plan: PlanSummary, insert: (query: TableQuery) => void, fail: (error: unknown) => void): HTMLElement {
  const section = el("section", { id: "monitoring-section" });
  const query = monitoringQuery(plan);
  if (!query) {
    replaceChildren(section, el("h3", {}, "规划实施监测"), el("div", { class: "pb-meta" }, "这份规划没有识别出地区，无法与各年的报告对照监测。"));
    return section;
  }
  const body = el("div", { id: "monitoring-preview" });
  const button = el("button", { id: "insert-monitoring", class: "pb-button pb-primary" }, "插入规划实施监测");
  markWriteButton(button, true); // enabled once there is something to insert
  button.addEventListener("click", () => insert(query));
  replaceChildren(
    section,
    el("h3", {}, "规划实施监测"),
    el("div", { class: "pb-legend" }, "每项指标的规划目标与各年目标、实际对照，状态按规划进度判断。插入的表格每年有“目标”“实际”“来源”三列，另有进度、依据和说明。"),
    body,
    el("div", { class: "pb-row" }, button),
  );
  void loadInto(body, { loading: "正在计算规划实施监测…", onError: fail }, async () => {
    const m = await api.monitoring(query.region, query.plan);
    markWriteButton(button, false);
    return [el("div", { class: "pb-meta", id: "monitoring-summary" }, summaryLine(m)), el("div", { class: "pb-meta" }, documentsLine(m)), el("div", { class: "pb-scroll" }, table(m))];
  });
  return section;
}
