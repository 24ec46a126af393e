/**
 * A Grid is what every writer puts into a sheet: header names, one kind per column and the rows,
 * already reduced to plain strings and numbers. Building it is pure, so it is tested without Excel.
 */

export type CellValue = string | number;

/** "text" columns get the text format "@"; "number" columns a numeric format sized to their decimals */
export type ColumnKind = "text" | "number";

export interface Grid {
  headers: string[];
  kinds: ColumnKind[];
  rows: CellValue[][];
  /** a fill and font for each body cell of one column (the 状态 of 规划实施监测); null leaves the cell plain */
  highlight?: { column: number; styles: Array<CellStyle | null> };
}

/** Colours as ExcelApi 1.1 sets them (RangeFill.color, RangeFont.color/bold): "#RRGGBB". */
export interface CellStyle {
  fill: string;
  font: string;
  bold: boolean;
}

/**
 * Characters that make Excel read typed text as a formula (or as a DDE/command call), also after
 * leading whitespace: Excel skips spaces (and tabs, line breaks, the ideographic space of Chinese
 * text) before deciding, so " =1+1" is as live as "=1+1".
 */
const FORMULA_TRIGGERS = /^[\s\u3000\u00a0]*[=+\-@]/;

/**
 * Document text is data, never a formula: "=SUM(...)" or "-3%" printed in a plan must arrive as
 * the same characters. The leading apostrophe is Excel's own "this is text" marker and is not
 * shown in the cell; text columns are also formatted "@" so the guard holds twice over. Text
 * that itself begins with an apostrophe gets one more, since Excel would swallow its own.
 */
export function guardText(text: string): string {
  return FORMULA_TRIGGERS.test(text) || text.startsWith("'") ? `'${text}` : text;
}

/**
 * Every cell of a grid as Excel should receive it: numbers stay numbers, strings are guarded. A
 * string in a number column (a figure printed in words or with its unit, "增长8.2%") is marked as
 * text: Excel would otherwise read "7%" as 0.07 and "1/2" as a date — a number the source never said.
 */
export function toSheetValues(grid: Grid): CellValue[][] {
  const header = grid.headers.map(guardText);
  const body = grid.rows.map((row) =>
    row.map((cell, c) => (typeof cell !== "string" ? cell : grid.kinds[c] === "number" && cell !== "" ? `'${cell}` : guardText(cell))),
  );
  return [header, ...body];
}

/**
 * A number format with as many decimals as the column actually uses (at most 4), thousands
 * separated: "#,##0" for 1200, "#,##0.0" for 6.4. Text cells in a number column (words such as
 * "与GDP增长同步" never get there: the grid builders put words in text columns) are left alone.
 */
export function numberFormatFor(grid: Grid, column: number): string {
  if (grid.kinds[column] === "text") return "@";
  let decimals = 0;
  for (const row of grid.rows) {
    const cell = row[column];
    if (typeof cell !== "number" || !Number.isFinite(cell)) continue;
    const fraction = String(cell).split(".")[1];
    if (fraction) decimals = Math.max(decimals, Math.min(fraction.length, 4));
  }
  return decimals === 0 ? "#,##0" : `#,##0.${"0".repeat(decimals)}`;
}

/** Checks the builders' promise that every row is as wide as the header. */
export function assertRectangular(grid: Grid): void {
  const width = grid.headers.length;
  if (grid.kinds.length !== width) throw new Error(`grid has ${width} headers but ${grid.kinds.length} column kinds`);
  grid.rows.forEach((row, index) => {
    if (row.length !== width) throw new Error(`grid row ${index} has ${row.length} cells, header has ${width}`);
  });
}
