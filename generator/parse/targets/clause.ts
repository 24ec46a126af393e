import type { Quantity, Target } from "../../model";
import { squeezeSpaces } from "../paragraphs";
import { splitOutside } from "../boxes/text";
import { parseQuantity } from "../quantity";

/*
 * One clause → one Target: "地区生产总值增长5.5%左右" → metric "地区生产总值增长", raw "5.5%左右".
 * Verbs of change (增长, 下降, 涨幅) belong to the metric; verbs that qualify the value (控制在,
 * 稳定在, 完成) stay in raw; verbs that only link (达到, 提高到) are dropped.
 */

/** qualifiers in front of a clause that are not part of what is measured */
const LEAD = /^(?:(?:到|至)\s*20\d\d\s*年(?:底|末)?\s*[，,]?|力争|确保|努力|全年|今年|全市|全县|全区|全省|我市|其中[：:]?|并|同时|实现)+/u;
/** verbs of change that end a metric; what follows is the value */
const CHANGE = /增长|下降|降低|涨幅|增速|减少|提高|增幅/gu;
/** verbs that qualify the value and are printed with it */
const KEEP = /控制在|稳定在|保持在|突破|超过|不低于|不超过|完成|巩固提升|持续改善|稳步提升|持续提升|明显改善/u;
/** verbs that only link a metric to its value */
const LINK = /达到|提高到|提升到|增加到|提高至|提升至|增加至|增至|降至|降低到|下降到|下降至|上升到|达/u;
/** where a value can begin */
const VALUE_START = /^(?:[-+－]?\d|与|完成|控制在|稳定在|保持在|不低于|不超过|超过|突破|[>≥<≤＞＜]|约|高于|低于)/u;

const EMPTY_QUANTITY = (raw: string): Quantity => ({ raw, value: null, comparator: null, cumulative: false, text: raw, unit: null, kind: "text" });

/** a metric that names a change: its figure is a rate ("地区生产总值增长7%"), not a level */
const CHANGE_METRIC = /(?:增长|增速|增幅|涨幅|下降|降低|减少|提高|提升|增加)(?:率)?$/u;
/** a change over a whole period ("累计下降18%", "五年累计"), unless the period is part of the year's reporting ("一季度累计增长") */
const CUMULATIVE_METRIC = /累计/u;
const YEAR_TO_DATE = /[一二三四]季度|上半年|前三季度|全年|\d+[-－—~～至]\d+月/u;

/**
 * What a clause's figure is: a rate when the metric names a change ("增长7%"), a cumulative change
 * when it is counted over the period ("累计下降18%", "提高2个百分点"), else a level ("达到23%").
 */
export function kindOf(metric: string, q: Quantity): Quantity["kind"] {
  if (q.value === null) return "text";
  if (q.cumulative) return "cumulative";
  if (!CHANGE_METRIC.test(metric.replace(/分别$/u, ""))) return "level";
  if ((CUMULATIVE_METRIC.test(metric) && !YEAR_TO_DATE.test(metric)) || /百分点$/u.test(q.unit ?? "")) return "cumulative";
  return "rate";
}

/** "突破1000亿元" → 1000 > ; "控制在3%左右" → 3 ≈ ; words only → value null with the words as text; `metric` decides the kind */
export function valueOf(raw: string, metric = ""): Quantity {
  const numeric = raw.replace(/^(?:控制在|稳定在|保持在)/u, "").replace(/^突破/u, "超过");
  const q = parseQuantity(numeric);
  if (!q) return EMPTY_QUANTITY(raw);
  const value: Quantity = { ...q, raw };
  value.kind = kindOf(metric, value);
  if (value.parts) value.parts = withSubjects(metric, value.parts);
  return value;
}

/** "城乡…分别" names two subjects in one word */
const PAIRED: Array<[RegExp, string[]]> = [
  [/城乡/u, ["城镇", "农村"]],
  [/中小学/u, ["中学", "小学"]],
];

/**
 * The subject of each of several figures, where the metric names them: "城乡居民人均可支配收入分别
 * 达到52236元、28036元" (城镇, 农村), "畜禽养殖规模化率和畜禽粪污资源化利用率分别达到75%和93%" (each
 * rate). A part that printed its own subject ("家禽3700万羽") keeps it.
 */
function withSubjects(metric: string, parts: NonNullable<Quantity["parts"]>): NonNullable<Quantity["parts"]> {
  if (parts.every((p) => p.subject)) return parts;
  const body = metric.replace(/分别$/u, "");
  let subjects: string[] | null = null;
  const names = splitOutside(body, "和及与、").map((x) => x.trim());
  if (names.length === parts.length && names.every((n) => n.length >= 2)) subjects = names;
  else
    for (const [re, pair] of PAIRED)
      if (re.test(body) && pair.length === parts.length) {
        subjects = pair;
        break;
      }
  if (!subjects) return parts;
  const named = subjects;
  return parts.map((p, i) => (p.subject ? p : { ...p, subject: named[i] }));
}

export interface ClauseTarget {
  metric: string;
  raw: string;
}

/** Splits a clause into metric and value expression, or null when it states no target. */
export function splitTarget(clauseText: string): ClauseTarget | null {
  const clause = squeezeSpaces(clauseText).replace(/^[，,；;。\s]+|[，,；;。\s]+$/gu, "");
  const body = clause.replace(LEAD, "");
  if (!body || body.length > 80) return null;
  // a verb of change followed directly by its value: the metric keeps the verb
  CHANGE.lastIndex = 0;
  for (let m = CHANGE.exec(body); m; m = CHANGE.exec(body)) {
    const end = m.index + m[0].length;
    const rest = body.slice(end);
    if (m.index > 0 && VALUE_START.test(rest)) return accept(body.slice(0, end), rest);
  }
  const keep = KEEP.exec(body);
  const link = LINK.exec(body);
  const verb = keep && (!link || keep.index <= link.index) ? keep : link;
  if (verb) {
    const rest = body.slice(verb.index + verb[0].length);
    if (verb === keep) {
      // "全面完成省下达的节能减排任务": no metric before the verb, the object names it
      if (verb.index === 0 || /^(?:全面|圆满|超额)$/u.test(body.slice(0, verb.index))) return accept(rest.replace(/^.*的/u, ""), clause);
      return accept(body.slice(0, verb.index), body.slice(verb.index));
    }
    return /\d/.test(rest) ? accept(body.slice(0, verb.index), rest) : null;
  }
  // "城镇新增就业4.2万人": the value is the number at the end
  const n = /(?:[-+]?\d+(?:\.\d+)?)(?:[^\d，,；;]{0,8})$/u.exec(body);
  if (n && n.index > 1) return accept(body.slice(0, n.index), body.slice(n.index));
  return null;
}

function accept(metric: string, raw: string): ClauseTarget | null {
  const m = metric.trim();
  const r = raw.trim();
  if (m.length < 2 || !r || m.length > 40) return null;
  // a clause about how to work, not what to reach: "在实际工作中力争更好结果"
  if (/^(?:在|和|与|对|把|将|以|要|通过)/u.test(m) || /[，,。]/u.test(m)) return null;
  return { metric: m, raw: r };
}

export function toTarget(clause: string, found: ClauseTarget, year: number | null, line: number): Target {
  const value = valueOf(found.raw, found.metric);
  // the metric as printed ("城乡居民人均可支配收入分别增长"): the name matcher, not the parser, looks past 分别
  return { metric: found.metric, raw: found.raw, year, value, text: squeezeSpaces(clause).trim(), line };
}
