/**
 * Pass one: decide which template row lands on which output row, for which item, without building
 * any cells. Knowing every position first is what lets a formula above or below a repeated area
 * (and a table, a merge, a print title) point at the final rows.
 *
 * Pass one keeps only what the fill points through (the axis maps and the column-repeat widths), not
 * a record per output row: at 100 000 rows those records and their scopes held ~40 MB from the
 * layout until the last row was written. The fill replays the same walk (walk.ts) one row at a time.
 */
import { AxisMap, LaneAxis } from "./axis";
import type { EachCommand, ParallelCommand, SheetCommands } from "./commands";
import type { Scope } from "./expression";
import type { SheetMaps } from "./references";
import type { TemplateCell, TemplateSheet } from "./sheet-model";
import { evaluateItems, RowWalker, type RowRecord } from "./walk";

export { evaluateItems, fail, type RowRecord } from "./walk";

export interface SheetLayout {
  rows: AxisMap;
  /** each side-by-side area's own rows (see LaneAxis), by the command that holds them */
  lanes: Map<ParallelCommand, LaneAxis[]>;
  cols: AxisMap;
  /** how many copies each column repeat makes (the most any row asked for) */
  columnCounts: Map<EachCommand, number>;
  /** every output row in order, produced as it is asked for: the same walk as pass one, so the same rows */
  records(): Iterable<RowRecord>;
}

export function layoutSheet(sheet: TemplateSheet, commands: SheetCommands, root: Scope): SheetLayout {
  const rows = new AxisMap();
  // The column repeats each template row sits in, looked up once per template row rather than per output row.
  const columnsOfRow = new Map<number, EachCommand[]>();
  for (let r = 1; r <= sheet.maxRow; r++) {
    const owning = commands.columns.filter((k) => r >= k.area.top && r <= k.area.bottom);
    if (owning.length) columnsOfRow.set(r, owning);
  }
  const columnCounts = new Map<EachCommand, number>(commands.columns.map((k) => [k, 0]));
  // A column repeat that fails is reported after the walk, as when the widths were worked out in a loop
  // of their own: the walk's own errors come first and, of two failing repeats, the first in column order.
  const columnErrors = new Map<EachCommand, unknown>();
  const walker = new RowWalker(sheet, commands, "count", root);
  let last = 0;
  const lanes = new Map<ParallelCommand, LaneAxis[]>();
  const recordLanes = (rec: RowRecord) => {
    const band = rec.band!;
    let maps = lanes.get(band.command);
    if (!maps) lanes.set(band.command, (maps = band.command.lanes.map(() => new LaneAxis(rows, band.top, band.bottom))));
    rec.lanes!.forEach((lane, i) => {
      if (!lane) return;
      if (lane.lanes) recordLanes(lane);
      maps![i].record(lane.templateRow, lane.outputRow);
      rows.record(lane.templateRow, lane.outputRow);
    });
  };
  for (let rec = walker.step(); rec; rec = walker.step()) {
    if (rec.lanes) recordLanes(rec);
    else rows.record(rec.templateRow, rec.outputRow);
    last = rec.outputRow;
    if (rec.blank) continue;
    const owning = columnsOfRow.get(rec.templateRow);
    if (!owning) continue;
    for (const command of owning) {
      if (columnErrors.has(command)) continue;
      try {
        columnCounts.set(command, Math.max(columnCounts.get(command)!, evaluateItems(command, rec.scope).length));
      } catch (e) {
        columnErrors.set(command, e);
      }
    }
  }
  rows.finish(sheet.maxRow, last);
  for (const maps of lanes.values()) for (const m of maps) m.finish(sheet.maxRow, last);
  for (const command of commands.columns) if (columnErrors.has(command)) throw columnErrors.get(command);

  const cols = new AxisMap();
  let out = 1;
  let c = 1;
  const maxCol = Math.max(sheet.maxCol, ...commands.columns.map((k) => k.area.right));
  for (const command of uniqueByColumns(commands.columns)) {
    for (; c < command.area.left; c++) cols.record(c, out++);
    const width = command.area.right - command.area.left + 1;
    const copies = Math.max(1, ...commands.columns.filter((k) => k.area.left === command.area.left).map((k) => columnCounts.get(k) ?? 0));
    for (let k = 0; k < copies; k++) for (let j = 0; j < width; j++) cols.record(command.area.left + j, out++);
    c = command.area.right + 1;
  }
  for (; c <= maxCol; c++) cols.record(c, out++);
  cols.finish(maxCol, out - 1);

  const records = (): Iterable<RowRecord> => ({
    [Symbol.iterator]: () => {
      const replay = new RowWalker(sheet, commands, "replay", root);
      return {
        next: (): IteratorResult<RowRecord> => {
          const rec = replay.step();
          return rec ? { done: false, value: rec } : { done: true, value: undefined };
        },
      };
    },
  });
  return { rows, lanes, cols, columnCounts, records };
}

/** Column repeats over the same columns (a header row and a body row) share one set of output columns. */
export function uniqueByColumns(columns: EachCommand[]): EachCommand[] {
  const seen = new Set<number>();
  return columns.filter((k) => (seen.has(k.area.left) ? false : (seen.add(k.area.left), true)));
}

/** The maps formulas and ranges on this sheet are moved through (references.ts). */
export function sheetMaps(sheet: TemplateSheet, layout: SheetLayout): SheetMaps {
  const lanes: Array<{ left: number; right: number; map: LaneAxis }> = [];
  for (const [command, maps] of layout.lanes) command.lanes.forEach((l, i) => lanes.push({ left: l.area.left, right: l.area.right, map: maps[i] }));
  // narrowest first, so an area nested in a side-by-side area finds its own rows
  lanes.sort((a, b) => a.right - a.left - (b.right - b.left));
  return {
    rows: layout.rows,
    cols: layout.cols,
    rowsFor: lanes.length ? (left, right) => lanes.find((l) => left >= l.left && right <= l.right)?.map ?? layout.rows : undefined,
    occupied: (top, bottom, left, right) => {
      const hit = (cells: TemplateCell[] | undefined) => !!cells?.some((c) => c.col >= left && c.col <= right && c.value !== null && c.value !== "");
      if (bottom - top < sheet.rows.size) {
        for (let r = top; r <= bottom; r++) if (hit(sheet.rows.get(r))) return true;
        return false;
      }
      for (const [r, cells] of sheet.rows) if (r >= top && r <= bottom && hit(cells)) return true;
      return false;
    },
  };
}
