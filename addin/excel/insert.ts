/**
 * Inserts a grid as a new Excel Table, at the selection or on a new sheet. ExcelApi 1.1 only.
 *
 * Round trips: 1 to learn where the selection is and what the sheet already uses, 1 more only
 * when the target overlaps used cells (to read them), then 1 per ~4 MB block of values, the last
 * of which also creates the table. A grid under 4 MB therefore costs 2 or 3 syncs whatever its
 * row count.
 */
import { formatArea, intersect, parseAddress, type Area } from "./address";
import { assertRectangular, type Grid } from "./grid";
import { safeSheetName } from "./sheet-name";
import { queueGridWrite, type ExcelCapabilities } from "./write";
import { distinctTableName } from "./table-name";

export type InsertTarget = { kind: "selection" } | { kind: "newSheet"; sheetName: string };

export interface InsertOptions {
  target: InsertTarget;
  tableName: string;
  capabilities: ExcelCapabilities;
  /** the user agreed to overwrite what is in the target range */
  overwrite?: boolean;
}

export type InsertResult =
  | { status: "inserted"; tableId: string; tableName: string; sheetName: string; address: string; syncs: number }
  /** the target holds something: nothing was written, the pane asks the user first */
  | { status: "occupied"; sheetName: string; address: string; syncs: number };

export async function insertTable(context: Excel.RequestContext, grid: Grid, options: InsertOptions): Promise<InsertResult> {
  assertRectangular(grid);
  const rowCount = grid.rows.length + 1;
  const columnCount = grid.headers.length;
  let syncs = 0;

  let sheet: Excel.Worksheet;
  let anchor: { row: number; column: number };
  let sheetName: string;
  // every table of the workbook, the clerk's own included: a name Excel already has would fail the insert
  const existing = context.workbook.tables;
  existing.load("items/name");
  if (options.target.kind === "newSheet") {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    syncs++;
    sheetName = safeSheetName(options.target.sheetName, sheets.items.map((s) => s.name));
    sheet = sheets.add(sheetName);
    anchor = { row: 0, column: 0 };
  } else {
    const selection = context.workbook.getSelectedRange();
    selection.load("address");
    sheet = selection.worksheet;
    sheet.load("name");
    const used = sheet.getUsedRange();
    used.load("address");
    await context.sync();
    syncs++;
    sheetName = sheet.name;
    const selected = parseAddress(selection.address);
    anchor = { row: selected.row, column: selected.column };
    const target: Area = { sheet: sheetName, ...anchor, rowCount, columnCount };
    const overlap = intersect(target, parseAddress(used.address));
    if (overlap && !options.overwrite) {
      const cells = sheet.getRange(formatArea(overlap));
      cells.load("values");
      await context.sync();
      syncs++;
      if (!isBlank(cells.values)) return { status: "occupied", sheetName, address: formatArea(target), syncs };
    }
    if (overlap && options.overwrite) sheet.getRange(formatArea(target)).clear();
  }

  const area = { ...anchor, rowCount, columnCount };
  syncs += await queueGridWrite(context, sheet, anchor, grid, true);
  const table = sheet.tables.add(formatArea(area), true);
  table.name = distinctTableName(options.tableName, existing.items.map((t) => t.name));
  if (options.capabilities.autofitColumns) table.getRange().format.autofitColumns();
  if (options.target.kind === "newSheet") sheet.activate();
  table.load("id,name");
  await context.sync();
  syncs++;
  return { status: "inserted", tableId: table.id, tableName: table.name, sheetName, address: formatArea(area), syncs };
}

function isBlank(values: unknown[][]): boolean {
  return values.every((row) => row.every((cell) => cell === "" || cell === null || cell === undefined));
}
