/**
 * Re-targets the references in a formula after areas grew: `=SUM(F5)` under a repeated row 5
 * becomes `=SUM(F5:F24)`, `=F5*2` inside the repeated row points at its own copy of F5, `=F5` under
 * it at the first copy, and a reference below a grown area moves down with it (references.ts has
 * the rules). The formula is read token by token to know, for each reference, the function and
 * argument it sits in (formula-functions.ts). Strings, structured references (Table[Col]), external
 * references ([1]Sheet!A1) and function names are left alone.
 */
import { colToNumber, numberToCol } from "./a1";
import type { LocalMap } from "./axis";
import { TemplateError } from "./commands";
import { argumentRole, functionName, MAX_ARGUMENTS, MAX_FORMULA_LENGTH, type ArgumentRole } from "./formula-functions";
import { resolveAxis, type SheetMaps } from "./references";

export type { SheetMaps } from "./references";

export interface RetargetContext {
  /** maps of the sheet the formula is on */
  own: SheetMaps;
  /** maps of another sheet by name, for `'其他'!A1`; null leaves such references as they are */
  sheet(name: string): SheetMaps | null;
  localRows: LocalMap;
  localCols: LocalMap;
  /**
   * "cell" (the default): a cell's formula, by the copy rules above. "range": every reference stands
   * for all the copies of what it names — a defined name, a chart series, a pivot table's source.
   */
  mode?: "cell" | "range";
  /** template!sheet!cell, for the error when copies cannot be written as the function needs */
  where?: string;
}

const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const REF = new RegExp(
  String.raw`(?<![\w.$\]])(${SHEET})?(?:(${CELL})(?::(${CELL}))?|(\$?\d+):(\$?\d+)|(\$?[A-Za-z]{1,3}):(\$?[A-Za-z]{1,3}))(?![\w(!\[])`,
  "y",
);
const FUNCTION = /([A-Za-z_][\w.]*)\s*\(/y;

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

const fmtCol = (abs: boolean, col: number) => `${abs ? "$" : ""}${numberToCol(col)}`;
const fmtRow = (abs: boolean, row: number) => `${abs ? "$" : ""}${row}`;

type Frame = { fn: string | null; arg: number };

/** The character index of the next non-space at or after i (or before i, going back). */
function significant(text: string, i: number, step: 1 | -1): string {
  for (let j = i; j >= 0 && j < text.length; j += step) if (!/\s/.test(text[j])) return text[j];
  return "";
}

export function retargetFormula(formula: string, ctx: RetargetContext): string {
  const range = ctx.mode === "range";
  let out = "";
  const stack: Frame[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      const end = closing(formula, i, '"');
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "[") {
      const end = closingBracket(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "{") {
      const end = formula.indexOf("}", i) < 0 ? formula.length : formula.indexOf("}", i) + 1;
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    REF.lastIndex = i;
    const ref = REF.exec(formula);
    if (ref) {
      const fn = [...stack].reverse().find((f) => f.fn !== null) ?? null;
      const whole = "(,".includes(significant(formula, i - 1, -1) || "x") && "),".includes(significant(formula, REF.lastIndex, 1) || "x");
      const role: ArgumentRole = range ? "list" : fn ? argumentRole(fn.fn!, fn.arg, whole) : null;
      out += rewriteReference(ref, ctx, role, fn?.fn ?? null);
      i = REF.lastIndex;
      continue;
    }
    FUNCTION.lastIndex = i;
    const call = /[A-Za-z_]/.test(ch) && (i === 0 || !/[\w.$]/.test(formula[i - 1])) ? FUNCTION.exec(formula) : null;
    if (call) {
      stack.push({ fn: functionName(call[1]), arg: 0 });
      out += call[0];
      i = FUNCTION.lastIndex;
      continue;
    }
    if (ch === "(") stack.push({ fn: null, arg: 0 });
    else if (ch === ")") stack.pop();
    else if (ch === "," && stack.length && stack[stack.length - 1].fn !== null) stack[stack.length - 1].arg++;
    else if (/[A-Za-z_\u4e00-\u9fff]/.test(ch)) {
      // a name (a defined name, TRUE): copied whole, so no reference is read from its middle
      const m = /[\w.\u4e00-\u9fff]+/y;
      m.lastIndex = i;
      const word = m.exec(formula)![0];
      out += word;
      i += word.length;
      continue;
    }
    out += ch;
    i++;
  }
  if (!range && out.length > MAX_FORMULA_LENGTH && ctx.where)
    throw new TemplateError(`${ctx.where}: 公式展开后有 ${out.length} 个字符，超过 Excel 的上限 ${MAX_FORMULA_LENGTH}；请让合计引用连续的一列（把要加总的值放在单独一列）`);
  return out;
}

function closing(text: string, from: number, quote: string): number {
  for (let j = from + 1; j < text.length; j++) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return text.length;
}

function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    if (text[j] === "[") depth++;
    else if (text[j] === "]" && --depth === 0) {
      // an external reference ([1]Sheet!A1) carries on past its bracket: keep the rest of it too
      const ext = /^(?:'(?:[^']|'')+'|[\w.\u4e00-\u9fff]+)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?/.exec(text.slice(j + 1));
      return j + 1 + (ext ? ext[0].length : 0);
    }
  }
  return text.length;
}

