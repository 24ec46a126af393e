import type { SourceLine } from "../context";
import { displayWidth, type GridRow, type LayoutReader } from "./grid";

const nonBlank = (lines: SourceLine[]) => lines.filter((l) => l.text.trim() !== "");

/**
 * Rows a structured decoder (docx, HTML, PDF, .doc) already read as cells, spans expanded: the
 * grid is those rows as they are. Lines of the region that are not rows (a caption, a unit line
 * printed in the table's frame) are not cells and stay out.
 */
export const decodedRows: LayoutReader = {
  name: "decoded-rows",
  read(lines) {
    const rows = nonBlank(lines);
    const decoded = rows.filter((l) => l.cells !== undefined);
    if (decoded.length < 2 || decoded.length < rows.length * 0.6) return null;
    return decoded.map((l) => ({ cells: l.cells!.map((c) => c.trim()), line: l.no }));
  },
};

const twoTabs = (t: string) => {
  const first = t.indexOf("\t");
  return first >= 0 && t.indexOf("\t", first + 1) >= 0;
};

/** Rows are lines, cells are separated by tabs (Word and WPS exports: seeds 000, 003; .docx tables). */
export const tabSeparated: LayoutReader = {
  name: "tab-separated",
  read(lines) {
    const rows = nonBlank(lines);
    const tabbed = rows.filter((l) => twoTabs(l.text) && !/^\t[^\t]*$/.test(l.text));
    if (tabbed.length < 2 || tabbed.length < rows.length * 0.6) return null;
    // one-cell-per-line exports also start every line with a tab: those have one cell per line
    // each row split once: the same cells decide the layout and are the grid
    const grid = tabbed.map((l) => ({ cells: l.text.split("\t").map((c) => c.trim()), line: l.no }));
    const multiCell = grid.filter((r) => r.cells.filter((c) => c).length >= 2);
    if (multiCell.length < tabbed.length * 0.5) return null;
    return grid;
  },
};

/** One cell per line ending in " |", rows following each other (tables copied from web pages: sample A1). */
export const pipeCells: LayoutReader = {
  name: "cell-pipe",
  read(lines) {
    const rows = nonBlank(lines);
    const piped = rows.filter((l) => /\|\s*$/.test(l.text));
    if (piped.length < 6 || piped.length < rows.length * 0.8) return null;
    const cells = piped.map((l) => ({ text: l.text.replace(/\|\s*$/, "").trim(), line: l.no }));
    // the header is the run of cells before the first data row, which starts with a sequence number or a category
    let width = cells.findIndex((c) => /^\d{1,3}$/.test(c.text));
    if (width < 2) return null;
    const grid: GridRow[] = [];
    for (let i = 0; i < cells.length; i += width) {
      const chunk = cells.slice(i, i + width);
      grid.push({ cells: chunk.map((c) => c.text), line: chunk[0].line });
    }
    return grid;
  },
};

/**
 * One cell per line, each starting with a tab, rows separated by blank lines; a cell that wraps
 * continues on a line without the tab (seed 004, a WPS export).
 */
export const cellPerLine: LayoutReader = {
  name: "cell-per-line",
  read(lines) {
    const rows: GridRow[] = [];
    let current: GridRow | null = null;
    let tabStarts = 0;
    let contents = 0;
    for (const l of lines) {
      if (l.text.trim() === "" && !l.text.startsWith("\t")) {
        if (current) rows.push(current);
        current = null;
        continue;
      }
      contents++;
      if (l.text.startsWith("\t")) {
        tabStarts++;
        if ((l.text.match(/\t/g) ?? []).length > 1 && l.text.split("\t").filter((c) => c.trim()).length > 1) return null;
        current ??= { cells: [], line: l.no };
        current.cells.push(l.text.trim());
      } else if (current && current.cells.length) {
        current.cells[current.cells.length - 1] += l.text.trim();
      } else {
        current = { cells: [l.text.trim()], line: l.no };
      }
    }
    if (current) rows.push(current);
    if (contents === 0 || tabStarts < contents * 0.6 || rows.length < 2) return null;
    return rows;
  },
};

