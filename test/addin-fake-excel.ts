/**
 * A small stand-in for the Excel object model, enough for Planbook's writers: worksheets, cells
 * with values and number formats, tables, the selection, Range.insert/delete, load()/sync().
 * Used twice: wrapped by office-addin-mock in the unit tests, and transpiled into the task pane
 * page by the end-to-end test (so this file imports nothing).
 *
 * What it checks on the writers: a property read before it was loaded and synced throws, as in
 * Excel; sync() is counted; every write is sized so the largest request between two syncs is known.
 */

type Cell = { value: string | number | boolean; format: string; fill?: string; font?: string; bold?: boolean };
/** a cell's colours as the writers set them (RangeFill / RangeFont, ExcelApi 1.1); null where never set */
export type FakeCellStyle = { fill: string | null; font: string | null; bold: boolean };
type AreaLike = { row: number; column: number; rowCount: number; columnCount: number };

export interface FakeTableState {
  id: string;
  name: string;
  sheet: string;
  row: number;
  column: number;
  /** header row included */
  rowCount: number;
  columnCount: number;
}

export interface FakeExcel {
  context: any;
  /** Excel.run stand-in */
  run<T>(callback: (context: any) => Promise<T>): Promise<T>;
  stats: { syncs: number; largestRequestBytes: number; autofits: number };
  select(sheet: string, address: string): void;
  setCell(sheet: string, address: string, value: string | number): void;
  cellValues(sheet: string, address: string): Array<Array<string | number | boolean>>;
  cellFormats(sheet: string, address: string): string[][];
  cellStyles(sheet: string, address: string): FakeCellStyle[][];
  tables(): FakeTableState[];
  sheetNames(): string[];
  /** the table's cells, header row first */
  tableValues(nameOrId: string): Array<Array<string | number | boolean>>;
}

