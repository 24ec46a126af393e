/**
 * The walk over a sheet's row commands, in output order, one row per step. Pass one runs it to size
 * the axes; the fill runs it again and turns each row into cells as it comes, so no per-row record
 * (nor the scope it carries) outlives its row; holding them all between the passes cost ~40 MB at
 * 100 000 rows. A hand-rolled stack rather than recursive generators: this runs once per output row,
 * twice, and nested `yield*` costs a resume per level per row.
 */
import { joinRuns, type LocalMap } from "./axis";
import { TemplateError, type EachCommand, type ParallelCommand, type RowCommand, type SheetCommands } from "./commands";
import { childScope, UnknownFieldError, type Scope } from "./expression";
import type { TemplateSheet } from "./sheet-model";

export interface RowRecord {
  templateRow: number;
  outputRow: number;
  scope: Scope;
  /** this repetition's own copies of the template rows (null when the area has no formulas to point with) */
  local: LocalMap;
  /** an empty list still shows its rows once, styled but without data, so tables and sums stay valid */
  blank: boolean;
  /** a row of side-by-side areas: each area's own row here (null once that area has run out), and the band they share */
  lanes?: Array<LaneRecord | null>;
  band?: { top: number; bottom: number; start: number; command: ParallelCommand };
}

/** One side-by-side area's part of an output row: its template row and item, over its own columns. */
export interface LaneRecord extends RowRecord {
  left: number;
  right: number;
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

/**
 * Where a repetition's formulas find template rows: every row the repetition will emit, at any depth,
 * known before its first row is filled (a group header may point at the group's rows below it). A row
 * of a repeat nested in the repetition lands once per nested item, so it keeps its first and last copy:
 * a group's `=SUM(C5)` then spans that group's rows, not the last one nor every group's. Rows the
 * repetition does not emit (those of the repetitions around it) come from `inherited`.
 */
class RepetitionRows {
  private readonly first = new Map<number, number>();
  private readonly lastCopy = new Map<number, number>();
  /** every copy, as runs [start, end …], for a total over a block of several rows (its value row's copies are not contiguous) */
  private readonly runs = new Map<number, number[]>();

  constructor(private readonly inherited: Map<number, number>) {}

  record(templateRow: number, outputRow: number): void {
    if (!this.first.has(templateRow)) this.first.set(templateRow, outputRow);
    this.lastCopy.set(templateRow, outputRow);
    const runs = this.runs.get(templateRow);
    if (!runs) this.runs.set(templateRow, [outputRow, outputRow]);
    else if (runs[runs.length - 1] === outputRow - 1) runs[runs.length - 1] = outputRow;
    else if (runs[runs.length - 1] < outputRow) runs.push(outputRow, outputRow);
  }

  /** This repetition's copies of template rows from..to; undefined when some of them are not its own. */
  copies(from: number, to: number): number[] | undefined {
    const all: number[] = [];
    for (let r = from; r <= to; r++) {
      const own = this.runs.get(r);
      if (!own) return undefined;
      all.push(...own);
    }
    return joinRuns(all);
  }

  get(templateRow: number): number | undefined {
    return this.first.get(templateRow) ?? this.inherited.get(templateRow);
  }

  last(templateRow: number): number | undefined {
    return this.lastCopy.get(templateRow) ?? this.inherited.get(templateRow);
  }
}

/**
 * A repetition's maps. `final` is what its formulas read (above). `progressive` holds only the rows
 * emitted so far, each at its latest copy, because a nested repetition starts from a copy of exactly
 * that (its item's own copy of the rows above it), as it did when pass one kept every record.
 */
interface Locals {
  progressive: Map<number, number>;
  final: RepetitionRows;
}

type Frame =
  | { kind: "band"; r: number; bottom: number; children: RowCommand[]; child: number; scope: Scope; local: Locals | null }
  | { kind: "parallel"; command: ParallelCommand; lanes: RowWalker[]; start: number }
  | { kind: "blank"; r: number; bottom: number; scope: Scope; local: Locals | null }
  | { kind: "each"; command: EachCommand; items: unknown[]; i: number; scope: Scope; local: Locals | null; ownLocal: boolean };

/**
 * count: rows and scopes only (pass one); replay: rows with their local maps (the fill);
 * measure: a walk over one repetition ahead of its replay that records where each of its rows lands.
 */
type Mode = "count" | "replay" | "measure";

const formulaAreas = new WeakMap<EachCommand, boolean>();

function hasFormulas(sheet: TemplateSheet, command: EachCommand): boolean {
  let known = formulaAreas.get(command);
  if (known === undefined) {
    known = false;
    for (let r = command.area.top; r <= command.area.bottom && !known; r++)
      for (const c of sheet.rows.get(r) ?? []) if (c.value && typeof c.value === "object" && "formula" in c.value) known = true;
    formulaAreas.set(command, known);
  }
  return known;
}

export class RowWalker {
  private readonly stack: Frame[] = [];
  private readonly measured: RepetitionRows | null;

