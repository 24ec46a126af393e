/**
 * The 工作簿中的表格 tab: every Planbook table in this workbook, where it came from, when it was
 * last refreshed, whether the library now holds a newer revision of its plan or, for a table
 * computed from many documents, newer data (a badge), and a
 * button to refresh that one table; 全部刷新 refreshes them all.
 */
import type { SourceStamp, TableProvenance } from "../../excel/provenance";
import { byId, el, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { describeQuery, planOfQuery, queryKey } from "../kinds";
import { localTime } from "./format";

export interface TablesState {
  records: TableProvenance[];
  canWrite: boolean;
  /** each plan's latest revision in the library; null while unknown (not yet asked, or the service did not answer) */
  latest: ReadonlyMap<string, number> | null;
  /** why `latest` is unknown, when asking failed */
  latestError?: string | null;
  /** tables computed from many documents (规划实施监测): what the library computes them from now, by queryKey */
  sources?: ReadonlyMap<string, SourceStamp[]>;
  refreshOne(tableId: string): void;
}

/** newer: the library holds newer data than the table (the badge's text, and every change for its tooltip); null: not known */
export type Staleness = { state: "newer"; text: string; detail: string } | { state: "current" } | null;

/**
 * What changed between the sources a table was built from and those the library has now, in the
 * clerk's words: "荆门市2024年政府工作报告 第 2 版", "新文件 荆门市2023年统计公报", "导入 监测.xlsx（再次导入）".
 */
export function sourceChanges(before: readonly SourceStamp[], now: readonly SourceStamp[]): string[] {
  const was = new Map(before.map((s) => [s.key, s]));
  const is = new Set(now.map((s) => s.key));
  const changes: string[] = [];
  for (const s of now) {
    const old = was.get(s.key);
    if (!old) changes.push(s.type === "import" ? s.label : `新文件 ${s.label}`);
    else if (old.version !== s.version) changes.push(s.type === "import" ? `${s.label}（再次导入）` : `${s.label} 第 ${s.version} 版`);
  }
  for (const s of before) if (!is.has(s.key)) changes.push(`${s.label} 已不在规划库中`);
  return changes;
}

/**
 * A table is stale when the library has a later revision of the plan it follows, or — for a table
 * computed from many documents — when any of those documents or imports changed.
 */
export function staleness(record: TableProvenance, latest: ReadonlyMap<string, number> | null, sources?: ReadonlyMap<string, SourceStamp[]>): Staleness {
  if (record.sources) {
    const now = latest === null ? undefined : sources?.get(queryKey(record.query));
    if (!now) return null;
    const changes = sourceChanges(record.sources, now);
    if (changes.length === 0) return { state: "current" };
    return { state: "newer", text: `有新数据：${changes[0]}${changes.length > 1 ? ` 等 ${changes.length} 项` : ""}`, detail: changes.join("；") };
  }
  const planId = planOfQuery(record.query);
  const current = planId && latest ? latest.get(planId) : undefined;
  if (current === undefined) return null;
  if (record.revision !== null && current > record.revision) return { state: "newer", text: `有新版本：第 ${current} 版`, detail: `规划库中是第 ${current} 版，表中是第 ${record.revision} 版` };
  return { state: "current" };
}

export function renderTables(state: TablesState): void {
  const { records, canWrite, latest } = state;
  const list = byId("table-list");
  markWriteButton(byId<HTMLButtonElement>("refresh-all"), !canWrite || records.length === 0);
  const stale = records.filter((r) => staleness(r, latest, state.sources)?.state === "newer").length;
  const summary = byId("tables-summary");
  summary.textContent =
    records.length === 0
      ? ""
      : state.latestError
        ? `无法确认库中是否有新版本：${state.latestError}`
        : latest === null
          ? "正在查看规划库中是否有新版本…"
          : stale > 0
            ? `${stale} 个表格在规划库中有新版本或新数据，刷新后即为最新数据。`
            : "所有表格都与规划库中的最新版本一致。";
  if (records.length === 0) {
    replaceChildren(list, el("li", {}, "这个工作簿里还没有 Planbook 插入的表格。"));
    return;
  }
  replaceChildren(
    list,
    ...records.map((r) => {
      const fresh = staleness(r, latest, state.sources);
      const badge =
        fresh?.state === "newer"
          ? el("span", { class: "pb-badge", "data-badge": "newer", title: fresh.detail }, fresh.text)
          : fresh?.state === "current"
            ? el("span", { class: "pb-badge", "data-badge": "current" }, "已是最新")
            : null;
      const refresh = el("button", { class: "pb-link", "data-action": "refresh-one" }, "刷新此表");
      markWriteButton(refresh, !canWrite);
      refresh.addEventListener("click", () => state.refreshOne(r.tableId));
      return el(
        "li",
        { "data-table-id": r.tableId, "data-stale": fresh?.state === "newer" ? "true" : "false" },
        el("div", { class: "pb-title-row" }, el("span", {}, `${r.sheetName} · ${r.tableName}`), badge),
        el("div", { class: "pb-meta" }, `${r.title} · ${describeQuery(r.query)}`),
        el("div", { class: "pb-meta", title: r.sources ? r.sources.map((s) => s.label).join("\n") : undefined }, `${versionText(r)}${r.rowCount} 行 · 上次刷新 ${localTime(r.refreshedAt)}`),
        r.lastError ? el("div", { class: "pb-error-text" }, `上次刷新失败：${r.lastError}（表中仍是之前的数据）`) : null,
        el("div", { class: "pb-row" }, refresh),
      );
    }),
  );
}

/** "第 2 版 · " for a plan's table; "依据 2 份文件、1 个导入的工作簿 · " for one computed from many */
function versionText(r: TableProvenance): string {
  if (r.sources) {
    const documents = r.sources.filter((s) => s.type === "document").length;
    const imports = r.sources.length - documents;
    return `依据 ${documents} 份文件${imports ? `、${imports} 个导入的工作簿` : ""} · `;
  }
  return r.revision !== null ? `第 ${r.revision} 版 · ` : "";
}
