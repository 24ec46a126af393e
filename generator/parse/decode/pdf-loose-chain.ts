/**
 * Tables printed without rules, read over all the pages they run across. A page that holds only a
 * table's header and a row or two says little about where its columns part (a short name leaves
 * room a long one fills overleaf), so the columns are found once over every part of the table: a
 * part at the foot of one page and the part at the top of the next are one table when each
 * part's cells stand in the columns so found — no text across a column cut, each column's cells
 * aligned (left, centre or right) as in the other parts, the header over its column. When they do
 * not agree, the continuation is not read (a value in the wrong column is worse than none) and a
 * warning names its page.
 */
import type { Warning } from "../../model";
import type { Block } from "./pdf-continue";
import { cutWithin, looseFrame, looseGrid, looseRegions, piecesOf, regionGaps, spansCut, type LooseGrid } from "./pdf-loose-table";
import type { TextLine } from "./pdf-text";
import { median } from "../../util/median";

interface Part {
  page: number;
  /** index of its first and last block on the page */
  first: number;
  last: number;
  /** the part's lines; `own` the lines it has read as a table of its own */
  lines: TextLine[];
  own: TextLine[];
  weak: boolean;
  box: Block["box"];
  startsPage: boolean;
  endsPage: boolean;
  /** the table found for it: its blocks are replaced by it */
  grid?: LooseGrid;
  /** kept out: its lines are read as plain text */
  out?: boolean;
}

