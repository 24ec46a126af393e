/** Small text tools shared by the box and target extractors. All are single linear passes. */

const OPEN = "（(【[《‘「";
const CLOSE = "）)】]》’」";

/** bracket kind per UTF-16 code: 1 opens, -1 closes, 2 is “ and 3 is ” (some exports print both alike) */
const KIND = new Int8Array(0x10000);
for (const c of OPEN) KIND[c.charCodeAt(0)] = 1;
for (const c of CLOSE) KIND[c.charCodeAt(0)] = -1;
KIND["“".charCodeAt(0)] = 2;
KIND["”".charCodeAt(0)] = 3;

/** Walks the text once, calling `hit` at each character of `chars` outside brackets; stops when it returns false. */
function scanOutside(text: string, chars: string, hit: (i: number) => boolean): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const k = KIND[code];
    if (k === 1 || k === 2) depth++;
    else if (k === -1 || k === 3) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && chars.indexOf(text[i]) >= 0 && !hit(i)) return;
  }
}

/**
 * Splits on any of `seps` where no bracket or quote is open, so "“一主”：…、…" and
 * "汉江堤防加固(荆门三期段)" stay whole. An unbalanced closer is ignored rather than trusted.
 */
export function splitOutside(text: string, seps: string): string[] {
  let any = false;
  for (const c of seps) if (text.indexOf(c) >= 0) any = true;
  if (!any) return [text];
  const parts: string[] = [];
  let from = 0;
  scanOutside(text, seps, (i) => {
    parts.push(text.slice(from, i));
    from = i + 1;
    return true;
  });
  parts.push(text.slice(from));
  return parts;
}

/** Index of the first of `chars` outside brackets and quotes, or -1. */
export function indexOutside(text: string, chars: string): number {
  let found = -1;
  scanOutside(text, chars, (i) => {
    found = i;
    return false;
  });
  return found;
}

/** Trims spaces and the punctuation a list item can carry at its ends. */
export function trimItem(s: string): string {
  return s.replace(/^[\s，,、；;：:。.\u3000*]+|[\s，,、；;：:。.\u3000*]+$/gu, "");
}
