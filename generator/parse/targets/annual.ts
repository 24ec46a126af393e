import type { Target } from "../../model";
import type { Paragraph } from "../paragraphs";
import { splitOutside } from "../boxes/text";
import { splitTarget, toTarget, type ClauseTarget } from "./clause";
import { SubjectCarrier } from "./subject";

/*
 * A work report's targets for its year (主要预期目标), wherever and however they are printed: after
 * "主要预期目标是：" in the same paragraph; on the lines after it, one clause per line, each line
 * opened by ——, ●, a number or （一）; with the lead-in itself broken over lines ("…发展的" /
 * "主要预期目标" / "是："). A report that first states the goals of a new five-year period
 * ("“十五五”时期…主要目标是：") and then the year's takes the year's.
 */

/** where a report announces its targets */
const LEAD = /(?:主要预期目标|预期目标|主要目标)(?:任务)?(?:安排|建议|拟定|确定|设定|拟|初步)?(?:是|为|如下|主要是)?[：:]|(?:主要预期目标|主要目标)(?:是|为)(?=[^：:，,。])/u;
/** the words a lead-in can be broken into: a short piece without an ending that holds one of them */
const LEAD_PIECE = /目标|预期|主要|是[：:]?$|[：:]$|的$/u;
/** a lead about a five-year period or a longer horizon, not about the year */
const PERIOD_LEAD = /十[一二三四五六七八九]五|五年|规划期|远景|2035年|时期/u;
const YEAR_LEAD = /今年|明年|全年|本年度/u;

/** how an item of a list is opened: ——, ●, 1. 1、 （1） ① （一） 一是 第一， */
const MARKER = /^\s*(?:[—－-]{1,2}|[●•◆■▪○◇□√]|\d{1,2}\s*[.．、)）](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、])\s*/u;
/** a short label before an item's clauses: "经济增长：", "就业目标：" */
const LABEL = /^[^，,；;。：:\d]{2,10}[：:]/u;

/**
 * Words that state a target without a figure, at the end of a clause: "进一步下降", "保持稳定",
 * "稳中有升", "与经济增长同步", "完成省下达任务". The clause before them names what is measured.
 */
const QUALITATIVE =
  /^(.{2,30}?)((?:进一步|持续|稳步|明显|逐步|有效|不断)(?:下降|降低|提高|提升|改善|优化|增强|扩大|增长|好转|减少)|保持(?:稳定|平稳|基本稳定|总体稳定|稳定增长|合理增长|在合理区间|合理区间|稳中有升|较快增长)|稳中有(?:升|增|进|降)|(?:基本|总体|持续)稳定|只增不减|不降低|有所(?:提高|下降|提升|增长)|(?:全面|圆满)?完成(?:国家|省|市|上级)?(?:下达|确定|规定)?的?(?:目标)?任务|完成(?:国家|省|市|上级)?(?:下达|确定)?的?目标|与经济(?:增长)?(?:基本)?同步|同步增长|基本同步|守住[^，,；;。]{2,12}底线)$/u;

/** the object of a bare commitment that names nothing measured: "省市下达任务", "上级下达的目标任务" */
const GENERIC_TASK = /^(?:国家|省|市|县|区|上级|省市|市县)*(?:下达|确定|规定)?的?(?:目标)?任务$/u;

const isEnded = (t: string) => /[。！？!?]$/u.test(t);

function clausesOf(text: string): string[] {
  return splitOutside(text, "，,；;。").map((c) => c.trim()).filter(Boolean);
}

/** One clause's target: the split of clause.ts, else what a qualitative clause states. */
export function annualTargetOf(clause: string): ClauseTarget | null {
  const found = splitTarget(clause);
  if (found) return found;
  const bare = clause.replace(/^(?:力争|确保|努力|全年|今年|全市|全县|全区|全省|我市|其中[：:]?)+/u, "");
  const q = QUALITATIVE.exec(bare);
  if (!q || /^(?:在|和|与|对|把|将|以|要|通过)/u.test(q[1]) || /\d/.test(q[1])) return null;
  return { metric: q[1], raw: q[2] };
}

interface Lead {
  /** index of the paragraph the targets follow in (the last piece of a broken lead-in) */
  index: number;
  /** the text after the lead in that paragraph */
  rest: string;
  /** what the paragraph says before the lead: which period it is about */
  context: string;
}

/** Leads in order; a lead-in broken over up to three short paragraphs is read joined. */
function leads(paragraphs: Paragraph[]): Lead[] {
  const out: Lead[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const text = paragraphs[i].text;
    let m = LEAD.exec(text);
    if (m) {
      out.push({ index: i, rest: text.slice(m.index + m[0].length), context: text.slice(Math.max(0, m.index - 80), m.index) });
      continue;
    }
    // "…发展的" / "主要预期目标" / "是：地区生产总值增长…": pieces without an ending that hold the lead's words
    if (isEnded(text) || text.length > 80 || !LEAD_PIECE.test(text)) continue;
    let joined = text;
    for (let j = i + 1; j < Math.min(paragraphs.length, i + 3); j++) {
      const next = paragraphs[j].text;
      joined += next;
      m = LEAD.exec(joined);
      // a lead wholly inside the next paragraph is that paragraph's own, with its own context
      if (m && m.index >= joined.length - next.length) break;
      if (m && m.index + m[0].length > joined.length - next.length) {
        const cut = m.index + m[0].length - (joined.length - next.length);
        out.push({ index: j, rest: next.slice(cut), context: joined.slice(Math.max(0, m.index - 80), m.index) });
        i = j;
        break;
      }
      if (isEnded(next) || next.length > 80) break;
    }
  }
  return out;
}

