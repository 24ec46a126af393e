/**
 * Excel on the web refuses a request over 5 MB, so row blocks are cut to stay under a budget
 * (~4 MB leaves room for the envelope and number formats). Sizes are estimated as the JSON the
 * request carries, in UTF-8 bytes: a Chinese character is 3 bytes.
 */
import type { CellValue } from "./grid";

export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** JSON size of one row as it travels in a values array: quotes, commas and brackets included. */
export function rowBytes(row: readonly CellValue[]): number {
  let bytes = 2 + Math.max(0, row.length - 1);
  for (const cell of row) {
    if (typeof cell === "number") bytes += String(cell).length;
    else bytes += utf8Length(cell) + 2 + (cell.match(/["\\]/g)?.length ?? 0);
  }
  return bytes;
}

export interface RowBlock {
  /** index of the block's first row within the rows given */
  start: number;
  rows: CellValue[][];
  bytes: number;
}

/** Consecutive blocks of rows, each under the budget (a single row larger than it is still one block). */
export function splitByBytes(rows: CellValue[][], budget = REQUEST_BUDGET_BYTES): RowBlock[] {
  const blocks: RowBlock[] = [];
  let current: RowBlock = { start: 0, rows: [], bytes: 0 };
  rows.forEach((row, index) => {
    const size = rowBytes(row) + 1;
    if (current.rows.length > 0 && current.bytes + size > budget) {
      blocks.push(current);
      current = { start: index, rows: [], bytes: 0 };
    }
    current.rows.push(row);
    current.bytes += size;
  });
  if (current.rows.length > 0 || blocks.length === 0) blocks.push(current);
  return blocks;
}
