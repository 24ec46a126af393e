/**
 * Units of reported figures against the plan's units. Only conversions that are exact by
 * definition are made (万/亿 magnitudes; 斤, 公斤, 吨; 亩, 公顷, 平方公里; 米, 公里); anything else in
 * a different unit is not comparable, and the reason names both units.
 */

const MAGNITUDES: Array<[string, number]> = [
  ["万亿", 1e12],
  ["亿", 1e8],
  ["万", 1e4],
];

/** base units of one family, each as a multiple of the family's reference unit */
const FAMILIES: Record<string, [family: string, scale: number]> = {
  斤: ["质量", 0.5],
  公斤: ["质量", 1],
  千克: ["质量", 1],
  吨: ["质量", 1000],
  平方米: ["面积", 1],
  亩: ["面积", 10000 / 15],
  公顷: ["面积", 10000],
  平方公里: ["面积", 1e6],
  平方千米: ["面积", 1e6],
  米: ["长度", 1],
  公里: ["长度", 1000],
  千米: ["长度", 1000],
};

const normalized = new Map<string, string | null>();

/** "％" → "%", "个百分点" → "百分点", spaces and brackets gone */
export function normalizeUnit(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined) return null;
  let u = normalized.get(unit);
  if (u === undefined) {
    // units are a small vocabulary: each is normalised once per process
    if (normalized.size > 10_000) normalized.clear();
    u = unit.normalize("NFKC").replace(/[\s()（）]/gu, "").replace(/^个百分点$/u, "百分点") || null;
    normalized.set(unit, u);
  }
  return u;
}

interface Parsed {
  scale: number;
  base: string;
}

function parseSimple(unit: string): Parsed {
  for (const [prefix, factor] of MAGNITUDES) {
    if (unit.startsWith(prefix) && unit.length > prefix.length) {
      const rest = parseSimple(unit.slice(prefix.length));
      return { scale: factor * rest.scale, base: rest.base };
    }
  }
  const family = FAMILIES[unit];
  return family ? { scale: family[1], base: family[0] } : { scale: 1, base: unit };
}

function parse(unit: string): Parsed {
  const [num, den] = unit.split("/");
  const n = parseSimple(num);
  if (den === undefined) return n;
  const d = parseSimple(den);
  return { scale: n.scale / d.scale, base: `${n.base}/${d.base}` };
}

export type UnitMatch = { ok: true; factor: number; note: string | null } | { ok: false; reason: string };

/**
 * How to turn a figure in `from` into `to`. In a change (`change` true) a percentage point of a
 * share printed as "%" is the same as "个百分点".
 */
export function convertUnit(from: string | null, to: string | null, change = false): UnitMatch {
  let f = normalizeUnit(from);
  let t = normalizeUnit(to);
  if (change) {
    if (f === "百分点") f = "%";
    if (t === "百分点") t = "%";
  }
  if (f === t) return { ok: true, factor: 1, note: null };
  if (f === null) return { ok: false, reason: `原文未标明单位，规划单位为${t}` };
  if (t === null) return { ok: false, reason: `规划未标明单位，原文单位为${f}` };
  const a = parse(f);
  const b = parse(t);
  if (a.base !== b.base) return { ok: false, reason: `单位不同：原文为${from}，规划为${to}，两者没有确定的换算关系` };
  const factor = a.scale / b.scale;
  return { ok: true, factor, note: `原文单位${from}，按1${from}=${roundFigure(factor)}${to}换算` };
}

/** Rounds away binary noise (58.7 × 5 = 293.50000000000006) without touching printed precision. */
export function roundFigure(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  // twelve significant digits, by arithmetic (toPrecision and a parse cost ten times more)
  const scale = 10 ** (11 - Math.floor(Math.log10(Math.abs(x))));
  return Number.isFinite(scale) && Math.abs(x * scale) < Number.MAX_SAFE_INTEGER ? Math.round(x * scale) / scale : Number(x.toPrecision(12));
}
