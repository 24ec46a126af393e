/** The house style the built-in templates share: one CJK font, thin borders, A4 landscape pages. */
import type ExcelJS from "exceljs";

/**
 * 宋体 (SimSun) ships with Windows and with WPS, and LibreOffice substitutes it with a CJK font it
 * has (Noto Serif CJK) through its font replacement table, so the same file reads everywhere.
 */
export const FONT = "宋体";

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF7F7F7F" } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const TITLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
export const SUBTITLE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10, color: { argb: "FF595959" } }, alignment: { horizontal: "center" } };
export const HEADER: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 10, bold: true, color: { argb: "FFFFFFFF" } },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  border: BORDER,
};
/** the band above a header that says what each column holds (基期, 目标, 实际 …) */
export const BAND: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 9, bold: true, color: { argb: "FF1F4E79" } },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
  alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  border: BORDER,
};
export const BODY: Partial<ExcelJS.Style> = { font: { name: FONT, size: 10 }, alignment: { vertical: "middle", wrapText: true }, border: BORDER };
export const BODY_CENTER: Partial<ExcelJS.Style> = { ...BODY, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
export const NUMBER: Partial<ExcelJS.Style> = { ...BODY, numFmt: "General", alignment: { horizontal: "right", vertical: "middle" } };
/** a column that holds figures and, now and then, words ("控制在省下达目标内"): right-aligned, wrapped so the words stay in their cell */
export const VALUE: Partial<ExcelJS.Style> = { ...BODY, numFmt: "General", alignment: { horizontal: "right", vertical: "middle", wrapText: true } };
export const LABEL: Partial<ExcelJS.Style> = { font: { name: FONT, size: 11, bold: true }, alignment: { vertical: "middle" } };
export const TEXT: Partial<ExcelJS.Style> = { font: { name: FONT, size: 11 }, alignment: { vertical: "middle", wrapText: true } };
export const NOTE: Partial<ExcelJS.Style> = { font: { name: FONT, size: 9, color: { argb: "FF404040" } }, alignment: { vertical: "top", wrapText: true } };

/**
 * A4 landscape, one page wide, header rows repeated, page numbers in the footer. Pages are numbered
 * through the whole workbook (no sheet restarts at 1), so "第 7 页，共 24 页" means what it says.
 */
export function printReady(ws: ExcelJS.Worksheet, titleRows: string | null): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddHeader: `&L&"${FONT}"&9&A`, oddFooter: `&C&"${FONT}"&9第 &P 页，共 &N 页` };
}

export interface Column {
  header: string;
  field: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
}

/** Writes a header row and one template row of fields, with widths; returns the template row's number. */
export function headerAndRow(ws: ExcelJS.Worksheet, headerRow: number, columns: Column[], item: string): number {
  columns.forEach((c, i) => {
    const h = ws.getCell(headerRow, i + 1);
    h.value = c.header;
    h.style = HEADER;
    const d = ws.getCell(headerRow + 1, i + 1);
    d.value = c.field ? `{{${item}.${c.field}}}` : null;
    d.style = c.style ?? BODY;
    ws.getColumn(i + 1).width = c.width;
  });
  ws.getRow(headerRow).height = 30;
  return headerRow + 1;
}

export function title(ws: ExcelJS.Worksheet, text: string, subtitle: string | null, width: number): void {
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).style = TITLE;
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).height = 32;
  if (subtitle) {
    ws.getCell(2, 1).value = subtitle;
    ws.getCell(2, 1).style = SUBTITLE;
    ws.mergeCells(2, 1, 2, width);
  }
}

export function freezeBelow(ws: ExcelJS.Worksheet, row: number): void {
  ws.views = [{ state: "frozen", ySplit: row, xSplit: 0, topLeftCell: `A${row + 1}`, activeCell: `A${row + 1}` }];
}