export function createFakeExcel(): FakeExcel {
  const sheets = new Map<string, Map<string, Cell>>();
  const sheetOrder: string[] = [];
  const tables: FakeTableState[] = [];
  const stats = { syncs: 0, largestRequestBytes: 0, autofits: 0 };
  let requestBytes = 0;
  let pendingLoads: Array<() => void> = [];
  let pendingError: Error | null = null;
  let selection = { sheet: "Sheet1", row: 0, column: 0 };
  let nextTableId = 1;

  const key = (r: number, c: number) => `${r},${c}`;
  const letters = (i: number): string => (i < 26 ? "" : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));
  const colIndex = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  function parse(address: string): AreaLike {
    const cells = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    const [a, b = a] = cells.replace(/\$/g, "").split(":");
    const pa = /^([A-Z]+)(\d+)$/i.exec(a)!;
    const pb = /^([A-Z]+)(\d+)$/i.exec(b)!;
    const r1 = Number(pa[2]) - 1, r2 = Number(pb[2]) - 1, c1 = colIndex(pa[1]), c2 = colIndex(pb[1]);
    return { row: Math.min(r1, r2), column: Math.min(c1, c2), rowCount: Math.abs(r2 - r1) + 1, columnCount: Math.abs(c2 - c1) + 1 };
  }
  const quote = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
  function format(sheet: string, a: AreaLike): string {
    const first = `${letters(a.column)}${a.row + 1}`;
    const last = `${letters(a.column + a.columnCount - 1)}${a.row + a.rowCount}`;
    return `${quote(sheet)}!${first === last ? first : `${first}:${last}`}`;
  }
  function cellsOf(sheet: string): Map<string, Cell> {
    const cells = sheets.get(sheet);
    if (!cells) throw new Error(`ItemNotFound: worksheet ${sheet}`);
    return cells;
  }
  function addSheet(name: string) {
    // Excel refuses these names (InvalidArgument when the batch runs; the fake refuses at once). A
    // half surrogate pair is no character at all: it is what cutting a name by UTF-16 units leaves.
    const halfPair = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name) || halfPair.test(name) || name.toLowerCase() === "history") {
      throw new Error(`InvalidArgument: worksheet name ${JSON.stringify(name)}`);
    }
    if (sheetOrder.some((n) => n.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
    sheets.set(name, new Map());
    sheetOrder.push(name);
  }
  addSheet("Sheet1");

  /** Makes `props` readable on `target` after the next sync, with the state at that sync. */
  function loadable(target: any, compute: Record<string, () => unknown>) {
    const snapshot: Record<string, unknown> = {};
    for (const prop of Object.keys(compute)) {
      Object.defineProperty(target, prop, {
        configurable: true,
        // not enumerable: a mock library walking the object must not trip the "not loaded" guard
        enumerable: false,
        get() {
          if (!(prop in snapshot)) throw new Error(`PropertyNotLoaded: ${prop} was read before load() and sync()`);
          return snapshot[prop];
        },
        set(value) {
          const setter = target[`set_${prop}`];
          if (!setter) throw new Error(`${prop} is read-only`);
          setter(value);
        },
      });
    }
    target.load = (props?: string | string[]) => {
      const list = props === undefined ? Object.keys(compute) : Array.isArray(props) ? props : props.split(",");
      for (const raw of list) {
        const prop = raw.trim().split("/")[0];
        if (!compute[prop]) throw new Error(`fake Excel cannot load ${prop}`);
        pendingLoads.push(() => (snapshot[prop] = compute[prop]()));
      }
      return target;
    };
  }

  function count(payload: unknown) {
    requestBytes += new TextEncoder().encode(JSON.stringify(payload)).length + 64; // UTF-8, as it travels
  }

  function range(sheet: string, area: AreaLike): any {
    const r: any = {};
    const each = (fn: (row: number, col: number, i: number, j: number) => void) => {
      for (let i = 0; i < area.rowCount; i++) for (let j = 0; j < area.columnCount; j++) fn(area.row + i, area.column + j, i, j);
    };
    const grid = (pick: (cell: Cell | undefined) => unknown) => {
      const cells = cellsOf(sheet);
      const out: unknown[][] = [];
      for (let i = 0; i < area.rowCount; i++) {
        const row: unknown[] = [];
        for (let j = 0; j < area.columnCount; j++) row.push(pick(cells.get(key(area.row + i, area.column + j))));
        out.push(row);
      }
      return out;
    };
    function assign(value: unknown, apply: (cell: Cell, v: any) => void) {
      count(value);
      const cells = cellsOf(sheet);
      const is2d = Array.isArray(value);
      if (is2d && ((value as unknown[][]).length !== area.rowCount || (value as unknown[][])[0].length !== area.columnCount)) {
        throw new Error(`InvalidArgument: ${area.rowCount}x${area.columnCount} range given a different-sized array`);
      }
      each((row, col, i, j) => {
        const v = is2d ? (value as any[][])[i][j] : value;
        if (v === null) return; // Excel leaves a cell alone when given null
        const cell = cells.get(key(row, col)) ?? { value: "", format: "General" };
        apply(cell, v);
        cells.set(key(row, col), cell);
      });
    }
    r.set_values = (value: unknown) =>
      assign(value, (cell, v) => {
        if (typeof v === "string" && v.startsWith("'")) cell.value = v.slice(1);
        else if (typeof v === "string" && /^[=+\-@]/.test(v) && cell.format !== "@") cell.value = `FORMULA:${v}`;
        else cell.value = v;
      });
    r.set_numberFormat = (value: unknown) => assign(value, (cell, v) => (cell.format = v));
    // a formula is kept as written, marked as the values setter marks text Excel would run
    r.set_formulas = (value: unknown) => assign(value, (cell, v) => (cell.value = typeof v === "string" && v.startsWith("=") ? `FORMULA:${v}` : v));
    loadable(r, {
      address: () => format(sheet, area),
      values: () => grid((c) => c?.value ?? ""),
      numberFormat: () => grid((c) => c?.format ?? "General"),
      formulas: () => grid((c) => (typeof c?.value === "string" && c.value.startsWith("FORMULA:") ? c.value.slice(8) : c?.value ?? "")),
      rowCount: () => area.rowCount,
      columnCount: () => area.columnCount,
    });
    r.worksheet = worksheet(sheet);
    r.getCell = (i: number, j: number) => range(sheet, { row: area.row + i, column: area.column + j, rowCount: 1, columnCount: 1 });
    r.getRow = (i: number) => range(sheet, { ...area, row: area.row + i, rowCount: 1 });
    r.getLastRow = () => r.getRow(area.rowCount - 1);
    r.getBoundingRect = (other: any) => {
      const b: AreaLike = typeof other === "string" ? parse(other) : other.__area;
      const row = Math.min(area.row, b.row), column = Math.min(area.column, b.column);
      const rowEnd = Math.max(area.row + area.rowCount, b.row + b.rowCount);
      const colEnd = Math.max(area.column + area.columnCount, b.column + b.columnCount);
      return range(sheet, { row, column, rowCount: rowEnd - row, columnCount: colEnd - column });
    };
    r.__area = area;
    r.clear = () => each((row, col) => cellsOf(sheet).delete(key(row, col)));
    r.insert = (shift: string) => {
      if (shift !== "Down") throw new Error("fake Excel inserts Down only");
      shiftRows(sheet, area, area.rowCount);
      return range(sheet, area);
    };
    r.delete = (shift: string) => {
      if (shift !== "Up") throw new Error("fake Excel deletes Up only");
      r.clear();
      shiftRows(sheet, { ...area, row: area.row + area.rowCount }, -area.rowCount);
    };
    const style = (apply: (cell: Cell) => void) => {
      count(area);
      const cells = cellsOf(sheet);
      each((row, col) => {
        const cell = cells.get(key(row, col)) ?? { value: "", format: "General" };
        apply(cell);
        cells.set(key(row, col), cell);
      });
    };
    const fill: any = { clear: () => style((cell) => delete cell.fill) };
    Object.defineProperty(fill, "color", { set: (color: string) => style((cell) => (cell.fill = color)) });
    const font: any = {};
    Object.defineProperty(font, "color", { set: (color: string) => style((cell) => (cell.font = color)) });
    Object.defineProperty(font, "bold", { set: (bold: boolean) => style((cell) => (cell.bold = bold)) });
    r.format = { autofitColumns: () => void stats.autofits++, fill, font };
    return r;
  }

  /** Moves the cells at and below `from` (within its columns) by `by` rows; tables follow. */
  function shiftRows(sheet: string, from: AreaLike, by: number) {
    const cells = cellsOf(sheet);
    const moved: Array<[number, number, Cell]> = [];
    for (const [k, cell] of [...cells]) {
      const [row, col] = k.split(",").map(Number);
      if (row >= from.row && col >= from.column && col < from.column + from.columnCount) {
        cells.delete(k);
        moved.push([row + by, col, cell]);
      }
    }
    for (const [row, col, cell] of moved) cells.set(key(row, col), cell);
    for (const t of tables.filter((t) => t.sheet === sheet)) {
      const sameColumns = t.column >= from.column && t.column + t.columnCount <= from.column + from.columnCount;
      if (!sameColumns) continue;
      const anchor = by > 0 ? from.row : from.row + by; // first row affected
      if (t.row >= from.row) t.row += by;
      else if (anchor > t.row && anchor <= t.row + t.rowCount - (by > 0 ? 1 : 0)) t.rowCount += by;
    }
  }

  function tableObject(state: FakeTableState | undefined): any {
    const t: any = {};
    const live = () => {
      if (!state) throw new Error("ItemNotFound: table");
      return state;
    };
    t.set_name = (name: string) => {
      // as Excel: table names are unique in the workbook, ignoring case
      if (state && tables.some((o) => o !== state && o.name.toLowerCase() === name.toLowerCase())) pendingError = new Error(`InvalidArgument: a table named ${name} already exists`);
      else if (state) state.name = name;
    };
    loadable(t, { id: () => live().id, name: () => live().name });
    const area = (rowOffset: number, rows?: number) => {
      const s = live();
      return range(s.sheet, { row: s.row + rowOffset, column: s.column, rowCount: rows ?? s.rowCount - rowOffset, columnCount: s.columnCount });
    };
    t.getRange = () => (state ? area(0) : range("Sheet1", { row: 0, column: 0, rowCount: 1, columnCount: 1 }));
    t.getHeaderRowRange = () => (state ? area(0, 1) : t.getRange());
    t.getDataBodyRange = () => (state ? area(1) : t.getRange());
    t.worksheet = worksheet(state?.sheet ?? "Sheet1");
    return t;
  }

  function tableCollection(sheet: string | null): any {
    const collection: any = {
      add(address: string, hasHeaders: boolean) {
        const target = address.includes("!") ? address.slice(0, address.lastIndexOf("!")).replace(/^'(.*)'$/, "$1") : sheet;
        if (!target || !hasHeaders) throw new Error("fake Excel adds tables with headers on a known sheet");
        const a = parse(address);
        for (const t of tables) {
          const overlaps = t.sheet === target && a.row < t.row + t.rowCount && t.row < a.row + a.rowCount && a.column < t.column + t.columnCount && t.column < a.column + a.columnCount;
          if (overlaps) throw new Error("InvalidOperation: a table cannot overlap another table");
        }
        const state: FakeTableState = { id: `{T${nextTableId}}`, name: `Table${nextTableId}`, sheet: target, ...a };
        nextTableId++;
        tables.push(state);
        count(address);
        return tableObject(state);
      },
      getItem(idOrName: string) {
        const state = tables.find((t) => t.id === idOrName || t.name === idOrName);
        if (!state) pendingError = new Error(`ItemNotFound: table ${idOrName} does not exist`);
        return tableObject(state);
      },
    };
    loadable(collection, { items: () => tables.filter((t) => sheet === null || t.sheet === sheet).map((t) => ({ name: t.name, id: t.id })) });
    return collection;
  }

  function worksheet(name: string): any {
    const ws: any = {
      getRange: (address: string) => range(name, parse(address)),
      getUsedRange: () => {
        let minR = Infinity, minC = Infinity, maxR = -1, maxC = -1;
        for (const k of cellsOf(name).keys()) {
          const [r, c] = k.split(",").map(Number);
          minR = Math.min(minR, r); minC = Math.min(minC, c); maxR = Math.max(maxR, r); maxC = Math.max(maxC, c);
        }
        if (maxR < 0) return range(name, { row: 0, column: 0, rowCount: 1, columnCount: 1 });
        return range(name, { row: minR, column: minC, rowCount: maxR - minR + 1, columnCount: maxC - minC + 1 });
      },
      activate: () => void (selection = { sheet: name, row: 0, column: 0 }),
    };
    loadable(ws, { name: () => name });
    Object.defineProperty(ws, "tables", { get: () => tableCollection(name) });
    return ws;
  }

  const worksheets: any = {
    add: (name: string) => {
      addSheet(name);
      return worksheet(name);
    },
    getItem: (name: string) => worksheet(name),
    getActiveWorksheet: () => worksheet(selection.sheet),
  };
  loadable(worksheets, { items: () => sheetOrder.map((n) => ({ name: n })) });

  const context: any = {
    workbook: {
      worksheets,
      getSelectedRange: () => range(selection.sheet, { row: selection.row, column: selection.column, rowCount: 1, columnCount: 1 }),
      getActiveWorksheet: () => worksheet(selection.sheet),
    },
    async sync() {
      stats.syncs++;
      stats.largestRequestBytes = Math.max(stats.largestRequestBytes, requestBytes);
      requestBytes = 0;
      const loads = pendingLoads;
      pendingLoads = [];
      if (pendingError) {
        const error = pendingError;
        pendingError = null;
        throw error;
      }
      for (const load of loads) load();
    },
  };
  Object.defineProperty(context.workbook, "tables", { get: () => tableCollection(null) });

  const fake: FakeExcel = {
    context,
    run: (callback) => callback(context),
    stats,
    select(sheet, address) {
      const a = parse(address);
      selection = { sheet, row: a.row, column: a.column };
    },
    setCell(sheet, address, value) {
      const a = parse(address);
      cellsOf(sheet).set(key(a.row, a.column), { value, format: "General" });
    },
    cellValues: (sheet, address) => readGrid(sheet, address, (c) => c?.value ?? ""),
    cellFormats: (sheet, address) => readGrid(sheet, address, (c) => c?.format ?? "General") as string[][],
    cellStyles: (sheet, address) => readGrid(sheet, address, (c) => ({ fill: c?.fill ?? null, font: c?.font ?? null, bold: c?.bold ?? false })) as FakeCellStyle[][],
    tables: () => tables.map((t) => ({ ...t })),
    sheetNames: () => [...sheetOrder],
    tableValues(nameOrId) {
      const t = tables.find((x) => x.id === nameOrId || x.name === nameOrId);
      if (!t) throw new Error(`no table ${nameOrId}`);
      return readGrid(t.sheet, format(t.sheet, t), (c) => c?.value ?? "") as Array<Array<string | number | boolean>>;
    },
  };
  function readGrid(sheet: string, address: string, pick: (c: Cell | undefined) => unknown) {
    const a = parse(address);
    const cells = cellsOf(sheet);
    const out: any[][] = [];
    for (let i = 0; i < a.rowCount; i++) {
      const row: any[] = [];
      for (let j = 0; j < a.columnCount; j++) row.push(pick(cells.get(key(a.row + i, a.column + j))));
      out.push(row);
    }
    return out;
  }
  return fake;
}

/** Office.context.document.settings stand-in. */
export function createFakeSettings() {
  const store = new Map<string, unknown>();
  let saves = 0;
  return {
    get: (name: string) => (store.has(name) ? JSON.parse(JSON.stringify(store.get(name))) : null),
    set: (name: string, value: unknown) => void store.set(name, JSON.parse(JSON.stringify(value))),
    saveAsync: (callback?: (r: { status: string }) => void) => {
      saves++;
      callback?.({ status: "succeeded" });
    },
    saves: () => saves,
  };
}
