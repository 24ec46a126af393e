/**
 * Pass one: decide which template row lands on which output row, for which item, without building
 * any cells. Knowing every position first is what lets a formula above or below a repeated area
 * (and a table, a merge, a print title) point at the final rows.
 */
import { AxisMap } from "./axis";
import type { EachCommand, RowCommand, SheetCommands } from "./commands";
import { TemplateError } from "./commands";
import { UnknownFieldError, type Scope } from "./expression";
import type { TemplateSheet } from "./sheet-model";

export interface RowRecord {
  templateRow: number;
  outputRow: number;
  scope: Scope;
  /** this repetition's own copies of the template rows (null when the area has no formulas to point with) */
  local: Map<number, number> | null;
  /** an empty list still shows its rows once, styled but without data, so tables and sums stay valid */
  blank: boolean;
}

export interface SheetLayout {
  records: RowRecord[];
  rows: AxisMap;
  cols: AxisMap;
  /** how many copies each column repeat makes (the most any row asked for) */
  columnCounts: Map<EachCommand, number>;
}

export function fail(where: string, e: unknown): never {
  if (e instanceof TemplateError) throw e;
  const message = e instanceof UnknownFieldError ? e.message : (e as Error).message;
  throw new TemplateError(`${where}: ${message}`);
}

export function evaluateItems(command: EachCommand, scope: Scope): unknown[] {
  let value: unknown;
  try {
    value = command.items.evaluate(scope);
  } catch (e) {
    fail(command.where, e);
  }
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new TemplateError(`${command.where}: items "${command.items.source}" is not a list`);
  if (!command.groupBy) return value;
  const groups = new Map<unknown, { key: unknown; items: unknown[] }>();
  for (const item of value) {
    const key = item && typeof item === "object" ? (item as Record<string, unknown>)[command.groupBy] ?? null : null;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, items: [] }));
    g.items.push(item);
  }
  return [...groups.values()];
}

function hasFormulas(sheet: TemplateSheet, top: number, bottom: number): boolean {
  for (let r = top; r <= bottom; r++) for (const c of sheet.rows.get(r) ?? []) if (c.value && typeof c.value === "object" && "formula" in c.value) return true;
  return false;
}

export function layoutSheet(sheet: TemplateSheet, commands: SheetCommands, root: Scope): SheetLayout {
  const records: RowRecord[] = [];
  const rows = new AxisMap();
  const formulaBands = new Map<RowCommand, boolean>();
  let next = 1;

  const emit = (templateRow: number, scope: Scope, local: Map<number, number> | null, blank: boolean) => {
    const outputRow = next++;
    records.push({ templateRow, outputRow, scope, local, blank });
    rows.record(templateRow, outputRow);
    local?.set(templateRow, outputRow);
  };

  const band = (top: number, bottom: number, children: RowCommand[], scope: Scope, local: Map<number, number> | null) => {
    let r = top;
    for (const child of children) {
      for (; r < child.area.top; r++) emit(r, scope, local, false);
      run(child, scope, local);
      r = child.area.bottom + 1;
    }
    for (; r <= bottom; r++) emit(r, scope, local, false);
  };

  const run = (command: RowCommand, scope: Scope, local: Map<number, number> | null) => {
    const { top, bottom } = command.area;
    if (command.kind === "if") {
      let show: boolean;
      try {
        show = command.condition.test(scope);
      } catch (e) {
        fail(command.where, e);
      }
      if (show) band(top, bottom, command.children, scope, local);
      return;
    }
    const items = evaluateItems(command, scope);
    let needsLocal = formulaBands.get(command);
    if (needsLocal === undefined) formulaBands.set(command, (needsLocal = hasFormulas(sheet, top, bottom)));
    if (items.length === 0) {
      const copy = needsLocal ? new Map(local ?? []) : null;
      for (let r = top; r <= bottom; r++) emit(r, scope, copy, true);
      return;
    }
    for (const item of items) {
      const itemScope = { ...scope, [command.var]: item };
      band(top, bottom, command.children, itemScope, needsLocal ? new Map(local ?? []) : local);
    }
  };

  band(1, sheet.maxRow, commands.rows, root, null);
  rows.finish(sheet.maxRow, next - 1);

  const columnCounts = new Map<EachCommand, number>();
  for (const command of commands.columns) {
    let most = 0;
    for (const rec of records) {
      if (rec.blank || rec.templateRow < command.area.top || rec.templateRow > command.area.bottom) continue;
      most = Math.max(most, evaluateItems(command, rec.scope).length);
    }
    columnCounts.set(command, most);
  }
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
  return { records, rows, cols, columnCounts };
}

/** Column repeats over the same columns (a header row and a body row) share one set of output columns. */
export function uniqueByColumns(columns: EachCommand[]): EachCommand[] {
  const seen = new Set<number>();
  return columns.filter((k) => (seen.has(k.area.left) ? false : (seen.add(k.area.left), true)));
}
