/** The streaming writer: rows go to disk as they are filled, so 100 000 rows fit in bounded memory. */
import ExcelJS from "exceljs";
import { createWriteStream } from "node:fs";
import { formatRange } from "../a1";
import type { OutputBook, WriteOptions } from "../sheet-model";
import { stampZipFile } from "../zip-dates";
import { drained, pendingBytes } from "./drain";
import { MergeSpans } from "./merge-spans";
import { pageSetupOf, rowHeightsOf, viewsOf, writeRow, type Passthrough, type Validating } from "./sheet-settings";
import type { Carry } from "../ooxml/carry";
import { carryStreaming } from "./carry-hooks";
import { teachQuotePrefix } from "./quote-prefix";
import { WriteGuard } from "./write-guard";

// exceljs's own serializer for the element, so both writers write it the same way
const PrintOptionsXform = require("exceljs/lib/xlsx/xform/sheet/print-options-xform") as new () => { toXml(model: unknown): string };
const printOptions = new PrintOptionsXform();

/**
 * exceljs's sheet writer never writes <printOptions> (centred on the page, gridlines, headings), which
 * its in-memory writer does: written here, where the schema puts it, just before the page margins.
 */
function writePrintOptions(worksheet: unknown): void {
  const ws = worksheet as { pageSetup: Record<string, unknown>; stream: { write(text: string): void }; _writePageMargins(): void };
  const writeMargins = ws._writePageMargins.bind(ws);
  ws._writePageMargins = () => {
    ws.stream.write(printOptions.toXml(ws.pageSetup));
    writeMargins();
  };
}

export async function writeStreaming(book: OutputBook, path: string, options: WriteOptions, carry: Carry): Promise<void> {
  // The file stream is ours, not exceljs's: exceljs never listens for its errors, so a full disk left its
  // commit pending for ever (the process ended with code 0 and an empty file) or, mid-sheet, the row loop
  // waiting on a compressor that could no longer hand anything on.
  const file = createWriteStream(path);
  const guard = new WriteGuard(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
  guard.watch((wb as unknown as { zip: NodeJS.EventEmitter }).zip);
  teachQuotePrefix((wb as unknown as { styles: unknown }).styles);
  const carried = carryStreaming(wb, carry);
  try {
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
      carried.sheet(ws, sheet.template.name);
      writePrintOptions(ws);
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
      const heights = rowHeightsOf(ws);
      for (const out of sheet.rows()) {
        const row = writeRow(ws, out, spans, heights);
        // a streamed row cannot be merged once committed: merge as soon as the fill has announced the merge
        for (; mergesDone < sheet.merges.length; mergesDone++) {
          const m = sheet.merges[mergesDone];
          if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
        }
        row.commit();
        if (pendingBytes(ws) > 0) await drained(ws, guard);
        guard.check();
      }
      for (const cf of sheet.conditionalFormats) ws.addConditionalFormatting({ ref: cf.ranges.map(formatRange).join(" "), rules: cf.rules as unknown as ExcelJS.ConditionalFormattingRule[] });
      for (const v of sheet.validations) for (const r of v.ranges) (ws as unknown as Validating).dataValidations.add(formatRange(r), v.rule);
      ws.commit();
    }
    for (const d of book.definedNames) for (const range of d.ranges) wb.definedNames.add(range, d.name);
    await guard.race(wb.commit());
    await guard.closed();
  } catch (e) {
    file.destroy();
    await guard.settled();
    throw guard.failure ?? e;
  }
  await stampZipFile(path, options.generatedAt);
}
