/**
 * A .doc body with its table marks (doc-marks.ts) as lines: paragraphs, tables as real rows —
 * cells placed in the columns their boundaries fall in (a cell merged across spans them), a cell
 * merged down filled with the text of the cell it continues, as the other formats are — a one-cell
 * table as a drawn box (专栏) with the tables it holds as that box's rows.
 */
import { CELL_END, HEADING, LINE, PARA, ROW_DEPTH, ROW_END, type RowProps } from "./doc-marks";
import type { LineSink } from "./lines";

/** a paragraph; `heading` its level by style */
interface Para {
  text: string;
  heading?: 1 | 2 | 3;
}
interface Cell {
  items: Array<Para | Table>;
}
interface Row {
  cells: Cell[];
  props: RowProps | null;
}
interface Table {
  rows: Row[];
}

/** What a mark character means, or null for text. */
function markOf(code: number): { kind: "cell" | "para" | "row" | "heading"; depth: number; props?: number } | null {
  if (code > HEADING && code < HEADING + 4) return { kind: "heading", depth: code - HEADING };
  if (code >= ROW_END && code <= 0xf8ff) return { kind: "row", depth: 0, props: code - ROW_END };
  if (code > CELL_END && code < CELL_END + 16) return { kind: "cell", depth: code - CELL_END };
  if (code > PARA && code < PARA + 16) return { kind: "para", depth: code - PARA };
  if (code > ROW_DEPTH && code < ROW_DEPTH + 16) return { kind: "row", depth: code - ROW_DEPTH };
  return null;
}

/** The body as top-level paragraphs and tables, nested tables inside their cells. */
export function parseBody(body: string, rowProps: RowProps[]): Array<Para | Table> {
  const out: Array<Para | Table> = [];
  const stack: Array<{ table: Table; row: Cell[]; cell: Cell }> = [];
  const open = () => ({ table: { rows: [] } as Table, row: [] as Cell[], cell: { items: [] } as Cell });
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const done = stack.pop()!;
      // a row not closed by its mark (a damaged file) still counts
      if (done.row.length || done.cell.items.length) done.table.rows.push({ cells: [...done.row, ...(done.cell.items.length ? [done.cell] : [])], props: null });
      if (stack.length) stack[stack.length - 1].cell.items.push(done.table);
      else out.push(done.table);
    }
  };
  const openTo = (depth: number) => {
    while (stack.length < depth) stack.push(open());
  };
  let text = "";
  for (let i = 0; i <= body.length; i++) {
    const code = i < body.length ? body.charCodeAt(i) : 10;
    const m = code >= 0xe000 ? markOf(code) : null;
    if (!m && code !== 10) {
      text += body[i];
      continue;
    }
    if (!m || m.kind === "heading") {
      // a paragraph outside every table; a heading's line breaks are spaces (a title set on two lines is one title)
      closeTo(0);
      const line = String.fromCharCode(LINE);
      out.push(m ? { text: text.split(line).join(" "), heading: m.depth as 1 | 2 | 3 } : { text: text.split(line).join("\n") });
    } else if (m.kind === "row") {
      const props = m.props !== undefined ? rowProps[m.props] ?? null : null;
      const depth = props?.depth ?? m.depth;
      openTo(depth);
      closeTo(depth);
      const top = stack[depth - 1];
      if (text.trim()) top.cell.items.push({ text });
      if (top.cell.items.length) top.row.push(top.cell);
      top.table.rows.push({ cells: top.row, props });
      top.row = [];
      top.cell = { items: [] };
    } else {
      openTo(m.depth);
      closeTo(m.depth);
      const top = stack[m.depth - 1];
      top.cell.items.push({ text: text.split(String.fromCharCode(LINE)).join("\n") });
      if (m.kind === "cell") {
        top.row.push(top.cell);
        top.cell = { items: [] };
      }
    }
    text = "";
  }
  closeTo(0);
  return out;
}

