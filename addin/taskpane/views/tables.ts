/**
 * The 工作簿中的表格 tab: every Planbook table in this workbook, where it came from, when it was
 * last refreshed, whether the library now holds a newer revision of its plan (a badge), and a
 * button to refresh that one table; 全部刷新 refreshes them all.
 */
import type { TableProvenance } from "../../excel/provenance";
import { byId, el, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { describeQuery, planOfQuery } from "../kinds";
import { localTime } from "./format";

export interface TablesState {
  records: TableProvenance[];
  canWrite: boolean;
  /** each plan's latest revision in the library; null while unknown (not yet asked, or the service did not answer) */
  latest: ReadonlyMap<string, number> | null;
  /** why `latest` is unknown, when asking failed */
  latestError?: string | null;
  refreshOne(tableId: string): void;
}

/** A table is stale when the library has a later revision of the plan it follows. */
export function newerRevision(record: TableProvenance, latest: ReadonlyMap<string, number> | null): number | null {
  const planId = planOfQuery(record.query);
  const current = planId && latest ? latest.get(planId) : undefined;
  return current !== undefined && record.revision !== null && current > record.revision ? current : null;
}

export function renderTables(state: TablesState): void {
  const { records, canWrite, latest } = state;
  const list = byId("table-list");
  markWriteButton(byId<HTMLButtonElement>("refresh-all"), !canWrite || records.length === 0);
  const stale = records.filter((r) => newerRevision(r, latest) !== null).length;
  const summary = byId("tables-summary");
  summary.textContent =
    records.length === 0
      ? ""
      : state.latestError
        ? `无法确认库中是否有新版本：${state.latestError}`
        : latest === null
          ? "正在查看规划库中是否有新版本…"
          : stale > 0
            ? `${stale} 个表格在规划库中有新版本，刷新后即为最新数据。`
            : "所有表格都与规划库中的最新版本一致。";
  if (records.length === 0) {
    replaceChildren(list, el("li", {}, "这个工作簿里还没有 Planbook 插入的表格。"));
    return;
  }
  replaceChildren(
    list,
    ...records.map((r) => {
      const newer = newerRevision(r, latest);
      const planId = planOfQuery(r.query);
      const badge =
        newer !== null
          ? el("span", { class: "pb-badge", "data-badge": "newer" }, `有新版本：第 ${newer} 版`)
          : planId && latest?.has(planId)
            ? el("span", { class: "pb-badge", "data-badge": "current" }, "已是最新")
            : null;
      const refresh = el("button", { class: "pb-link", "data-action": "refresh-one" }, "刷新此表");
      markWriteButton(refresh, !canWrite);
      refresh.addEventListener("click", () => state.refreshOne(r.tableId));
      return el(
        "li",
        { "data-table-id": r.tableId, "data-stale": newer !== null ? "true" : "false" },
        el("div", { class: "pb-title-row" }, el("span", {}, `${r.sheetName} · ${r.tableName}`), badge),
        el("div", { class: "pb-meta" }, `${r.title} · ${describeQuery(r.query)}`),
        el("div", { class: "pb-meta" }, `${r.revision !== null ? `第 ${r.revision} 版 · ` : ""}${r.rowCount} 行 · 上次刷新 ${localTime(r.refreshedAt)}`),
        r.lastError ? el("div", { class: "pb-error-text" }, `上次刷新失败：${r.lastError}（表中仍是之前的数据）`) : null,
        el("div", { class: "pb-row" }, refresh),
      );
    }),
  );
}
