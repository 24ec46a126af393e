/**
 * A fingerprint of what a workbook says, for only_if_changed. The bytes of an .xlsx change with
 * every write (zip timestamps, document properties, the generated-at stamp), so the hash covers
 * sheet names and cell values/formulas only, read back from the file that was published.
 */
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import type { StampScrubber } from "./stamp";

export interface HashOptions {
  /** the run's generated-at stamp, which changes every run by design and so is left out */
  stamp?: StampScrubber;
}

export async function hashWorkbookContent(path: string, options: HashOptions = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const hash = createHash("sha256");
  for (const sheet of workbook.worksheets) {
    hash.update(`\u0000sheet\u0000${sheet.name}\u0000${sheet.state ?? "visible"}\n`);
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const value = cell.value;
        if (value instanceof Date && options.stamp?.isStampDate(value)) return;
        const text = canonicalValue(value);
        hash.update(`${rowNumber},${colNumber}\u0000${options.stamp ? options.stamp.text(text) : text}\n`);
      });
    });
  }
  return hash.digest("hex");
}

/** A formula is hashed by its text, not its cached result: the result is whatever the writer last stored. */
function canonicalValue(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (typeof value !== "object") return `${typeof value}:${String(value)}`;
  if ("formula" in value && value.formula) return `formula:${value.formula}`;
  if ("sharedFormula" in value && value.sharedFormula) return `formula:${value.sharedFormula}`;
  if ("richText" in value) return `text:${value.richText.map((r) => r.text).join("")}`;
  if ("hyperlink" in value) return `link:${value.hyperlink}|${String(value.text)}`;
  if ("error" in value) return `error:${value.error}`;
  return `json:${JSON.stringify(value)}`;
}
