/**
 * exceljs reading a template, with every failure turned into one line that names the file and the
 * part that failed. exceljs reads part by part through a handful of methods; each is wrapped on this
 * one instance to remember which part it was reading when it threw.
 */
import ExcelJS from "exceljs";
import { TemplatePackageError } from "../ooxml/package";

type Reader = Record<string, (...args: unknown[]) => unknown>;

/** Each exceljs part reader, and the part it is reading, from its arguments. */
const PART_READERS: Record<string, (args: unknown[]) => string> = {
  parseWorkbook: () => "xl/workbook.xml",
  _processWorksheetEntry: (a) => String(a[4]),
  _processWorksheetRelsEntry: (a) => `xl/worksheets/_rels/sheet${a[2]}.xml.rels`,
  _processCommentEntry: (a) => `xl/${a[2]}.xml`,
  _processTableEntry: (a) => `xl/tables/${a[2]}.xml`,
  _processDrawingEntry: (a) => `xl/drawings/${a[2]}.xml`,
  _processDrawingRelsEntry: (a) => `xl/drawings/_rels/${a[2]}.xml.rels`,
  _processVmlDrawingEntry: (a) => `xl/drawings/${a[2]}.vml`,
  _processThemeEntry: (a) => `xl/theme/${a[2]}.xml`,
  _processMediaEntry: (a) => `xl/media/${a[2]}`,
};

export async function readWorkbook(bytes: Uint8Array, file: string, originalName: (part: string) => string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const reader = wb.xlsx as unknown as Reader;
  let failedPart: string | null = null;
  for (const [method, partOf] of Object.entries(PART_READERS)) {
    const original = reader[method];
    if (typeof original !== "function") continue;
    reader[method] = async (...args: unknown[]) => {
      try {
        return await original.apply(reader, args);
      } catch (e) {
        failedPart ??= partOf(args);
        throw e;
      }
    };
  }
  const reconcile = reader.reconcile;
  reader.reconcile = (...args: unknown[]) => {
    try {
      return reconcile.apply(reader, args);
    } catch (e) {
      failedPart ??= "部件之间的引用（关系）";
      throw e;
    }
  };
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    const detail = (e as Error).message.split("\n")[0];
    throw new TemplatePackageError(file, failedPart ? originalName(failedPart) : null, detail);
  }
  return wb;
}
