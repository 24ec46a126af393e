import type { ColumnMeaning, TableColumn } from "../../model";
import type { Column } from "./header";

/*
 * Which columns feed an indicator's baseline, target and rate, and what every other column holds.
 * Decided once per table from its header, by what each header says (目标, 基数, 实际, 预计, 完成情况)
 * and where it stands, never by position alone:
 * - the target is the last column that says 目标/规划; else the last bare year column (the plan's
 *   own end year when a later 远景 year stands beside it);
 * - the baseline is a column that says 基数/基期; else the first bare year before the target; else
 *   an estimate or actual figure of an earlier year printed before the target ("2020年预计" |
 *   "2025年": the base year was not over when the plan was written); else an earlier year under
 *   the same 规划目标 label as the target (a group header spanning the base year too);
 * - the rate is the first 年均/累计 column that is not an achieved or estimated one;
 * - achieved (实际/完成), estimated (预计) and verdict (完成情况) columns that feed nothing go to
 *   `cells`: a review table's "2025年目标" is its target, its "2025年预计" is not.
 */

export interface FieldColumns {
  baseline: number;
  target: number;
  rate: number;
}

const isValue = (c: Column) => c.role === "year" || c.role === "other";

export function fieldColumnsOf(columns: Column[], planEndYear: number | null = null): FieldColumns {
  const indexed = columns.map((c, i) => ({ c, i }));
  const years = indexed.filter((x) => x.c.role === "year");
  const said = (sense: Column["sense"]) => indexed.filter((x) => isValue(x.c) && x.c.sense === sense);
  let target = -1;
  const targets = said("target");
  const plain = years.filter((x) => x.c.sense === "plain");
  const candidates = targets.length ? targets : plain;
  if (candidates.length) {
    const own = planEndYear === null ? undefined : candidates.find((x) => x.c.year === planEndYear);
    const last = candidates[candidates.length - 1];
    target = own && last.c.year !== null && last.c.year > planEndYear! ? own.i : last.i;
  }
  const targetYear = target >= 0 ? columns[target].year : null;
  const before = (x: { c: Column; i: number }) => x.i !== target && (target < 0 || x.i < target) && (targetYear === null || x.c.year === null || x.c.year < targetYear);
  let baseline = said("baseline").find((x) => x.i !== target)?.i ?? -1;
  if (baseline < 0) baseline = plain.find(before)?.i ?? -1;
  if (baseline < 0 && target >= 0) baseline = years.find((x) => (x.c.sense === "estimate" || x.c.sense === "actual") && x.c.year !== null && before(x))?.i ?? -1;
  // a group label over the base year too ("规划目标" spanning 2020年 | 2025年 | 年均增长): its earlier year is the base
  if (baseline < 0 && target >= 0) baseline = targets.find((x) => x.c.role === "year" && x.c.year !== null && before(x))?.i ?? -1;
  const rate = columns.findIndex((c) => c.role === "rate" && c.sense !== "actual" && c.sense !== "estimate");
  return { baseline, target, rate };
}

/** What each column holds, in the order of `columns`: its role, or for a value column what feeds the indicator and what is kept in cells. */
export function columnInfo(columns: Column[], fields: FieldColumns): TableColumn[] {
  return columns.map((c, i): TableColumn => {
    let meaning: ColumnMeaning;
    if (i === fields.baseline) meaning = "baseline";
    else if (i === fields.target) meaning = "target";
    else if (i === fields.rate) meaning = "rate";
    else if (c.role === "year" || c.role === "rate" || c.role === "other") meaning = c.sense === "actual" ? "actual" : c.sense === "estimate" ? "estimate" : c.sense === "completion" ? "completion" : "other";
    else meaning = c.role;
    return { header: c.header, meaning, year: c.year };
  });
}

/** A table that reports achievements (an actual, estimate or verdict column that is not the baseline) reviews a plan. */
export function reportsAchievement(info: TableColumn[]): boolean {
  return info.some((c) => c.meaning === "actual" || c.meaning === "estimate" || c.meaning === "completion");
}
