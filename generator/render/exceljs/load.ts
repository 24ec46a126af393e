/** exceljs → the engine's picture of a template (sheet-model.ts). */
import ExcelJS from "exceljs";
import { basename } from "node:path";
import { readFile } from "node:fs/promises";
import { parseCell, parseRange, type RangeRef } from "../a1";
import { findLostParts } from "../lost-parts";
import { canonicalize, withoutDrawings } from "../ooxml/canonical";
import { readNotes } from "../ooxml/notes";
import { pivotAreas } from "../ooxml/pivot-carry";
import { readTemplatePackage, TemplatePackageError, type OoxmlPackage } from "../ooxml/package";
import { readWorkbook } from "./read-book";
import type { CellValue, ConditionalFormat, FrozenView, LineProps, TemplateBook, TemplateCell, TemplateSheet, Validation } from "../sheet-model";

function noteText(note: ExcelJS.Cell["note"]): string | null {
  if (!note) return null;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula:
      return { formula: cell.formula };
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.Boolean:
    case ExcelJS.ValueType.Date:
      return cell.value as number | string | boolean | Date;
    case ExcelJS.ValueType.RichText: {
      const text = (cell.value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
      // Fields typed into a rich-text cell become plain text; a styled label without fields stays rich.
      return text.includes("{{") ? text : { opaque: cell.value };
    }
    default:
      return { opaque: cell.value };
  }
}

/** exceljs reads a validation over E5:E9 as five single-cell entries sharing one rule object; put the ranges back together. */
function validations(model: Record<string, unknown>): Validation[] {
  const byRule = new Map<object, Array<{ row: number; col: number }>>();
  for (const [address, rule] of Object.entries(model)) {
    if (!rule || typeof rule !== "object") continue;
    const list = byRule.get(rule) ?? [];
    if (address.includes(":")) {
      const r = parseRange(address);
      for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) list.push({ row, col });
    } else list.push(parseCell(address));
    byRule.set(rule, list);
  }
  const out: Validation[] = [];
  for (const [rule, cells] of byRule) {
    const ranges: RangeRef[] = [];
    cells.sort((a, b) => a.col - b.col || a.row - b.row);
    for (const c of cells) {
      const last = ranges[ranges.length - 1];
      if (last && last.left === c.col && last.bottom + 1 === c.row) last.bottom = c.row;
      else ranges.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
    }
    const merged: RangeRef[] = [];
    for (const r of ranges) {
      const prev = merged.find((m) => m.top === r.top && m.bottom === r.bottom && m.right + 1 === r.left);
      if (prev) prev.right = r.right;
      else merged.push({ ...r });
    }
    out.push({ ranges: merged, rule: rule as Validation["rule"] });
  }
  return out;
}

