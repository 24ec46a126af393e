/** The middle value (the upper one of an even count), 0 for none: a page's or a table's typical size, pitch or gap. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}
