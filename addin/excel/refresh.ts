/**
 * Re-fills an existing Planbook table with a fresh grid, in place. The table keeps its name, id,
 * style and position; its body grows by inserting cells (so nothing below it is overwritten) or
 * shrinks by deleting cells (so no stale rows are left). ExcelApi 1.1 only: Table.resize (1.13)
 * and multi-row TableRowCollection.add (1.4) are not needed.
 *
 * Round trips: 1 to read where the table is, then 1 per ~4 MB block of values.
 */
import { formatArea, parseAddress } from "./address";
import { assertRectangular, type Grid } from "./grid";
import { queueGridWrite, type ExcelCapabilities } from "./write";

export interface RefreshResult {
  address: string;
  rowCount: number;
  syncs: number;
}

export class TableShapeError extends Error {}

export async function refreshTable(
  context: Excel.RequestContext,
  tableId: string,
  grid: Grid,
  capabilities: ExcelCapabilities,
): Promise<RefreshResult> {
  assertRectangular(grid);
  const table = context.workbook.tables.getItem(tableId);
  const header = table.getHeaderRowRange();
  header.load("address");
  const body = table.getDataBodyRange();
  body.load("address");
  const sheet = table.worksheet;
  await context.sync();
  let syncs = 1;

  const headerArea = parseAddress(header.address);
  const bodyArea = parseAddress(body.address);
  if (headerArea.columnCount !== grid.headers.length) {
    // Someone added or removed columns: writing would misplace data, so keep the table as it is.
    throw new TableShapeError(`table has ${headerArea.columnCount} columns, the data has ${grid.headers.length}`);
  }
  // An Excel table always keeps at least one body row; an empty result leaves it blank.
  const wanted = Math.max(grid.rows.length, 1);
  const current = bodyArea.rowCount;
  const columns = { column: bodyArea.column, columnCount: bodyArea.columnCount };
  if (wanted > current) {
    // Cells inserted inside the body make the table grow and push whatever is below it down.
    sheet.getRange(formatArea({ row: bodyArea.row + current - 1, rowCount: wanted - current, ...columns })).insert("Down");
  } else if (wanted < current) {
    sheet.getRange(formatArea({ row: bodyArea.row + wanted, rowCount: current - wanted, ...columns })).delete("Up");
  }
  // the blank row an empty result leaves loses its old colour too
  const filled: Grid =
    grid.rows.length > 0 ? grid : { ...grid, rows: [grid.headers.map(() => "")], highlight: grid.highlight && { column: grid.highlight.column, styles: [null] } };
  // Headers are rewritten too: a renamed column heading would otherwise go stale.
  syncs += await queueGridWrite(context, sheet, { row: headerArea.row, column: headerArea.column }, filled, true);
  if (capabilities.autofitColumns) table.getRange().format.autofitColumns();
  await context.sync();
  syncs++;
  return { address: formatArea({ row: headerArea.row, rowCount: wanted + 1, ...columns }), rowCount: grid.rows.length, syncs };
}