  constructor(
    private readonly sheet: TemplateSheet,
    commands: SheetCommands | null,
    private readonly mode: Mode,
    root: Scope,
    private nextRow = 1,
    /**
     * Part of a sheet to walk instead of all of it: a repetition walked ahead (measure mode), recording every row
     * it emits, nested ones included, in `measured`; or one of several side-by-side areas, with the maps around it.
     */
    band: { top: number; bottom: number; children: RowCommand[]; measured: RepetitionRows | null; local?: Locals | null } | null = null,
  ) {
    const b = band ?? { top: 1, bottom: sheet.maxRow, children: commands?.rows ?? [], measured: null };
    this.measured = b.measured;
    this.stack.push({ kind: "band", r: b.top, bottom: b.bottom, children: b.children, child: 0, scope: root, local: b.local ?? null });
  }

  /** The next output row, or null when the sheet is done. */
  step(): RowRecord | null {
    const stack = this.stack;
    for (;;) {
      const f = stack[stack.length - 1];
      if (!f) return null;
      if (f.kind === "band") {
        const child = f.children[f.child];
        if (child && f.r >= child.area.top) {
          f.child++;
          f.r = child.area.bottom + 1;
          this.enter(child, f.scope, f.local);
        } else if (f.r <= f.bottom) return this.emit(f.r++, f.scope, f.local, false);
        else stack.pop();
      } else if (f.kind === "parallel") {
        const recs = f.lanes.map((w) => w.step());
        const head = recs.find((r) => r !== null);
        if (!head) {
          stack.pop();
          continue;
        }
        // the lanes walk in step: each emitted this same output row, and recorded it in the maps they share
        const outputRow = this.nextRow++;
        const lanes = recs.map((r, i) => r && { ...r, left: f.command.lanes[i].area.left, right: f.command.lanes[i].area.right });
        return { ...head, outputRow, lanes, band: { top: f.command.area.top, bottom: f.command.area.bottom, start: f.start, command: f.command } };
      } else if (f.kind === "blank") {
        if (f.r <= f.bottom) return this.emit(f.r++, f.scope, f.local, true);
        stack.pop();
      } else if (f.i < f.items.length) {
        const { command } = f;
        const scope = childScope(f.scope, command.var, f.items[f.i++]);
        const local = f.ownLocal ? this.repetition(command, scope, f.local) : f.local;
        stack.push({ kind: "band", r: command.area.top, bottom: command.area.bottom, children: command.children, child: 0, scope, local });
      } else stack.pop();
    }
  }

  private emit(templateRow: number, scope: Scope, local: Locals | null, blank: boolean): RowRecord {
    const outputRow = this.nextRow++;
    this.measured?.record(templateRow, outputRow);
    local?.progressive.set(templateRow, outputRow);
    return { templateRow, outputRow, scope, local: local && local.final, blank };
  }

  private enter(command: RowCommand, scope: Scope, local: Locals | null): void {
    const { top, bottom } = command.area;
    if (command.kind === "parallel") {
      const lanes = command.lanes.map(
        (lane) => new RowWalker(this.sheet, null, this.mode, scope, this.nextRow, { top, bottom, children: [lane], measured: this.measured, local }),
      );
      this.stack.push({ kind: "parallel", command, lanes, start: this.nextRow });
      return;
    }
    if (command.kind === "if") {
      let show: boolean;
      try {
        show = command.condition.test(scope);
      } catch (e) {
        fail(command.where, e);
      }
      if (show) this.stack.push({ kind: "band", r: top, bottom, children: command.children, child: 0, scope, local });
      return;
    }
    const items = evaluateItems(command, scope);
    // A block with formulas gets its own copy of the map for each repetition, so `=K4*2` points at its own row.
    // Only the fill reads the maps; a look-ahead records its rows in `measured` whatever their depth.
    const ownLocal = this.mode === "replay" && hasFormulas(this.sheet, command);
    if (items.length) {
      this.stack.push({ kind: "each", command, items, i: 0, scope, local, ownLocal });
      return;
    }
    // An empty list's rows come out once, in order, with no nested commands: their map is known at once.
    // Without formulas they have none, and (unlike a repetition) do not write into the enclosing one's.
    let blankLocal: Locals | null = null;
    if (ownLocal) {
      const progressive = new Map(local?.progressive ?? []);
      const final = new RepetitionRows(progressive);
      for (let r = top; r <= bottom; r++) final.record(r, this.nextRow + r - top);
      blankLocal = { progressive, final };
    }
    this.stack.push({ kind: "blank", r: top, bottom, scope, local: blankLocal });
  }

  /** A new repetition's maps: a copy of the rows emitted so far, and every row it will emit, learnt by walking it once ahead. */
  private repetition(command: EachCommand, scope: Scope, parent: Locals | null): Locals | null {
    if (this.mode !== "replay") return null;
    const progressive = new Map(parent?.progressive ?? []);
    // `final` may read `progressive` as it fills: every row the replay adds there, the look-ahead recorded first, and that wins.
    const final = new RepetitionRows(progressive);
    const ahead = new RowWalker(this.sheet, null, "measure", scope, this.nextRow, {
      top: command.area.top,
      bottom: command.area.bottom,
      children: command.children,
      measured: final,
    });
    while (ahead.step());
    return { progressive, final };
  }
}
