/**
 * One axis of one reference, from the template onto the output, by Excel's rules for copying a row:
 *
 * - inside a repetition, a relative reference to a row of that repetition points at this copy's row
 *   (`=K4*2` → `=K9*2` in the sixth copy); an absolute one stays on the first copy (`$K$4`), a mixed one
 *   moves on its relative axis only (`$K4` moves down, `K$4` stays) — except that a reference fixed at
 *   both ends and read as a list (`=RANK(K4,$K$4)`) is the whole list, as from outside;
 * - anywhere else (a total under the area, a name, a chart series), a reference that stands for a list
 *   (`expand`: an aggregate's argument, a range argument, a chart series) covers every copy of the rows
 *   it names; any other reference points at the first copy.
 *
 * Copies that are not contiguous (the value row of a two-row block: D3, D5, D7 …) come back as several
 * runs, joined across rows that copy template rows with nothing in the reference's other axis: a sum
 * over them is the same, and `D3:D41` reads better than twenty cells.
 */
import type { AxisMap, LocalMap } from "./axis";

export interface SheetMaps {
  rows: AxisMap;
  cols: AxisMap;
  /** the rows of a span of template columns: a side-by-side area's own rows where it has them, else `rows` */
  rowsFor?(left: number, right: number): AxisMap;
  /** whether the template holds any cell in rows top..bottom × columns left..right */
  occupied?(top: number, bottom: number, left: number, right: number): boolean;
}

export interface AxisRef {
  from: number;
  to: number;
  absFrom: boolean;
  absTo: boolean;
}

/** Runs [start, end, …] of output indexes one axis of a reference covers. `gapEmpty(t)`: template index t holds nothing the reference could read. */
export function resolveAxis(map: AxisMap, local: LocalMap, ref: AxisRef, expand: boolean, gapEmpty: (t: number) => boolean): number[] {
  const here = (i: number) => (local ? local.get(i) : undefined);
  const fromHere = here(ref.from);
  const toHere = here(ref.to);
  // Fixed at both ends and read as a list (`=RANK(K4,$K$4)`, `=K4/SUM($K$4)`): the list is every copy, as from outside.
  const fixedList = expand && ref.absFrom && ref.absTo;
  if (local && !fixedList && (fromHere !== undefined || toHere !== undefined)) {
    const relFrom = !ref.absFrom && fromHere !== undefined;
    const relTo = !ref.absTo && toHere !== undefined;
    if (expand && relFrom && relTo && local.copies) {
      const runs = local.copies(ref.from, ref.to);
      if (runs && runs.length) return joinAcrossEmpty(runs, map, gapEmpty);
    }
    const start = relFrom ? fromHere! : map.firstOf(ref.from);
    const end = relTo ? (expand ? (local.last?.(ref.to) ?? toHere!) : toHere!) : map.firstOf(ref.to);
    return [Math.min(start, end), Math.max(start, end)];
  }
  const start = map.firstOf(ref.from);
  if (!expand) return [start, Math.max(start, map.firstOf(ref.to))];
  const runs = map.copies(ref.from, ref.to);
  if (!runs.length) return [start, Math.max(start, map.lastOf(ref.to))];
  return joinAcrossEmpty(runs, map, gapEmpty);
}

function joinAcrossEmpty(runs: number[], map: AxisMap, gapEmpty: (t: number) => boolean): number[] {
  if (runs.length <= 2) return runs;
  const out = [runs[0], runs[1]];
  for (let i = 2; i < runs.length; i += 2) {
    let empty = true;
    for (let o = out[out.length - 1] + 1; o < runs[i] && empty; o++) {
      const t = map.templateOf(o);
      empty = t > 0 && gapEmpty(t);
    }
    if (empty) out[out.length - 1] = runs[i + 1];
    else out.push(runs[i], runs[i + 1]);
  }
  return out;
}
