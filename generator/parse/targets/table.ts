import type { IndicatorTable, Target } from "../../model";

/**
 * A work report that prints its year's targets as a table ("指标 | 单位 | 2025年完成 | 2026年目标")
 * instead of a sentence: each row whose target column is the report's year, with a target, is one
 * of the year's targets, when the table's base is the year before. The figure keeps its kind from the table and its unit from the 单位 column
 * when the cell prints none ("6左右" under %).
 */
export function annualTargetsFromTables(tables: IndicatorTable[], year: number | null): Target[] {
  if (year === null) return [];
  const out: Target[] = [];
  for (const t of tables) {
    // a five-year plan's table ending in the report's year (十四五 to 2025 in a 2025 report) is not the year's: its base is years back
    if (t.role !== "targets" || t.targetYear !== year || (t.baseYear !== null && t.baseYear !== year - 1)) continue;
    for (const ind of t.indicators) {
      if (!ind.target) continue;
      const value = { ...ind.target, unit: ind.target.unit ?? ind.unit };
      out.push({ metric: ind.name, raw: ind.target.raw, year, value, text: `${ind.name} ${ind.target.raw}${ind.unit && !ind.target.unit ? ind.unit : ""}`, line: ind.line });
    }
  }
  return out;
}
