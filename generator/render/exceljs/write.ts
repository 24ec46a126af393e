/** The engine's output → an .xlsx through exceljs: in memory (tables need it) or streamed (bounded memory). */
import ExcelJS from "exceljs";
import { readFile, writeFile } from "node:fs/promises";
import { formatCell, formatRange, numberToCol } from "../a1";
import type { CellValue, OutputBook, OutputRow, OutputSheet, WriteOptions } from "../sheet-model";
import { stampZipEntries } from "../zip-dates";
import { drained, pendingBytes } from "./drain";
import { fittedHeight } from "../row-height";
import type { RangeRef } from "../a1";

interface Passthrough {
  pageSetup: Record<string, unknown>;
  headerFooter: unknown;
  properties: unknown;
  state: unknown;
}

/** exceljs has validations on both sheet kinds but types them on neither */
interface Validating {
  dataValidations: { add(range: string, rule: unknown): void };
}

function exceljsValue(v: CellValue): ExcelJS.CellValue {
  if (v && typeof v === "object" && "opaque" in v) return v.opaque as ExcelJS.CellValue;
  if (v && typeof v === "object" && "formula" in v) return { formula: v.formula } as ExcelJS.CellFormulaValue;
  return v as ExcelJS.CellValue;
}

/** The merges the fill has announced so far, by their top row: a row's merged cells wrap over their whole width. */
class MergeSpans {
  private seen = 0;
  private readonly byRow = new Map<number, Map<number, number>>();
  constructor(private readonly merges: RangeRef[]) {}
  lastColOf(row: number): (col: number) => number {
    for (; this.seen < this.merges.length; this.seen++) {
      const m = this.merges[this.seen];
      if (m.top !== m.bottom) continue;
      const spans = this.byRow.get(m.top) ?? new Map<number, number>();
      spans.set(m.left, m.right);
      this.byRow.set(m.top, spans);
    }
    const spans = this.byRow.get(row);
    this.byRow.delete(row);
    return (col) => spans?.get(col) ?? col;
  }
}

/** One output row onto the sheet; both writers go through here, so a streamed workbook's cells are those of one built in memory. */
function writeRow(ws: ExcelJS.Worksheet, out: OutputRow, spans?: MergeSpans): ExcelJS.Row {
  const row = ws.getRow(out.row);
  // a row as tall as its wrapped text needs (row-height.ts), never lower than the template made it
  const fitted = fittedHeight(out.cells, (col) => ws.getColumn(col).width, spans?.lastColOf(out.row));
  if (out.props?.height || fitted) row.height = Math.max(out.props?.height ?? 0, fitted ?? 0);
  if (out.props?.hidden) row.hidden = true;
  for (const c of out.cells) {
    const cell = row.getCell(c.col);
    cell.value = exceljsValue(c.value);
    if (c.style) cell.style = c.style as Partial<ExcelJS.Style>;
  }
  return row;
}

function pageSetupOf(sheet: OutputSheet): Record<string, unknown> {
  const setup = { ...(sheet.template.passthrough as Passthrough).pageSetup };
  // exceljs reads a missing firstPageNumber as 1 and writes it back as "restart at 1": every sheet
  // would print 第 1 页 under a total that counts the whole workbook. Number on unless the template says otherwise.
  if (!setup.useFirstPageNumber) delete setup.firstPageNumber;
  if (sheet.printArea.length) setup.printArea = sheet.printArea.map(formatRange).join("&&");
  if (sheet.printTitleRows) setup.printTitlesRow = `${sheet.printTitleRows[0]}:${sheet.printTitleRows[1]}`;
  if (sheet.printTitleCols) setup.printTitlesColumn = `${numberToCol(sheet.printTitleCols[0])}:${numberToCol(sheet.printTitleCols[1])}`;
  return setup;
}

function viewsOf(sheet: OutputSheet): Array<Partial<ExcelJS.WorksheetView>> {
  return sheet.views.map((v) => {
    const spec = { ...v.spec } as Record<string, unknown>;
    if (v.ySplit || v.xSplit) Object.assign(spec, { ySplit: v.ySplit, xSplit: v.xSplit, topLeftCell: formatCell(v.ySplit + 1, v.xSplit + 1) });
    return spec as Partial<ExcelJS.WorksheetView>;
  });
}

function colsModel(sheet: OutputSheet): Array<Record<string, unknown>> {
  return sheet.cols.map(({ col, props }) => ({ min: col, max: col, width: props.width, hidden: props.hidden ?? false, style: props.style ?? {} }));
}

function validationsModel(sheet: OutputSheet): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  for (const v of sheet.validations) for (const r of v.ranges) model[formatRange(r)] = v.rule;
  return model;
}

