/**
 * What the pane's buttons do, without the buttons: fetch from the service, build the grid, hand
 * it to the Excel writers, keep the provenance. Kept apart from the DOM so it reads as the
 * workflow it is.
 */
import { ApiError, type PlanbookApi } from "../api/client";
import { insertTable, type InsertResult } from "../excel/insert";
import { readProvenance, saveProvenance, type TableProvenance, type TableQuery } from "../excel/provenance";
import { refreshTable, TableShapeError } from "../excel/refresh";
import { readableTableName } from "../excel/table-name";
import type { ExcelHost } from "./host";
import { fetchTable } from "./kinds";

export { fetchTable, type FetchedTable } from "./kinds";

export type InsertOutcome = InsertResult & { record?: TableProvenance; rowCount: number };

export async function insertQuery(
  api: PlanbookApi,
  host: ExcelHost,
  query: TableQuery,
  where: "selection" | "newSheet",
  overwrite = false,
): Promise<InsertOutcome> {
  const fetched = await fetchTable(api, query);
  // named after what it holds (主要指标_荆门_十四五), different from every table Planbook made in this workbook
  const tableName = readableTableName(fetched.tableParts, readProvenance(host.settings).map((r) => r.tableName));
  const result = await host.run((context) =>
    insertTable(context, fetched.grid, {
      target: where === "newSheet" ? { kind: "newSheet", sheetName: fetched.sheetName } : { kind: "selection" },
      tableName,
      capabilities: host.capabilities,
      overwrite,
    }),
  );
  const rowCount = fetched.grid.rows.length;
  if (result.status !== "inserted") return { ...result, rowCount };
  const record: TableProvenance = {
    tableId: result.tableId,
    tableName: result.tableName,
    sheetName: result.sheetName,
    query,
    title: fetched.title,
    revision: fetched.revision,
    refreshedAt: new Date().toISOString(),
    rowCount,
    lastError: null,
    ...(fetched.sources ? { sources: fetched.sources } : {}),
  };
  await saveProvenance(host.settings, [record]);
  return { ...result, rowCount, record };
}

export interface RefreshSummary {
  refreshed: number;
  failed: number;
  /** every table's record as now stored, including one inserted while the refresh ran */
  records: TableProvenance[];
}

/**
 * Every Planbook table (or those of `only`, by table id), one after another; a failure is recorded
 * on its table and the rest go on.
 */
export async function refreshAll(
  api: PlanbookApi,
  host: ExcelHost,
  onProgress: (done: number, total: number, record: TableProvenance) => void = () => {},
  only?: ReadonlySet<string>,
): Promise<RefreshSummary> {
  const records = readProvenance(host.settings).filter((r) => !only || only.has(r.tableId));
  const updated: TableProvenance[] = [];
  let failed = 0;
  for (const [index, record] of records.entries()) {
    onProgress(index, records.length, record);
    try {
      // Everything is fetched and built before Excel is touched: a failed download leaves the table as it was.
      const fetched = await fetchTable(api, record.query);
      const result = await host.run((context) => refreshTable(context, record.tableId, fetched.grid, host.capabilities));
      updated.push({ ...record, title: fetched.title, revision: fetched.revision, refreshedAt: new Date().toISOString(), rowCount: result.rowCount, lastError: null, ...(fetched.sources ? { sources: fetched.sources } : {}) });
    } catch (error) {
      failed++;
      updated.push({ ...record, lastError: describeError(error) });
    }
  }
  // Merged, not overwritten: `records` was read before the downloads, and a table may have been added since.
  const all = await saveProvenance(host.settings, updated);
  return { refreshed: records.length - failed, failed, records: all };
}

/** An error as a sentence for the clerk; the technical text is kept in brackets for whoever helps them. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TableShapeError) return `表格的列被改动过，为免数据错位未刷新（${error.message}）`;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? message;
  if (/ItemNotFound/i.test(code)) return "工作簿中找不到这个表格，可能已被删除或移走";
  if (/InvalidOperation|overlap/i.test(code)) return `Excel 拒绝了这次写入，目标位置可能与其他表格重叠（${message}）`;
  if (/RequestPayloadSizeLimitExceeded|PayloadTooLarge/i.test(code)) return "数据量超过 Excel 单次写入上限，请按专栏或关键词筛选后分批插入";
  if (/not in Excel/.test(message)) return "当前不在 Excel 中运行，只能浏览，不能插入";
  return `操作失败：${message}`;
}
