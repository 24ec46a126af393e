/**
 * Table names a clerk can read in Excel's Name Manager and in formulas: 主要指标_荆门_十四五,
 * 对比_森林覆盖率. Excel's rules: letters (CJK included), digits, "_" and "."; a letter or "_" first;
 * not a cell reference (A1, R1C1); at most 255 characters; unique in the workbook, ignoring case.
 */

/** "荆门市" → "荆门": the name people say; a name that would be shorter than two characters is kept. */
export function shortRegion(region: string | null): string {
  if (!region) return "";
  const s = region.replace(/(?:自治州|自治县|市|县|区|州|省)$/u, "");
  return s.length >= 2 ? s : region;
}

export function validTableName(wanted: string): string {
  let s = wanted.normalize("NFKC").replace(/[^\p{L}\p{N}_.]+/gu, "_").replace(/_+/g, "_").replace(/^_+|_+$/g, "");
  if (!s || !/^[\p{L}_]/u.test(s) || /^[A-Za-z]{1,3}\d+$/u.test(s) || /^[Rr]\d*[Cc]\d*$/u.test(s)) s = `_${s}`;
  return s.slice(0, 240);
}

/** `parts` joined into a valid name, made different from every name in `taken` by _2, _3 … */
export function readableTableName(parts: Array<string | null | undefined>, taken: readonly string[]): string {
  return distinctTableName(validTableName(parts.filter((p): p is string => !!p && p.trim() !== "").join("_")), taken);
}

/** `name`, or `name_2`, `name_3` … : the first that no name in `taken` is (ignoring case, as Excel does). */
export function distinctTableName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  let out = name;
  for (let n = 2; used.has(out.toLowerCase()); n++) out = `${name}_${n}`;
  return out;
}
