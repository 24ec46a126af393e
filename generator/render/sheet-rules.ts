/**
 * Two rules about whole sheets, applied to a loaded template before it is rendered:
 *
 * - A sheet whose every row sits under one `jx:if` placed on A1 (its area reaching the sheet's last
 *   row) is left out of the workbook when the condition is false: a work report has no 主要指标,
 *   a plan without layout boxes no 布局与方向, and an empty sheet is not printed.
 * - An Excel Table whose name ends in "_" is named after the plan it shows ("主要指标_" →
 *   "主要指标_荆门_十四五"), so a clerk with several reports open can tell the tables apart. Other
 *   names are kept: a clerk's formulas may refer to them.
 */
import { readCommands } from "./commands";
import { fail } from "./walk";
import type { Scope } from "./expression";
import type { TemplateBook, TemplateSheet } from "./sheet-model";

function sheetCondition(sheet: TemplateSheet, label: string) {
  const commands = readCommands(sheet, label);
  const first = commands.rows[0];
  if (commands.rows.length !== 1 || first.kind !== "if") return null;
  if (first.area.top !== 1 || first.area.left !== 1 || first.area.bottom < sheet.maxRow) return null;
  return first;
}

/** The sheets that show something for this scope; the book is changed in place and returned. */
export function omitEmptySheets(book: TemplateBook, scope: Scope): TemplateBook {
  book.sheets = book.sheets.filter((sheet) => {
    const condition = sheetCondition(sheet, book.label);
    if (!condition) return true;
    try {
      return condition.condition.test(scope);
    } catch (e) {
      fail(condition.where, e);
    }
  });
  return book;
}

/** "荆门市" → "荆门", "恩施土家族苗族自治州" → "恩施土家族苗族": the name people say. */
function shortRegion(region: string): string {
  const s = region.replace(/(?:自治州|自治县|市|县|区|州|省|盟|旗)$/u, "");
  return s.length >= 2 ? s : region;
}

/**
 * A valid Excel Table name: letters (CJK included), digits, "_" and "."; starting with a letter or
 * "_"; not a cell reference (A1, R1C1); at most 255 characters.
 */
export function validTableName(wanted: string): string {
  let s = wanted.normalize("NFKC").replace(/[^\p{L}\p{N}_.]+/gu, "_").replace(/_+/g, "_").replace(/^_+|_+$/g, "");
  if (!s || !/^[\p{L}_]/u.test(s) || /^[A-Za-z]{1,3}\d+$/u.test(s) || /^[Rr]\d*[Cc]\d*$/u.test(s)) s = `_${s}`;
  return s.slice(0, 255);
}

/** Names tables ending in "_" after the plan in scope; unique within the book. */
export function nameTables(book: TemplateBook, scope: Scope): TemplateBook {
  const plan = scope.plan as { region: string | null; periodLabel: string } | null | undefined;
  const used = new Set<string>();
  for (const sheet of book.sheets) for (const t of sheet.tables) if (!t.name.endsWith("_")) used.add(t.name.toLowerCase());
  for (const sheet of book.sheets) {
    for (const t of sheet.tables) {
      if (!t.name.endsWith("_")) continue;
      const parts = [t.name.slice(0, -1), plan?.region ? shortRegion(plan.region) : "", plan?.periodLabel ?? ""].filter(Boolean);
      let name = validTableName(parts.join("_"));
      for (let n = 2; used.has(name.toLowerCase()); n++) name = validTableName(`${parts.join("_")}_${n}`);
      used.add(name.toLowerCase());
      t.name = name;
      t.spec = { ...t.spec, name, displayName: name };
    }
  }
  return book;
}
