import type { PdfPage, PdfRule } from "./pdf-extract";
import { groupLines, joinText, type Item, type TextLine } from "./pdf-text";

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
}

interface H { y: number; x1: number; x2: number }
interface V { x: number; y1: number; y2: number }

const TOL = 2;

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

/** Joins a cell's lines: a wrapped name, a header "2020" over "年". */
function cellText(items: Item[]): string {
  if (!items.length) return "";
  let text = "";
  let prevRight = -Infinity;
  for (const line of groupLines(items)) {
    for (const seg of line.segments) {
      text = joinText(text, seg.text, seg.x - prevRight, line.size);
      prevRight = seg.right;
    }
    prevRight = -Infinity;
  }
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The frames a page draws, with the items inside each taken out of `items`. A frame of one
 * column is a box; a frame with inner verticals is a table whose cells are the rectangles its
 * rules enclose: where a rule between two rows (or columns) is missing, the cell spans them, and
 * its text — printed anywhere in it, as a category is in the middle of its rows — fills every row it spans.
 */
export function readFrames(page: PdfPage, items: Item[]): { frames: Frame[]; rest: Item[] } {
  const { hs, vs } = splitRules(page);
  if (!hs.length || !vs.length) return { frames: [], rest: items };
  const frames: Frame[] = [];
  let rest = items;
  for (const g of components(hs, vs)) {
    const xs = cluster(g.vs.map((v) => v.x));
    const ys = cluster(g.hs.map((h) => h.y));
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
    if (!inside.length) continue;
    rest = outside;
    if (xs.length === 2) {
      frames.push({ top, bottom, left, right, xs, rows: [], lines: groupLines(inside), box: true });
      continue;
    }
    frames.push({ top, bottom, left, right, xs, rows: gridRows(xs, ys, g.hs, g.vs, inside), lines: [], box: false });
  }
  return { frames, rest };
}

function gridRows(xs: number[], ys: number[], hs: H[], vs: V[], items: Item[]): string[][] {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const midX = (c: number) => (xs[c] + xs[c + 1]) / 2;
  const midY = (r: number) => (ys[r] + ys[r + 1]) / 2;
  // a boundary exists where a rule covers the middle of the neighbouring cell's edge
  const vBoundary = (c: number, r: number) => vs.some((v) => Math.abs(v.x - xs[c]) <= TOL * 1.5 && v.y1 <= midY(r) + TOL && v.y2 >= midY(r) - TOL);
  const hBoundary = (r: number, c: number) => hs.some((h) => Math.abs(h.y - ys[r]) <= TOL * 1.5 && h.x1 <= midX(c) + TOL && h.x2 >= midX(c) - TOL);
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
  const rows: string[][] = [];
  for (let r = 0; r < nr; r++) {
    const row: string[] = [];
    for (let c = 0; c < nc; c++) {
      const [ar, ac] = anchor[r][c];
      // merged down: the text belongs to every row; merged across: to its first column only
      row.push(ac === c ? (texts.get(`${ar},${ac}`) ?? "") : "");
    }
    if (row.some((x) => x)) rows.push(row);
  }
  return rows;
}