/** two figures in one cell, apart: the columns of a table ran together (a cell never holds two values) */
const TWO_FIGURES = /(?:^|\s)[-+≥≤<>]?\[?\d+(?:\.\d+)?%?\]?\s+[-+≥≤<>]?\[?\d/u;
export const columnsRanTogether = (g: LooseGrid) => g.rows.some((r) => r.some((c) => TWO_FIGURES.test(c)));

/** Lines of several runs with an item across a column cut: in a part of a table, none (a part of a few rows allows none). */
function crossings(lines: TextLine[], cuts: number[]): number {
  let n = 0;
  for (const l of lines) if (l.segments.length >= 2 && !spansCut(l, cuts) && l.items.some((it) => cutWithin(cuts, it.x + 0.5, it.x + it.w - 0.5))) n++;
  return n;
}

/**
 * Whether the parts' cells stand in the same columns: for every column, each part's data cells
 * aligned with those of all parts (by their left edges, centres or right edges, within about half
 * a character), and each header cell over its column's data.
 */
function columnsAgree(parts: Part[], cuts: number[], size: number): boolean {
  const grids = parts.map((p) => p.grid!);
  if (grids.some(columnsRanTogether)) return false;
  for (const p of parts) if (crossings(p.lines, cuts) > Math.floor(p.lines.filter((l) => l.segments.length >= 2).length * 0.08)) return false;
  const tol = size * 0.6;
  const n = cuts.length + 1;
  // each part's cells by column, once: linear in the cells however many columns
  type C = LooseGrid["cells"][number];
  const byColumn = grids.map((g) => {
    const cols: Array<{ data: C[]; header: C[] }> = Array.from({ length: n }, () => ({ data: [], header: [] }));
    for (const x of g.cells) (x.header ? cols[x.col].header : cols[x.col].data).push(x);
    return cols;
  });
  for (let c = 0; c < n; c++) {
    const all = byColumn.flatMap((cols) => cols[c].data);
    if (!all.length) continue;
    const ref = { left: median(all.map((x) => x.x)), mid: median(all.map((x) => (x.x + x.right) / 2)), right: median(all.map((x) => x.right)) };
    for (const cols of byColumn) {
      const mine = cols[c].data;
      if (!mine.length) continue;
      const at = { left: median(mine.map((x) => x.x)), mid: median(mine.map((x) => (x.x + x.right) / 2)), right: median(mine.map((x) => x.right)) };
      if (Math.abs(at.left - ref.left) > tol && Math.abs(at.mid - ref.mid) > tol && Math.abs(at.right - ref.right) > tol) return false;
    }
    // a header cell stands over its column's data (centred in it, or from its left edge)
    const lo = Math.min(...all.map((x) => x.x)) - tol;
    const hi = Math.max(...all.map((x) => x.right)) + tol;
    for (const cols of byColumn) for (const h of cols[c].header) if (h.right < lo || h.x > hi) return false;
  }
  return true;
}

const headerOf = (g: LooseGrid) => g.rows.slice(0, g.body).map((r) => r.join("\u0001")).join("\n");

/**
 * Reads the parts of one table continued over pages: with the columns of all its parts, when
 * they agree; else the first part alone and each later part as a table of its own when it has
 * its own header, or kept out with a warning when it has none (its values could go to any column).
 */
function readChain(chain: Part[], size: number, pitch: number, warnings: Warning[]): void {
  const all = chain.flatMap((p) => p.lines);
  const gaps = regionGaps(all, size);
  const tableSize = Math.min(size, median(all.map((l) => l.size)));
  if (gaps.length >= 2) {
    const cuts = gaps.map(([a, b]) => (a + b) / 2);
    const build = (categoryColumn?: boolean) => {
      for (const [k, p] of chain.entries()) p.grid = looseGrid(p.lines, size, pitch, { gaps, headerOnly: k === 0, categoryColumn }) ?? undefined;
    };
    build();
    if (chain.every((p) => p.grid)) {
      // whether the first column prints each category once, over all the table's data rows
      const entries = chain.reduce((n, p) => n + p.grid!.firstColumn.entries, 0);
      const rows = chain.reduce((n, p) => n + p.grid!.firstColumn.rows, 0);
      build(entries > 0 && entries < rows * 0.6);
      // a later part with a header of its own, not the first part's again, is another table
      const another = chain.some((p, k) => k > 0 && hasHeader(p.grid!) && headerOf(p.grid!) !== headerOf(chain[0].grid!));
      if (!another && columnsAgree(chain, cuts, tableSize)) return;
    }
  }
  // the parts do not make one table: each on its own, as a page is read alone; a continuation
  // with no header of its own is not read (its values could stand in any column), nor a part
  // whose columns ran together
  for (const [k, p] of chain.entries()) {
    const alone = p.weak ? null : looseGrid(p.own, size, pitch);
    p.grid = alone && alone.rows.length >= 2 ? alone : undefined;
    p.lines = p.own;
    p.last = p.first + p.own.length - 1;
    if (p.grid && columnsRanTogether(p.grid)) keepOut(p, warnings, "ranTogether");
    else if (k > 0 && !(p.grid && hasHeader(p.grid))) keepOut(p, warnings, "continuation");
  }
}

function keepOut(p: Part, warnings: Warning[], why: "ranTogether" | "continuation"): void {
  p.grid = undefined;
  p.out = true;
  const what = why === "continuation" ? "像是接续上一页的表格，但各列的位置与上一页的对不上" : "各列挤在一起（一格里有两个数），分不清列";
  warnings.push({
    code: "pdf-table-columns",
    message: `PDF 第 ${p.page + 1} 页的表格没有表格线，${what}，无法确定每个数值属于哪一列：这一页的这部分表格没有读取`,
    line: null,
  });
}

/** A part's title, when it has one: the topmost line of one run, no sentence, just above its first row of cells (or the first of its own lines). */
function titleAbove(blocks: Block[], p: Part, pitch: number): string {
  const firstRow = p.lines.findIndex((l) => l.segments.length >= 2);
  const above = blocks[p.first - 1];
  const candidates = [...(above?.kind === "line" && p.lines[0].y - above.line.y <= pitch * 4 ? [above.line] : []), ...p.lines.slice(0, Math.max(0, firstRow))];
  return candidates.find((l) => l.segments.length === 1 && l.text.length <= 60 && !/[。：:；]$/u.test(l.text))?.text ?? "";
}

/**
 * A table kept out whole, every part of it, for what no column rebuilt can mend: text cut at the
 * page's edge (a cell's last characters are not printed), or a row of it left outside it. Its lines
 * are read as plain text, and the warning names the page and the table's title.
 */
function keepChainOut(chain: Part[], pages: Block[][], pitch: number, warnings: Warning[], why: string): void {
  for (const p of chain) (p.grid = undefined), (p.out = true), (p.lines = p.own.length > p.lines.length ? p.own : p.lines);
  const title = titleAbove(pages[chain[0].page], chain[0], pitch);
  const where = chain.map((p) => p.page + 1).filter((x, k, a) => a.indexOf(x) === k).join("、");
  warnings.push({ code: "table-unruled", message: `PDF 第 ${where} 页的表格${title ? `“${title}”` : ""}没有表格线，${why}：这张表格没有读取`, line: null });
}

/** a figure as a table's value cell prints it: 568, 5.6%, <5.5, 〔3.8〕, [0.6] */
const FIGURE = /^[-+<>≥≤]?[〔[【]?\d+(?:\.\d+)?%?[〕\]】]?$/u;

/** The columns (by the grid's cuts) whose data rows hold figures. */
function figureColumns(g: LooseGrid): Set<number> {
  const out = new Set<number>();
  for (const row of g.rows.slice(g.body)) row.forEach((c, k) => FIGURE.test(c.trim()) && out.add(k));
  return out;
}

/**
 * Whether a line left outside a table looks like a row of it: inside the table's width, its text
 * in two pieces or more, a figure standing in one of the table's columns of figures.
 */
function rowOf(l: TextLine, g: LooseGrid): boolean {
  const left = g.xs[0];
  const right = g.xs[g.xs.length - 1];
  if (l.x < left - l.size * 2 || l.right > right + l.size * 2 || piecesOf(l).length < 2) return false;
  const cols = figureColumns(g);
  const colOf = (x: number) => {
    let c = 0;
    while (c + 1 < g.xs.length - 1 && x > g.xs[c + 1]) c++;
    return c;
  };
  return l.items.some((it) => it.s.trim().split(/\s+/u).some((t) => FIGURE.test(t)) && cols.has(colOf(it.x + it.w / 2)));
}

/**
 * Lines just below a table's last part (on its page, or at the top of the next when the part ends
 * its page) that no table took and that look like rows of it: the region ended early, and rows
 * would be lost without a word.
 */
function rowsLeftBelow(chain: Part[], pages: Block[][], taken: Set<TextLine>, size: number, pitch: number): number | null {
  const last = chain[chain.length - 1];
  const g = last.grid ?? chain.find((p) => p.grid)?.grid;
  if (!g) return null;
  const look = (blocks: Block[], from: number, prevY: number | null): boolean => {
    let y = prevY;
    for (let k = from; k < blocks.length && k < from + 4; k++) {
      const b = blocks[k];
      if (b.kind !== "line" || b.box !== last.box || taken.has(b.line) || b.line.size >= size * 1.15) return false;
      if (y !== null && b.line.y - y > Math.max(pitch, size) * 4) return false;
      if (rowOf(b.line, g)) return true;
      y = b.line.y;
    }
    return false;
  };
  const blocks = pages[last.page];
  if (look(blocks, last.last + 1, last.lines[last.lines.length - 1].y)) return last.page;
  const after = last.last + 1 >= blocks.length ? pages[last.page + 1] : undefined;
  return after && look(after, 0, null) ? last.page + 1 : null;
}

/** Whether a part's text runs past its page's edge: a cell cut there has lost what is not printed. */
const clipped = (p: Part, widths: number[]) => widths[p.page] > 0 && p.lines.some((l) => l.x < -0.5 || l.right > widths[p.page] + 0.5);

/** A header of its own: rows above the data, the first with three cells or more. */
const hasHeader = (g: LooseGrid) => g.body > 0 && g.rows[0].filter(Boolean).length >= 3;

/** A line read as plain text: its runs joined by single spaces, so no reader takes it for a row of columns. */
function plain(l: TextLine): TextLine {
  return { ...l, segments: [{ text: l.text, x: l.x, right: l.right }] };
}

/**
 * Replaces, on every page, each run of lines that is a table printed without rules by that table,
 * a table continued overleaf read with the columns of all its parts. Warnings say which
 * continuations were not read.
 */
export function replaceLooseTablesAcross(pages: Block[][], size: number, pitch: number, flow: { left: number; right: number }, widths: number[] = []): Warning[] {
  const warnings: Warning[] = [];
  const perPage: Part[][] = pages.map((blocks, page) => {
    const parts: Part[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.kind !== "line") continue;
      let j = i;
      while (j + 1 < blocks.length && blocks[j + 1].kind === "line" && blocks[j + 1].box === b.box) j++;
      const run = (blocks.slice(i, j + 1) as Array<Block & { kind: "line" }>).map((x) => x.line);
      for (const r of looseRegions(run, size, pitch, flow, size * 1.15, i === 0, j === blocks.length - 1))
        parts.push({ page, first: i + r.from, last: i + r.to, lines: run.slice(r.from, r.to + 1), own: run.slice(r.from, r.ownTo + 1), weak: r.weak, box: b.box, startsPage: i + r.from === 0, endsPage: i + r.to === blocks.length - 1 });
      i = j;
    }
    return parts;
  });
  // chains: a part that ends a page and the part that starts the next (and on, over a page it fills)
  const chains: Part[][] = [];
  let open: Part[] | null = null;
  perPage.forEach((parts) => {
    parts.forEach((p, k) => {
      const prev = open?.[open.length - 1];
      if (open && prev && k === 0 && p.startsPage && p.page === prev.page + 1 && !p.box === !prev.box) open.push(p);
      else chains.push((open = [p]));
      if (!p.endsPage) open = null;
    });
    if (!parts.length) open = null;
  });
  for (const chain of chains) {
    if (chain.length > 1) readChain(chain, size, pitch, warnings);
    else {
      const [p] = chain;
      const grid = p.weak ? null : looseGrid(p.own, size, pitch);
      if (!grid || grid.rows.length < 2) continue;
      p.lines = p.own;
      p.last = p.first + p.own.length - 1;
      if (columnsRanTogether(grid)) keepOut(p, warnings, "ranTogether");
      else p.grid = grid;
    }
  }
  // every line a table took, or a part kept out already: what is left beside a table is no row of it
  const taken = new Set<TextLine>(chains.flatMap((c) => c.filter((p) => p.grid || p.out).flatMap((p) => p.lines)));
  for (const chain of chains) {
    if (!chain.some((p) => p.grid)) continue;
    if (chain.some((p) => clipped(p, widths))) keepChainOut(chain, pages, pitch, warnings, "表格超出了页面边缘，超出部分的文字没有印出来（单元格内容不全）");
    else {
      const page = rowsLeftBelow(chain, pages, taken, size, pitch);
      if (page !== null) keepChainOut(chain, pages, pitch, warnings, `第 ${page + 1} 页表格下方还有像是这张表格的行（有几段文字，数值落在表格的数值列里），没有读进表格`);
    }
  }
  // each page's parts replaced, last first, so the indices of those above stand
  perPage.forEach((parts, page) => {
    const blocks = pages[page];
    for (const p of [...parts].reverse()) {
      if (p.out) {
        for (let k = p.first; k <= p.last; k++) {
          const b = blocks[k];
          if (b.kind === "line") blocks[k] = { ...b, line: plain(b.line) };
        }
        continue;
      }
      if (!p.grid) continue;
      const last = p.first + p.lines.length - 1;
      const frame = looseFrame(p.lines, p.grid);
      blocks.splice(p.first, last - p.first + 1, { kind: "table", frame, top: frame.top, page: blocks[p.first].page, box: p.box });
    }
  });
  return warnings;
}
