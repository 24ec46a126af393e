import type { PdfPage, PdfRule } from "./pdf-extract";
import type { LooseCategories } from "./pdf-loose-categories";
import { groupLines, joinText, joinWrapped, type Item, type TextLine } from "./pdf-text";

/** A frame drawn on a page: a table (several columns) or a box (one column), with its cells' text. */
export interface Frame {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** column boundaries, left to right */
  xs: number[];
  /** a table's rows, spans expanded; empty for a box */
  rows: string[][];
  /** a box's text lines (for paragraphs); empty for a table */
  lines: TextLine[];
  /** whether it is a one-column frame (a drawn 专栏 box) */
  box: boolean;
  /** a box's tables, drawn inside its frame */
  children: Frame[];
  /** a box drawn on from the page before: the first part of the same box */
  continues?: Frame;
  /** a table printed without rules: the x-ranges between its columns (no rule says where they part) */
  gaps?: Array<[number, number]>;
  /** such a table's categories, printed once beside their rows: spread once its pages are joined */
  loose?: LooseCategories;
  /** such a table's header rows, above its data rows (all its rows when its page holds only the header) */
  headerRows?: number;
}

interface H { y: number; x1: number; x2: number }
interface V { x: number; y1: number; y2: number }

const TOL = 2;
/** horizontal × vertical rules on one page a table can be read from (1 000 × 1 000: far past any table) */
export const MAX_RULE_PAIRS = 1_000_000;

/** Ruling lines in top-down space, split into horizontal and vertical, collinear pieces merged. */
function splitRules(page: PdfPage): { hs: H[]; vs: V[] } {
  const top = page.y0 + page.height;
  const hs: H[] = [];
  const vs: V[] = [];
  for (const [x1, y1, x2, y2] of page.rules as PdfRule[]) {
    if (Math.abs(y1 - y2) < 1 && Math.abs(x2 - x1) > 4) hs.push({ y: top - y1, x1: Math.min(x1, x2) - page.x0, x2: Math.max(x1, x2) - page.x0 });
    else if (Math.abs(x1 - x2) < 1 && Math.abs(y2 - y1) > 4) vs.push({ x: x1 - page.x0, y1: top - Math.max(y1, y2), y2: top - Math.min(y1, y2) });
  }
  return { hs: mergeH(hs), vs: mergeV(vs) };
}

function mergeH(hs: H[]): H[] {
  hs.sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const out: H[] = [];
  for (const h of hs) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y - h.y) <= 1 && h.x1 <= last.x2 + TOL) last.x2 = Math.max(last.x2, h.x2);
    else out.push({ ...h });
  }
  return out;
}

function mergeV(vs: V[]): V[] {
  vs.sort((a, b) => a.x - b.x || a.y1 - b.y1);
  const out: V[] = [];
  for (const v of vs) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - v.x) <= 1 && v.y1 <= last.y2 + TOL) last.y2 = Math.max(last.y2, v.y2);
    else out.push({ ...v });
  }
  return out;
}

/** Positions within TOL of each other are one boundary. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1] > TOL * 1.5) out.push(v);
  return out;
}

/** Groups of rules that touch each other: each group is one frame. */
function components(hs: H[], vs: V[]): Array<{ hs: H[]; vs: V[] }> {
  const n = hs.length + vs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < hs.length; i++)
    for (let j = 0; j < vs.length; j++) {
      const h = hs[i];
      const v = vs[j];
      if (v.x >= h.x1 - TOL && v.x <= h.x2 + TOL && h.y >= v.y1 - TOL && h.y <= v.y2 + TOL) parent[find(i)] = find(hs.length + j);
    }
  const groups = new Map<number, { hs: H[]; vs: V[] }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i)) ?? { hs: [], vs: [] };
    if (i < hs.length) g.hs.push(hs[i]);
    else g.vs.push(vs[i - hs.length]);
    groups.set(find(i), g);
  }
  return [...groups.values()].filter((g) => g.hs.length >= 2 && g.vs.length >= 2);
}

