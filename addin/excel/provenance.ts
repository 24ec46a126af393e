/**
 * Where each Planbook table came from, kept inside the workbook (Office document settings,
 * available from requirement set 1.1 on every Excel), so refresh works after the file is mailed
 * to a colleague and the pane can say how fresh each table is.
 */

/**
 * What to ask the service for again on refresh. A new kind of insert adds its query here and its
 * entry in addin/taskpane/kinds.ts (the compiler then asks for nothing else).
 */
export type TableQuery =
  /**
   * layout "table": one indicator table with its own columns (tableGrid), optionally one row of it;
   * without layout: the all-tables grid of earlier versions, kept so their tables still refresh
   */
  | { kind: "indicators"; planId: string; table?: string; layout?: "table"; indicator?: string }
  | { kind: "projects"; planId: string; box?: string; group?: string; keyword?: string }
  /** list: one of targets / annualTargets / lastYearResults / tasks; all when absent */
  | { kind: "targets"; planId: string; list?: "targets" | "annualTargets" | "lastYearResults" | "tasks" }
  | { kind: "compare"; indicator: string }
  /** 规划实施监测 of a region's five-year plan: `plan` is its id (what /api/monitoring is asked), `period` its label for the pane's list */
  | { kind: "monitoring"; region: string; plan: string; period: string };

/**
 * One document (or imported workbook) a table was computed from, with its version. A table built
 * from many documents (规划实施监测: the plan, each year's reports and bulletins, a clerk's imports)
 * is stale when any of them changed, not only the plan it follows.
 */
export interface SourceStamp {
  /** a plan id, or "import:" + the imported workbook's file name */
  key: string;
  /** what the clerk reads: "荆门市2024年政府工作报告", "导入 监测.xlsx" */
  label: string;
  /** a document's revision, an import's latest time */
  version: string;
  type: "document" | "import";
}

export interface TableProvenance {
  /** Excel's table id: it survives the user renaming the table */
  tableId: string;
  tableName: string;
  sheetName: string;
  query: TableQuery;
  /** plan title (or the compared indicator) for the pane's list */
  title: string;
  /** the plan's revision the data came from; null for a comparison across plans */
  revision: number | null;
  refreshedAt: string;
  rowCount: number;
  /** the last refresh's failure in plain words, null when it succeeded */
  lastError: string | null;
  /** what a table computed from several documents was built from (kinds with `sources`, addin/taskpane/kinds.ts) */
  sources?: SourceStamp[];
}

/** The part of Office.Settings used here, so tests and the stand-in host can provide their own. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

const KEY = "planbook.tables";

export function readProvenance(settings: SettingsStore): TableProvenance[] {
  const stored = settings.get(KEY);
  return Array.isArray(stored) ? (stored as TableProvenance[]) : [];
}

export async function writeProvenance(settings: SettingsStore, records: TableProvenance[]): Promise<void> {
  settings.set(KEY, records);
  await new Promise<void>((resolve, reject) =>
    settings.saveAsync((result) =>
      result.status === "failed" ? reject(new Error(result.error?.message ?? "settings not saved")) : resolve(),
    ),
  );
}

/** Replaces the record of the same table, or adds it. */
export function upsertProvenance(records: TableProvenance[], record: TableProvenance): TableProvenance[] {
  return mergeProvenance(records, [record]);
}

/**
 * `current` with each of `changed` put in place of the record with the same tableId (so the
 * pane's list keeps its order) or appended; records of other tables are kept as they are.
 */
export function mergeProvenance(current: TableProvenance[], changed: TableProvenance[]): TableProvenance[] {
  const byId = new Map(changed.map((r) => [r.tableId, r]));
  const merged = current.map((r) => byId.get(r.tableId) ?? r);
  const present = new Set(current.map((r) => r.tableId));
  return [...merged, ...changed.filter((r) => !present.has(r.tableId))];
}

/**
 * Stores new records for some tables and returns the whole list. The list is read here, at write
 * time, and merged by tableId: an action that wrote back a copy read before its awaits (a refresh
 * takes minutes) would drop any table inserted meanwhile. Read, merge and set run without an await
 * between them, so no other action can interleave there.
 */
export async function saveProvenance(settings: SettingsStore, changed: TableProvenance[]): Promise<TableProvenance[]> {
  const merged = mergeProvenance(readProvenance(settings), changed);
  await writeProvenance(settings, merged);
  return merged;
}
