import type { DocLine } from "./decode";
import { UnreadableDocumentError } from "./decode";

/**
 * The longest line the stages after decoding accept. A planning document's longest paragraph is a
 * few thousand characters; V8's regular expressions in unicode mode overflow the stack on a match
 * of about ten million characters (a run of spaces, one giant "word"), so a hostile file is refused
 * here, by the length actually decoded, long before any stage meets it.
 */
export const MAX_LINE_CHARS = 2_000_000;

function refuse(line: number, length: number): never {
  throw new UnreadableDocumentError(`第${line}行有 ${length} 个字符（上限 ${MAX_LINE_CHARS}）：规划文件的段落不过数千字，这不像规划文件，未读取`);
}

/** Throws UnreadableDocumentError naming the first line longer than MAX_LINE_CHARS. */
export function assertLinesWithin(input: string | DocLine[]): void {
  if (typeof input !== "string") {
    input.forEach((l, i) => {
      if (l.text.length > MAX_LINE_CHARS) refuse(i + 1, l.text.length);
    });
    return;
  }
  if (input.length <= MAX_LINE_CHARS) return;
  for (let start = 0, line = 1; start <= input.length; line++) {
    const end = input.indexOf("\n", start);
    const stop = end < 0 ? input.length : end;
    if (stop - start > MAX_LINE_CHARS) refuse(line, stop - start);
    if (end < 0) break;
    start = end + 1;
  }
}
