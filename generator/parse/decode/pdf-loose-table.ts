/**
 * Tables a PDF prints without ruling lines, rebuilt from where their text stands: columns are the
 * x-ranges no line's text crosses (found over all the pages a table runs across: pdf-loose-chain);
 * a cell's wrapped lines are one cell (a header "2020" over "年" is "2020年"); rows are the cells
 * that stand beside each other, and a line of one run set across the columns (a category row) is
 * a row of its own; a category printed once beside its rows (centred in them, or at the top of a
 * span the page cut) is carried to every row it spans.
 */
import type { Frame } from "./pdf-grid";
import type { LooseCategories } from "./pdf-loose-categories";
import { joinText, joinWrapped, type TextLine } from "./pdf-text";
import { lineCoverage } from "./pdf-coverage";
import { median } from "../../util/median";

interface Cell {
  top: number;
  bottom: number;
  text: string;
  /** the baseline of its last line */
  line: number;
}

const PURE_NUMBER = /^[-+]?(?:\d+(?:\.\d+)?%?|\[\d+(?:\.\d+)?\])$/;

/** The lines of a region that a table printed without rules could be: several runs apart on one line. */
const isMulti = (l: TextLine) => l.segments.length >= 2;

/** A ruler's steps per point: a gap between two cells is measured to a quarter point, not rounded away. */
const STEP = 4;

/**
 * A line's text as pieces: its items, with those set close together (under a third of a character
 * apart: one cell's text, a figure and its 年) merged. Cells of two columns stand further apart.
 */
export function piecesOf(l: TextLine): Array<{ x: number; right: number }> {
  const out: Array<{ x: number; right: number }> = [];
  for (const it of [...l.items].sort((a, b) => a.x - b.x)) {
    const last = out[out.length - 1];
    if (last && it.x - last.right < it.size * 0.35) last.right = Math.max(last.right, it.x + it.w);
    else out.push({ x: it.x, right: it.x + it.w });
  }
  return out;
}

/**
 * Where the columns part: x-ranges that (almost) no line of several runs covers, inside the
 * region's extent. A line of one run (a category row set across the table, a wrapped cell's
 * other line) says nothing of where columns part; among the rest a few crossing lines are allowed.
 */
export function columnGaps(lines: TextLine[], size: number): Array<[number, number]> {
  const multi = lines.filter(isMulti);
  if (multi.length < 2) return gapsOver(lines, lines, size);
  // first where the lines of several runs part; then every line counts but those of one run set across such a gap (rows across the table)
  const rough = gapsOver(multi, lines, size);
  const cuts = rough.map(([a, b]) => (a + b) / 2);
  return gapsOver(
    lines.filter((l) => isMulti(l) || !spansCut(l, cuts)),
    lines,
    size,
  );
}

/** A line of one run whose text runs across a column cut: a row set across the table (a category, a note). */
export function spansCut(l: TextLine, cuts: number[]): boolean {
  return !isMulti(l) && piecesOf(l).some((p) => cutWithin(cuts, p.x, p.right));
}

/** Whether a cut (ascending) lies strictly between x1 and x2: a binary search, so a wide table stays linear. */
export function cutWithin(cuts: number[], x1: number, x2: number): boolean {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= x1) lo = mid + 1;
    else hi = mid;
  }
  return lo < cuts.length && cuts[lo] < x2;
}