function rewriteReference(m: RegExpExecArray, ctx: RetargetContext, role: ArgumentRole, fn: string | null): string {
  const [whole, sheetPrefix, c1, c2, r1, r2, k1, k2] = m;
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
  const expand = role !== null;
  const occupied = maps.occupied ?? (() => true);
  if (c1) {
    const p = parsePart(c1);
    const q = c2 ? parsePart(c2) : { ...p };
    const rowsMap = maps.rowsFor ? maps.rowsFor(p.col, q.col) : maps.rows;
    const rows = resolveAxis(rowsMap, localRows, { from: p.row, to: q.row, absFrom: p.absRow, absTo: q.absRow }, expand, (t) => !occupied(t, t, p.col, q.col));
    const cols = resolveAxis(maps.cols, localCols, { from: p.col, to: q.col, absFrom: p.absCol, absTo: q.absCol }, expand, (t) => !occupied(p.row, q.row, t, t));
    const rects: string[] = [];
    for (let a = 0; a < rows.length; a += 2)
      for (let b = 0; b < cols.length; b += 2) {
        const from = `${fmtCol(p.absCol, cols[b])}${fmtRow(p.absRow, rows[a])}`;
        const to = `${fmtCol(q.absCol, cols[b + 1])}${fmtRow(q.absRow, rows[a + 1])}`;
        rects.push(prefix + (from === to ? from : `${from}:${to}`));
      }
    return joined(rects, role, fn, ctx, whole);
  }
  if (r1) {
    const [from, to] = [r1, r2].map((r) => Number(r.replace("$", "")));
    const runs = resolveAxis(maps.rows, localRows, { from, to, absFrom: r1.startsWith("$"), absTo: r2.startsWith("$") }, expand, (t) => !occupied(t, t, 1, 16384));
    const rects: string[] = [];
    for (let a = 0; a < runs.length; a += 2) rects.push(`${prefix}${fmtRow(r1.startsWith("$"), runs[a])}:${fmtRow(r2.startsWith("$"), runs[a + 1])}`);
    return joined(rects, role, fn, ctx, whole);
  }
  const [from, to] = [k1, k2].map((k) => colToNumber(k.replace("$", "")));
  const runs = resolveAxis(maps.cols, localCols, { from, to, absFrom: k1.startsWith("$"), absTo: k2.startsWith("$") }, expand, (t) => !occupied(1, 1048576, t, t));
  const rects: string[] = [];
  for (let a = 0; a < runs.length; a += 2) rects.push(`${prefix}${fmtCol(k1.startsWith("$"), runs[a])}:${fmtCol(k2.startsWith("$"), runs[a + 1])}`);
  return joined(rects, role, fn, ctx, whole);
}

/** Several ranges where the function takes a list; an error naming the cell where it takes one range only. */
function joined(rects: string[], role: ArgumentRole, fn: string | null, ctx: RetargetContext, original: string): string {
  if (rects.length === 1) return rects[0];
  if (role === "list" && rects.length <= MAX_ARGUMENTS) return rects.join(",");
  const where = ctx.where ?? "模板";
  const shown = rects.slice(0, 4).join("、") + (rects.length > 4 ? "…" : "");
  if (role === "list")
    throw new TemplateError(`${where}: ${fn ?? ""}(${original}) 要引用 ${rects.length} 处不相连的单元格（${shown}），超过 Excel 一个函数 ${MAX_ARGUMENTS} 个参数的上限；请把要汇总的值放在单独一列，让它们连成一片`);
  throw new TemplateError(`${where}: ${fn}(${original}) 引用的单元格在重复区域中不相连（${shown}），而 ${fn} 的这个参数只能是一个连续区域；请把要引用的值放在单独一列`);
}

