/**
 * The same indicator across Plans. Names are matched through normalizeIndicatorName (the one
 * normalisation the library uses too); an indicator found in only one Plan is listed, not dropped.
 */
import { normalizeIndicatorName, type Plan } from "../model";
import { displayQuantity, primaryTable, type Display } from "./views";

export interface ComparisonColumn {
  region: string | null;
  periodLabel: string;
  header: string;
}

export interface ComparisonCell {
  value: Display;
  number: number | null;
}

export interface ComparisonRow {
  name: string;
  unit: string | null;
  /** one per column, in column order; null value where that Plan lacks the indicator */
  cells: ComparisonCell[];
  found: number;
}

export interface UnmatchedRow {
  header: string;
  name: string;
  unit: string | null;
  value: Display;
}

export interface ComparisonView {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  unmatched: UnmatchedRow[];
}

export function comparisonView(plans: Plan[]): ComparisonView {
  const columns = plans.map((p) => {
    const region = p.region ?? p.title;
    return { region: p.region, periodLabel: p.period.label, header: `${region} ${p.period.label}`.trim() };
  });
  const byKey = new Map<string, { name: string; unit: string | null; cells: ComparisonCell[]; found: number }>();
  plans.forEach((plan, i) => {
    const table = primaryTable(plan);
    for (const ind of table?.indicators ?? []) {
      const key = normalizeIndicatorName(ind.name) + "|" + (ind.parent ? normalizeIndicatorName(ind.parent) : "");
      let row = byKey.get(key);
      if (!row) byKey.set(key, (row = { name: ind.name, unit: ind.unit, cells: plans.map(() => ({ value: null, number: null })), found: 0 }));
      if (row.cells[i].value !== null) continue; // a repeated name in one table: the first one counts
      const q = ind.target ?? ind.rate;
      row.cells[i] = { value: displayQuantity(q), number: q?.value ?? null };
      if (!row.unit) row.unit = ind.unit;
      row.found++;
    }
  });
  const rows: ComparisonRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  for (const row of byKey.values()) {
    if (row.found >= 2 || plans.length === 1) rows.push(row);
    else {
      const i = row.cells.findIndex((c) => c.value !== null);
      unmatched.push({ header: columns[Math.max(0, i)]?.header ?? "", name: row.name, unit: row.unit, value: row.cells[Math.max(0, i)]?.value ?? null });
    }
  }
  return { columns, rows, unmatched };
}