function gapsOver(counted: TextLine[], lines: TextLine[], size: number): Array<[number, number]> {
  const left = Math.floor(Math.min(...lines.map((l) => l.x)));
  const right = Math.ceil(Math.max(...lines.map((l) => l.right)));
  const width = (right - left) * STEP;
  if (width <= 0 || width > 5000 * STEP) return [];
  // how many lines cover each step (a line counts once)
  const cover = lineCoverage(counted.map((l) => l.items.map((it) => [Math.max(0, Math.floor((it.x - left) * STEP)), Math.min(width, Math.ceil((it.x + it.w - left) * STEP))] as const)), width);
  // a few lines may cross where columns part (a line set across them); in a short table, none
  const allowed = Math.floor(counted.length * 0.08);
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
      if (best && best[0] > 0 && best[1] < width && (end - start) / STEP >= size * 0.35 && (best[1] - best[0]) / STEP >= size * 0.2) gaps.push([left + best[0] / STEP, left + best[1] / STEP]);
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

/** What a table read from text positions is, beyond its rows: where its columns part and its cells stand. */
export interface LooseGrid {
  rows: string[][];
  gaps: Array<[number, number]>;
  xs: number[];
  loose: LooseCategories | null;
  /** header rows above the data rows (the rows above the first that holds a figure) */
  body: number;
  /** every cell's column and x-extent, data rows' and header rows' apart: how a continuation's columns are checked against the header's */
  cells: Array<{ col: number; x: number; right: number; header: boolean }>;
  /** entries of the first column among the data rows, and the data rows: whether it prints each category once */
  firstColumn: { entries: number; rows: number };
}

export interface LooseOptions {
  /** the columns, found over the whole table (all its pages) */
  gaps?: Array<[number, number]>;
  /** no row holds a figure: all rows are the header (a table whose page holds only its header) */
  headerOnly?: boolean;
  /** whether the first column prints each category once, decided over the whole table */
  categoryColumn?: boolean;
}

/**
 * Where to part the cells of each gap's two columns: the middle of the widest stretch of the gap
 * that no item of any line covers, else the gap's middle. The gaps come from the data rows; a
 * header cell centred over a narrow column of figures ("2025年基" over "412.8", its "数" on the
 * next line) reaches into the gap, and parting at the gap's middle would cut through it — the
 * cell then reads as one run set across the table, and its words land in the column before.
 */
export function clearCuts(gaps: Array<[number, number]>, lines: TextLine[]): number[] {
  const covered: Array<Array<[number, number]>> = gaps.map(() => []);
  for (const l of lines)
    for (const it of l.items) {
      const x1 = it.x;
      const x2 = it.x + it.w;
      // the first gap that ends after the item starts, then those it reaches: a binary search, so wide tables stay linear
      let lo = 0;
      let hi = gaps.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (gaps[mid][1] <= x1) lo = mid + 1;
        else hi = mid;
      }
      for (let g = lo; g < gaps.length && gaps[g][0] < x2; g++) {
        // an item over the whole gap is text set across the columns: it says nothing of where they part
        if (x1 <= gaps[g][0] && x2 >= gaps[g][1]) continue;
        covered[g].push([Math.max(x1, gaps[g][0]), Math.min(x2, gaps[g][1])]);
      }
    }
  return gaps.map(([a, b], g) => {
    const spans = covered[g].sort((p, q) => p[0] - q[0]);
    let best: [number, number] = [a, a];
    let from = a;
    for (const [x1, x2] of spans) {
      if (x1 - from > best[1] - best[0]) best = [from, x1];
      from = Math.max(from, x2);
    }
    if (b - from > best[1] - best[0]) best = [from, b];
    return best[1] - best[0] >= 0.5 ? (best[0] + best[1]) / 2 : (a + b) / 2;
  });
}

/** The size most of a region's lines are set in: a table is often set smaller than the text. */
function regionSize(lines: TextLine[], size: number): number {
  const s = lines.map((l) => l.size).sort((a, b) => a - b);
  return Math.min(size, s[Math.floor(s.length / 2)] ?? size);
}

/** The gaps a region's own lines leave between its columns. */
export function regionGaps(lines: TextLine[], size: number): Array<[number, number]> {
  return columnGaps(lines, regionSize(lines, size));
}

/**
 * A grid from lines printed as a table without rules, or null when they do not make one (fewer
 * than three columns, or fewer than two rows, or one given the whole table's columns). A line of
 * one run set across the columns (a category row) is a row of its own, its text in the column it
 * starts in. The first column is a category column when most rows leave it empty: its entries
 * are spread over the rows they span.
 */
