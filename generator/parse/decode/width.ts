/** Display width as a monospaced CJK font prints it: wide characters take two columns. */
export function displayWidthOf(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xffdc) ? 2 : 1;
  }
  return w;
}
