/**
 * Puts a grid's cells into a sheet area: number formats first (so text columns are already "@"
 * when the text arrives), then the values in blocks under the request budget. Every block but
 * the last is sent on its own; the last is left queued so the caller can add the table, autofit
 * and its own loads to the same round trip.
 */
import { formatArea, type Area } from "./address";
import { splitByBytes } from "./chunk";
import { numberFormatFor, toSheetValues, type CellStyle, type Grid } from "./grid";

/** The ExcelApi sets beyond 1.1 the writers may use, as the host reports them. */
export interface ExcelCapabilities {
  /** Range.format.autofitColumns, ExcelApi 1.2 */
  autofitColumns: boolean;
  /** the add-in's worksheet functions run here (CustomFunctionsRuntime 1.1): a value can go in as a live =PLANBOOK.VALUE */
  customFunctions?: boolean;
}

export const EXCELAPI_1_1: ExcelCapabilities = { autofitColumns: false, customFunctions: false };

export function detectCapabilities(isSetSupported: (set: string, version: string) => boolean): ExcelCapabilities {
  return { autofitColumns: isSetSupported("ExcelApi", "1.2"), customFunctions: isSetSupported("CustomFunctionsRuntime", "1.1") };
}

/**
 * Queues the formats and values of `grid` (header row included when `withHeader`) at `origin`.
 * Returns how many context.sync() calls it made (blocks - 1).
 */
export async function queueGridWrite(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  origin: { row: number; column: number },
  grid: Grid,
  withHeader: boolean,
): Promise<number> {
  const values = toSheetValues(grid);
  const cells = withHeader ? values : values.slice(1);
  const width = grid.headers.length;
  const bodyStart = origin.row + (withHeader ? 1 : 0);
  if (withHeader) {
    sheet.getRange(formatArea({ row: origin.row, column: origin.column, rowCount: 1, columnCount: width })).numberFormat =
      singleValue("@");
  }
  if (grid.rows.length > 0) {
    for (let c = 0; c < width; c++) {
      const column: Area = { sheet: null, row: bodyStart, column: origin.column + c, rowCount: grid.rows.length, columnCount: 1 };
      sheet.getRange(formatArea(column)).numberFormat = singleValue(numberFormatFor(grid, c));
    }
  }
  if (grid.highlight) queueHighlight(sheet, { row: bodyStart, column: origin.column + grid.highlight.column }, grid.highlight.styles);
  const blocks = splitByBytes(cells);
  let syncs = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.rows.length === 0) continue;
    const area = { row: origin.row + block.start, column: origin.column, rowCount: block.rows.length, columnCount: width };
    sheet.getRange(formatArea(area)).values = block.rows;
    if (b < blocks.length - 1) {
      await context.sync();
      syncs++;
    }
  }
  return syncs;
}

/**
 * Excel applies a single (non-array) numberFormat to every cell of the range; the typings only
 * admit the 2-D form, hence the cast. A 2-D array would have to be as large as the range.
 */
function singleValue(format: string): string[][] {
  return format as unknown as string[][];
}

/**
 * Fills and font colours for the cells of one column, ExcelApi 1.1 (RangeFill, RangeFont): a run of
 * rows with the same style is one range, so 20 statuses cost a handful of proxy calls. Every row is
 * set, a plain one cleared, because a refresh writes over cells coloured for the row there before.
 */
function queueHighlight(sheet: Excel.Worksheet, start: { row: number; column: number }, styles: Array<CellStyle | null>): void {
  const same = (a: CellStyle | null, b: CellStyle | null) => (a === null || b === null ? a === b : a.fill === b.fill && a.font === b.font && a.bold === b.bold);
  for (let first = 0; first < styles.length; ) {
    let end = first + 1;
    while (end < styles.length && same(styles[end], styles[first])) end++;
    const format = sheet.getRange(formatArea({ row: start.row + first, column: start.column, rowCount: end - first, columnCount: 1 })).format;
    const style = styles[first];
    if (style) {
      format.fill.color = style.fill;
      format.font.color = style.font;
      format.font.bold = style.bold;
    } else {
      format.fill.clear();
      format.font.color = "#000000";
      format.font.bold = false;
    }
    first = end;
  }
}