export function looseGrid(lines: TextLine[], size: number, pitch: number, opts: LooseOptions = {}): LooseGrid | null {
  const gaps = opts.gaps ?? regionGaps(lines, size);
  if (gaps.length < 2) return null;
  const cuts = gaps.map(([a, b]) => (a + b) / 2);
  // cells are placed by cuts clear of every item: a header wider than its column's figures reaches into the gap
  const placing = clearCuts(gaps, lines);
  const colOf = (x: number) => {
    let c = 0;
    while (c < placing.length && x > placing[c]) c++;
    return c;
  };
  const n = cuts.length + 1;
  const entries: Cell[][] = Array.from({ length: n }, () => []);
  const across: Array<Cell & { col: number }> = [];
  const extents: Array<{ col: number; x: number; right: number; top: number }> = [];
  for (const l of lines) {
    if (spansCut(l, placing)) {
      across.push({ top: l.y - l.size * 0.9, bottom: l.y + l.size * 0.25, text: l.text, line: l.y, col: colOf(l.x) });
      continue;
    }
    const parts = new Map<number, { text: string; x: number; right: number }>();
    for (const it of [...l.items].sort((a, b) => a.x - b.x)) {
      const c = colOf(it.x + it.w / 2);
      const p = parts.get(c);
      const s = it.s.trim();
      if (!p) parts.set(c, { text: s, x: it.x, right: it.x + it.w });
      else {
        p.text = joinText(p.text, s, it.x - p.right, it.size, it.space);
        p.right = it.x + it.w;
      }
    }
    for (const [c, p] of parts) {
      entries[c].push({ top: l.y - l.size * 0.9, bottom: l.y + l.size * 0.25, text: p.text, line: l.y });
      extents.push({ col: c, x: p.x, right: p.right, top: l.y - l.size * 0.9 });
    }
  }
  const columns = entries.map((e) => cellsOf(e, pitch));
  // rows: the cells of every column but the first that stand beside each other, and the rows set across
  const spans = [...columns.slice(1).flat(), ...across].map((c) => ({ top: c.top, bottom: c.bottom }));
  spans.sort((a, b) => a.top - b.top);
  const rowBands: Array<{ top: number; bottom: number }> = [];
  for (const s of spans) {
    const last = rowBands[rowBands.length - 1];
    if (last && s.top < last.bottom - 0.5) last.bottom = Math.max(last.bottom, s.bottom);
    else rowBands.push({ ...s });
  }
  if (rowBands.length < (opts.gaps ? 1 : 2)) return null;
  const rowAt = (c: { top: number; bottom: number }) => rowBands.findIndex((r) => c.top < r.bottom - 0.5 && c.bottom > r.top + 0.5);
  const grid: string[][] = rowBands.map(() => new Array<string>(n).fill(""));
  for (let c = 1; c < n; c++)
    for (const cell of columns[c]) {
      const r = rowAt(cell);
      if (r >= 0) grid[r][c] = joinWrapped(grid[r][c], cell.text);
    }
  for (const a of across) {
    const r = rowAt(a);
    if (r >= 0) grid[r][a.col] = joinWrapped(grid[r][a.col], a.text);
  }
  // the header: the rows above the first that holds a figure
  let body = grid.findIndex((r) => r.some((x) => PURE_NUMBER.test(x)));
  if (body < 0) body = opts.headerOnly ? grid.length : 0;
  const first = columns[0];
  const dataBands = rowBands.slice(body);
  const inData = first.filter((c) => (c.top + c.bottom) / 2 >= (dataBands[0]?.top ?? Infinity) - 0.5);
  for (const cell of first.filter((c) => !inData.includes(c))) {
    const r = rowAt(cell);
    if (r >= 0) grid[r][0] = joinWrapped(grid[r][0], cell.text);
  }
  let loose: LooseCategories | null = null;
  const categoryColumn = opts.categoryColumn ?? (inData.length > 0 && inData.length < dataBands.length * 0.6);
  if (categoryColumn) {
    // a category column: where each entry stands beside the data rows, spread once the table's pages are joined
    const catSize = median(lines.filter((l) => l.x < placing[0]).map((l) => l.size)) || size;
    loose = {
      body,
      categories: inData.map((c) => ({ text: c.text, top: c.top, bottom: c.bottom, part: 0, size: catSize })),
      boundaries: [],
      rows: dataBands.map((r) => [{ part: 0, top: r.top, bottom: r.bottom }]),
      bands: rowBands.map((r) => ({ ...r })),
    };
  } else
    for (const cell of inData) {
      const r = rowAt(cell);
      if (r >= 0) grid[r][0] = joinWrapped(grid[r][0], cell.text);
    }
  const headerBottom = body > 0 ? rowBands[body - 1].bottom : -Infinity;
  const left = Math.min(...lines.map((l) => l.x));
  const right = Math.max(...lines.map((l) => l.right));
  return {
    rows: grid,
    gaps,
    xs: [left, ...cuts, right],
    loose,
    body,
    cells: extents.map((e) => ({ col: e.col, x: e.x, right: e.right, header: e.top < headerBottom })),
    firstColumn: { entries: inData.length, rows: dataBands.length },
  };
}

