/**
 * Where a template row (or column) went in the output. A repeated template row lands on many output
 * rows; a row inside a false `jx:if` lands nowhere. Everything that points at template cells
 * (formulas, merged cells, names, tables, conditional formats, validations, print settings, charts,
 * drawings) is moved through one of these, so it all agrees.
 *
 * Besides the first and last copy of each template index it keeps every copy, as runs of consecutive
 * output indexes (one run for a one-row repeat however long; one per item for a two-row block), and
 * which template index each output index copies, as runs too: a total under a two-row block sums
 * exactly the copies of its cell (D3, D5, D7 …), and may join them into one range where the rows
 * between hold nothing in its columns.
 */
export class AxisMap {
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  /** per template index: [start, end, start, end …] of its copies */
  private readonly runsOf: Array<number[] | undefined> = [];
  /** output runs: [outputStart, templateStart, length, step (0: one row repeated, 1: rows in order)] … */
  private readonly segments: number[] = [];
  private lastOutput = 0;
  /** the template extent, and how far everything past it moved */
  private templateEnd = 0;
  private outputEnd = 0;

  record(templateIndex: number, outputIndex: number): void {
    const f = this.first[templateIndex];
    if (f === undefined || outputIndex < f) this.first[templateIndex] = outputIndex;
    const l = this.last[templateIndex];
    if (l === undefined || outputIndex > l) this.last[templateIndex] = outputIndex;
    let runs = this.runsOf[templateIndex];
    if (!runs) this.runsOf[templateIndex] = runs = [];
    const n = runs.length;
    if (n && runs[n - 1] === outputIndex - 1) runs[n - 1] = outputIndex;
    else if (!n || runs[n - 1] < outputIndex) runs.push(outputIndex, outputIndex);
    if (outputIndex <= this.lastOutput) return; // side-by-side areas record one output row once per area
    this.lastOutput = outputIndex;
    const s = this.segments;
    const k = s.length - 4;
    if (k >= 0 && s[k] + s[k + 2] === outputIndex) {
      const step = templateIndex - (s[k + 1] + (s[k + 2] - 1) * s[k + 3]);
      if (s[k + 2] === 1 && (step === 0 || step === 1)) {
        s[k + 3] = step;
        s[k + 2]++;
        return;
      }
      if (step === s[k + 3]) {
        s[k + 2]++;
        return;
      }
    }
    s.push(outputIndex, templateIndex, 1, 1);
  }

  finish(templateEnd: number, outputEnd: number): void {
    this.templateEnd = templateEnd;
    this.outputEnd = outputEnd;
  }

  /** A one-to-one map, for sheets (or axes) that nothing grows. */
  static identity(end: number): AxisMap {
    const m = new AxisMap();
    for (let i = 1; i <= end; i++) m.record(i, i);
    m.finish(end, end);
    return m;
  }

  isRemoved(i: number): boolean {
    return i <= this.templateEnd && this.first[i] === undefined;
  }

  /** First output index of a template index; a removed one collapses onto the next surviving one. */
  firstOf(i: number): number {
    if (i > this.templateEnd) return i + (this.outputEnd - this.templateEnd);
    for (let j = i; j <= this.templateEnd; j++) if (this.first[j] !== undefined) return this.first[j];
    return this.outputEnd + 1;
  }

  /** Last output index of a template index; a removed one collapses onto the previous surviving one. */
  lastOf(i: number): number {
    if (i > this.templateEnd) return i + (this.outputEnd - this.templateEnd);
    for (let j = i; j >= 1; j--) if (this.last[j] !== undefined) return this.last[j];
    return 1;
  }

  /** Every copy of the template indexes from..to, as sorted, joined runs [start, end, …]; past the template, the moved index. */
  copies(from: number, to: number): number[] {
    const all: number[] = [];
    for (let i = from; i <= to; i++) {
      if (i > this.templateEnd) all.push(this.firstOf(i), this.firstOf(i));
      else all.push(...(this.runsOf[i] ?? []));
    }
    return joinRuns(all);
  }

  /** The template index an output index copies (0 when none: past the end, or a row the map never saw). */
  templateOf(o: number): number {
    if (o > this.outputEnd) return o - (this.outputEnd - this.templateEnd);
    const s = this.segments;
    let lo = 0;
    let hi = s.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = s[mid * 4];
      if (o < start) hi = mid - 1;
      else if (o >= start + s[mid * 4 + 2]) lo = mid + 1;
      else return s[mid * 4 + 1] + (o - start) * s[mid * 4 + 3];
    }
    return 0;
  }
}

/** Sorts runs [start, end, …] and joins those that touch or overlap. */
export function joinRuns(runs: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < runs.length; i += 2) pairs.push([runs[i], runs[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [a, b] of pairs) {
    const n = out.length;
    if (n && a <= out[n - 1] + 1) out[n - 1] = Math.max(out[n - 1], b);
    else out.push(a, b);
  }
  return out;
}

/**
 * The output index of a template index inside the current repetition (this item's copy of the row), if it has one.
 * A row of a repeat nested in the repetition lands there once per nested item: `get` is its first copy, `last`
 * its last and `copies` all of them, so a group's `=SUM(C5)` spans that group's rows only.
 */
export type LocalMap = {
  get(index: number): number | undefined;
  last?(index: number): number | undefined;
  copies?(from: number, to: number): number[] | undefined;
} | null;

/**
 * The rows of one of several side-by-side areas: inside the band of rows they share, where this
 * area's own rows went (it grows by its own count of items); everywhere else, the sheet's map.
 */
export class LaneAxis extends AxisMap {
  constructor(
    private readonly base: AxisMap,
    private readonly top: number,
    private readonly bottom: number,
  ) {
    super();
  }

  private own(i: number): boolean {
    return i >= this.top && i <= this.bottom;
  }

  override firstOf(i: number): number {
    if (!this.own(i)) return this.base.firstOf(i);
    for (let j = i; j <= this.bottom; j++) if (!super.isRemoved(j)) return super.firstOf(j);
    return this.base.firstOf(this.bottom + 1);
  }

  override lastOf(i: number): number {
    if (!this.own(i)) return this.base.lastOf(i);
    for (let j = i; j >= this.top; j--) if (!super.isRemoved(j)) return super.lastOf(j);
    return this.base.lastOf(this.top - 1);
  }

  override isRemoved(i: number): boolean {
    return this.own(i) ? super.isRemoved(i) : this.base.isRemoved(i);
  }

  override copies(from: number, to: number): number[] {
    const all: number[] = [];
    for (let i = from; i <= to; i++) all.push(...(this.own(i) ? super.copies(i, i) : this.base.copies(i, i)));
    return joinRuns(all);
  }

  override templateOf(o: number): number {
    return super.templateOf(o) || this.base.templateOf(o);
  }
}
