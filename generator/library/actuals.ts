/**
 * A clerk's figures: the 实际 cells of a monitoring workbook, read back (`planbook actuals import`)
 * and kept in the library's `actuals` table, each with the file, sheet and cell it came from.
 * Which cells are the clerk's own (not what Planbook wrote) is decided by generator/monitor/edits.ts.
 */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { normalizeIndicatorName, type ImportedActual, type WorkbookCell } from "../model";
import { assertInflatesWithin, openZip } from "../util/zip";
import type { Library } from "./index";

interface ActualRow {
  region: string;
  period_label: string;
  indicator: string;
  year: number;
  raw: string;
  value: number | null;
  unit: string | null;
  file: string;
  sheet: string;
  cell: string;
  imported_at: string;
}

export function listActuals(library: Library, region: string, periodLabel: string): ImportedActual[] {
  const rows = library.db
    .prepare(`SELECT * FROM actuals WHERE region = ? AND period_label = ? ORDER BY normalized, year`)
    .all(region, periodLabel) as ActualRow[];
  return rows.map((r) => ({
    region: r.region,
    periodLabel: r.period_label,
    indicator: r.indicator,
    year: r.year,
    raw: r.raw,
    value: r.value,
    unit: r.unit,
    file: r.file,
    sheet: r.sheet,
    cell: r.cell,
    importedAt: r.imported_at,
  }));
}

/** Stores the figures in one transaction (a later figure for the same indicator and year replaces the earlier), and moves the library's generation so caches see it. */
export function storeActuals(library: Library, actuals: ImportedActual[]): number {
  const upsert = library.db.prepare(
    `INSERT INTO actuals (region, period_label, normalized, year, indicator, raw, value, unit, file, sheet, cell, imported_at)
     VALUES (@region, @periodLabel, @normalized, @year, @indicator, @raw, @value, @unit, @file, @sheet, @cell, @importedAt)
     ON CONFLICT (region, period_label, normalized, year) DO UPDATE SET indicator = excluded.indicator, raw = excluded.raw, value = excluded.value,
       unit = excluded.unit, file = excluded.file, sheet = excluded.sheet, cell = excluded.cell, imported_at = excluded.imported_at`,
  );
  const bump = library.db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'generation'`);
  library.db
    .transaction(() => {
      for (const a of actuals) upsert.run({ ...a, normalized: normalizeIndicatorName(a.indicator) });
      if (actuals.length) bump.run();
    })
    .immediate();
  return actuals.length;
}

export interface ActualsWorkbook {
  /** the 地区 and 规划期 the workbook names (its 封面), null when it names none */
  region: string | null;
  periodLabel: string | null;
  cells: WorkbookCell[];
}

export class ActualsWorkbookError extends Error {}

/** the bytes an .xlsx may inflate to: a monitoring workbook is a few hundred kB */
const MAX_ENTRY = 64 * 1024 * 1024;
const MAX_TOTAL = 256 * 1024 * 1024;

function cellValue(cell: ExcelJS.Cell): number | string | null {
  let v = cell.value as unknown;
  if (v && typeof v === "object") {
    const o = v as { result?: unknown; richText?: Array<{ text: string }>; text?: string; error?: string };
    if ("formula" in o || "sharedFormula" in o) v = o.result ?? null;
    else if (o.richText) v = o.richText.map((r) => r.text).join("");
    else if (typeof o.text === "string") v = o.text;
    else if (o.error) v = null;
    else if (v instanceof Date) v = null;
  }
  if (typeof v === "number") {
    // a clerk who types "6.5%" gets 0.065 shown as a percentage: the figure meant is 6.5
    return /%/.test(cell.numFmt ?? "") ? Number((v * 100).toPrecision(12)) : v;
  }
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  return null;
}

const text = (cell: ExcelJS.Cell) => {
  const v = cellValue(cell);
  return v === null ? "" : String(v).trim();
};

function label(wb: ExcelJS.Workbook, name: string): string | null {
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, 30); r++) {
      const row = ws.getRow(r);
      for (let c = 1; c <= Math.min(row.cellCount, 6); c++) if (text(row.getCell(c)) === name) return text(row.getCell(c + 1)) || null;
    }
  }
  return null;
}

const yearOf = (s: string): number | null => {
  const m = /^(\d{4})\s*年?$/u.exec(s.trim());
  return m ? Number(m[1]) : null;
};

/**
 * Reads every sheet whose header row (in its first 10 rows) has 指标 and either 年份 + 实际 (one
 * row per indicator and year) or columns named "2023年实际" (a year per column). Columns are found
 * by their headers, so a clerk may move, add or hide columns.
 */
export async function readActualsWorkbook(path: string): Promise<ActualsWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ActualsWorkbookError(`${path}: 无法读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await assertInflatesWithin(await openZip(bytes), MAX_ENTRY, MAX_TOTAL);
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ActualsWorkbookError(`${path}: 不是可读的 .xlsx 工作簿（${(e as Error).message.split("\n")[0]}）`);
  }
  const cells: WorkbookCell[] = [];
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
      const header = ws.getRow(r);
      const cols = new Map<string, number>();
      const yearCols: Array<[number, number]> = [];
      for (let c = 1; c <= header.cellCount; c++) {
        const h = text(header.getCell(c)).replace(/\s+/gu, "");
        if (!h) continue;
        if (!cols.has(h)) cols.set(h, c);
        const y = /^(\d{4})年实际$/u.exec(h);
        if (y) yearCols.push([Number(y[1]), c]);
      }
      const nameCol = cols.get("指标") ?? cols.get("指标名称");
      if (!nameCol) continue;
      const unitCol = cols.get("单位");
      const longForm = cols.has("年份") && cols.has("实际");
      if (!longForm && yearCols.length === 0) continue;
      for (let rr = r + 1; rr <= ws.rowCount; rr++) {
        const row = ws.getRow(rr);
        const indicator = text(row.getCell(nameCol));
        if (!indicator) continue;
        const unit = unitCol ? text(row.getCell(unitCol)) || null : null;
        const at = (year: number | null, col: number) => {
          if (year === null) return;
          const cell = row.getCell(col);
          cells.push({ indicator, year, value: cellValue(cell), unit, sheet: ws.name, cell: cell.address });
        };
        if (longForm) at(yearOf(text(row.getCell(cols.get("年份")!))), cols.get("实际")!);
        else for (const [year, col] of yearCols) at(year, col);
      }
      break;
    }
  }
  return { region: label(wb, "地区"), periodLabel: label(wb, "规划期"), cells };
}
