/**
 * Row heights that fit wrapped text. Neither exceljs nor LibreOffice sizes a row to wrapped text
 * on its own when a workbook is written (Excel does only once a cell is edited), so a long project
 * name printed over two lines would run into the next row. The height comes from the text and the
 * width it wraps in: a CJK character is two units wide, a Latin letter or digit one; a column of
 * width w (Excel's unit: a digit of the default font) holds about 2·w·11/size units of size-pt text.
 */

export interface HeightCell {
  col: number;
  value: unknown;
  /** the cell's style as the workbook library holds it; only alignment.wrapText and font.size are read */
  style: unknown;
}

interface StyleLike {
  alignment?: { wrapText?: boolean };
  font?: { size?: number };
}

/** Excel's largest row height, in points. */
export const MAX_ROW_HEIGHT = 409;
/** the column width Excel gives a column that sets none */
const DEFAULT_WIDTH = 8.43;
/** line height and cell padding, in points, for a font of `size` points (CJK fonts need more leading than Latin ones) */
const lineHeight = (size: number) => size * 1.45;
const PADDING = 4;

/** Whether a code point is full width (CJK, kana, hangul, full-width forms): two half-width units. */
function isWide(c: number): boolean {
  return c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000);
}

/**
 * The display width of text in half-width units: CJK and other full-width characters count two.
 * Read by char code (a surrogate pair is one character), not with the string iterator: this runs over
 * most cells of a register whose names wrap.
 */
export function textUnits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x1100) {
      n++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    n += isWide(c) ? 2 : 1;
  }
  return n;
}

/** How many lines `text` takes in a column `width` wide at `size` points. */
export function lineCount(text: string, width: number, size: number): number {
  return linesIn(text, capacityOf(width, size));
}

/** How many half-width units of `size`-pt text one line of a column `width` wide holds. */
function capacityOf(width: number, size: number): number {
  // a width of w digits is about 7w+5 px at the default 11-pt font; a half-width unit at `size` pt is about size·2/3 px
  return Math.max(1, Math.floor((width * 7 + 1) / ((size * 2) / 3)));
}

function linesIn(text: string, capacity: number): number {
  // most cells are short: two units a character at most, so no need to look at each one
  if (text.length * 2 <= capacity && !text.includes("\n")) return 1;
  if (!text.includes("\n")) return Math.max(1, Math.ceil(textUnits(text) / capacity));
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) lines += Math.max(1, Math.ceil(textUnits(paragraph) / capacity));
  return lines;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "richText" in (value as object)) return ((value as { richText: Array<{ text: string }> }).richText ?? []).map((r) => r.text).join("");
  return null;
}

/**
 * The height a row needs for its wrapped cells, or null when it needs no more than one line.
 * `widthOf` gives a column's width; `lastColOf` the last column of a cell merged across columns.
 */
export function fittedHeight(cells: HeightCell[], widthOf: (col: number) => number | undefined, lastColOf: (col: number) => number = (c) => c): number | null {
  return new RowHeights(widthOf).of(cells, lastColOf);
}

const sameCol = (c: number) => c;

/**
 * fittedHeight for the rows of one sheet, in order. Column widths are read once (a writer sets them
 * before its first row), and each column remembers its last text: a register repeats its region,
 * plan, 专栏 and 地点 down thousands of rows, and those are counted once per run of equal values.
 */
export class RowHeights {
  private readonly widths: Array<number | undefined> = [];
  private readonly lastText: Array<string | undefined> = [];
  private readonly lastCapacity: number[] = [];
  private readonly lastLines: number[] = [];

  constructor(private readonly widthOf: (col: number) => number | undefined) {}

  private width(col: number): number {
    let w = this.widths[col];
    if (w === undefined) this.widths[col] = w = this.widthOf(col) ?? DEFAULT_WIDTH;
    return w;
  }

  of(cells: HeightCell[], lastColOf: (col: number) => number = sameCol): number | null {
    let best = 0;
    for (const cell of cells) {
      const style = cell.style as StyleLike | null | undefined;
      if (!style?.alignment?.wrapText) continue;
      const text = textOf(cell.value);
      if (!text) continue;
      const size = style.font?.size ?? 11;
      const col = cell.col;
      let width = 0;
      for (let c = col, last = lastColOf(col); c <= last; c++) width += this.width(c);
      const capacity = capacityOf(width, size);
      let lines: number;
      if (this.lastText[col] === text && this.lastCapacity[col] === capacity) lines = this.lastLines[col];
      else {
        lines = linesIn(text, capacity);
        this.lastText[col] = text;
        this.lastCapacity[col] = capacity;
        this.lastLines[col] = lines;
      }
      if (lines > 1) best = Math.max(best, lines * lineHeight(size) + PADDING);
    }
    return best > 0 ? Math.min(MAX_ROW_HEIGHT, Math.ceil(best)) : null;
  }
}
