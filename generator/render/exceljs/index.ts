import type { TemplateBook, Transformer } from "../sheet-model";
import { loadTemplate } from "./load";
import { writeWorkbook } from "./write";

/** The exceljs backend. Its streaming writer cannot write Excel Tables, so a template with a table renders in memory. */
export const exceljsTransformer: Transformer = {
  load: loadTemplate,
  canStream: (book: TemplateBook) => book.sheets.every((s) => s.tables.length === 0),
  write: writeWorkbook,
};
