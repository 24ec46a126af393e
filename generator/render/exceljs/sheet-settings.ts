/** The output's cells and sheet settings in exceljs's terms, shared by both writers so a streamed sheet is the one built in memory. */
import ExcelJS from "exceljs";
import { formatCell, formatRange, numberToCol } from "../a1";
import { needsQuotePrefix, quotedStyle } from "./quote-prefix";
import type { CellValue, OutputRow, OutputSheet } from "../sheet-model";
import { RowHeights } from "../row-height";
import type { MergeSpans } from "./merge-spans";

export interface Passthrough {
  pageSetup: Record<string, unknown>;
  headerFooter: unknown;
  properties: unknown;
  state: unknown;
}

/** exceljs has validations on both sheet kinds but types them on neither */
export interface Validating {
  dataValidations: { add(range: string, rule: unknown): void };
}

export function exceljsValue(v: CellValue): ExcelJS.CellValue {
  if (v && typeof v === "object" && "opaque" in v) return v.opaque as ExcelJS.CellValue;
  if (v && typeof v === "object" && "formula" in v) return { formula: v.formula } as ExcelJS.CellFormulaValue;
  return v as ExcelJS.CellValue;
}

/** Row heights for the rows of `ws`, once its column widths are set. */
export function rowHeightsOf(ws: ExcelJS.Worksheet): RowHeights {
  return new RowHeights((col) => ws.getColumn(col).width);
}

/**
 * One output row onto the sheet; both writers go through here, so a streamed workbook's cells are those of one built in memory.
 * `heights` is the sheet's (rowHeightsOf), made after its columns are set.
 */
export function writeRow(ws: ExcelJS.Worksheet, out: OutputRow, spans?: MergeSpans, heights: RowHeights = rowHeightsOf(ws)): ExcelJS.Row {
  const row = ws.getRow(out.row);
  // a row as tall as its wrapped text needs (row-height.ts), never lower than the template made it
  const fitted = heights.of(out.cells, spans?.lastColOf(out.row));
  if (out.props?.height || fitted) row.height = Math.max(out.props?.height ?? 0, fitted ?? 0);
  if (out.props?.hidden) row.hidden = true;
  for (const c of out.cells) {
    const cell = row.getCell(c.col);
    cell.value = exceljsValue(c.value);
    if (needsQuotePrefix(c.value)) cell.style = quotedStyle(c.style) as Partial<ExcelJS.Style>;
    else if (c.style) cell.style = c.style as Partial<ExcelJS.Style>;
    if (c.note) cell.note = c.note as ExcelJS.Comment;
  }
  return row;
}

export function pageSetupOf(sheet: OutputSheet): Record<string, unknown> {
  const setup = { ...(sheet.template.passthrough as Passthrough).pageSetup };
  // exceljs reads a missing firstPageNumber as 1 and writes it back as "restart at 1": every sheet
  // would print 第 1 页 under a total that counts the whole workbook. Number on unless the template says otherwise.
  if (!setup.useFirstPageNumber) delete setup.firstPageNumber;
  // exceljs writes the print area as `$` + each corner, so a corner given as A$1 comes out as Excel writes it: $A$1
  if (sheet.printArea.length) setup.printArea = sheet.printArea.map((r) => `${numberToCol(r.left)}$${r.top}:${numberToCol(r.right)}$${r.bottom}`).join("&&");
  if (sheet.printTitleRows) setup.printTitlesRow = `${sheet.printTitleRows[0]}:${sheet.printTitleRows[1]}`;
  if (sheet.printTitleCols) setup.printTitlesColumn = `${numberToCol(sheet.printTitleCols[0])}:${numberToCol(sheet.printTitleCols[1])}`;
  return setup;
}

export function viewsOf(sheet: OutputSheet): Array<Partial<ExcelJS.WorksheetView>> {
  return sheet.views.map((v) => {
    const spec = { ...v.spec } as Record<string, unknown>;
    if (v.ySplit || v.xSplit) Object.assign(spec, { ySplit: v.ySplit, xSplit: v.xSplit, topLeftCell: formatCell(v.ySplit + 1, v.xSplit + 1) });
    return spec as Partial<ExcelJS.WorksheetView>;
  });
}

export function colsModel(sheet: OutputSheet): Array<Record<string, unknown>> {
  return sheet.cols.map(({ col, props }) => ({ min: col, max: col, width: props.width, hidden: props.hidden ?? false, style: props.style ?? {} }));
}

export function validationsModel(sheet: OutputSheet): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  for (const v of sheet.validations) for (const r of v.ranges) model[formatRange(r)] = v.rule;
  return model;
}
