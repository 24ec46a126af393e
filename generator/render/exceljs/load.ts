/** exceljs → the engine's picture of a template (sheet-model.ts). */
import ExcelJS from "exceljs";
import { basename } from "node:path";
import { readFile } from "node:fs/promises";
import { parseCell, parseRange, type RangeRef } from "../a1";
import { findLostParts } from "../lost-parts";
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

function readSheet(ws: ExcelJS.Worksheet): TemplateSheet {
  const rows = new Map<number, TemplateCell[]>();
  const rowProps = new Map<number, LineProps>();
  let maxRow = 0;
  let maxCol = 0;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: TemplateCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells.push({ col: c, value: cellValue(cell), style: cell.style, note: noteText(cell.note) });
      maxCol = Math.max(maxCol, c);
    });
    if (cells.length) rows.set(r, cells);
    if (row.height || row.hidden) rowProps.set(r, { height: row.height, hidden: row.hidden || undefined });
    maxRow = Math.max(maxRow, r);
  });
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
    rows,
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

export async function loadTemplate(path: string): Promise<TemplateBook> {
  const bytes = await readFile(path);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new Error(`${basename(path)}: not a readable .xlsx template (${(e as Error).message})`);
  }
  const sheets = wb.worksheets.map(readSheet);
  const definedNames = (wb.definedNames.model as Array<{ name: string; ranges: string[]; localSheetId?: number }>).filter((d) => !d.name.startsWith("_xlnm."));
  return { label: basename(path), sheets, definedNames, lost: await findLostParts(bytes), handle: wb };
}