type Group = { hs: H[]; vs: V[] };
/** a group of rules and the box it is drawn inside (its index in the list), if any */
type Placed = { g: Group; parent: number | null; clip: { top: number; bottom: number } };

/**
 * A box drawn around a table (a 专栏 holding a table): the four rules of its rectangle, and
 * inside them, set in from its sides, the rules of what it holds. Null when the group is one frame.
 */
function splitBox(g: Group): { outer: Group; inner: Group } | null {
  const left = Math.min(...g.vs.map((v) => v.x));
  const right = Math.max(...g.vs.map((v) => v.x));
  const top = Math.min(...g.hs.map((h) => h.y));
  const bottom = Math.max(...g.hs.map((h) => h.y));
  const side = (v: V, x: number) => Math.abs(v.x - x) <= TOL && v.y1 <= top + TOL && v.y2 >= bottom - TOL;
  const edge = (h: H, y: number) => Math.abs(h.y - y) <= TOL && h.x1 <= left + TOL && h.x2 >= right - TOL;
  const lv = g.vs.find((v) => side(v, left));
  const rv = g.vs.find((v) => side(v, right));
  const th = g.hs.find((h) => edge(h, top));
  const bh = g.hs.find((h) => edge(h, bottom));
  if (!lv || !rv || !th || !bh || lv === rv || th === bh) return null;
  const hs = g.hs.filter((h) => h !== th && h !== bh);
  const vs = g.vs.filter((v) => v !== lv && v !== rv);
  const inset = TOL * 1.5;
  if (hs.length < 2 || vs.length < 2 || !hs.every((h) => h.x1 > left + inset && h.x2 < right - inset) || !vs.every((v) => v.x > left + inset && v.x < right - inset)) return null;
  return { outer: { hs: [th, bh], vs: [lv, rv] }, inner: { hs, vs } };
}

/** Every frame the rules draw, a box's content split from the box, each with the box it is in. */
function placeGroups(hs: H[], vs: V[], height: number): Placed[] {
  const out: Placed[] = [];
  const visit = (groups: Group[], parent: number | null, clip: { top: number; bottom: number }) => {
    for (const g of groups) {
      const split = splitBox(g);
      if (!split) {
        out.push({ g, parent, clip });
        continue;
      }
      out.push({ g: split.outer, parent, clip });
      const at = out.length - 1;
      visit(components(split.inner.hs, split.inner.vs), at, { top: split.outer.hs[0].y, bottom: split.outer.hs[1].y });
    }
  };
  visit(components(hs, vs), null, { top: 0, bottom: height });
  return out;
}

/**
 * The rows' edges: the horizontal rules, and where the verticals run on past the last (or
 * before the first) of them — a table cut by the page break, its closing rule not drawn — the
 * verticals' end, within the page or the box the table is in.
 */
function rowEdges(g: Group, clip: { top: number; bottom: number }): number[] {
  const ys = cluster(g.hs.map((h) => h.y));
  const vTop = Math.max(clip.top, Math.min(...g.vs.map((v) => v.y1)));
  const vBottom = Math.min(clip.bottom, Math.max(...g.vs.map((v) => v.y2)));
  if (vTop < ys[0] - TOL * 3) ys.unshift(vTop);
  if (vBottom > ys[ys.length - 1] + TOL * 3) ys.push(vBottom);
  return ys;
}

