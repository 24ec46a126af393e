/**
 * What a clerk changed in a monitoring workbook's 实际 cells: a cell that still shows what
 * Planbook wrote there (from a document or an earlier import) is not the clerk's figure, so it is
 * not imported with the clerk's file as its source; an empty cell says nothing.
 */
import { normalizeIndicatorName, type ImportedActual, type Monitoring, type WorkbookCell } from "../model";

export interface ClerkEdits {
  actuals: ImportedActual[];
  /** cells that still hold what Planbook wrote */
  unchanged: number;
  /** rows naming an indicator or year the monitoring does not have */
  unknown: WorkbookCell[];
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;

function same(a: number | string | null, b: number | string | null): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return String(a ?? "").trim() === String(b ?? "").trim();
}

export function clerkEdits(m: Monitoring, cells: WorkbookCell[], file: string, importedAt: string): ClerkEdits {
  const byKey = new Map(m.indicators.map((i) => [i.key, i]));
  const actuals: ImportedActual[] = [];
  const unknown: WorkbookCell[] = [];
  let unchanged = 0;
  for (const cell of cells) {
    const raw = typeof cell.value === "string" ? cell.value.trim() : cell.value;
    if (raw === null || raw === "") continue;
    const ind = byKey.get(normalizeIndicatorName(cell.indicator));
    const year = ind?.years.find((y) => y.year === cell.year);
    if (!ind || !year) {
      unknown.push(cell);
      continue;
    }
    if (same(raw, year.shown)) {
      unchanged++;
      continue;
    }
    const text = String(raw);
    const value = typeof raw === "number" ? raw : NUMBER.test(text) ? Number(text) : null;
    actuals.push({
      region: m.region ?? "",
      periodLabel: m.plan.periodLabel,
      indicator: ind.name,
      year: cell.year,
      raw: text,
      value,
      unit: cell.unit?.trim() || ind.measureUnit,
      file,
      sheet: cell.sheet,
      cell: cell.cell,
      importedAt,
    });
  }
  return { actuals, unchanged, unknown };
}
