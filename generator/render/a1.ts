/** A1 addresses: the one place that turns "AB12" into numbers and back. Rows and columns are 1-based. */

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function colToNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function numberToCol(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function parseCell(address: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not a cell address: "${address}"`);
  return { row: Number(m[2]), col: colToNumber(m[1]) };
}

export function formatCell(row: number, col: number): string {
  return `${numberToCol(col)}${row}`;
}

/** "B5:J9", "B5" (a one-cell range), and whole rows/columns ("4:4", "A:C") are accepted. */
export function parseRange(range: string): RangeRef {
  const clean = range.replace(/\$/g, "").trim();
  const rows = /^(\d+):(\d+)$/.exec(clean);
  if (rows) return { top: Number(rows[1]), bottom: Number(rows[2]), left: 1, right: 16384 };
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(clean);
  if (cols) return { top: 1, bottom: 1048576, left: colToNumber(cols[1]), right: colToNumber(cols[2]) };
  const [a, b] = clean.split(":");
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return { top: Math.min(p.row, q.row), bottom: Math.max(p.row, q.row), left: Math.min(p.col, q.col), right: Math.max(p.col, q.col) };
}

export function formatRange(r: RangeRef): string {
  const a = formatCell(r.top, r.left);
  const b = formatCell(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}
