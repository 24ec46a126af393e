/**
 * Line ranges [first, last] (inclusive line numbers) that a stage has claimed, such as the lines
 * read as indicator tables. Stages ask "is this line inside one?" once per line or paragraph, so
 * the question is answered by binary search over the ranges sorted once, never by a scan of all of
 * them (a document with many tables would make that quadratic).
 */
export class LineRanges {
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(ranges: ReadonlyArray<readonly [number, number]>) {
    const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
    this.starts = [];
    this.ends = [];
    for (const [a, b] of sorted) {
      // overlapping or touching ranges merge, so one search answers
      const n = this.ends.length;
      if (n > 0 && a <= this.ends[n - 1] + 1) this.ends[n - 1] = Math.max(this.ends[n - 1], b);
      else {
        this.starts.push(a);
        this.ends.push(b);
      }
    }
  }

  has(line: number): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] > line) hi = mid - 1;
      else if (this.ends[mid] < line) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

const built = new WeakMap<ReadonlyArray<readonly [number, number]>, { count: number; index: LineRanges }>();

/** Whether a line is inside any of the ranges. The index is built once per list (rebuilt only when the list has grown). */
export function inRanges(line: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  if (ranges.length === 0) return false;
  let entry = built.get(ranges);
  if (!entry || entry.count !== ranges.length) {
    entry = { count: ranges.length, index: new LineRanges(ranges) };
    built.set(ranges, entry);
  }
  return entry.index.has(line);
}
