/**
 * Commands over areas, written in cell comments as in jxls:
 *
 *   jx:each(items="plan.indicators" var="item" lastCell="M5")                 repeat rows down
 *   jx:each(items="comparison.columns" var="col" lastCell="C4" direction="right")  repeat columns
 *   jx:each(items="plan.projects" var="box" groupBy="boxTitle" lastCell="H7") one block per group
 *   jx:if(condition="plan.notes" lastCell="A12")                             show rows only if …
 *
 * The area runs from the commented cell to lastCell. Row commands nest; column commands sit inside
 * rows and do not nest in each other.
 */
import { formatCell, formatRange, parseCell, type RangeRef } from "./a1";
import { Condition, FieldPath } from "./expression";
import type { TemplateSheet } from "./sheet-model";

export interface EachCommand {
  kind: "each";
  area: RangeRef;
  items: FieldPath;
  var: string;
  direction: "down" | "right";
  groupBy: string | null;
  where: string;
  children: RowCommand[];
}

export interface IfCommand {
  kind: "if";
  area: RangeRef;
  condition: Condition;
  where: string;
  children: RowCommand[];
}

/** Areas side by side on the same rows, each filled on its own (see sideBySide). */
export interface ParallelCommand {
  kind: "parallel";
  area: RangeRef;
  lanes: RowCommand[];
  where: string;
  /** always empty: the lanes hold the nested commands */
  children: RowCommand[];
}

export type RowCommand = EachCommand | IfCommand | ParallelCommand;

export interface SheetCommands {
  /** row commands at the top level, in row order, each holding the ones nested in it */
  rows: RowCommand[];
  /** column repeats, in column order */
  columns: EachCommand[];
}

export class TemplateError extends Error {}

function parseAttributes(text: string, where: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”)/g;
  let m: RegExpExecArray | null;
  let consumed = "";
  while ((m = re.exec(text))) {
    attrs[m[1]] = m[2] ?? m[3] ?? m[4] ?? "";
    consumed += m[0];
  }
  const leftover = text.replace(re, "").trim();
  if (leftover) throw new TemplateError(`${where}: malformed command arguments near "${leftover}"`);
  return attrs;
}

function parseOne(text: string, row: number, col: number, where: string): RowCommand {
  const m = /^jx:(\w+)\s*\(([\s\S]*)\)\s*$/.exec(text.trim());
  if (!m) throw new TemplateError(`${where}: malformed command "${text.trim()}"`);
  const [, name, args] = m;
  const a = parseAttributes(args, where);
  if (!a.lastCell) throw new TemplateError(`${where}: jx:${name} needs lastCell="…"`);
  let last;
  try {
    last = parseCell(a.lastCell);
  } catch {
    throw new TemplateError(`${where}: lastCell "${a.lastCell}" is not a cell address`);
  }
  if (last.row < row || last.col < col) throw new TemplateError(`${where}: lastCell ${a.lastCell} lies above or left of the command's cell`);
  const area = { top: row, left: col, bottom: last.row, right: last.col };
  try {
    if (name === "each") {
      if (!a.items || !a.var) throw new TemplateError(`${where}: jx:each needs items="…" and var="…"`);
      const direction = a.direction ?? "down";
      if (direction !== "down" && direction !== "right") throw new TemplateError(`${where}: direction must be "down" or "right"`);
      return { kind: "each", area, items: new FieldPath(a.items), var: a.var, direction, groupBy: a.groupBy ?? null, where, children: [] };
    }
    if (name === "if") {
      if (!a.condition) throw new TemplateError(`${where}: jx:if needs condition="…"`);
      return { kind: "if", area, condition: new Condition(a.condition), where, children: [] };
    }
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    throw new TemplateError(`${where}: ${(e as Error).message}`);
  }
  throw new TemplateError(`${where}: unknown command "jx:${name}" (known: jx:each, jx:if)`);
}

/**
 * The commands in a note, each as `jx:name(…)`. Editors put more than the command in a note: Excel
 * starts it with the author's name on a line of its own (`科员:`), and the legacy copy of a threaded
 * comment wraps it in a paragraph of explanation and any replies. A command is what starts with `jx:`
 * at the start of a line and runs to its closing parenthesis (quotes respected); the rest is not ours.
 * Null when the note holds no command: it is the clerk's own note and is kept.
 */
export function commandsInNote(note: string | null): string[] | null {
  if (!note) return null;
  const found: string[] = [];
  const re = /(^|\n)[ \t\u00a0\u3000]*(jx:)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(note))) {
    const start = m.index + m[0].length - 3;
    const end = closingParen(note, start);
    found.push(note.slice(start, end).trim());
    re.lastIndex = Math.max(end, start + 3);
  }
  return found.length ? found : null;
}

/** The index just past the parenthesis closing the first one opened at or after `from`; the end of the line when it is never closed (parseOne reports it). */
function closingParen(text: string, from: number): number {
  const open = text.indexOf("(", from);
  const eol = text.indexOf("\n", from);
  if (open < 0 || (eol >= 0 && eol < open)) return eol < 0 ? text.length : eol;
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "“") quote = "”";
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i + 1;
  }
  return eol < 0 ? text.length : eol;
}

