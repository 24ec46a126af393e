/**
 * A worksheet name Excel will accept. worksheets.add() throws on a bad one, and the name comes
 * from plan titles and indicator names, so any text must come out valid. Excel's rules: 1 to 31
 * characters, none of : \ / ? * [ ], no apostrophe first or last, unique in the workbook
 * ignoring case, and not "History" (reserved for the change-tracking sheet).
 */

export const SHEET_NAME_MAX = 31;

/** the forbidden characters, and control characters (a line break pasted into a title) */
const FORBIDDEN = /[:\\/?*[\]\u0000-\u001f\u007f]+/g;
const FALLBACK = "Planbook";
const RESERVED = ["History"];

/**
 * `wanted` made valid and different from every name in `existing`: forbidden characters become a
 * space ("2021/2025" stays readable), apostrophes and spaces at either end go, the beginning is
 * kept when it is too long (the plan's region and period come first), and a taken name gets
 * " (2)", " (3)" … within the 31 characters, as Excel names a copied sheet.
 */
export function safeSheetName(wanted: string, existing: readonly string[]): string {
  const base = trimEnds(wanted.replace(FORBIDDEN, " ").replace(/\s+/g, " ")) || FALLBACK;
  const taken = new Set([...existing, ...RESERVED].map(fold));
  let name = trimEnds(cut(base, SHEET_NAME_MAX));
  for (let n = 2; taken.has(fold(name)); n++) {
    const suffix = ` (${n})`;
    name = (trimEnds(cut(base, SHEET_NAME_MAX - suffix.length)) || FALLBACK) + suffix;
  }
  return name;
}

/** Excel refuses an apostrophe at either end; spaces there only confuse. Repeated because one may hide the other. */
function trimEnds(text: string): string {
  return text.replace(/^[\s']+|[\s']+$/g, "");
}

/**
 * The longest beginning of `text` within `max` UTF-16 units (the length Excel checks), cut
 * between code points so that a character outside the BMP (rare CJK in place names) is never
 * split into half a surrogate pair.
 */
function cut(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Excel compares sheet names without regard to case. */
function fold(name: string): string {
  return name.toLowerCase();
}
