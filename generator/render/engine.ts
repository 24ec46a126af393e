/** Template + data → output book: read the commands, lay every sheet out, then fill it. */
import { commandsInNote, readCommands } from "./commands";
import type { Scope } from "./expression";
import { fillSheet } from "./fill";
import { retargetFormula, type SheetMaps } from "./formula";
import { layoutSheet, sheetMaps } from "./layout";
import type { OutputBook, TemplateBook } from "./sheet-model";

export function renderBook(book: TemplateBook, scope: Scope): OutputBook {
  const commands = book.sheets.map((s) => readCommands(s, book.label));
  // Every sheet is laid out before any is filled, so a formula on one sheet can point at another's grown rows.
  const layouts = book.sheets.map((s, i) => layoutSheet(s, commands[i], scope));
  const maps = new Map<string, SheetMaps>(book.sheets.map((s, i) => [s.name, sheetMaps(s, layouts[i])]));
  const mapsOf = (name: string) => maps.get(name) ?? null;
  const sheets = book.sheets.map((sheet, i) => fillSheet({ sheet, commands: commands[i], layout: layouts[i], bookLabel: book.label, mapsOf }));
  const anySheet = maps.values().next().value as SheetMaps;
  const definedNames = book.definedNames.map((d) => ({
    ...d,
    ranges: d.ranges.map((r) => retargetFormula(r, { own: anySheet, sheet: mapsOf, localRows: null, localCols: null, mode: "range" })),
  }));
  return { template: book, sheets, definedNames, mapsOf };
}

/** The fields a template uses, by their first name (`plan`, `plans`, `projects` …), without rendering it. */
export function fieldRoots(book: TemplateBook): Set<string> {
  const roots = new Set<string>();
  for (const sheet of book.sheets) {
    for (const cells of sheet.rows.values()) {
      for (const c of cells) {
        if (typeof c.value === "string") for (const m of c.value.matchAll(/\{\{\s*([\p{L}_$][\p{L}\p{N}_$]*)/gu)) roots.add(m[1]);
        for (const command of commandsInNote(c.note) ?? []) for (const m of command.matchAll(/(?:items|condition)\s*=\s*["']\s*!?\s*([\p{L}_$][\p{L}\p{N}_$]*)/gu)) roots.add(m[1]);
      }
    }
  }
  return roots;
}