/** Whether a line could be a cell of such a table: several runs, or short and not a sentence's end. */
function cellLike(l: TextLine, flowWidth: number): boolean {
  return isMulti(l) || (l.right - l.x <= flowWidth * 0.5 && l.text.length <= 40 && !/[。；]$/u.test(l.text));
}

/** A run of lines that may be a table printed without rules; indices are into the run's lines. */
export interface LooseRegion {
  from: number;
  /** its last line, a category row at the page's foot kept (the table may go on overleaf) */
  to: number;
  /** its last line read as a table of its own: such a row, far below the last, is the text after it */
  ownTo: number;
  /** fewer than three lines of several runs (a header at a page's foot, a row or two at the top of the next): a table only as a part of one continued over pages */
  weak: boolean;
}

/**
 * The runs of lines that may be tables printed without rules: from a line of several runs, on
 * while lines follow closely and could be cells, holding at least three lines of several runs (or
 * fewer at the foot of the page, `pageEnd`, or at its top: part of a table continued over pages). Linear in the lines.
 */
export function looseRegions(lines: TextLine[], size: number, pitch: number, flow: { left: number; right: number }, headingSize: number, pageTop: boolean, pageEnd: boolean): LooseRegion[] {
  const flowWidth = flow.right - flow.left;
  const out: LooseRegion[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isMulti(lines[i]) || lines[i].size >= headingSize) continue;
    // a header's upper lines (years set over "年") stand just above its first line of several runs;
    // at the top of a page, the rest of a row the page break cut stands a row above, inside a column
    while (i > 0 && lines[i].y - lines[i - 1].y <= pitch * 1.15 && lines[i - 1].size < headingSize && cellLike(lines[i - 1], flowWidth) && lines[i - 1].right - lines[i - 1].x <= flowWidth * 0.9) i--;
    // …or a category row set across the table, the first row of the page's part (a continuation's 五、安全保障 over its rows)
    if (i === 1 && pageTop && lines[1].y - lines[0].y <= size * 4 && cellLike(lines[0], flowWidth) && lines[0].size < headingSize) i = 0;
    const start = i;
    let j = i;
    let multi = 1;
    const multiYs = [lines[i].y];
    // the table's extent so far: a line of three cells or more set close (a narrow table's columns, under two characters apart) inside it is a row too; a sentence never
    let left = lines[i].x;
    let right = lines[i].right;
    const rowInside = (l: TextLine) => l.x >= left - l.size && l.right <= right + l.size && !/[。；]$/u.test(l.text) && piecesOf(l).length >= 3;
    while (j + 1 < lines.length && lines[j + 1].y - lines[j].y <= Math.max(lines[j].size, size) * 4 && lines[j + 1].size < headingSize && (cellLike(lines[j + 1], flowWidth) || rowInside(lines[j + 1]))) {
      j++;
      if (isMulti(lines[j])) (left = Math.min(left, lines[j].x)), (right = Math.max(right, lines[j].right));
      if (isMulti(lines[j])) multi++, multiYs.push(lines[j].y);
    }
    const reached = j;
    // a short line well below the table's last row is the text after it
    while (j > i && !isMulti(lines[j]) && lines[j].y - lines[j - 1].y > size * 1.7) j--;
    const ownTo = j;
    // at the page's foot, a row of one run set as far below as the rows stand apart is the table's (a category row whose rows are overleaf)
    const rowPitch = median(multiYs.slice(1).map((y, k) => y - multiYs[k]));
    if (pageEnd && reached === lines.length - 1 && j < reached && rowPitch > 0) {
      let k = j;
      while (k < reached && lines[k + 1].y - lines[k].y <= rowPitch * 1.25) k++;
      if (k === reached) j = reached;
    }
    if (multi >= 3 || (pageEnd && j === lines.length - 1) || (pageTop && i === 0)) out.push({ from: i, to: j, ownTo, weak: multi < 3 });
    // the run is read once, whether or not it made a table: linear in the lines
    i = Math.max(start, j);
  }
  return out;
}

/** A frame for a table read from text positions. */
export function looseFrame(region: TextLine[], grid: LooseGrid): Frame {
  const top = Math.min(...region.map((l) => l.y - l.size));
  const bottom = Math.max(...region.map((l) => l.y + l.size * 0.25));
  return { top, bottom, left: grid.xs[0], right: grid.xs[grid.xs.length - 1], xs: grid.xs, rows: grid.rows, lines: [], box: false, children: [], gaps: grid.gaps, loose: grid.loose ?? undefined, headerRows: grid.body };
}