const joinCell = (a: string, b: string) => (!a ? b : !b ? a : /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b);

/** A cell's text: its paragraphs run together (a nested table's too), as a wrapped cell prints. */
function cellText(cell: Cell): string {
  const parts: string[] = [];
  const walk = (items: Cell["items"]) => {
    for (const it of items) {
      // a line broken inside a cell runs on, as a wrapped line does ("2020" over "年" is "2020年")
      if ("text" in it) parts.push(...it.text.split("\n").map((t) => t.replace(/\t+/g, " ").trim()));
      else for (const r of it.rows) for (const c of r.cells) walk(c.items);
    }
  };
  walk(cell.items);
  return parts.filter(Boolean).reduce(joinCell, "");
}

/**
 * A table as a grid. Columns are the cell boundaries most rows share; a cell goes to the column
 * its left boundary is in, so a cell merged across leaves the columns it covers empty; a cell
 * merged down takes the text of the cell above it in its column.
 */
export function tableGrid(table: Table): string[][] {
  const rows = table.rows.filter((r) => r.cells.length);
  const withBounds = rows.filter((r) => r.props && r.props.bounds.length === r.cells.length + 1);
  let columns: number[] | null = null;
  if (withBounds.length === rows.length && rows.length) {
    const all = [...new Set(withBounds.flatMap((r) => r.props!.bounds))].sort((a, b) => a - b);
    // boundaries within a few twips are one
    const merged: number[] = [];
    for (const b of all) if (!merged.length || b - merged[merged.length - 1] > 20) merged.push(b);
    const shared = merged.filter((b, k) => k === 0 || k === merged.length - 1 || withBounds.filter((r) => r.props!.bounds.some((x) => Math.abs(x - b) <= 20)).length * 2 >= rows.length);
    columns = shared.slice(0, -1);
  }
  const colOf = (b: number) => {
    let c = 0;
    for (let k = 0; k < columns!.length; k++) if (columns![k] <= b + 20) c = k;
    return c;
  };
  const place = (): string[][] | null => {
    const width = columns ? columns.length : Math.max(...rows.map((r) => r.cells.length));
    const grid: string[][] = [];
    const above: string[] = [];
    for (const r of rows) {
      const out = new Array<string>(width).fill("");
      for (let k = 0; k < r.cells.length; k++) {
        const c = columns ? colOf(r.props!.bounds[k]) : k;
        if (r.props?.hmerged[k]) continue;
        const v = r.props?.vmerge[k] === "continue" ? (above[c] ?? "") : cellText(r.cells[k]);
        if (out[c] && v) return null;
        out[c] = v;
      }
      for (let c = 0; c < width; c++) above[c] = out[c];
      grid.push(out);
    }
    return grid;
  };
  const grid = place();
  if (grid) return grid;
  // cells that fall in one shared column: every boundary is a column
  columns = null;
  return place()!;
}

/** Paragraphs and tables into lines: a one-cell table is a box, its nested tables that box's rows. */
export function emitItems(items: Array<Para | Table>, sink: LineSink, box?: number): void {
  for (const it of items) {
    if ("text" in it) {
      sink.para(it.text.replace(/\t+$/, ""), { box, heading: box === undefined ? it.heading : undefined });
      continue;
    }
    const rows = it.rows.filter((r) => r.cells.length);
    if (rows.length && rows.every((r) => r.cells.length === 1) && box === undefined) {
      const id = sink.newBox();
      sink.blank();
      for (const r of rows) emitItems(r.cells[0].items, sink, id);
      sink.lines.push({ text: "", box: id });
      continue;
    }
    if (rows.length && rows.every((r) => r.cells.length === 1)) {
      // a one-cell table inside a box: more of the box
      for (const r of rows) emitItems(r.cells[0].items, sink, box);
      continue;
    }
    sink.grid(tableGrid(it), box);
  }
}