async function writeInMemory(book: OutputBook, path: string, options: WriteOptions): Promise<void> {
  const wb = book.template.handle as ExcelJS.Workbook;
  // a sheet the render left out (sheet-rules.ts: its sheet-wide jx:if was false) leaves the workbook too
  for (const ws of [...wb.worksheets]) if (!book.sheets.some((s) => s.template.name === ws.name)) wb.removeWorksheet(ws.id);
  for (const sheet of book.sheets) {
    const ws = wb.getWorksheet(sheet.template.name);
    if (!ws) throw new Error(`sheet "${sheet.template.name}" vanished from the template`);
    const pass = sheet.template.passthrough as Passthrough;
    // Rebuild the sheet from its model: the template's rows go, everything else is replaced by its re-targeted version.
    const model = ws.model as unknown as Record<string, unknown>;
    ws.model = {
      ...model,
      rows: [],
      mergeCells: [],
      cols: colsModel(sheet),
      dataValidations: {},
      conditionalFormattings: [],
      tables: [],
      pageSetup: pageSetupOf(sheet),
      headerFooter: pass.headerFooter,
      views: viewsOf(sheet),
      autoFilter: sheet.autoFilter ? formatRange(sheet.autoFilter) : undefined,
    } as unknown as ExcelJS.WorksheetModel;
    // the model setter adds merges but never forgets the template's own
    (ws as unknown as { _merges: Record<string, unknown> })._merges = {};
    const spans = new MergeSpans(sheet.merges);
    for (const out of sheet.rows()) writeRow(ws, out, spans);
    for (const m of sheet.merges) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model = validationsModel(sheet);
    (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = sheet.conditionalFormats.map((cf) => ({ ref: cf.ranges.map(formatRange).join(" "), rules: cf.rules }));
    for (const t of sheet.tables) {
      const ref = formatRange(t.ref);
      const table = new (require("exceljs/lib/doc/table") as new () => { model: unknown })();
      table.model = { ...t.spec, tableRef: ref, autoFilterRef: t.spec.autoFilterRef ? ref : undefined };
      (ws as unknown as { tables: Record<string, unknown> }).tables[t.name] = table;
    }
  }
  wb.definedNames.model = book.definedNames as typeof wb.definedNames.model;
  wb.created = options.generatedAt;
  wb.modified = options.generatedAt;
  wb.creator = options.creator;
  wb.lastModifiedBy = options.creator;
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(path, stampZipEntries(bytes, options.generatedAt));
}

async function writeStreaming(book: OutputBook, path: string, options: WriteOptions): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  wb.created = options.generatedAt;
  wb.modified = options.generatedAt;
  wb.creator = options.creator;
  for (const sheet of book.sheets) {
    const pass = sheet.template.passthrough as Passthrough;
    const ws = wb.addWorksheet(sheet.template.name, {
      properties: pass.properties as ExcelJS.WorksheetProperties,
      pageSetup: pageSetupOf(sheet) as Partial<ExcelJS.PageSetup>,
      headerFooter: pass.headerFooter as Partial<ExcelJS.HeaderFooter>,
      views: viewsOf(sheet),
    });
    // exceljs indexes columns by position: fill gaps so each width lands on its own column
    const byCol = new Map(sheet.cols.map((c) => [c.col, c.props]));
    const last = Math.max(0, ...sheet.cols.map((c) => c.col));
    ws.columns = Array.from({ length: last }, (_, i) => {
      const p = byCol.get(i + 1);
      return { width: p?.width, hidden: p?.hidden, style: (p?.style ?? {}) as Partial<ExcelJS.Style> };
    }) as ExcelJS.Column[];
    if (sheet.autoFilter) ws.autoFilter = formatRange(sheet.autoFilter);
    let mergesDone = 0;
    const spans = new MergeSpans(sheet.merges);
    for (const out of sheet.rows()) {
      const row = writeRow(ws, out, spans);
      // a streamed row cannot be merged once committed: merge as soon as the fill has announced the merge
      for (; mergesDone < sheet.merges.length; mergesDone++) {
        const m = sheet.merges[mergesDone];
        if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
      }
      row.commit();
      if (pendingBytes(ws) > 0) await drained(ws);
    }
    for (const cf of sheet.conditionalFormats) ws.addConditionalFormatting({ ref: cf.ranges.map(formatRange).join(" "), rules: cf.rules as unknown as ExcelJS.ConditionalFormattingRule[] });
    for (const v of sheet.validations) for (const r of v.ranges) (ws as unknown as Validating).dataValidations.add(formatRange(r), v.rule);
    ws.commit();
  }
  for (const d of book.definedNames) for (const range of d.ranges) wb.definedNames.add(range, d.name);
  await wb.commit();
  await writeFile(path, stampZipEntries(await readFile(path), options.generatedAt));
}

export async function writeWorkbook(book: OutputBook, path: string, options: WriteOptions): Promise<void> {
  if (options.streaming) await writeStreaming(book, path, options);
  else await writeInMemory(book, path, options);
}