/** Joins a cell's lines: a wrapped name, a header "2020" over "年". */
function cellText(items: Item[]): string {
  if (!items.length) return "";
  let text = "";
  for (const line of groupLines(items)) {
    // a wrapped line goes on where the one above stopped: no space, except between Latin words
    let prevRight: number | null = null;
    for (const seg of line.segments) {
      text = prevRight === null ? joinWrapped(text, seg.text) : joinText(text, seg.text, seg.x - prevRight, line.size);
      prevRight = seg.right;
    }
  }
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The frames a page draws, with the items inside each taken out of `items`. A frame of one
 * column is a box; a frame with inner verticals is a table whose cells are the rectangles its
 * rules enclose: where a rule between two rows (or columns) is missing, the cell spans them, and
 * its text — printed anywhere in it, as a category is in the middle of its rows — fills every row
 * it spans. Frames are read innermost first, so a table drawn inside a box keeps its cells and
 * becomes the box's child; a box whose only content is such a table (its part on a later page) is kept.
 */
export function readFrames(page: PdfPage, items: Item[]): { frames: Frame[]; rest: Item[]; tooManyRules?: number } {
  const { hs, vs } = splitRules(page);
  if (!hs.length || !vs.length) return { frames: [], rest: items };
  // which rules touch which is a question about every pair: past this many, the page is no table but a drawing
  if (hs.length * vs.length > MAX_RULE_PAIRS) return { frames: [], rest: items, tooManyRules: hs.length + vs.length };
  const placed = placeGroups(hs, vs, page.height);
  const built: Array<(Frame & { parent?: Frame }) | null> = placed.map(() => null);
  let rest = items;
  const order = placed.map((p, i) => ({ p, i, xs: cluster(p.g.vs.map((v) => v.x)), ys: rowEdges(p.g, p.clip) }));
  const area = (x: { xs: number[]; ys: number[] }) => (x.xs[x.xs.length - 1] - x.xs[0]) * (x.ys[x.ys.length - 1] - x.ys[0]);
  // innermost first: a table inside a box takes its own cells' text before the box takes the rest
  order.sort((a, b) => area(a) - area(b));
  for (const { p, i, xs, ys } of order) {
    if (xs.length < 2 || ys.length < 2) continue;
    const left = xs[0];
    const right = xs[xs.length - 1];
    const top = ys[0];
    const bottom = ys[ys.length - 1];
    if (right - left < 20 || bottom - top < 8) continue;
    const inside: Item[] = [];
    const outside: Item[] = [];
    for (const it of rest) {
      const cx = it.x + it.w / 2;
      const cy = it.y - it.size * 0.35;
      (cx > left && cx < right && cy > top && cy < bottom ? inside : outside).push(it);
    }
    const children = xs.length === 2 ? (built.filter((f, k) => f && !f.box && (placed[k].parent === i || (!f.parent && f.left >= left - TOL && f.right <= right + TOL && f.top >= top - TOL && f.bottom <= bottom + TOL))) as Frame[]) : [];
    if (!inside.length && !children.length) continue;
    rest = outside;
    if (xs.length === 2) {
      const box: Frame = { top, bottom, left, right, xs, rows: [], lines: groupLines(inside), box: true, children };
      for (const c of children) (c as { parent?: Frame }).parent = box;
      built[i] = box;
      continue;
    }
    const grid = gridRows(xs, ys, p.g.hs, p.g.vs, inside);
    built[i] = { top, bottom, left, right, xs: grid.xs, rows: grid.rows, lines: [], box: false, children: [] };
  }
  const frames = built.filter((f): f is Frame & { parent?: Frame } => f !== null && !f.parent);
  return { frames: frames.sort((a, b) => a.top - b.top), rest };
}

function gridRows(xs: number[], ys: number[], hs: H[], vs: V[], items: Item[]): { rows: string[][]; xs: number[] } {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const midX = (c: number) => (xs[c] + xs[c + 1]) / 2;
  const midY = (r: number) => (ys[r] + ys[r + 1]) / 2;
  // a boundary exists where a rule covers the middle of the neighbouring cell's edge; marked once
  // per rule (each rule against the rows or columns it runs past), not looked up per cell
  const vMark = Array.from({ length: nc + 1 }, () => new Uint8Array(nr));
  const hMark = Array.from({ length: nr + 1 }, () => new Uint8Array(nc));
  for (const v of vs)
    for (let c = 0; c <= nc; c++) {
      if (Math.abs(v.x - xs[c]) > TOL * 1.5) continue;
      for (let r = 0; r < nr; r++) if (v.y1 <= midY(r) + TOL && v.y2 >= midY(r) - TOL) vMark[c][r] = 1;
    }
  for (const h of hs)
    for (let r = 0; r <= nr; r++) {
      if (Math.abs(h.y - ys[r]) > TOL * 1.5) continue;
      for (let c = 0; c < nc; c++) if (h.x1 <= midX(c) + TOL && h.x2 >= midX(c) - TOL) hMark[r][c] = 1;
    }
  const vBoundary = (c: number, r: number) => vMark[c][r] === 1;
  const hBoundary = (r: number, c: number) => hMark[r][c] === 1;
  const anchor: Array<Array<[number, number]>> = Array.from({ length: nr }, () => new Array<[number, number]>(nc));
  for (let r = 0; r < nr; r++)
    for (let c = 0; c < nc; c++) {
      if (anchor[r][c]) continue;
      let c2 = c;
      while (c2 + 1 < nc && !vBoundary(c2 + 1, r)) c2++;
      let r2 = r;
      while (r2 + 1 < nr && !hBoundary(r2 + 1, c)) r2++;
      for (let rr = r; rr <= r2; rr++) for (let cc = c; cc <= c2; cc++) anchor[rr][cc] ??= [r, c];
    }
  const buckets = new Map<string, Item[]>();
  for (const it of items) {
    const cx = it.x + it.w / 2;
    const cy = it.y - it.size * 0.35;
    let c = xs.findIndex((x, i) => i < nc && cx >= x && cx < xs[i + 1]);
    let r = ys.findIndex((y, i) => i < nr && cy >= y && cy < ys[i + 1]);
    if (c < 0) c = cx < xs[0] ? 0 : nc - 1;
    if (r < 0) r = cy < ys[0] ? 0 : nr - 1;
    const [ar, ac] = anchor[r][c];
    const key = `${ar},${ac}`;
    const list = buckets.get(key) ?? [];
    list.push(it);
    buckets.set(key, list);
  }
  const texts = new Map<string, string>();
  for (const [k, list] of buckets) texts.set(k, cellText(list));
  // the columns most rows draw: a boundary only a few rows draw (a row whose cells were sized on
  // their own) does not split every other row's cells; each cell goes to the column its left edge is in
  const keep = xs.slice(0, nc).map((_, k) => {
    if (k === 0) return true;
    let n = 0;
    for (let r = 0; r < nr; r++) if (vBoundary(k, r)) n++;
    return n * 2 >= nr;
  });
  const colOf: number[] = [];
  for (let c = 0, n = -1; c < nc; c++) colOf.push(keep[c] ? ++n : n);
  const width = colOf[nc - 1] + 1;
  const layout = (cols: number[], w: number): string[][] | null => {
    const rows: string[][] = [];
    for (let r = 0; r < nr; r++) {
      const row = new Array<string>(w).fill("");
      for (let c = 0; c < nc; c++) {
        const [ar, ac] = anchor[r][c];
        // merged down: the text belongs to every row; merged across: to its first column only
        const text = ac === c ? (texts.get(`${ar},${ac}`) ?? "") : "";
        if (!text) continue;
        if (row[cols[c]]) return null;
        row[cols[c]] = text;
      }
      if (row.some((x) => x)) rows.push(row);
    }
    return rows;
  };
  // where a row prints more cells than the common columns hold, every boundary is a column
  const common = width < nc ? layout(colOf, width) : null;
  if (common) return { rows: common, xs: [...xs.slice(0, nc).filter((_, k) => keep[k]), xs[nc]] };
  return { rows: layout(xs.slice(0, nc).map((_, c) => c), nc)!, xs };
}
