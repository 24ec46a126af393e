/**
 * Where a template row (or column) went in the output. A repeated template row lands on many output
 * rows; a row inside a false `jx:if` lands nowhere. Everything that points at template cells
 * (formulas, merged cells, names, tables, conditional formats, validations, print settings) is
 * moved through one of these, so it all agrees.
 */
export class AxisMap {
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  /** the template extent, and how far everything past it moved */
  private templateEnd = 0;
  private outputEnd = 0;

  record(templateIndex: number, outputIndex: number): void {
    const f = this.first[templateIndex];
    if (f === undefined || outputIndex < f) this.first[templateIndex] = outputIndex;
    const l = this.last[templateIndex];
    if (l === undefined || outputIndex > l) this.last[templateIndex] = outputIndex;
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
}

/**
 * The output index of a template index inside the current repetition (this item's copy of the row), if it has one.
 * A row of a repeat nested in the repetition lands there once per nested item: `get` is its first copy and `last`
 * its last, so a group's `=SUM(C5)` spans that group's rows only.
 */
export type LocalMap = { get(index: number): number | undefined; last?(index: number): number | undefined } | null;
