/**
 * The list sheets of the built-in templates: a title over one repeated table (fixed columns, and
 * columns repeated per entry of a list the view decides), its header frozen and printed on every
 * page, an Excel Table or an autofilter over it, notes under it.
 */
import type ExcelJS from "exceljs";
import { BAND, BODY, type Column, freezeBelow, headerAndRow, NOTE, printReady, title } from "./style";
export interface Repeat {
  columns: string;
  cells: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
  /** a band above the header saying what each repeated column holds (`{{col.meaning}}`) */
  band?: boolean;
}

/**
 * Columns fixed in the template, then one repeated column per entry of a list the view decides
 * (`columns`: only those some row fills), then more fixed ones; `then` is a second such repeat
 * (short columns at their own width, after wide ones).
 */
export interface Layout {
  fixed: Column[];
  repeat: Repeat | null;
  after: Column[];
  then?: { repeat: Repeat; after: Column[] };
}

type Segment = Column | { repeat: Repeat };

function segments(l: Layout): Segment[] {
  return [...l.fixed, ...(l.repeat ? [{ repeat: l.repeat }] : []), ...l.after, ...(l.then ? [{ repeat: l.then.repeat }, ...l.then.after] : [])];
}

export const letter = (n: number) => String.fromCharCode(64 + n);
export const widthOf = (l: Layout) => segments(l).length;
const isRepeat = (s: Segment): s is { repeat: Repeat } => "repeat" in s;

/** The header (and a band of column meanings above it) and one template row: fixed fields and repeated columns. */
export function writeColumns(ws: ExcelJS.Worksheet, headerRow: number, layout: Layout, item: string): void {
  const segs = segments(layout);
  const columns: Column[] = segs.map((s) => (isRepeat(s) ? { header: "{{col.header}}", field: "", width: s.repeat.width, style: s.repeat.style ?? BODY } : s));
  headerAndRow(ws, headerRow, columns, item);
  const band = segs.some((s) => isRepeat(s) && s.repeat.band);
  if (band) for (let c = 1; c <= columns.length; c++) ws.getCell(headerRow - 1, c).style = BAND;
  segs.forEach((s, i) => {
    const at = i + 1;
    const col = letter(at);
    if (!isRepeat(s)) {
      // a cell holding only a style is not read back from the template: a fixed column after the repeat says what it holds
      if (band && i >= layout.fixed.length) ws.getCell(headerRow - 1, at).value = s.header === "说明" ? "备注" : s.header;
      return;
    }
    ws.getCell(headerRow + 1, at).value = "{{cell.value}}";
    ws.getCell(headerRow, at).note = `jx:each(items="${s.repeat.columns}" var="col" direction="right" lastCell="${col}${headerRow}")`;
    ws.getCell(headerRow + 1, at).note = `jx:each(items="${s.repeat.cells}" var="cell" direction="right" lastCell="${col}${headerRow + 1}")`;
    if (s.repeat.band) {
      ws.getCell(headerRow - 1, at).value = "{{col.meaning}}";
      ws.getCell(headerRow - 1, at).note = `jx:each(items="${s.repeat.columns}" var="col" direction="right" lastCell="${col}${headerRow - 1}")`;
    }
  });
  if (band) ws.getRow(headerRow - 1).height = 18;
}

/** An Excel Table over the header and the template row; its columns take their names from the rendered header. */
function addTable(ws: ExcelJS.Worksheet, name: string, headerRow: number, layout: Layout): void {
  const names = segments(layout).map((s) => (isRepeat(s) ? "{{col.header}}" : s.header));
  ws.addTable({
    name,
    ref: `A${headerRow}`,
    headerRow: true,
    style: { theme: "TableStyleLight1", showRowStripes: false },
    columns: names.map((n) => ({ name: n, filterButton: true })),
    rows: [names.map(() => "")],
  });
}

export interface SheetSpec {
  name: string;
  title: string;
  subtitle: string;
  /** the sheet appears only when this holds (a list that is not empty) */
  showIf: string | null;
  /** an Excel Table (its name ending in "_" is completed with the plan's region and period), or an autofilter (streamed lists) */
  table: string | null;
  items: string;
  item: string;
  layout: Layout;
  /** rows under the table: notes, each a list of lines */
  notes?: Array<{ items: string; text: string }>;
}

/** A title over one repeated table, frozen under its header and printed with it on every page; returns the sheet. */
export function listSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name);
  const width = widthOf(spec.layout);
  const last = letter(width);
  const banded = segments(spec.layout).some((s) => isRepeat(s) && s.repeat.band);
  const headerRow = banded ? 4 : 3;
  const dataRow = headerRow + 1;
  title(ws, spec.title, spec.subtitle, width);
  if (spec.table) addTable(ws, spec.table, headerRow, spec.layout);
  writeColumns(ws, headerRow, spec.layout, spec.item);
  ws.getCell(dataRow, 1).note = `jx:each(items="${spec.items}" var="${spec.item}" lastCell="${last}${dataRow}")`;
  if (!spec.table) ws.autoFilter = `A${headerRow}:${last}${dataRow}`;
  let row = dataRow + 2;
  for (const n of spec.notes ?? []) {
    ws.getCell(row, 1).value = n.text;
    ws.getCell(row, 1).style = NOTE;
    ws.mergeCells(row, 1, row, width);
    ws.getCell(row, 1).note = `jx:each(items="${n.items}" var="note" lastCell="${last}${row}")`;
    row++;
  }
  if (spec.showIf) ws.getCell("A1").note = `jx:if(condition="${spec.showIf}" lastCell="${last}${Math.max(row - 1, dataRow)}")`;
  freezeBelow(ws, headerRow);
  printReady(ws, `${headerRow - (banded ? 1 : 0)}:${headerRow}`);
  return ws;
}
