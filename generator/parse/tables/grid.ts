import type { SourceLine } from "../context";

/** One row of a table as a layout reader saw it: plain strings, and the line the row starts on. */
export interface GridRow {
  cells: string[];
  line: number;
}

/**
 * A layout reader turns the lines of one table region into a grid, or answers null when the
 * region is not printed its way. One reader per way a table is printed; the interpreter never
 * needs to know which one read the grid.
 */
export interface LayoutReader {
  name: string;
  read(lines: SourceLine[]): GridRow[] | null;
}

/** Display width as a monospaced CJK font prints it: wide characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xffdc) ? 2 : 1;
  }
  return w;
}
