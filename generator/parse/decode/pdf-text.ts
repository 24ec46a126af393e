import type { PdfItem, PdfPage } from "./pdf-extract";

/** A text item in top-down page space: `y` is the baseline's distance from the top of the page. */
export interface Item {
  s: string;
  x: number;
  y: number;
  w: number;
  size: number;
  /** a space is printed between this item and the one before it on the line */
  space?: boolean;
}

/** One printed line: its items left to right, joined; `segments` are runs separated by wide gaps (columns). */
export interface TextLine {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  segments: Array<{ text: string; x: number; right: number }>;
  /** the items, left to right (a table printed without rules is cut into cells by them) */
  items: Item[];
}

export function pageItems(page: PdfPage): Item[] {
  const top = page.y0 + page.height;
  const out: Item[] = [];
  // a space printed as an item of its own (or at an item's edge)
  let space = false;
  let lastY = NaN;
  for (const [s, x, y, w, size] of page.items as PdfItem[]) {
    if (!s.trim()) {
      if (s && Math.abs(y - lastY) < 1) space = true;
      continue;
    }
    const item: Item = { s, x: x - page.x0, y: top - y, w, size: size > 0 ? size : 10 };
    if ((space || /^\s/.test(s)) && Math.abs(y - lastY) < 1) item.space = true;
    out.push(item);
    space = /\s$/.test(s);
    lastY = y;
  }
  return out;
}

const alnumEnd = /[A-Za-z0-9%.,)]$/;
const alnumStart = /^[A-Za-z0-9(]/;

/** Joins two pieces of text read side by side or wrapped: a space only between Latin letters or digits. */
export function joinText(a: string, b: string, gap: number, size: number, space = false): string {
  if (!a) return b;
  // a space printed between two Chinese characters is meant (a title's two halves); one between
  // Chinese and a figure or a Latin word may be the typesetter's own spacing ("2024 年"): the gap decides
  if (space && /\p{Script=Han}[”」』）》]?$/u.test(a) && /^[“「『（《]?\p{Script=Han}/u.test(b)) return `${a} ${b}`;
  // a visible space (half a character or more) is printed; between Latin words a narrower one is too
  return gap > size * 0.45 || (gap > size * 0.2 && alnumEnd.test(a) && alnumStart.test(b)) ? `${a} ${b}` : a + b;
}

/** Joins a line wrapped onto the next: a space only between two Latin letters or digits. */
export function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/**
 * Items into printed lines: items whose baselines lie within a third of their size are one line
 * (superscripts and a raised "2020" over "年" in a header cell are not: they are other lines).
 */
export function groupLines(items: Item[]): TextLine[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const last = rows[rows.length - 1];
    if (last && Math.abs(last[0].y - it.y) <= Math.max(2, Math.min(last[0].size, it.size) * 0.35)) last.push(it);
    else rows.push([it]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const segments: TextLine["segments"] = [];
    let size = 0;
    for (const it of row) {
      size = Math.max(size, it.size);
      const seg = segments[segments.length - 1];
      const gap = seg ? it.x - seg.right : 0;
      // a gap of two characters or more separates columns of a table printed without rules
      if (seg && gap < it.size * 1.8) {
        seg.text = joinText(seg.text, it.s.trim(), gap, it.size, it.space);
        seg.right = Math.max(seg.right, it.x + it.w);
      } else segments.push({ text: it.s.trim(), x: it.x, right: it.x + it.w });
    }
    return { text: segments.map((s) => s.text).join(" "), x: segments[0].x, right: segments[segments.length - 1].right, y: row[0].y, size, segments, items: row };
  });
}
