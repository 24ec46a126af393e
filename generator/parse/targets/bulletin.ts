/**
 * A 国民经济和社会发展统计公报's figures: "全年地区生产总值1906.4亿元，比上年增长6.7%" is a level
 * (地区生产总值 1906.4 亿元) and a yearly change (地区生产总值增长 6.7 %), each with its line. A clause
 * that names no subject ("比上年增长6.7%") takes the sentence's last one. The figures are the
 * bulletin's year's results: they go to `lastYearResults` with that year, as a work report's do.
 */
import type { Comparator, Quantity, Target } from "../../model";
import type { ParseContext } from "../context";
import { isTableLine } from "../paragraphs";

const LEAD = /^(?:其中|全年|年末|年底|全市|全县|全区|全省|初步核算|据初步核算|经初步核算|共|累计|总计|合计|实现|完成|[，,、])+/u;
/** "1906.4", "-2.3", "1,234.5" (a thousands comma, as some bulletins print) */
const NUMBER = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** a clause ends at a comma, but not at one between the digits of a number */
const CLAUSE_BREAK = /，|,(?!\d{3}(?:\D|$))/u;
/** a change said of the subject over several years ("两年平均增长4.8%"): the subject's, qualified */
const SPAN_QUALIFIER = /^(?:[两三四五]年)?(?:平均|年均)$/u;
const UNIT = String.raw`(?:%|‰|个百分点|百分点|(?:万亿|亿|万|千)?(?:吨标准煤|千瓦时|千瓦|立方米|平方米|平方公里|公里|公顷|美元|人次|标箱|元|人|吨|斤|亩|户|个|家|辆|套|件|项|座|所|张|床|台|只|头|次|岁|天|小时))(?:\/(?:人|月|年|户))?`;
const UP_DOWN = "增长|增加|提高|上涨|上升|下降|减少|降低|回落";
/** "地区生产总值1906.4亿元", "城镇化率达到62.36%" */
const LEVEL = new RegExp(`^([\\p{Script=Han}A-Za-z（）()]{2,30}?)(为|达到|达|是|实现|完成|共计|合计|总计|突破|超过|约|近)?(${NUMBER})(${UNIT})`, "u");
/** "比上年增长6.7%", "规模以上工业增加值比上年增长10.2%", "比上年末提高0.78个百分点", "增长1.3倍" */
const CHANGE = new RegExp(`^([\\p{Script=Han}A-Za-z（）()]{2,30}?)?(?:比上年末?|较上年末?|同比|比上年同期)?(?:分别)?(${UP_DOWN})(${NUMBER})(${UNIT}|倍)`, "u");
/** a verb inside a subject ("规模以上工业企业实现利润总额"): who reached it is the metric's owner, the verb is not part of what is measured */
const INNER_VERB = /(?<=\p{Script=Han}{2})(?:实现|完成)(?=\p{Script=Han}{2})/u;

const COMPARATORS: Record<string, Comparator> = { 突破: ">", 超过: ">", 约: "≈", 近: "≈" };

function quantity(raw: string, value: string, unit: string, kind: Quantity["kind"], verb: string | undefined): Quantity {
  return { raw, value: Number(value.replace(/,/g, "")), comparator: (verb && COMPARATORS[verb]) || "=", cumulative: false, text: null, unit, kind };
}

/** a metric is a noun phrase: not a ratio, a ranking or a comparison */
function usable(metric: string): boolean {
  return !/[的比较第居]$|^(?:按|由|从|其|上年|占|比|较)|调整为|分别/u.test(metric);
}

function figuresOf(sentence: string, year: number, line: number, out: Target[]): void {
  let subject: string | null = null;
  for (const piece of sentence.split(CLAUSE_BREAK)) {
    const clause = piece.replace(LEAD, "").trim().replace(INNER_VERB, "");
    if (!clause) continue;
    const change = CHANGE.exec(clause);
    if (change) {
      // the lazy subject group may have taken the comparison itself ("比上年"): what is left is the subject
      const own = change[1]?.replace(LEAD, "").replace(/(?:比上年末?|较上年末?|同比|比上年同期)$/u, "") || null;
      const metricBase: string | null = own && SPAN_QUALIFIER.test(own) ? (subject ? subject + own : null) : own && usable(own) ? own : subject;
      if (metricBase) {
        const raw = `${change[3]}${change[4]}`;
        // a change in points of a share is a cumulative change; a change in % or in the figure's own unit a rate (as parse/targets/clause.ts says)
        const kind = /百分点$/u.test(change[4]) ? "cumulative" : "rate";
        out.push({ metric: `${metricBase}${change[2]}`, raw, year, value: quantity(raw, change[3], change[4], kind, undefined), text: sentence, line });
        subject = metricBase;
      }
      continue;
    }
    const level = LEVEL.exec(clause);
    if (level && usable(level[1])) {
      const verb = level[2];
      const raw = `${verb && COMPARATORS[verb] ? verb : ""}${level[3]}${level[4]}`;
      out.push({ metric: level[1], raw, year, value: quantity(raw, level[3], level[4], "level", verb), text: sentence, line });
      subject = level[1];
    }
  }
}

/** Every year figure of a bulletin's prose, one Target per level or change, in document order. */
export function readBulletin(ctx: ParseContext): Target[] {
  const year = ctx.year;
  if (year === null) return [];
  const out: Target[] = [];
  for (const p of ctx.paragraphs) {
    if (ctx.headingLines.has(p.start) || isTableLine(p.text) || !/\d/.test(p.text)) continue;
    for (const sentence of p.text.split(/[。；;]/u)) if (/\d/.test(sentence)) figuresOf(sentence.trim(), year, p.start, out);
  }
  return out;
}
