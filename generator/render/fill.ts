/**
 * Pass two: turn the layout into cells, and move everything that points at template cells
 * (merges, conditional formats, validations, tables, print settings, frozen panes) onto the output.
 */
import { formatCell, type RangeRef } from "./a1";
import type { AxisMap, LocalMap } from "./axis";
import { isCommandNote, TemplateError, type EachCommand, type SheetCommands } from "./commands";
import { childScope, TextTemplate, UnknownFieldError, type Scope } from "./expression";
import { retargetFormula, type SheetMaps } from "./formula";
import { evaluateItems, fail, sheetMaps, uniqueByColumns, type RowRecord, type SheetLayout } from "./layout";
import { commandContext } from "./command-context";
import type { CellValue, OutputCell, OutputRow, OutputSheet, TableDef, TemplateCell, TemplateSheet } from "./sheet-model";

export interface FillInput {
  sheet: TemplateSheet;
  commands: SheetCommands;
  layout: SheetLayout;
  bookLabel: string;
  mapsOf(sheetName: string): SheetMaps | null;
}

function isFormula(v: CellValue): v is { formula: string } {
  return !!v && typeof v === "object" && "formula" in v;
}

/** Maps every template index to its first copy: how a conditional format's or validation's own formula is read (relative to the range's top-left). */
function firstCopy(map: AxisMap): LocalMap {
  return { get: (i: number) => map.firstOf(i) };
}

/** A range of the template (a merge, a table, a conditional format's cells) over every copy of its rows and columns. */
export function spanRange(r: RangeRef, maps: SheetMaps): RangeRef {
  const rows = maps.rowsFor ? maps.rowsFor(r.left, r.right) : maps.rows;
  return { top: rows.firstOf(r.top), bottom: rows.lastOf(r.bottom), left: maps.cols.firstOf(r.left), right: maps.cols.lastOf(r.right) };
}

