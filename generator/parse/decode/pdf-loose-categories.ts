/**
 * The categories a table printed without rules prints once beside their rows (a merged cell's
 * text, centred in its rows or set at their top): which rows each spans, solved in points over
 * all the table's pages, or not at all when the page leaves it open.
 */
/** A table without rules whose first column prints each category once: where each stands among the data rows, filled in once the table's pages are joined. */
export interface LooseCategories {
  /** header rows above the data rows */
  body: number;
  /** each entry, where it stands (in points, on the part `part` of the table: 0 its first page's, 1 the next's…) and the size it is set in */
  categories: Array<{ text: string; top: number; bottom: number; part: number; size: number }>;
  /** data-row indices where a new page's part of the table begins */
  boundaries: number[];
  /** each data row's extent on every part it stands on (a row the page cut stands on two) */
  rows: Array<Array<{ part: number; top: number; bottom: number }>>;
  /** every row's extent, header rows' too, on its own page: how a continuation's rows join the table's */
  bands: Array<{ top: number; bottom: number }>;
}

type RowPieces = LooseCategories["rows"];
type Placed = LooseCategories["categories"][number];

/**
 * Which rows each category printed once spans, solved in points: a category is centred in its
 * span's height (rows wrapped to several lines are taller than the rest: a count of rows misses),
 * or, where the page break cuts the span, centred in the part on its page or level with that
 * part's top (as Word and LibreOffice print a merged cell split over pages); or every category is
 * printed level with the first row of its span (a top-aligned cell), each span running to the
 * next. Null when a category fits no span, or the categories fit the rows in two ways (their rows
 * cannot be told): the caller warns and fills nothing. Rows above the first span stay empty (the
 * category before's, carried down), unless `fromFirstRow` (the rows start below the table's
 * header: the first span starts at the first row). Each category's starts are scanned only while
 * its span's part could still centre it, so a long table stays linear.
 */
export function placeCategories(cats: Placed[], rows: RowPieces, fromFirstRow = false): Array<[number, number]> | null {
  const n = rows.length;
  if (!cats.length || !n) return [];
  /** the rows s a category's span may start at when it ends at `end`: scanned upward only while the span's part beside it could still centre it */
  const starts = (c: Placed, end: number): number[] => {
    const tol = c.size * 0.35;
    const mid = (c.top + c.bottom) / 2;
    let top = Infinity;
    let bottom = -Infinity;
    const parts = new Set<number>();
    const out: number[] = [];
    for (let s = end; s >= 0; s--) {
      for (const p of rows[s]) {
        parts.add(p.part);
        if (p.part === c.part) (top = Math.min(top, p.top)), (bottom = Math.max(bottom, p.bottom));
      }
      if (top > bottom) {
        // no row of the span stands on the category's part yet: above it, rows on earlier parts only
        if (rows[s].every((p) => p.part < c.part)) break;
        continue;
      }
      if (Math.abs(mid - (top + bottom) / 2) <= tol || (parts.size > 1 && Math.abs(c.top - top) <= tol)) out.push(s);
      if ((top + bottom) / 2 < mid - tol && top < c.top - tol) break;
      // a span may begin on the page before the category's (printed on the second part of a cut
      // cell): where, the category above decides; never further back than that page
      if (rows[s].every((p) => p.part < c.part - 1)) break;
    }
    return out;
  };
  // solved from the last category up; where a category fits two spans, the rest of the table decides: exactly one placement of all must remain
  const memo = new Map<number, { count: number; spans: Array<[number, number]> }>();
  let visits = 0;
  const solve = (k: number, end: number): { count: number; spans: Array<[number, number]> } => {
    if (k < 0) return { count: end < 0 || !fromFirstRow ? 1 : 0, spans: [] };
    if (end < 0) return { count: 0, spans: [] };
    const key = k * (n + 1) + end;
    const known = memo.get(key);
    if (known) return known;
    // a table whose categories leave too many ways open is not guessed at
    if (++visits > 50 * (n + cats.length) + 1000) return { count: 2, spans: [] };
    let result = { count: 0, spans: [] as Array<[number, number]> };
    for (const s of starts(cats[k], end)) {
      if (k === 0 && fromFirstRow && s !== 0) continue;
      const rest = solve(k - 1, s - 1);
      if (!rest.count) continue;
      result = result.count ? { count: 2, spans: [] } : { count: rest.count, spans: [...rest.spans, [s, end]] };
      if (result.count > 1) break;
    }
    memo.set(key, result);
    return result;
  };
  const found = solve(cats.length - 1, n - 1);
  const solved = found.count === 1 ? found.spans : null;
  // top-aligned: each category level with the top of a row on its part, in order
  const level: number[] = [];
  for (const c of cats) {
    const from = level.length ? level[level.length - 1] + 1 : 0;
    let at = -1;
    for (let r = from; r < n && at < 0; r++) if (rows[r].some((p) => p.part === c.part && Math.abs(p.top - c.top) <= c.size * 0.35)) at = r;
    if (at < 0) break;
    level.push(at);
  }
  const top = level.length === cats.length && (!fromFirstRow || level[0] === 0) ? level.map((r, k) => [r, k + 1 < level.length ? level[k + 1] - 1 : n - 1] as [number, number]) : null;
  if (found.count > 1 || (solved && top && JSON.stringify(solved) !== JSON.stringify(top))) return null;
  return solved ?? top;
}

/** Spreads the categories of a table without rules over the rows they span (column 0 of its data rows); false when they cannot be placed (nothing is filled). */
export function fillCategories(rows: string[][], loose: LooseCategories): boolean {
  const data = rows.length - loose.body;
  const spans = placeCategories(loose.categories, loose.rows.slice(0, data), loose.body > 0);
  if (!spans) return false;
  spans.forEach(([a, b], k) => {
    for (let r = Math.max(0, a); r <= b && r < data; r++) rows[loose.body + r][0] = loose.categories[k].text;
  });
  return true;
}
