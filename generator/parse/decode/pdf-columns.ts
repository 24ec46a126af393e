/**
 * Pages set in two columns (a digest, a bulletin): read down the left column, then the right,
 * never line by line across both. The gutter is an x-range in the middle of the page that no
 * text crosses, with prose on both sides of it; a title or a table set across the page ends one
 * band of columns and begins the next.
 */
import type { Item } from "./pdf-text";
import { lineCoverage } from "./pdf-coverage";
import { median } from "../../util/median";

export interface ColumnLayout {
  /** the gutter's middle */
  gutter: number;
  /** where a block at [x1, x2] from `top` reads: bands top to bottom, in each the left column, then the right */
  order(x1: number, x2: number, top: number): { key: number; side: "left" | "right" | null };
}

/** The page's two columns, or null when it is set in one. */
export function columnLayout(items: Item[], width: number): ColumnLayout | null {
  if (items.length < 20 || width <= 0 || width > 5000) return null;
  const size = median(items.map((i) => i.size));
  // lines, roughly: items on one baseline
  const rows = new Map<number, Item[]>();
  for (const it of items) {
    const k = Math.round(it.y / Math.max(2, size * 0.35));
    const row = rows.get(k);
    if (row) row.push(it);
    else rows.set(k, [it]);
  }
  const W = Math.ceil(width);
  // how many lines cover each x
  const cover = lineCoverage([...rows.values()].map((row) => row.map((it) => [Math.max(0, Math.floor(it.x)), Math.min(W, Math.ceil(it.x + it.w))] as const)), W);
  // a title (or a table) set across the page crosses the gutter: a few such lines are allowed
  const allowed = Math.max(1, Math.floor(rows.size * 0.1));
  let best: [number, number] | null = null;
  for (let x = Math.floor(W * 0.3), start = -1; x <= Math.ceil(W * 0.7) + 1; x++) {
    const open = x <= Math.ceil(W * 0.7) && cover[x] <= allowed;
    if (open && start < 0) start = x;
    if (!open && start >= 0) {
      if (!best || x - 1 - start > best[1] - best[0]) best = [start, x - 1];
      start = -1;
    }
  }
  if (!best || best[1] - best[0] < size * 0.8) return null;
  const gutter = (best[0] + best[1]) / 2;
  // prose on both sides: long lines, many of them, each side a good part of the text
  const sides = { left: [] as number[], right: [] as number[] };
  // prose runs on: a column's part of a line is one run of text; a table's row is cells apart
  let parts = 0;
  let broken = 0;
  const run = (part: Item[]) => {
    if (!part.length) return;
    parts++;
    const sorted = [...part].sort((a, b) => a.x - b.x);
    if (sorted.some((it, k) => k > 0 && it.x - (sorted[k - 1].x + sorted[k - 1].w) > size * 1.2)) broken++;
  };
  let leftChars = 0;
  let rightChars = 0;
  const crossing: number[] = [];
  for (const row of rows.values()) {
    const l = row.filter((i) => i.x + i.w <= gutter);
    const r = row.filter((i) => i.x >= gutter);
    if (l.length + r.length < row.length) {
      crossing.push(Math.min(...row.map((i) => i.y - i.size)));
      continue;
    }
    run(l);
    run(r);
    if (l.length) sides.left.push(Math.max(...l.map((i) => i.x + i.w)) - Math.min(...l.map((i) => i.x)));
    if (r.length) sides.right.push(Math.max(...r.map((i) => i.x + i.w)) - Math.min(...r.map((i) => i.x)));
    leftChars += l.reduce((n, i) => n + i.s.trim().length, 0);
    rightChars += r.reduce((n, i) => n + i.s.trim().length, 0);
  }
  const total = leftChars + rightChars;
  const prose = (w: number[], span: number) => w.length >= 6 && median(w) >= span * 0.6;
  if (!total || broken > parts * 0.1 || leftChars < total * 0.25 || rightChars < total * 0.25 || !prose(sides.left, gutter * 0.8) || !prose(sides.right, (width - gutter) * 0.8)) return null;
  const bands = [...new Set(crossing)].sort((a, b) => a - b);
  return {
    gutter,
    order(x1, x2, top) {
      const band = bands.filter((b) => b <= top + 0.5).length;
      if (x1 < gutter && x2 > gutter) return { key: band * 2e5 + top, side: null };
      const side = x2 <= gutter ? "left" : "right";
      return { key: band * 2e5 + (side === "right" ? 1e5 : 0) + top, side };
    },
  };
}
