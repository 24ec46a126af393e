/**
 * The same indicator across Plans. Names are matched through normalizeIndicatorName (the one
 * normalisation the library uses too); an indicator found in only one Plan is listed, not dropped.
 */
import { normalizeIndicatorName, type Plan, type Quantity } from "../model";
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
  const put = (i: number, name: string, parent: string | null, unit: string | null, q: Quantity | null) => {
    const key = normalizeIndicatorName(name) + "|" + (parent ? normalizeIndicatorName(parent) : "");
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { name, unit, cells: plans.map(() => ({ value: null, number: null })), found: 0 }));
    if (row.cells[i].value !== null) return; // a repeated name in one plan: the first one counts
    row.cells[i] = { value: displayQuantity(q), number: q?.value ?? null };
    if (!row.unit) row.unit = unit;
    row.found++;
  };
  plans.forEach((plan, i) => {
    for (const ind of primaryTable(plan)?.indicators ?? []) put(i, ind.name, ind.parent, ind.unit, ind.target ?? ind.rate);
    // a work report has no indicator table: its 主要预期目标 are the year's targets, compared the same way
    for (const t of plan.annualTargets) put(i, t.metric, null, t.value.unit, t.value);
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
