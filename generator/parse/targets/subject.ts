import { splitOutside } from "../boxes/text";
import type { ClauseTarget } from "./clause";

/*
 * A work report states its figures in runs of clauses that share a subject: "GDP一季度累计增长
 * 4.7%、二季度累计增长6.3%，全年累计增长6.7%"; "粮食稳产增收，总产达到58.7亿斤". A clause that
 * names only a period and a change, or only an attribute ("总产", "产值"), takes its subject from
 * the clause before it, so every figure reads on its own.
 */

/** when in the year a figure was reached: kept in the metric, since each period is a figure of its own */
const PERIOD = /^(?:全年|上半年|前三季度|[一二三四]季度)/u;
/** a metric that is only a period and a change: "二季度累计增长", "累计增长", "分别增长" */
const CHANGE_ONLY = /^(?:全年|上半年|前三季度|[一二三四]季度)?(?:累计|分别|同比)?(?:增长|下降|增幅|涨幅|增速)$/u;
const CHANGE_TAIL = /(?:全年|上半年|前三季度|[一二三四]季度)?(?:累计|分别|同比)?(?:增长|下降|增幅|涨幅|增速)$/u;
/** a metric that is only an attribute of something named before */
const ATTRIBUTE = /^(?:总产|产值|产量|总量|规模|营收|营业收入|增加值|占比|总额|销售额)$/u;
/** where the subject of a statement ends: its verb ("粮食|稳产增收", "新能源动力电池产业|跻身…") */
const STATEMENT_VERB = /稳产|增收|跻身|实现|成为|开启|保持|达到|突破|增长|完成|获评|入选|荣获|位居|迈入|进入|首次|连续|持续|再创|创造|被|在|是/u;

/** Carries subjects along a paragraph's targets; `next` is called for every clause, target or not. */
export class SubjectCarrier {
  private subject = "";
  private previous = "";

  /** The metric made to read on its own, from this clause's figure and what came before. */
  metricOf(clause: string, found: ClauseTarget): string {
    let metric = found.metric;
    if (CHANGE_ONLY.test(metric) && this.subject) {
      // "全年累计增长6.7%": the period was read as a qualifier of the clause; it is part of this figure
      const period = PERIOD.exec(clause);
      metric = this.subject + (period && !metric.startsWith(period[0]) ? period[0] : "") + metric;
    } else if (ATTRIBUTE.test(metric) && this.previous) {
      const verb = STATEMENT_VERB.exec(this.previous);
      if (verb && verb.index >= 2) metric = this.previous.slice(0, verb.index) + metric;
    } else {
      this.subject = metric.replace(CHANGE_TAIL, "");
    }
    return metric;
  }

  next(clause: string): void {
    this.previous = clause;
  }
}

/** a piece that is only a value and its unit: "610元/月", "28036元" */
const BARE_VALUE = /^\d+(?:\.\d+)?[^\d、]{0,5}$/u;

/** "新增A70家、B200家": a series of quantified pieces is one clause each, the first one's verb shared */
export function quantifiedPieces(clause: string): string[] {
  const raw = splitOutside(clause, "、");
  if (raw.length < 2) return [clause];
  // "分别提升至800元/月、610元/月": a bare value belongs to the piece before it
  const pieces: string[] = [];
  for (const p of raw) {
    if (pieces.length > 0 && BARE_VALUE.test(p)) pieces[pieces.length - 1] += `、${p}`;
    else pieces.push(p);
  }
  // "达到13个、数量全省第一": a remark after a figure is not a piece of its own
  while (pieces.length > 1 && /\d/.test(pieces[0]) && !/\d/.test(pieces[pieces.length - 1])) pieces.pop();
  if (pieces.length === 1) return pieces;
  if (!pieces.every((p) => /\d/.test(p))) return [clause];
  const verb = /^(?:新增|新建|改造|完成|建成|建设|引进|实施|培育|新培育)/u.exec(pieces[0]);
  return pieces.map((p, i) => (i > 0 && verb && !p.startsWith(verb[0]) && !/^(?:新|改|完|建|引|实|培)/u.test(p) ? verb[0] + p : p));
}

/** "完成412个大气重点治理项目": a verb, a count, then what was counted */
const COUNT_FIRST = /^(完成|实施|新增|建成|新建|引进|培育|改造|创建|举办|开工)(\d+(?:\.\d+)?(?:万|亿)?(?:个|家|所|座|条|项|户|套|亩|公里|场|次|名|处|台|辆|张))([^\d、]{2,24})$/u;

export function countFirst(clause: string): ClauseTarget | null {
  const m = COUNT_FIRST.exec(clause);
  return m ? { metric: m[1] + m[3], raw: m[2] } : null;
}

/** a verb of doing at a clause's head, to find the object a later clause's count refers to */
const DOING = /^(?:实施|推进|开展|完成|建设|启动)/u;

/**
 * "实施废弃矿山修复工程，完成治理1570亩": a task whose metric is a verb and a bare work ("完成治理")
 * is counted on the object of the clause before; that object leads the metric.
 */
export function taskMetric(metric: string, previous: string): string {
  if (metric.length > 4 || !DOING.test(previous)) return metric;
  const object = previous.replace(DOING, "");
  return object.length >= 2 && object.length <= 20 && !/\d/.test(object) ? object + metric : metric;
}
