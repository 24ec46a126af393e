import type { Comparator, Quantity, QuantityPart } from "../model";
import { splitOutside } from "./boxes/text";

const EMPTY = /^[\s\-—–－一―]*$/u;
const NUMBER = /[-+－−]?\d+(?:[.,．]\d+)*/u;
const NUMBER_AT = new RegExp(`^(${NUMBER.source})(.*)$`, "u");
/** "10-20年一遇", "3~5": two numbers joined by a dash or 至; the second is the range's upper end */
const RANGE = /^(\d+(?:[.．]\d+)?)\s*[-－~～—–至到]\s*(\d+(?:[.．]\d+)?)(.*)$/u;
/** "6%—6.5%", "5万人—6万人": the unit printed at both ends; it is the range's one unit */
const UNIT_RANGE = /^(\d+(?:[.．]\d+)?)\s*(%|‰|[^\d\s\-－~～—–至到.．]{1,4}?)\s*[-－~～—–至到]\s*(\d+(?:[.．]\d+)?)\s*(?=\2)(.*)$/u;
/**
 * A unit printed after a number: "%", "万人", "元/月", "公里/百平方公里", "个百分点", "年一遇", "微克/立方米", "兆瓦"; a short
 * run of the characters units are written with. Anything else after the number is kept as text.
 */
const UNIT =
  /^(?:%|‰|个?百分点|年一遇|(?:[个件家所座条项万亿千百十元人次户套张床公里米吨斤亩年岁天日月周小时台辆艘架标准煤立方平方顷瓦千伏头羽只株棵处名位场批届栋间册部篇吨标煤美人民币微毫克升贝兆\/])+)$/u;
/** what ends a figure's qualifier: "7左右", "5.5万人以上", "5%以内" */
const TAIL = /(左右|以上|以下|以内|之内)$/u;
const TAIL_COMPARATOR: Record<string, Comparator> = { 左右: "≈", 以上: "≥", 以下: "≤", 以内: "≤", 之内: "≤" };
/** a governing verb before the number: "稳定在55左右", "控制在5.5%以内", "达到23%" */
const VERB = /^(稳定在|保持在|控制在|达到|提高到|提升到|降低到|下降到|突破)(?=[\d<>≤≥＞＜约])/u;
const LEAD = /^(≥|>=|＞=|不低于|不少于|超过|大于|高于|>|＞|≤|<=|不高于|不超过|低于|小于|<|＜|约|≈)/u;
const LEAD_COMPARATOR: Record<string, Comparator> = {
  "≥": "≥", ">=": "≥", "＞=": "≥", 不低于: "≥", 不少于: "≥", 超过: ">", 大于: ">", 高于: ">", ">": ">", "＞": ">",
  "≤": "≤", "<=": "≤", 不高于: "≤", 不超过: "≤", 低于: "<", 小于: "<", "<": "<", "＜": "<", 约: "≈", "≈": "≈",
};
/** the words that may stand between a part's subject and its figure ("家禽3700万羽", "农村达到610元") */
const BEFORE_FIGURE = /(?:稳定在|保持在|控制在|达到|提高到|提升到|降低到|下降到|突破|不低于|不少于|超过|大于|高于|不高于|不超过|低于|小于|约|>=|<=|[≥>＞≤<＜≈])$/u;

/** Removes the inner whitespace that line wrapping or PDF spacing put into a value ("控制在 省下 达指 标内"). */
export function squeeze(s: string): string {
  return s.replace(/[\s\u3000]+/gu, "");
}

function toNumber(s: string): number {
  return Number(s.replace(/[，,]/g, "").replace(/[－−]/g, "-").replace(/．/g, "."));
}

interface Figure {
  value: number;
  upper: number | null;
  comparator: Comparator;
  unit: string | null;
  /** what follows the figure when it is not a unit ("2(56μg/m3)" keeps "(56μg/m3)") */
  text: string | null;
}