/** a heading that names the targets and stops there: "一、2026年主要预期目标" over a list of ● lines */
const HEADING_LEAD = /^[^，,。；;：:！？]{0,30}(?:主要预期目标|预期目标|主要目标)(?:任务)?$/u;

/**
 * Headings that announce the targets without a colon, each followed by a marked list. Asked only
 * when no lead with a colon is found: such a heading over "今年…主要预期目标是：" must leave the list to that lead.
 */
function headingLeads(paragraphs: Paragraph[]): Lead[] {
  const out: Lead[] = [];
  for (let i = 0; i + 1 < paragraphs.length; i++) {
    const text = paragraphs[i].text.trim();
    if (!HEADING_LEAD.test(text) || !MARKER.test(paragraphs[i + 1].text)) continue;
    out.push({ index: i, rest: "", context: text });
  }
  return out;
}

/** The year's lead: the first about the year; else the first not about a five-year period. */
function chooseLead(all: Lead[], year: number | null): Lead | null {
  const aboutYear = (l: Lead) => YEAR_LEAD.test(l.context) || (year !== null && l.context.includes(`${year}年`));
  const aboutPeriod = (l: Lead) => PERIOD_LEAD.test(l.context) || /到20\d\d年/u.test(l.rest.slice(0, 40));
  return all.find(aboutYear) ?? all.find((l) => !aboutPeriod(l)) ?? null;
}

export interface AnnualTargets {
  targets: Target[];
  /** start lines of the paragraphs read as the target list */
  consumed: Set<number>;
  /** line of the lead, or null when none was found */
  leadLine: number | null;
}

/**
 * The list after a lead: the rest of its paragraph, then each following paragraph that is an item
 * (opened by a marker, or a short clause run on from an item that did not end its sentence).
 */
function listAfter(paragraphs: Paragraph[], lead: Lead): Paragraph[] {
  const items: Paragraph[] = [];
  const at = paragraphs[lead.index];
  if (lead.rest.trim()) items.push({ text: lead.rest, start: at.start, end: at.end });
  let open = !lead.rest.trim() || !isEnded(lead.rest.trim());
  let listMarked = false;
  for (let j = lead.index + 1; j < paragraphs.length && items.length < 40; j++) {
    const p = paragraphs[j];
    const marked = MARKER.test(p.text);
    // the paragraph right after a bare lead is its list, marked or not
    const first = items.length === 0;
    // a marked list ends at the first paragraph without a marker
    if (!marked && listMarked) break;
    if (!marked && !first && !(open && p.text.length <= 80 && clausesOf(p.text).some((c) => annualTargetOf(c) !== null))) break;
    if (marked && !first && !open) break;
    if (!clausesOf(p.text.replace(MARKER, "")).some((c) => annualTargetOf(c.replace(LABEL, "")) !== null)) break;
    items.push(p);
    listMarked ||= marked;
    open = !isEnded(p.text) || marked;
  }
  return items;
}

/** Every target of one item, the subject carried from clause to clause ("…增长7%，二季度增长…"). */
function targetsOfItem(text: string, year: number | null, line: number): Target[] {
  const out: Target[] = [];
  const subjects = new SubjectCarrier();
  const body = text.replace(MARKER, "").replace(LABEL, "");
  for (const clause of clausesOf(body)) {
    const c = clause.replace(MARKER, "");
    const found = annualTargetOf(c);
    if (found) {
      // "粮食产量保持稳定，完成省下达任务": a clause that is only a commitment is about the subject before it
      const previous = out[out.length - 1];
      if (previous && found.raw === c && GENERIC_TASK.test(found.metric)) found.metric = previous.metric;
      else found.metric = subjects.metricOf(c, found);
      out.push(toTarget(c, found, year, line));
    }
    subjects.next(c);
  }
  return out;
}

export function readAnnualTargets(paragraphs: Paragraph[], year: number | null): AnnualTargets {
  const all = leads(paragraphs);
  const lead = chooseLead(all, year) ?? chooseLead(headingLeads(paragraphs), year);
  if (lead) {
    const items = listAfter(paragraphs, lead);
    return {
      targets: items.flatMap((p) => targetsOfItem(p.text, year, p.start)),
      consumed: new Set(items.map((p) => p.start)),
      leadLine: paragraphs[lead.index].start,
    };
  }
  // a digest prints the list bare: the paragraph whose clauses are most nearly all targets; never
  // the list of a lead that was passed over as a five-year period's goals
  const periodLists = new Set(all.map((l) => l.index));
  let best: { p: Paragraph; score: number } | null = null;
  for (const [i, p] of paragraphs.entries()) {
    if (periodLists.has(i)) continue;
    const clauses = clausesOf(p.text);
    if (clauses.length < 4 || !splitTarget(clauses[0])) continue;
    const hits = clauses.filter((c) => splitTarget(c) && /增长|控制在|同步|以上|以内|左右/u.test(c)).length;
    if (hits / clauses.length >= 0.6 && (!best || hits > best.score)) best = { p, score: hits };
  }
  if (!best) return { targets: [], consumed: new Set(), leadLine: null };
  return { targets: targetsOfItem(best.p.text, year, best.p.start), consumed: new Set([best.p.start]), leadLine: best.p.start };
}
