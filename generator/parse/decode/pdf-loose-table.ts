/**
 * Tables a PDF prints without ruling lines, rebuilt from where their text stands: columns are the
 * x-ranges no line's text crosses; a cell's wrapped lines are one cell (a header "2020" over "年"
 * is "2020年"); rows are the cells that stand beside each other; a category printed once beside
 * its rows (centred in them, or at the top of a span the page cut) is carried to every row it spans.
 */
import type { Block } from "./pdf-continue";
import type { Frame } from "./pdf-grid";
import { joinText, joinWrapped, type TextLine } from "./pdf-text";

interface Cell {
  top: number;
  bottom: number;
  text: string;
  /** the baseline of its last line */
  line: number;
}

/** A table without rules whose first column prints each category once: where each stands among the data rows, filled in once the table's pages are joined. */
export interface LooseCategories {
  /** header rows above the data rows */
  body: number;
  categories: Array<{ text: string; at: number }>;
  /** data-row indices where a new page's part of the table begins */
  boundaries: number[];
}

const PURE_NUMBER = /^[-+]?(?:\d+(?:\.\d+)?%?|\[\d+(?:\.\d+)?\])$/;

/** The lines of a region that a table printed without rules could be: several runs apart on one line. */
const isMulti = (l: TextLine) => l.segments.length >= 2;

/**
 * Where the columns part: x-ranges that (almost) no line's text covers, inside the region's
 * extent. A line set across the columns (a title, a group header) covers some of them; a few are allowed.
 */
function columnGaps(lines: TextLine[], size: number): Array<[number, number]> {
  const left = Math.floor(Math.min(...lines.map((l) => l.x)));
  const right = Math.ceil(Math.max(...lines.map((l) => l.right)));
  const width = right - left;
  if (width <= 0 || width > 5000) return [];
  const cover = new Int32Array(width + 1);
  for (const l of lines) {
    // a line's runs, each one mark on the ruler (not one per item: a line counts once)
    const seen = new Uint8Array(width + 1);
    for (const it of l.items) for (let x = Math.max(0, Math.floor(it.x - left)); x <= Math.min(width, Math.ceil(it.x + it.w - left)); x++) seen[x] = 1;
    for (let x = 0; x <= width; x++) cover[x] += seen[x];
  }
  const allowed = Math.max(1, Math.floor(lines.length * 0.08));
  const gaps: Array<[number, number]> = [];
  let start = -1;
  for (let x = 0; x <= width + 1; x++) {
    const open = x <= width && cover[x] <= allowed;
    if (open && start < 0) start = x;
    if (!open && start >= 0) {
      const end = x - 1;
      // inside the open run, the columns part where the fewest lines cross (a wrapped header, a sparse category beside it)
      let min = Infinity;
      for (let k = start; k <= end; k++) min = Math.min(min, cover[k]);
      let best: [number, number] | null = null;
      for (let k = start; k <= end; k++) {
        if (cover[k] !== min) continue;
        let e = k;
        while (e + 1 <= end && cover[e + 1] === min) e++;
        if (!best || e - k > best[1] - best[0]) best = [k, e];
        k = e;
      }
      if (best && best[0] > 0 && best[1] < width && end - start >= size * 0.35 && best[1] - best[0] >= size * 0.2) gaps.push([left + best[0], left + best[1]]);
      start = -1;
    }
  }
  return gaps;
}

/** A column's entries, a cell's wrapped lines joined: lines one under the other at the text's line pitch. */
function cellsOf(entries: Cell[], pitch: number): Cell[] {
  const out: Cell[] = [];
  for (const e of entries.sort((a, b) => a.top - b.top)) {
    const last = out[out.length - 1];
    if (last && e.line - last.line <= pitch * 1.25) {
      last.text = joinWrapped(last.text, e.text);
      last.bottom = Math.max(last.bottom, e.bottom);
      last.line = e.line;
    } else out.push({ ...e });
  }
  return out;
}

/**
 * Which rows a category printed once spans. Rows are the table's data rows (top to bottom, all its
 * pages); `at` is each category's place among them (k: beside row k; k + 0.5: between rows k and
 * k + 1); `boundaries` the rows where a page begins. Printed at the first row of every span, each
 * span runs to the next. Otherwise each is centred in its span, solved from the last (which runs
 * to the table's end) upward; a span the page break cuts is printed at the top of its first part
 * (as Word and LibreOffice print a merged cell split over pages), or centred in that part. Rows
 * above the first span stay empty: they belong to the category before (the reader carries it down).
 */
