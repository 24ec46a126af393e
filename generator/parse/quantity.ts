import type { Comparator, Quantity } from "../model";

const EMPTY = /^[\s\-—–－一―]*$/u;
const NUMBER = /[-+－−]?\d+(?:[.,．]\d+)*/u;

/** Removes the inner whitespace that line wrapping or PDF spacing put into a value ("控制在 省下 达指 标内"). */
export function squeeze(s: string): string {
  return s.replace(/[\s\u3000]+/gu, "");
}

function toNumber(s: string): number {
  return Number(s.replace(/[，,]/g, "").replace(/[－−]/g, "-").replace(/．/g, "."));
}

/**
 * Normalises a printed value once for everyone: "7左右" → 7 ≈; ">7" → 7 >; "[4]" → 4 cumulative;
 * "6.4*" → 6.4 (the flag is reported by the caller); "5.5万人以上" → 5.5 ≥ unit 万人;
 * "与GDP增长同步" → value null, text kept; "-", "—", "" → null.
 */
export function parseQuantity(printed: string | null | undefined): Quantity | null {
  if (printed == null) return null;
  const raw = squeeze(printed);
  if (EMPTY.test(raw)) return null;
  let s = raw.replace(/[※▲*＊△]+$/u, "").replace(/^[※▲*＊△]+/u, "");
  let cumulative = false;
  const bracket = /^[[［【](.*)[\]］】]$/u.exec(s);
  if (bracket) {
    cumulative = true;
    s = bracket[1];
  }
  let comparator: Comparator | null = null;
  // a governing verb before the number: "稳定在55左右", "控制在5.5%以内", "达到23%"
  const verb = /^(稳定在|保持在|控制在|达到|提高到|提升到|降低到|下降到|突破)(?=[\d<>≤≥＞＜约])/u.exec(s);
  if (verb) {
    s = s.slice(verb[1].length);
    comparator = verb[1] === "控制在" ? "≤" : verb[1] === "突破" ? ">" : null;
  }
  const lead = /^(≥|>=|＞=|不低于|不少于|超过|大于|高于|>|＞|≤|<=|不高于|不超过|低于|小于|<|＜|约|≈)/u.exec(s);
  if (lead) {
    comparator = ({ "≥": "≥", ">=": "≥", "＞=": "≥", 不低于: "≥", 不少于: "≥", 超过: ">", 大于: ">", 高于: ">", ">": ">", "＞": ">", "≤": "≤", "<=": "≤", 不高于: "≤", 不超过: "≤", 低于: "<", 小于: "<", "<": "<", "＜": "<", 约: "≈", "≈": "≈" } as Record<string, Comparator>)[lead[1]];
    s = s.slice(lead[1].length);
  }
  const m = new RegExp(`^(${NUMBER.source})(.*)$`, "u").exec(s);
  if (!m) return { raw, value: null, comparator: null, cumulative, text: raw, unit: null, kind: "text" };
  let rest = m[2];
  const tail = /(左右|以上|以下|以内|之内)$/u.exec(rest);
  if (tail) {
    rest = rest.slice(0, -tail[1].length);
    comparator = ({ 左右: "≈", 以上: "≥", 以下: "≤", 以内: "≤", 之内: "≤" } as Record<string, Comparator>)[tail[1]];
  }
  rest = rest.replace(/[※▲*＊]+$/u, "");
  // a value such as "2(56μg/m3)" keeps its note in text; a unit is a short run of letters/CJK unit characters
  let unit: string | null = null;
  let text: string | null = null;
  if (rest) {
    if (/^(%|‰|[个件家所座条项万亿千百元人次户套张床公里米吨斤亩年岁天小时台辆标准煤立方平方顷千瓦时美元人民币\/]+)$/u.test(rest) && rest.length <= 8) unit = rest;
    else text = rest;
  }
  // a level unless bracketed: whoever knows the column or the clause says when it is a rate
  return { raw, value: toNumber(m[1]), comparator: comparator ?? "=", cumulative, text, unit, kind: cumulative ? "cumulative" : "level" };
}
