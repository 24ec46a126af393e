import { rowLine, type DocLine } from "./types";

/**
 * Collects a decoder's lines in reading order and numbers its tables and boxes, so every decoder
 * marks rows, boxes and headings the same way.
 */
export class LineSink {
  readonly lines: DocLine[] = [];
  private tables = 0;
  private boxes = 0;

  /** a paragraph's text as one line (several when it holds line breaks); blank paragraphs kept as "" */
  para(text: string, opts: { box?: number; heading?: 1 | 2 | 3; table?: number } = {}): void {
    for (const part of text.split("\n")) {
      const line: DocLine = { text: part.replace(/[\t\u00a0]+/g, (m) => (m.includes("\t") ? "\t" : " ")).replace(/\s+$/u, "") };
      if (opts.box !== undefined) line.box = opts.box;
      if (opts.heading) line.heading = opts.heading;
      if (opts.table !== undefined) line.table = opts.table;
      this.lines.push(line);
    }
  }

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1].text !== "") this.lines.push({ text: "" });
  }

  newBox(): number {
    return this.boxes++;
  }

  newTable(): number {
    return this.tables++;
  }

  /**
   * A grid of a real table. Rows at its top whose one cell spans the whole width (a caption
   * printed inside the frame: "专栏 4-1 …", "单位：亿元") are lines of their own; the rest are rows.
   * A blank line follows, as the text layouts have one.
   */
  grid(rows: string[][], box?: number): void {
    const table = this.tables++;
    const width = Math.max(0, ...rows.map((r) => r.length));
    let body = false;
    this.blank();
    for (const r of rows) {
      const filled = r.filter((c) => c.trim() !== "");
      if (!filled.length) continue;
      if (!body && width > 1 && filled.length === 1 && r[0].trim() !== "" && new Set(r.map((c) => c.trim()).filter(Boolean)).size === 1) {
        this.para(r[0].trim(), { box, table });
        continue;
      }
      body = true;
      const cells = r.length < width ? [...r, ...new Array<string>(width - r.length).fill("")] : r;
      this.lines.push(rowLine(cells, table, box));
    }
    this.lines.push(box === undefined ? { text: "" } : { text: "", box });
  }
}

/** One cell of a table as printed: its text and how many rows and columns it covers. */
export interface SpanCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/**
 * Expands rowspan/colspan into a plain grid, as a browser lays the table out: a cell merged
 * down fills every row it spans (a category printed once belongs to each of its rows); a cell
 * merged across keeps its text in its first column and leaves the others empty, so values never
 * appear twice.
 */
export function expandSpans(rows: SpanCell[][], maxRowspan = 1000): string[][] {
  const grid: string[][] = [];
  // carried[col] = rows still covered by a cell merged down from above, and its text
  const carried: Array<{ left: number; text: string } | undefined> = [];
  for (const row of rows) {
    const out: string[] = [];
    let col = 0;
    const place = () => {
      while (carried[col] && carried[col]!.left > 0) {
        out[col] = carried[col]!.text;
        carried[col]!.left--;
        col++;
      }
    };
    for (const cell of row) {
      place();
      const span = Math.max(1, Math.min(cell.colspan, 100));
      const down = Math.max(1, Math.min(cell.rowspan, maxRowspan));
      for (let k = 0; k < span; k++) {
        out[col + k] = k === 0 ? cell.text : "";
        carried[col + k] = down > 1 ? { left: down - 1, text: k === 0 ? cell.text : "" } : undefined;
      }
      col += span;
    }
    place();
    for (let c = col; c < carried.length; c++) {
      if (carried[c] && carried[c]!.left > 0) {
        out[c] = carried[c]!.text;
        carried[c]!.left--;
      }
    }
    for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = "";
    grid.push(out);
  }
  return grid;
}
