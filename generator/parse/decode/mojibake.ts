import iconv from "iconv-lite";

/**
 * The 3 755 characters of GB 2312's first level: the most frequent Han characters, which make up
 * over 99 % of modern Chinese prose. Text decoded in the wrong encoding is mostly Han characters
 * too, but rare ones (UTF-8 read as GBK lands in the second level and the GBK extension).
 */
let common: Set<number> | null = null;
function commonHan(): Set<number> {
  if (common) return common;
  const bytes: number[] = [];
  for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) if (!(hi === 0xd7 && lo > 0xf9)) bytes.push(hi, lo);
  common = new Set([...iconv.decode(Buffer.from(bytes), "gb2312")].map((c) => c.codePointAt(0)!));
  return common;
}

function isProseChar(cp: number): boolean {
  return (
    (cp >= 0x20 && cp < 0x7f) ||
    cp === 9 || cp === 10 || cp === 13 ||
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x2000 && cp <= 0x206f) || // general punctuation (“” — …)
    (cp >= 0x2160 && cp <= 0x24ff) || // Roman numerals, arrows, math, ①
    (cp >= 0x25a0 && cp <= 0x25ff) || // ●■◆
    cp === 0xa0 || cp === 0xb7 || cp === 0xd7 || cp === 0xb1 || cp === 0xb0 ||
    (cp >= 0x4e00 && cp <= 0x9fff)
  );
}

/**
 * Whether text reads as mojibake rather than prose: sampled over its first 20 000 characters,
 * too few are Chinese, ASCII or their punctuation, or its Han characters are mostly rare ones.
 */
export function looksLikeMojibake(text: string): boolean {
  const set = commonHan();
  let chars = 0;
  let prose = 0;
  let han = 0;
  let frequent = 0;
  for (const ch of text.length > 20000 ? text.slice(0, 20000) : text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 32 || cp === 10 || cp === 13 || cp === 9) continue;
    chars++;
    if (isProseChar(cp)) prose++;
    if (cp >= 0x3400 && cp <= 0x9fff) {
      han++;
      if (set.has(cp)) frequent++;
    }
  }
  if (chars < 20) return false;
  if (prose / chars < 0.85) return true;
  return han >= 20 && frequent / han < 0.7;
}