/** Reads every `jx:` comment of a sheet and nests the row commands by their areas. */
export function readCommands(sheet: TemplateSheet, bookLabel: string): SheetCommands {
  const flat: RowCommand[] = [];
  for (const [row, cells] of sheet.rows) {
    for (const cell of cells) {
      const found = commandsInNote(cell.note);
      if (!found) continue;
      const where = `${bookLabel}!${sheet.name}!${formatCell(row, cell.col)}`;
      for (const part of found) flat.push(parseOne(part, row, cell.col, where));
    }
  }
  const columns = flat.filter((c): c is EachCommand => c.kind === "each" && c.direction === "right").sort((a, b) => a.area.left - b.area.left);
  for (let i = 1; i < columns.length; i++) {
    const [p, q] = [columns[i - 1].area, columns[i].area];
    const sameColumns = p.left === q.left && p.right === q.right;
    if (!sameColumns && q.left <= p.right) throw new TemplateError(`${columns[i].where}: column repeat overlaps the one at ${columns[i - 1].where}`);
  }
  const rowCommands = flat
    .filter((c) => !(c.kind === "each" && c.direction === "right"))
    .sort((a, b) => a.area.top - b.area.top || b.area.bottom - a.area.bottom || a.area.left - b.area.left);
  const roots: RowCommand[] = [];
  const stack: RowCommand[] = [];
  const overlapCols = (a: RangeRef, b: RangeRef) => a.left <= b.right && b.left <= a.right;
  for (const c of rowCommands) {
    while (stack.length && stack[stack.length - 1].area.bottom < c.area.top) stack.pop();
    // The parent is the nearest open area over the same columns; an open area over other columns sits beside this one.
    let parent: RowCommand | undefined;
    for (let k = stack.length - 1; k >= 0 && !parent; k--) if (overlapCols(stack[k].area, c.area)) parent = stack[k];
    if (parent) {
      if (c.area.bottom > parent.area.bottom) throw new TemplateError(`${c.where}: area crosses the edge of the area at ${parent.where}`);
      parent.children.push(c);
    } else roots.push(c);
    stack.push(c);
  }
  const grouped = sideBySide(roots, sheet, columns);
  return { rows: grouped, columns };
}

/**
 * Areas next to each other on the same rows (indicators in A:B, projects in E:F) are independent:
 * each grows its own rows and the rows below move by the taller. Such areas become the lanes of one
 * `parallel` command. What cannot be filled faithfully that way is refused, naming the cells: areas
 * that share some rows but not all, a value in those rows outside the areas (which copy would it
 * follow?), or a column repeat across them.
 */
function sideBySide(list: RowCommand[], sheet: TemplateSheet, columns: EachCommand[]): RowCommand[] {
  const out: RowCommand[] = [];
  for (const c of list) {
    if (c.kind !== "parallel") c.children = sideBySide(c.children, sheet, columns);
    const prev = out[out.length - 1];
    if (prev && c.area.top <= prev.area.bottom) {
      const lanes = prev.kind === "parallel" ? prev.lanes : [prev];
      const first = lanes[0];
      if (c.area.top !== first.area.top || c.area.bottom !== first.area.bottom)
        throw new TemplateError(
          `${c.where}: 这个区域（${formatRange(c.area)}）与 ${first.where} 的区域（${formatRange(first.area)}）并排却不占同样的行；并排的区域要从同一行开始、到同一行结束，才能各自增长`,
        );
      lanes.push(c);
      const area = { top: first.area.top, bottom: first.area.bottom, left: Math.min(...lanes.map((l) => l.area.left)), right: Math.max(...lanes.map((l) => l.area.right)) };
      if (prev.kind === "parallel") prev.area = area;
      else out[out.length - 1] = { kind: "parallel", area, lanes, where: first.where, children: [] };
      continue;
    }
    out.push(c);
  }
  for (const p of out) if (p.kind === "parallel") checkLanes(p, sheet, columns);
  return out;
}

function checkLanes(p: ParallelCommand, sheet: TemplateSheet, columns: EachCommand[]): void {
  const inLane = (col: number) => p.lanes.some((l) => col >= l.area.left && col <= l.area.right);
  const stray: string[] = [];
  for (let r = p.area.top; r <= p.area.bottom; r++)
    for (const cell of sheet.rows.get(r) ?? []) if (!inLane(cell.col) && cell.value !== null && cell.value !== "") stray.push(formatCell(r, cell.col));
  if (stray.length)
    throw new TemplateError(`${p.where}: 并排的重复区域之间或两旁的 ${stray.join("、")} 有内容，而这几行会按各区域的条数分别增长，无法确定它该跟随哪一个；请把它移到区域之外的行`);
  const across = columns.find((k) => k.area.top <= p.area.bottom && k.area.bottom >= p.area.top);
  if (across) throw new TemplateError(`${across.where}: 向右重复的列不能与并排的向下重复区域（${p.where} 起）放在同样的行上`);
}

export function isCommandNote(note: string | null): boolean {
  return commandsInNote(note) !== null;
}
