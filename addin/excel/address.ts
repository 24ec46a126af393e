/**
 * A1 addresses computed in JavaScript, so that the writers know every range they touch before
 * the first round trip to Excel and never have to ask Excel where something ended up.
 */

export interface Area {
  sheet: string | null;
  /** 0-based first row and column */
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export function columnLetters(index: number): string {
  let letters = "";
  let n = index + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function parseCell(text: string): { row: number; column: number } {
  const match = CELL.exec(text);
  if (!match) throw new Error(`not a cell address: ${text}`);
  return { column: columnIndex(match[1]), row: Number(match[2]) - 1 };
}

/** "Sheet1!B3:D10", "'规划 指标'!A1", "C5" → an Area. Whole-column/row forms are not used here. */
export function parseAddress(address: string): Area {
  let sheet: string | null = null;
  let cells = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    cells = address.slice(bang + 1);
  }
  const [first, last = first] = cells.split(":");
  const a = parseCell(first);
  const b = parseCell(last);
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { sheet, row, column, rowCount: Math.abs(a.row - b.row) + 1, columnCount: Math.abs(a.column - b.column) + 1 };
}

/** The address without a sheet name, for Worksheet.getRange. */
export function formatArea(area: Pick<Area, "row" | "column" | "rowCount" | "columnCount">): string {
  const first = `${columnLetters(area.column)}${area.row + 1}`;
  if (area.rowCount === 1 && area.columnCount === 1) return first;
  return `${first}:${columnLetters(area.column + area.columnCount - 1)}${area.row + area.rowCount}`;
}

export function intersect(a: Area, b: Area): Area | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  if (rowEnd <= row || columnEnd <= column) return null;
  return { sheet: a.sheet, row, column, rowCount: rowEnd - row, columnCount: columnEnd - column };
}
