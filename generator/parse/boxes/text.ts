/** Small text tools shared by the box and target extractors. All are single linear passes. */

const OPEN = "（(【[《“‘「";
const CLOSE = "）)】]》”’」";

/**
 * Splits on any of `seps` where no bracket or quote is open, so "“一主”：…、…" and
 * "汉江堤防加固(荆门三期段)" stay whole. An unbalanced closer is ignored rather than trusted.
 */
export function splitOutside(text: string, seps: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "“" || c === "”") {
      // some exports print both quotes as the same glyph; count “ as open and ” as close
      depth += c === "“" ? 1 : depth > 0 ? -1 : 0;
    } else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && seps.includes(c)) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** Index of the first `ch` outside brackets and quotes, or -1. */
export function indexOutside(text: string, chars: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "“") depth++;
    else if (c === "”") depth = depth > 0 ? depth - 1 : 0;
    else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && chars.includes(c)) return i;
  }
  return -1;
}

/** Trims spaces and the punctuation a list item can carry at its ends. */
export function trimItem(s: string): string {
  return s.replace(/^[\s，,、；;：:。.\u3000*]+|[\s，,、；;：:。.\u3000*]+$/gu, "");
}
