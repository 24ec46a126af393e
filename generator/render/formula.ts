/**
 * Re-targets the references in a formula after areas grew: `=SUM(F5)` under a repeated row 5
 * becomes `=SUM(F5:F24)`, `=F5*2` inside the repeated row points at its own copy of F5, and a
 * reference below a grown area moves down with it. Strings, structured references (Table[Col])
 * and function names are left alone.
 */
import { colToNumber, numberToCol } from "./a1";
import type { AxisMap, LocalMap } from "./axis";

export interface SheetMaps {
  rows: AxisMap;
  cols: AxisMap;
}

export interface RetargetContext {
  /** maps of the sheet the formula is on */
  own: SheetMaps;
  /** maps of another sheet by name, for `'其他'!A1`; null leaves such references as they are */
  sheet(name: string): SheetMaps | null;
  localRows: LocalMap;
  localCols: LocalMap;
}

const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const REF = new RegExp(
  String.raw`("(?:[^"]|"")*")|(\[[^\]]*\])|(?<![\w.$])(${SHEET})?(?:(${CELL})(?::(${CELL}))?|(\$?\d+):(\$?\d+)|(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3}))(?![\w(!])`,
  "g",
);

interface Part {
  absCol: boolean;
  col: number;
  absRow: boolean;
  row: number;
}

function parsePart(text: string): Part {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(text)!;
  return { absCol: m[1] === "$", col: colToNumber(m[2]), absRow: m[3] === "$", row: Number(m[4]) };
}

function fmt(p: Part): string {
  return `${p.absCol ? "$" : ""}${numberToCol(p.col)}${p.absRow ? "$" : ""}${p.row}`;
}

/** [start, end] of one axis of a reference: inside the current repetition it is the local copy; outside, the whole grown span. */
function span(map: AxisMap, local: LocalMap, from: number, to: number): [number, number] {
  const a = local?.get(from) ?? map.firstOf(from);
  const b = (local?.last ? local.last(to) : local?.get(to)) ?? map.lastOf(to);
  return [a, Math.max(a, b)];
}

export function retargetFormula(formula: string, ctx: RetargetContext): string {
  return formula.replace(REF, (whole, str, bracket, sheetPrefix, c1, c2, r1, r2, k1, k2) => {
    if (str || bracket) return whole;
    const prefix: string = sheetPrefix ?? "";
    let maps = ctx.own;
    let localRows = ctx.localRows;
    let localCols = ctx.localCols;
    if (prefix) {
      const name = prefix.slice(0, -1).replace(/^'|'$/g, "").replace(/''/g, "'");
      const other = ctx.sheet(name);
      if (!other) return whole;
      if (other !== ctx.own) {
        maps = other;
        localRows = null;
        localCols = null;
      }
    }
    if (c1) {
      const p = parsePart(c1);
      const q = c2 ? parsePart(c2) : { ...p };
      const [top, bottom] = span(maps.rows, localRows, p.row, q.row);
      const [left, right] = span(maps.cols, localCols, p.col, q.col);
      const a: Part = { ...p, row: top, col: left };
      const b: Part = { ...q, row: bottom, col: right };
      const single = a.row === b.row && a.col === b.col;
      return prefix + (single ? fmt(a) : `${fmt(a)}:${fmt(b)}`);
    }
    if (r1) {
      const [top, bottom] = span(maps.rows, localRows, Number(r1.replace("$", "")), Number(r2.replace("$", "")));
      return `${prefix}${r1.startsWith("$") ? "$" : ""}${top}:${r2.startsWith("$") ? "$" : ""}${bottom}`;
    }
    const [left, right] = span(maps.cols, localCols, colToNumber(k1.replace("$", "")), colToNumber(k2.replace("$", "")));
    return `${prefix}${k1.startsWith("$") ? "$" : ""}${numberToCol(left)}:${k2.startsWith("$") ? "$" : ""}${numberToCol(right)}`;
  });
}
