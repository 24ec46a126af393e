/**
 * Which command a template cell is filled by, for error messages: an unknown field names the cell
 * and the command whose items it was being filled from, so a clerk sees which `var` the field should
 * have started with.
 */
import type { RangeRef } from "./a1";
import type { RowCommand, SheetCommands } from "./commands";

const inside = (a: RangeRef, row: number, col: number) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;

export function describeCommand(c: RowCommand): string {
  if (c.kind === "each") return `jx:each(items="${c.items.source}" var="${c.var}")`;
  if (c.kind === "if") return `jx:if(condition="${c.condition.source}")`;
  return "并排的区域";
}

/** `（来自 X!Y!A4 的 jx:each(items="…" var="item")）`, or a word that the cell is in no repeated area. */
export function commandContext(commands: SheetCommands, row: number, col: number, book: string, sheet: string): string {
  const eaches: RowCommand[] = [];
  const walk = (list: RowCommand[]) => {
    for (const c of list) {
      if (!inside(c.area, row, col)) continue;
      if (c.kind === "parallel") walk(c.lanes);
      else {
        if (c.kind === "each") eaches.push(c);
        walk(c.children);
      }
    }
  };
  walk(commands.rows);
  for (const k of commands.columns) if (inside(k.area, row, col)) eaches.push(k);
  if (!eaches.length) return `（${book}!${sheet} 的这个单元格不在任何 jx:each 区域内，只能用 plan、plans、projects、comparison 等顶层名称）`;
  const names = eaches.map((c) => `${c.where} 的 ${describeCommand(c)}`).join("，其中又有 ");
  return `（这个单元格由 ${names} 填写）`;
}
