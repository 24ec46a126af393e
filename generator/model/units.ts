import type { Quantity } from "./plan";

/**
 * Units that convert exactly and by a rule every clerk knows (1亿斤 = 5万吨, 1亿元 = 10000万元).
 * Anything not listed here is never converted: values in other units stay apart.
 */

interface UnitDef {
  dimension: string;
  /** how many of the dimension's base unit one of this unit is */
  factor: number;
}

const UNITS: Record<string, UnitDef> = {
  吨: { dimension: "mass", factor: 1 },
  万吨: { dimension: "mass", factor: 1e4 },
  亿吨: { dimension: "mass", factor: 1e8 },
  // 1斤 = 0.5千克 = 0.0005吨
  斤: { dimension: "mass", factor: 0.0005 },
  万斤: { dimension: "mass", factor: 5 },
  亿斤: { dimension: "mass", factor: 5e4 },
  元: { dimension: "money", factor: 1 },
  万元: { dimension: "money", factor: 1e4 },
  亿元: { dimension: "money", factor: 1e8 },
  人: { dimension: "people", factor: 1 },
  万人: { dimension: "people", factor: 1e4 },
  亩: { dimension: "area", factor: 1 },
  万亩: { dimension: "area", factor: 1e4 },
  公里: { dimension: "length", factor: 1 },
  千米: { dimension: "length", factor: 1 },
  万千瓦: { dimension: "power", factor: 1e4 },
  千瓦: { dimension: "power", factor: 1 },
};

/** 亿斤 and 万吨 are one dimension; %, 岁 and unknown units only match themselves. */
export function unitDimension(unit: string | null): string {
  if (!unit) return "";
  return UNITS[unit]?.dimension ?? `unit:${unit}`;
}

/** How many `to` one `from` is (1亿斤 → 5万吨: 5), or null when the two do not convert exactly. */
export function unitFactor(from: string | null, to: string | null): number | null {
  if (from === to) return 1;
  const a = from ? UNITS[from] : undefined;
  const b = to ? UNITS[to] : undefined;
  if (!a || !b || a.dimension !== b.dimension) return null;
  return a.factor / b.factor;
}

/** `value` in `from` expressed in `to`, rounded to remove float noise; null when they do not convert. */
export function convertUnit(value: number, from: string | null, to: string | null): number | null {
  const f = unitFactor(from, to);
  return f === null ? null : Math.round(value * f * 1e6) / 1e6;
}

/** "1亿斤 = 5万吨": the rule a conversion followed, written the way a note states it. */
export function conversionRule(from: string, to: string): string {
  const f = unitFactor(from, to);
  if (f === null) return "";
  return f >= 1 ? `1${from} = ${Math.round(f * 1e6) / 1e6}${to}` : `1${to} = ${Math.round((1 / f) * 1e6) / 1e6}${from}`;
}

/**
 * The unit a figure is in: the one printed with it, else its indicator's (the 单位 column). A yearly
 * rate of an indicator counted in 亿元 is a percentage, whatever the 单位 column says of the level.
 */
export function effectiveUnit(q: Quantity | null, indicatorUnit: string | null): string | null {
  if (q?.unit) return q.unit;
  if (q?.kind === "rate" && indicatorUnit && !/^(?:%|‰|百分点)$/u.test(indicatorUnit)) return "%";
  return indicatorUnit;
}