export function categorySpans(at: number[], rows: number, boundaries: number[] = []): Array<[number, number]> {
  if (!at.length || rows <= 0) return [];
  const spans: Array<[number, number]> = new Array(at.length);
  if (at[0] === 0 && at.every((p) => Number.isInteger(p)) && at.length > 1 && at[1] - at[0] > 1) {
    for (let k = 0; k < at.length; k++) spans[k] = [at[k], k + 1 < at.length ? at[k + 1] - 1 : rows - 1];
    return spans;
  }
  const crosses = (s: number, e: number) => boundaries.some((b) => b > s && b <= e);
  let end = rows - 1;
  for (let k = at.length - 1; k >= 0; k--) {
    const fits = (s: number) => Number.isInteger(s) && s >= 0 && s <= at[k] && s <= end && (k === 0 || s > at[k - 1]);
    const centred = 2 * at[k] - end;
    let start: number;
    if (fits(centred) && !crosses(centred, end)) start = centred;
    else {
      const top = Math.ceil(at[k]);
      const cut = boundaries.find((b) => b > top && b <= end);
      const inFirstPart = cut !== undefined ? 2 * at[k] - (cut - 1) : NaN;
      start = fits(top) && crosses(top, end) ? top : fits(inFirstPart) && crosses(inFirstPart, end) ? inFirstPart : fits(centred) ? centred : Math.min(end, top);
    }
    spans[k] = [start, end];
    end = start - 1;
  }
  return spans;
}

/** Spreads the categories of a table without rules over the rows they span (column 0 of its data rows). */
export function fillCategories(rows: string[][], loose: LooseCategories): void {
  const data = rows.length - loose.body;
  categorySpans(
    loose.categories.map((c) => c.at),
    data,
    loose.boundaries,
  ).forEach(([a, b], k) => {
    for (let r = Math.max(0, a); r <= b && r < data; r++) rows[loose.body + r][0] = loose.categories[k].text;
  });
}

/**
 * A grid from lines printed as a table without rules, or null when they do not make one (fewer
 * than three columns, or fewer than two rows). The first column is a category column when most
 * rows leave it empty: its entries are spread over the rows they span.
 */