/** One figure with its qualifiers: "约7", ">95", "5.5万人以上", "控制在3%左右", "10-20年一遇"; null when no number leads. */
function readFigure(s: string): Figure | null {
  let comparator: Comparator | null = null;
  const verb = VERB.exec(s);
  if (verb) {
    s = s.slice(verb[1].length);
    comparator = verb[1] === "控制在" ? "≤" : verb[1] === "突破" ? ">" : null;
  }
  const lead = LEAD.exec(s);
  if (lead) {
    comparator = LEAD_COMPARATOR[lead[1]];
    s = s.slice(lead[1].length);
  }
  let value: number;
  let upper: number | null = null;
  let rest: string;
  let unitRange = UNIT_RANGE.exec(s);
  if (unitRange && !UNIT.test(unitRange[2])) unitRange = null;
  const range = unitRange ? [unitRange[0], unitRange[1], unitRange[3], unitRange[4]] : RANGE.exec(s);
  if (range && Number(range[1].replace("．", ".")) < Number(range[2].replace("．", "."))) {
    value = toNumber(range[1]);
    upper = toNumber(range[2]);
    rest = range[3];
  } else {
    const m = NUMBER_AT.exec(s);
    if (!m) return null;
    value = toNumber(m[1]);
    rest = m[2];
  }
  const tail = TAIL.exec(rest);
  if (tail) {
    rest = rest.slice(0, -tail[1].length);
    comparator = TAIL_COMPARATOR[tail[1]];
  }
  rest = rest.replace(/[※▲*＊]+$/u, "");
  let unit: string | null = null;
  let text: string | null = null;
  if (rest) {
    if (UNIT.test(rest) && rest.length <= 10) unit = rest;
    else text = rest;
  }
  return { value, upper, comparator: comparator ?? "=", unit, text };
}

/**
 * "家禽3700万羽" → subject 家禽 and the figure; "75%" → no subject. The subject is what comes before
 * the first digit, less a verb or comparator standing right before the figure.
 */
function readPart(piece: string): QuantityPart | null {
  const digit = piece.search(/\d/u);
  if (digit < 0) return null;
  let head = piece.slice(0, digit).replace(/[-+－−]$/u, "");
  const before = BEFORE_FIGURE.exec(head);
  if (before) head = head.slice(0, before.index);
  const figure = readFigure(piece.slice(head.length));
  if (!figure || figure.text) return null;
  const subject = head.replace(/^(?:分别|其中|均|各)/u, "") || null;
  if (subject && (subject.length > 10 || !/^\p{Script=Han}+$/u.test(subject))) return null;
  return { raw: piece, value: figure.value, comparator: figure.comparator, upper: figure.upper, unit: figure.unit, subject };
}

/**
 * "75%和93%", "800元/月、610元/月", "生猪270万头、家禽3700万羽": several figures printed together, each
 * with its own unit and subject; null unless every piece is a figure. Pieces printed without a unit
 * before one that has it ("75、93%") share that unit.
 */
export function readParts(raw: string): QuantityPart[] | null {
  if (!/[、和及与]/u.test(raw)) return null;
  const pieces = splitOutside(raw, "、和及与").map((p) => p.trim());
  if (pieces.length < 2 || pieces.some((p) => !p)) return null;
  const parts: QuantityPart[] = [];
  for (const p of pieces) {
    const part = readPart(p);
    if (!part) return null;
    parts.push(part);
  }
  const last = parts[parts.length - 1].unit;
  if (last && parts.slice(0, -1).every((p) => p.unit === null)) for (const p of parts) p.unit = last;
  return parts;
}

/**
 * Normalises a printed value once for everyone: "7左右" → 7 ≈; ">7" → 7 >; "[4]" → 4 cumulative;
 * "6.4*" → 6.4 (the flag is reported by the caller); "5.5万人以上" → 5.5 ≥ unit 万人; "10-20年一遇" →
 * 10 up to 20; "75%和93%" → both figures in `parts`; "与GDP增长同步" → value null, text kept;
 * "-", "—", "" → null.
 */
export function parseQuantity(printed: string | null | undefined): Quantity | null {
  if (printed == null) return null;
  const raw = squeeze(printed);
  if (EMPTY.test(raw)) return null;
  let s = raw.replace(/[※▲*＊△]+$/u, "").replace(/^[※▲*＊△]+/u, "");
  let cumulative = false;
  const bracket = /^[[［【〔](.*)[\]］】〕]$/u.exec(s);
  if (bracket) {
    cumulative = true;
    s = bracket[1];
  }
  const kind = cumulative ? "cumulative" : "level";
  const figure = readFigure(s);
  if (figure && !figure.text) {
    const q: Quantity = { raw, value: figure.value, comparator: figure.comparator, cumulative, text: null, unit: figure.unit, kind };
    if (figure.upper !== null) q.upper = figure.upper;
    return q;
  }
  const parts = readParts(s);
  if (parts) {
    const first = parts[0];
    const q: Quantity = { raw, value: first.value, comparator: first.comparator, cumulative, text: null, unit: first.unit, kind, parts };
    if (first.upper !== null) q.upper = first.upper;
    return q;
  }
  // a value such as "2(56μg/m3)" keeps its note in text; words without a leading figure are text
  if (figure) return { raw, value: figure.value, comparator: figure.comparator, cumulative, text: figure.text, unit: null, kind };
  return { raw, value: null, comparator: null, cumulative, text: raw, unit: null, kind: "text" };
}
