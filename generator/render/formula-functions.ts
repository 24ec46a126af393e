/**
 * Which arguments of which functions stand for a whole list. A template shows one row where the
 * output has many; a reference to that row means "all its copies" only where the function reads a
 * range — an aggregate (SUM, AVERAGE, COUNT …), the ranges of the *IF(S) family, the table of a
 * lookup, SUMPRODUCT's arrays. Anywhere else a reference means one cell and, as when Excel copies a
 * row, points at the first copy (`="首项指标："&C4`).
 */

export type ArgumentRole =
  /** this argument may be any list of references (SUM(D3,D5,D7) is as good as SUM(D3:D7)) */
  | "list"
  /** this argument must be one range: copies that are not contiguous cannot be written */
  | "range"
  | null;

/** Aggregates whose every argument (from the index given) may be a list of references. */
const LISTS: Record<string, number> = {};
for (const name of [
  "SUM", "AVERAGE", "AVERAGEA", "COUNT", "COUNTA", "MAX", "MAXA", "MIN", "MINA", "PRODUCT", "MEDIAN",
  "MODE", "MODE.SNGL", "MODE.MULT", "STDEV", "STDEV.S", "STDEV.P", "STDEVA", "STDEVP", "STDEVPA",
  "VAR", "VAR.S", "VAR.P", "VARA", "VARP", "VARPA", "GEOMEAN", "HARMEAN", "AVEDEV", "DEVSQ", "KURT",
  "SKEW", "SUMSQ", "CONCAT", "TEXTJOIN:2",
])
  LISTS[name.split(":")[0]] = Number(name.split(":")[1] ?? 0);
LISTS.SUBTOTAL = 1;
LISTS.AGGREGATE = 2;

/** Functions whose range arguments sit at fixed places; "odd" and "even" for the criteria-range pairs of the *IFS family. */
const RANGES: Record<string, Array<number | "odd" | "even">> = {
  SUMIF: [0, 2],
  AVERAGEIF: [0, 2],
  COUNTIF: [0],
  SUMIFS: [0, "odd"],
  AVERAGEIFS: [0, "odd"],
  MAXIFS: [0, "odd"],
  MINIFS: [0, "odd"],
  COUNTIFS: ["even"],
  COUNTBLANK: [0],
  LARGE: [0],
  SMALL: [0],
  PERCENTILE: [0],
  "PERCENTILE.INC": [0],
  "PERCENTILE.EXC": [0],
  QUARTILE: [0],
  "QUARTILE.INC": [0],
  "QUARTILE.EXC": [0],
  PERCENTRANK: [0],
  RANK: [1],
  "RANK.EQ": [1],
  "RANK.AVG": [1],
  VLOOKUP: [1],
  HLOOKUP: [1],
  MATCH: [1],
  XMATCH: [1],
  XLOOKUP: [1, 2],
  LOOKUP: [1, 2],
  INDEX: [0],
  FILTER: [0, 1],
  SORT: [0],
  SORTBY: [0, "odd"],
  UNIQUE: [0],
  CORREL: [0, 1],
  COVAR: [0, 1],
  FORECAST: [1, 2],
  "FORECAST.LINEAR": [1, 2],
  SLOPE: [0, 1],
  INTERCEPT: [0, 1],
  SUMX2MY2: [0, 1],
  SUMX2PY2: [0, 1],
  SUMXMY2: [0, 1],
};

/** Functions that read every reference in their arguments as an array, even inside an expression: SUMPRODUCT((H4="约束性")*K4). */
const ARRAYS = new Set(["SUMPRODUCT", "MMULT"]);

/** `_xlfn.STDEV.S` → `STDEV.S`: Excel prefixes newer functions in the file. */
export function functionName(raw: string): string {
  return raw.replace(/^(?:_xlfn\.|_xlws\.)+/i, "").toUpperCase();
}

/**
 * The role of a reference that is argument `index` of `name`; `whole` when the reference is the
 * whole argument (SUM(K4)), not a part of an expression in it (SUM(K4*2)).
 */
export function argumentRole(name: string, index: number, whole: boolean): ArgumentRole {
  if (ARRAYS.has(name)) return "range";
  if (!whole) return null;
  const from = LISTS[name];
  if (from !== undefined) return index >= from ? "list" : null;
  const places = RANGES[name];
  if (!places) return null;
  return places.some((p) => p === index || (p === "odd" && index % 2 === 1) || (p === "even" && index % 2 === 0)) ? "range" : null;
}

/** Excel's limits on one formula: what a list of copies may not outgrow. */
export const MAX_ARGUMENTS = 255;
export const MAX_FORMULA_LENGTH = 8192;