export function looseGrid(lines: TextLine[], size: number, pitch: number): { rows: string[][]; gaps: Array<[number, number]>; xs: number[]; loose: LooseCategories | null } | null {
  const gaps = columnGaps(lines, size);
  if (gaps.length < 2) return null;
  const cuts = gaps.map(([a, b]) => (a + b) / 2);
  const colOf = (x: number) => {
    let c = 0;
    while (c < cuts.length && x > cuts[c]) c++;
    return c;
  };
  const n = cuts.length + 1;
  const entries: Cell[][] = Array.from({ length: n }, () => []);
  for (const l of lines) {
    const parts = new Map<number, { text: string; right: number }>();
    for (const it of [...l.items].sort((a, b) => a.x - b.x)) {
      const c = colOf(it.x + it.w / 2);
      const p = parts.get(c);
      const s = it.s.trim();
      if (!p) parts.set(c, { text: s, right: it.x + it.w });
      else {
        p.text = joinText(p.text, s, it.x - p.right, it.size, it.space);
        p.right = it.x + it.w;
      }
    }
    for (const [c, p] of parts) entries[c].push({ top: l.y - l.size * 0.9, bottom: l.y + l.size * 0.25, text: p.text, line: l.y });
  }
  const columns = entries.map((e) => cellsOf(e, pitch));
  // rows: the cells of every column but the first that stand beside each other
  const spans = columns.slice(1).flat().map((c) => ({ top: c.top, bottom: c.bottom }));
  spans.sort((a, b) => a.top - b.top);
  const rowBands: Array<{ top: number; bottom: number }> = [];
  for (const s of spans) {
    const last = rowBands[rowBands.length - 1];
    if (last && s.top < last.bottom - 0.5) last.bottom = Math.max(last.bottom, s.bottom);
    else rowBands.push({ ...s });
  }
  if (rowBands.length < 2) return null;
  const rowAt = (c: Cell) => rowBands.findIndex((r) => c.top < r.bottom - 0.5 && c.bottom > r.top + 0.5);
  const grid: string[][] = rowBands.map(() => new Array<string>(n).fill(""));
  for (let c = 1; c < n; c++)
    for (const cell of columns[c]) {
      const r = rowAt(cell);
      if (r >= 0) grid[r][c] = joinWrapped(grid[r][c], cell.text);
    }
  // the header: the rows above the first that holds a figure
  let body = grid.findIndex((r) => r.some((x) => PURE_NUMBER.test(x)));
  if (body < 0) body = 0;
  const first = columns[0];
  const dataBands = rowBands.slice(body);
  const inData = first.filter((c) => (c.top + c.bottom) / 2 >= (dataBands[0]?.top ?? Infinity) - 0.5);
  for (const cell of first.filter((c) => !inData.includes(c))) {
    const r = rowAt(cell);
    if (r >= 0) grid[r][0] = joinWrapped(grid[r][0], cell.text);
  }
  let loose: LooseCategories | null = null;
  if (inData.length && inData.length < dataBands.length * 0.6) {
    // a category column: where each entry stands among the data rows, spread once the table's pages are joined
    const at = inData.map((c) => {
      const mid = (c.top + c.bottom) / 2;
      const k = dataBands.findIndex((r) => mid >= r.top - 0.5 && mid <= r.bottom + 0.5);
      if (k >= 0) return k;
      const below = dataBands.findIndex((r) => r.top > mid);
      return below < 0 ? dataBands.length - 1 : Math.max(0, below - 0.5);
    });
    loose = { body, categories: inData.map((c, k) => ({ text: c.text, at: at[k] })), boundaries: [] };
  } else
    for (const cell of inData) {
      const r = rowAt(cell);
      if (r >= 0) grid[r][0] = joinWrapped(grid[r][0], cell.text);
    }
  const left = Math.min(...lines.map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  return { rows: grid, gaps, xs: [left, ...cuts, right], loose };
}

/** Whether a line could be a cell of such a table: several runs, or short and not a sentence's end. */
function cellLike(l: TextLine, flowWidth: number): boolean {
  return isMulti(l) || (l.right - l.x <= flowWidth * 0.5 && l.text.length <= 40 && !/[。；]$/u.test(l.text));
}

/**
 * The runs of lines that are tables printed without rules: from a line of several runs, on while
 * lines follow closely and could be cells, holding at least three lines of several runs; each
 * becomes a frame with the table's rows. Indices are into `lines`.
 */
export function looseTables(lines: TextLine[], size: number, pitch: number, flow: { left: number; right: number }, headingSize: number, pageTop: boolean): Array<{ from: number; to: number; frame: Frame }> {
  const flowWidth = flow.right - flow.left;
  const out: Array<{ from: number; to: number; frame: Frame }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isMulti(lines[i]) || lines[i].size >= headingSize) continue;
    // a header's upper lines (years set over "年") stand just above its first line of several runs;
    // at the top of a page, the rest of a row the page break cut stands a row above, inside a column
    while (i > 0 && lines[i].y - lines[i - 1].y <= pitch * 1.15 && lines[i - 1].size < headingSize && cellLike(lines[i - 1], flowWidth) && lines[i - 1].right - lines[i - 1].x <= flowWidth * 0.9) i--;
    if (i === 1 && pageTop && lines[1].y - lines[0].y <= size * 4 && cellLike(lines[0], flowWidth) && lines[0].x > flow.left + size * 2) i = 0;
    const start = i;
    let j = i;
    let multi = 1;
    while (j + 1 < lines.length && lines[j + 1].y - lines[j].y <= Math.max(lines[j].size, size) * 4 && lines[j + 1].size < headingSize && cellLike(lines[j + 1], flowWidth)) {
      j++;
      if (isMulti(lines[j])) multi++;
    }
    // a short line well below the table's last row is the text after it
    while (j > i && !isMulti(lines[j]) && lines[j].y - lines[j - 1].y > size * 1.7) j--;
    if (multi >= 3) {
      const region = lines.slice(i, j + 1);
      const grid = looseGrid(region, size, pitch);
      if (grid && grid.rows.length >= 2) {
        const top = Math.min(...region.map((l) => l.y - l.size));
        const bottom = Math.max(...region.map((l) => l.y + l.size * 0.25));
        out.push({ from: i, to: j, frame: { top, bottom, left: grid.xs[0], right: grid.xs[grid.xs.length - 1], xs: grid.xs, rows: grid.rows, lines: [], box: false, children: [], gaps: grid.gaps, loose: grid.loose ?? undefined } });
      }
    }
    // the run is read once, whether or not it made a table: linear in the lines
    i = Math.max(start, j);
  }
  return out;
}

/** Replaces, on one page, each run of lines that is a table printed without rules by that table. */
export function replaceLooseTables(blocks: Block[], size: number, pitch: number, flow: { left: number; right: number }): void {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== "line") continue;
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1].kind === "line" && blocks[j + 1].box === b.box) j++;
    const run = blocks.slice(i, j + 1) as Array<Block & { kind: "line" }>;
    const found = looseTables(
      run.map((x) => x.line),
      size,
      pitch,
      flow,
      size * 1.15,
      i === 0,
    );
    for (const t of [...found].reverse()) blocks.splice(i + t.from, t.to - t.from + 1, { kind: "table", frame: t.frame, top: t.frame.top, page: b.page, box: b.box });
    i = j - found.reduce((n, t) => n + (t.to - t.from), 0);
  }
}