interface Token {
  text: string;
  start: number;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+(?: \S+)*/g;
  // the display width up to each token, carried along: measuring from the line's start each time is quadratic
  let at = 0;
  let width = 0;
  for (const m of line.matchAll(re)) {
    width += displayWidth(line.slice(at, m.index));
    at = m.index;
    out.push({ text: m[0], start: width });
  }
  return out;
}

/**
 * The column at or after `from` whose start is nearest to `x` (the first of two as near). Column
 * starts increase, so a binary search finds it: a wide header times long rows stays linear.
 */
function nearestColumn(starts: number[], from: number, x: number): number {
  let lo = from;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= starts.length) return starts.length - 1;
  if (lo > from && Math.abs(starts[lo - 1] - x) <= Math.abs(starts[lo] - x)) return lo - 1;
  return lo;
}

/**
 * Columns aligned by runs of spaces, as text taken from a PDF prints them (sample A2): the header
 * fixes where columns start; a name too long for its column wraps onto the next line, and its
 * values may stand on either line.
 */
export const spaceAligned: LayoutReader = {
  name: "space-aligned",
  read(lines) {
    const content = nonBlank(lines);
    if (content.some((l) => l.text.includes("\t"))) return null;
    const headerIdx = content.findIndex((l) => tokens(l.text).length >= 4 && /指标/.test(l.text));
    if (headerIdx < 0) return null;
    const header = tokens(content[headerIdx].text);
    const starts = header.map((t) => t.start);
    const nameCol = header.findIndex((t) => /指标/.test(t.text));
    const grid: GridRow[] = [{ cells: header.map((t) => t.text), line: content[headerIdx].no }];
    const valueCols = header.length - nameCol - 1;
    let last: { cells: string[]; hasValues: boolean } | null = null;
    for (const l of content.slice(headerIdx + 1)) {
      const toks = tokens(l.text);
      if (!toks.length) continue;
      const cells = new Array<string>(header.length).fill("");
      let i = 0;
      // leading columns (category, sequence number) by position
      // tokens come left to right, so the column only moves right
      for (let col = 0; i < toks.length && toks[i].start < starts[nameCol] - 1; i++) {
        while (col + 1 < nameCol && starts[col + 1] <= toks[i].start + 1) col++;
        cells[col] = toks[i].text;
      }
      // the name: the token that starts in the name column, before the first value column
      const firstValueStart = starts[nameCol + 1] ?? Infinity;
      if (i < toks.length && toks[i].start < firstValueStart - 1) cells[nameCol] = toks[i++].text;
      const values = toks.slice(i);
      if (values.length === valueCols) values.forEach((t, k) => (cells[nameCol + 1 + k] = t.text));
      else {
        // fewer values than columns: each goes to the nearest column, in order
        let col = nameCol + 1;
        for (const t of values) {
          const best = nearestColumn(starts, col, t.start);
          cells[best] = t.text;
          col = Math.min(best + 1, header.length - 1);
        }
      }
      const hasValues = values.length > 0;
      const leading = cells.slice(0, nameCol).some((c) => c);
      if (last && !leading && cells[nameCol] && (!hasValues || !last.hasValues)) {
        // a wrapped name: the rest of the previous row's name, maybe with the row's values
        last.cells[nameCol] += cells[nameCol];
        if (hasValues) for (let c = nameCol + 1; c < header.length; c++) last.cells[c] = cells[c];
        last.hasValues ||= hasValues;
        continue;
      }
      const row = { cells, line: l.no };
      grid.push(row);
      last = { cells, hasValues };
    }
    return grid.length >= 2 ? grid : null;
  },
};

/** Tried in this order: the most specific layouts first. */
export const LAYOUT_READERS: LayoutReader[] = [decodedRows, pipeCells, tabSeparated, cellPerLine, spaceAligned];

/** A plain grid of strings for a table region in any layout Planbook reads, or null. */
export function readGrid(lines: SourceLine[]): { rows: GridRow[]; layout: string } | null {
  for (const reader of LAYOUT_READERS) {
    const rows = reader.read(lines);
    if (rows) return { rows, layout: reader.name };
  }
  return null;
}