export function fillSheet(input: FillInput): OutputSheet {
  const { sheet, commands, layout, bookLabel } = input;
  const maps: SheetMaps = sheetMaps(sheet, layout);
  const compiled = new Map<TemplateCell, TextTemplate | null>();
  const where = (row: number, col: number) => `${bookLabel}!${sheet.name}!${formatCell(row, col)}`;
  const columnOwner = new Map<number, EachCommand[]>();
  for (const k of commands.columns) for (let c = k.area.left; c <= k.area.right; c++) columnOwner.set(c, [...(columnOwner.get(c) ?? []), k]);
  const repeatedColumns = uniqueByColumns(commands.columns);

  const templateOf = (cell: TemplateCell, row: number): TextTemplate | null => {
    let t = compiled.get(cell);
    if (t === undefined) {
      t = null;
      if (typeof cell.value === "string" && cell.value.includes(TextTemplate.MARK)) {
        try {
          t = TextTemplate.compile(cell.value);
        } catch (e) {
          fail(where(row, cell.col), e);
        }
      }
      if (isFormula(cell.value) && cell.value.formula.includes(TextTemplate.MARK))
        throw new TemplateError(`${where(row, cell.col)}: fields are not allowed inside formulas (document text must never become a formula)`);
      compiled.set(cell, t);
    }
    return t;
  };

  /** A template cell as each of its template row's output rows fills it: worked out once per template row (plan, below). */
  interface CellPlan {
    cell: TemplateCell;
    command: EachCommand | null;
    col: number;
    note: unknown;
    copies: Array<{ col: number; localCols: LocalMap }>;
    /** the cell's compiled text, once its first copy is filled (undefined until then) */
    template?: TextTemplate | null;
  }

  const valueOf = (entry: CellPlan, row: number, scope: Scope, blank: boolean, localRows: LocalMap, localCols: LocalMap): CellValue => {
    const cell = entry.cell;
    const v = cell.value;
    if (isFormula(v)) return { formula: retargetFormula(v.formula, { own: maps, sheet: input.mapsOf, localRows, localCols, where: where(row, cell.col) }) };
    let t = entry.template;
    if (t === undefined) t = entry.template = templateOf(cell, row);
    if (!t) return v;
    if (blank) return null;
    let out: unknown;
    try {
      out = t.render(scope);
    } catch (e) {
      fail(where(row, cell.col), e instanceof UnknownFieldError ? new Error(`${e.message}${commandContext(commands, row, cell.col, bookLabel, sheet.name)}`) : e);
    }
    if (out === null || out === undefined || out === "") return null;
    // Document text always lands as a string value, never as a formula, whatever it starts with.
    if (typeof out === "string") return out;
    if (typeof out === "number") return Number.isFinite(out) ? out : null;
    if (typeof out === "boolean" || out instanceof Date) return out;
    return String(out);
  };

  const headerTexts = new Map<number, Map<number, string>>();
  const tableTops = new Set(sheet.tables.map((t) => maps.rows.firstOf(t.ref.top)));
  const outMerges: RangeRef[] = [];

  /**
   * Per template row, worked out once: each cell with the column repeat that owns it (if any) and its output column.
   * A repeated cell's copies (how many, where, and the column map its formulas read) are fixed once pass one is done.
   */
  const plans = new Map<number, CellPlan[]>();
  const copiesOf = (cell: TemplateCell, command: EachCommand | null): CellPlan["copies"] => {
    if (!command) return [];
    const base = layout.cols.firstOf(command.area.left);
    const width = command.area.right - command.area.left + 1;
    const count = Math.max(1, ...commands.columns.filter((k) => k.area.left === command.area.left).map((k) => layout.columnCounts.get(k) ?? 0));
    return Array.from({ length: count }, (_, k) => {
      const localCols = new Map<number, number>();
      for (let j = 0; j < width; j++) localCols.set(command.area.left + j, base + k * width + j);
      return { col: base + k * width + (cell.col - command.area.left), localCols };
    });
  };
  const plan = (row: number) => {
    let p = plans.get(row);
    if (!p) {
      p = (sheet.rows.get(row) ?? []).map((cell) => {
        const command = (columnOwner.get(cell.col) ?? []).find((k) => row >= k.area.top && row <= k.area.bottom) ?? null;
        return {
          cell,
          command,
          col: layout.cols.firstOf(cell.col),
          // a clerk's own note is kept (on the first copy of a repeated cell); a command's note is the engine's
          note: cell.note && !isCommandNote(cell.note) ? (cell.noteSpec ?? cell.note) : null,
          copies: copiesOf(cell, command),
          template: undefined,
        };
      });
      plans.set(row, p);
    }
    return p;
  };

  /** One template row's cells onto the output row: all of them, or (side-by-side areas) those of one area's columns. */
  const fillPart = (rec: RowRecord, cells: OutputCell[], lane: { left: number; right: number } | null) => {
    const localRows: LocalMap = rec.local;
    const rowMap = lane && maps.rowsFor ? maps.rowsFor(lane.left, lane.right) : layout.rows;
    const firstCopy = rec.outputRow === rowMap.firstOf(rec.templateRow);
    // the items of each column repeat, evaluated once per row however many of the row's cells it owns
    let itemsOf: Map<EachCommand, unknown[]> | null = null;
    for (const entry of plan(rec.templateRow)) {
      const { cell, command, col, note, copies } = entry;
      if (lane && (cell.col < lane.left || cell.col > lane.right)) continue;
      if (!command) {
        const out: OutputCell = { col, value: valueOf(entry, rec.templateRow, rec.scope, rec.blank, localRows, null), style: cell.style };
        if (note && firstCopy) out.note = note;
        cells.push(out);
        continue;
      }
      let items: unknown[] | undefined = rec.blank ? [] : itemsOf?.get(command);
      if (!items) (itemsOf ??= new Map()).set(command, (items = evaluateItems(command, rec.scope)));
      for (let k = 0; k < copies.length; k++) {
        const present = k < items.length;
        const scope = present ? childScope(rec.scope, command.var, items[k]) : rec.scope;
        const out: OutputCell = { col: copies[k].col, value: valueOf(entry, rec.templateRow, scope, rec.blank || !present, localRows, copies[k].localCols), style: cell.style };
        if (note && firstCopy && k === 0) out.note = note;
        cells.push(out);
      }
    }
    for (const m of sheet.merges) {
      if (m.top !== rec.templateRow || (lane && (m.left < lane.left || m.right > lane.right))) continue;
      const height = m.bottom - m.top;
      const owner = repeatedColumns.find((k) => m.left >= k.area.left && m.right <= k.area.right && rec.templateRow >= k.area.top && rec.templateRow <= k.area.bottom);
      if (owner) {
        const width = owner.area.right - owner.area.left + 1;
        const copies = layout.cols.lastOf(owner.area.right) - layout.cols.firstOf(owner.area.left) + 1;
        for (let k = 0; k < copies / width; k++) {
          const left = layout.cols.firstOf(owner.area.left) + k * width + (m.left - owner.area.left);
          outMerges.push({ top: rec.outputRow, bottom: rec.outputRow + height, left, right: left + (m.right - m.left) });
        }
      } else outMerges.push({ top: rec.outputRow, bottom: rec.outputRow + height, left: layout.cols.firstOf(m.left), right: layout.cols.lastOf(m.right) });
    }
  };

  /** A row of side-by-side areas: each area's own row in its columns; the styles of the columns between them, row by row of the band. */
  const fillLanes = (rec: RowRecord, cells: OutputCell[]) => {
    const band = rec.band!;
    rec.lanes!.forEach((lane) => {
      if (!lane) return;
      if (lane.lanes) fillLanes(lane, cells);
      else fillPart(lane, cells, lane);
    });
    const inLane = (col: number) => band.command.lanes.some((l) => col >= l.area.left && col <= l.area.right);
    const height = band.bottom - band.top + 1;
    const row = band.top + ((rec.outputRow - band.start) % height);
    for (const cell of sheet.rows.get(row) ?? []) if (!inLane(cell.col)) cells.push({ col: layout.cols.firstOf(cell.col), value: null, style: cell.style });
    cells.sort((a, b) => a.col - b.col);
  };

  function* rows(): Iterable<OutputRow> {
    for (const rec of layout.records()) {
      const cells: OutputCell[] = [];
      if (rec.lanes) fillLanes(rec, cells);
      else fillPart(rec, cells, null);
      if (tableTops.has(rec.outputRow)) {
        const texts = new Map<number, string>();
        for (const c of cells) if (c.value !== null && typeof c.value !== "object") texts.set(c.col, String(c.value));
        headerTexts.set(rec.outputRow, texts);
      }
      yield { row: rec.outputRow, props: sheet.rowProps.get(rec.templateRow), cells };
    }
  }

  const firstCopies = { rows: firstCopy(layout.rows), cols: firstCopy(layout.cols) };
  const retargetRule = (formulae: unknown[] | undefined) =>
    formulae?.map((f) => (typeof f === "string" ? retargetFormula(f, { own: maps, sheet: input.mapsOf, localRows: firstCopies.rows, localCols: firstCopies.cols }) : f));

  const cols: OutputSheet["cols"] = [];
  for (const [c, props] of sheet.colProps) for (let o = layout.cols.firstOf(c); o <= layout.cols.lastOf(c); o++) if (!layout.cols.isRemoved(c)) cols.push({ col: o, props });
  for (const k of repeatedColumns) {
    const width = k.area.right - k.area.left + 1;
    const first = layout.cols.firstOf(k.area.left);
    const last = layout.cols.lastOf(k.area.right);
    for (let o = first; o <= last; o++) {
      const props = sheet.colProps.get(k.area.left + ((o - first) % width));
      if (props) cols.push({ col: o, props });
    }
  }
  const colsByIndex = new Map(cols.map((c) => [c.col, c]));

  const span = (r: RangeRef) => spanRange(r, maps);
  const tables = (): TableDef[] =>
    sheet.tables.map((t) => {
      const ref = span(t.ref);
      const texts = headerTexts.get(ref.top) ?? new Map<number, string>();
      const used = new Set<string>();
      const columns: Array<Record<string, unknown>> = [];
      const templateColumns = (t.spec.columns as Array<Record<string, unknown>> | undefined) ?? [];
      for (let c = ref.left; c <= ref.right; c++) {
        const base = templateColumns[Math.min(templateColumns.length - 1, c - ref.left)] ?? {};
        let name = texts.get(c) ?? `列${c - ref.left + 1}`;
        while (used.has(name)) name += "_";
        used.add(name);
        columns.push({ ...base, name });
      }
      return { name: t.name, ref, spec: { ...t.spec, columns } };
    });

  return {
    template: sheet,
    rows,
    cols: [...colsByIndex.values()].sort((a, b) => a.col - b.col),
    get merges() {
      return outMerges;
    },
    conditionalFormats: sheet.conditionalFormats.map((cf) => ({ ranges: cf.ranges.map(span), rules: cf.rules.map((r) => ({ ...r, formulae: retargetRule(r.formulae) })) })),
    validations: sheet.validations.map((v) => ({ ranges: v.ranges.map(span), rule: { ...v.rule, formulae: retargetRule(v.rule.formulae) } })),
    get tables() {
      return tables();
    },
    printArea: sheet.printArea.map(span),
    printTitleRows: sheet.printTitleRows && [layout.rows.firstOf(sheet.printTitleRows[0]), layout.rows.lastOf(sheet.printTitleRows[1])],
    printTitleCols: sheet.printTitleCols && [layout.cols.firstOf(sheet.printTitleCols[0]), layout.cols.lastOf(sheet.printTitleCols[1])],
    autoFilter: sheet.autoFilter && span(sheet.autoFilter),
    views: sheet.views.map((v) => ({
      ...v,
      ySplit: v.ySplit > 0 ? layout.rows.firstOf(v.ySplit + 1) - 1 : 0,
      xSplit: v.xSplit > 0 ? layout.cols.firstOf(v.xSplit + 1) - 1 : 0,
    })),
  };
}
