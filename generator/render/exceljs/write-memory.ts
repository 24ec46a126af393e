/** The in-memory writer: the template's own workbook, each sheet rebuilt from the engine's output. Tables need it. */
import ExcelJS from "exceljs";
import { writeFile } from "node:fs/promises";
import { formatRange } from "../a1";
import type { OutputBook, WriteOptions } from "../sheet-model";
import { stampZipEntries } from "../zip-dates";
import type { ExceljsHandle } from "./load";
import type { Carry } from "../ooxml/carry";
import { carryInMemory } from "./carry-hooks";
import { teachQuotePrefix } from "./quote-prefix";
import { MergeSpans } from "./merge-spans";
import { colsModel, pageSetupOf, rowHeightsOf, validationsModel, viewsOf, writeRow, type Passthrough } from "./sheet-settings";

const PLAIN_TABLE = { showFirstColumn: false, showLastColumn: false, showRowStripes: false, showColumnStripes: false };

export async function writeInMemory(book: OutputBook, path: string, options: WriteOptions, carry: Carry): Promise<void> {
  const wb = (book.template.handle as ExceljsHandle).workbook;
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
    const heights = rowHeightsOf(ws);
    for (const out of sheet.rows()) writeRow(ws, out, spans, heights);
    for (const m of sheet.merges) if (m.bottom > m.top || m.right > m.left) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model = validationsModel(sheet);
    (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = sheet.conditionalFormats.map((cf) => ({ ref: cf.ranges.map(formatRange).join(" "), rules: cf.rules }));
    for (const t of sheet.tables) {
      const ref = formatRange(t.ref);
      const table = new (require("exceljs/lib/doc/table") as new () => { model: unknown })();
      // a table saved without a style (LibreOffice writes none) has a null one, on which exceljs's writer fails
      // the filter covers the header and data, never the total row; a column keeps its filter button unless the template hid it
      // (exceljs reads a table without <filterColumn> entries, as Excel writes them, as having every button hidden)
      const filterRef = t.spec.totalsRow ? formatRange({ ...t.ref, bottom: t.ref.bottom - 1 }) : ref;
      const columns = ((t.spec.columns as Array<Record<string, unknown>> | undefined) ?? []).map((c) => ({ ...c, filterButton: c.filterButton ?? true }));
      table.model = { ...t.spec, columns, style: t.spec.style ?? PLAIN_TABLE, tableRef: ref, autoFilterRef: t.spec.autoFilterRef ? filterRef : undefined };
      (ws as unknown as { tables: Record<string, unknown> }).tables[t.name] = table;
    }
  }
  wb.definedNames.model = book.definedNames as typeof wb.definedNames.model;
  wb.created = options.generatedAt;
  wb.modified = options.generatedAt;
  wb.creator = options.creator;
  wb.lastModifiedBy = options.creator;
  const xlsx = wb.xlsx as unknown as { prepareModel(model: { styles: unknown }, options: unknown): unknown };
  const prepareModel = xlsx.prepareModel.bind(xlsx);
  // the style manager is made afresh for each write, in prepareModel, which then at once styles every cell
  xlsx.prepareModel = (model, opts) => {
    let styles: unknown;
    Object.defineProperty(model, "styles", {
      configurable: true,
      enumerable: true,
      get: () => styles,
      set: (value: unknown) => {
        styles = value;
        teachQuotePrefix(value);
      },
    });
    return prepareModel(model, opts);
  };
  carryInMemory(wb.xlsx, carry);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(path, stampZipEntries(bytes, options.generatedAt));
}
