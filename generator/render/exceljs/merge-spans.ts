import type { RangeRef } from "../a1";

/** The merges the fill has announced so far, by their top row: a row's merged cells wrap over their whole width. */
export class MergeSpans {
  private seen = 0;
  private readonly byRow = new Map<number, Map<number, number>>();
  constructor(private readonly merges: RangeRef[]) {}
  lastColOf(row: number): (col: number) => number {
    for (; this.seen < this.merges.length; this.seen++) {
      const m = this.merges[this.seen];
      if (m.top !== m.bottom) continue;
      const spans = this.byRow.get(m.top) ?? new Map<number, number>();
      spans.set(m.left, m.right);
      this.byRow.set(m.top, spans);
    }
    const spans = this.byRow.get(row);
    this.byRow.delete(row);
    return (col) => spans?.get(col) ?? col;
  }
}