function rowSpan(text: string | undefined): [number, number] | null {
  if (!text) return null;
  const m = /^\$?(\d+):\$?(\d+)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function colSpan(text: string | undefined): [number, number] | null {
  if (!text) return null;
  const r = parseRange(text);
  return [r.left, r.right];
}

/**
 * A cell's note: the text as the package holds it (exceljs reads openpyxl's plain notes as empty),
 * and exceljs's own form, fonts and all, to write an ordinary note back as it was.
 */
function noteOf(cell: ExcelJS.Cell, notes: Map<string, string>): Pick<TemplateCell, "note" | "noteSpec"> {
  const text = notes.get(cell.address) ?? noteText(cell.note);
  if (text === null) return { note: null };
  const spec = cell.note && noteText(cell.note) === text ? cell.note : text;
  return { note: text, noteSpec: spec };
}

function readSheet(ws: ExcelJS.Worksheet, notes: Map<string, string>): TemplateSheet {
  const rows = new Map<number, TemplateCell[]>();
  const rowProps = new Map<number, LineProps>();
  let maxRow = 0;
  let maxCol = 0;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: TemplateCell[] = [];
    // a cell with nothing in it but a style (a bordered, shaded blank in the template row) is the clerk's too
    for (const cell of (row as unknown as { _cells: Array<ExcelJS.Cell | undefined> })._cells) {
      if (!cell || (cell.type === ExcelJS.ValueType.Null && !Object.keys(cell.style ?? {}).length)) continue;
      const c = Number(cell.col);
      cells.push({ col: c, value: cellValue(cell), style: cell.style, ...noteOf(cell, notes) });
      maxCol = Math.max(maxCol, c);
    }
    if (cells.length) rows.set(r, cells);
    if (row.height || row.hidden) rowProps.set(r, { height: row.height, hidden: row.hidden || undefined });
    maxRow = Math.max(maxRow, r);
  });
  // a note on a cell with nothing in it (a command put on an empty corner cell) is still the cell's
  for (const address of notes.keys()) {
    const { row, col } = parseCell(address);
    const cells = rows.get(row) ?? [];
    if (cells.some((c) => c.col === col)) continue;
    const cell = ws.getCell(row, col);
    cells.push({ col, value: null, style: cell.style, ...noteOf(cell, notes) });
    cells.sort((a, b) => a.col - b.col);
    rows.set(row, cells);
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, col);
  }
  const sortedRows = new Map([...rows].sort((a, b) => a[0] - b[0]));
  const colProps = new Map<number, LineProps>();
  (ws.columns ?? []).forEach((col, i) => {
    if (col.width || col.hidden || (col.style && Object.keys(col.style).length))
      colProps.set(i + 1, { width: col.width, hidden: col.hidden || undefined, style: col.style });
    maxCol = Math.max(maxCol, i + 1);
  });
  const model = ws.model as unknown as {
    merges?: string[];
    conditionalFormattings?: Array<{ ref: string; rules: ConditionalFormat["rules"] }>;
    tables?: Array<Record<string, unknown>>;
    dataValidations?: Record<string, unknown>;
    views?: Array<Record<string, unknown>>;
  };
  const pageSetup = { ...(ws.pageSetup ?? {}) } as Record<string, unknown>;
  const printArea = typeof pageSetup.printArea === "string" ? pageSetup.printArea.split("&&").map(parseRange) : [];
  const printTitleRows = rowSpan(pageSetup.printTitlesRow as string | undefined);
  const printTitleCols = colSpan(pageSetup.printTitlesColumn as string | undefined);
  delete pageSetup.printArea;
  delete pageSetup.printTitlesRow;
  delete pageSetup.printTitlesColumn;
  const views: FrozenView[] = (model.views ?? []).map((v) => ({
    ySplit: v.state === "frozen" ? Number(v.ySplit ?? 0) : 0,
    xSplit: v.state === "frozen" ? Number(v.xSplit ?? 0) : 0,
    spec: v,
  }));
  const autoFilter = typeof ws.autoFilter === "string" ? parseRange(ws.autoFilter) : null;
  return {
    name: ws.name,
    rows: sortedRows,
    rowProps,
    colProps,
    maxRow,
    maxCol,
    merges: (model.merges ?? []).map(parseRange),
    conditionalFormats: (model.conditionalFormattings ?? []).map((cf) => ({ ranges: cf.ref.split(/\s+/).map(parseRange), rules: cf.rules })),
    validations: validations(model.dataValidations ?? {}),
    tables: (model.tables ?? []).map((t) => ({ name: String(t.name), ref: parseRange(String(t.tableRef ?? t.ref)), spec: t })),
    printArea,
    printTitleRows,
    printTitleCols,
    autoFilter,
    views,
    passthrough: { pageSetup, headerFooter: ws.headerFooter, properties: ws.properties, state: ws.state },
  };
}

/**
 * The cells a pivot table covers are its own output, saved with the template: rows of `{{fields}}`
 * as the pivot last saw them. They are not the template's to fill (filling them failed with
 * "unknown field"); the pivot is carried with refresh-on-open and rebuilds them, so they go blank,
 * keeping their style.
 */
function clearPivotCells(sheet: TemplateSheet, areas: RangeRef[]): void {
  for (const a of areas)
    for (let r = a.top; r <= a.bottom; r++)
      for (const cell of sheet.rows.get(r) ?? []) if (cell.col >= a.left && cell.col <= a.right) cell.value = null;
}

/** What the exceljs backend keeps of a template for its writer: the workbook it read and the package it read it from. */
export interface ExceljsHandle {
  workbook: ExcelJS.Workbook;
  /** the template's package, its parts under the names exceljs saw */
  package: OoxmlPackage;
}

export async function loadTemplate(path: string): Promise<TemplateBook> {
  const file = basename(path);
  const bytes = await readFile(path);
  const read = await readTemplatePackage(bytes, file);
  const { pkg, originalName } = canonicalize(read);
  const forExceljs = withoutDrawings(pkg);
  const wb = await readWorkbook(forExceljs === read ? bytes : await forExceljs.toBuffer(), file, originalName);
  let sheets: TemplateSheet[];
  try {
    const parts = new Map(pkg.sheets().map((s) => [s.name, s.part]));
    sheets = wb.worksheets.map((ws) => {
      const part = parts.get(ws.name);
      const sheet = readSheet(ws, part ? readNotes(pkg, part) : new Map());
      if (part) clearPivotCells(sheet, pivotAreas(pkg, part));
      return sheet;
    });
  } catch (e) {
    throw new TemplatePackageError(file, null, (e as Error).message);
  }
  const definedNames = (wb.definedNames.model as Array<{ name: string; ranges: string[]; localSheetId?: number }>).filter((d) => !d.name.startsWith("_xlnm."));
  const handle: ExceljsHandle = { workbook: wb, package: pkg };
  return { label: file, sheets, definedNames, lost: findLostParts(pkg), handle };
}
