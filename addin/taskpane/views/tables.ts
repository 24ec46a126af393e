/** The 工作簿中的表格 tab: every Planbook table in this workbook, where it came from, how fresh it is. */
import { queryDescription, type TableProvenance } from "../../excel/provenance";
import { byId, el, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { localTime } from "./format";

export function renderTables(records: TableProvenance[], canWrite: boolean): void {
  const list = byId("table-list");
  markWriteButton(byId<HTMLButtonElement>("refresh-all"), !canWrite || records.length === 0);
  if (records.length === 0) {
    replaceChildren(list, el("li", {}, "这个工作簿里还没有 Planbook 插入的表格。"));
    return;
  }
  replaceChildren(
    list,
    ...records.map((r) =>
      el(
        "li",
        { "data-table-id": r.tableId },
        el("div", {}, `${r.sheetName} · ${r.tableName}`),
        el("div", { class: "pb-meta" }, `${r.title} · ${queryDescription(r.query)}`),
        el("div", { class: "pb-meta" }, `${r.revision !== null ? `第 ${r.revision} 版 · ` : ""}${r.rowCount} 行 · 更新于 ${localTime(r.refreshedAt)}`),
        r.lastError ? el("div", { class: "pb-error-text" }, `上次刷新失败：${r.lastError}（表中仍是之前的数据）`) : null,
      ),
    ),
  );
}
