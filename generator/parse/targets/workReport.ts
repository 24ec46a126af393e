import type { Target } from "../../model";
import type { ParseContext } from "../context";
import type { Paragraph } from "../paragraphs";
import { splitOutside } from "../boxes/text";
import { splitTarget, toTarget, valueOf } from "./clause";
import { readAnnualTargets } from "./annual";
import { countFirst, quantifiedPieces, SubjectCarrier, taskMetric } from "./subject";

/** the year's work begins here: the review ends */
const WORK_PART = /工作(?:建议|安排|部署|任务)|总体要求/u;
/** a commitment: a verb of doing, then a count */
const TASK = /^(?:新增|新建|新改建|改扩建|改造|完成|建成|建设|引进|实施|培育|开工|筹集|新培育|新开工|举办|创建|打造|发展|落地)(.{2,30}?)(\d+(?:\.\d+)?(?:万|亿|千)?(?:个|家|座|套|亩|公里|人|吨|所|张|条|项|户|场|辆|只|千瓦|台|处|次|名|万人))(以上|左右)?$/u;

function clausesOf(text: string): string[] {
  return splitOutside(text, "，,；;。").map((c) => c.trim()).filter(Boolean);
}

/** figures that rank or compare ("居全省第4位", "高于全省1.8个百分点") are not results of their own; "居民…" is a subject */
const NOT_A_RESULT = /居(?!民)|第$|的$|、$|^(?:高于|低于|比|较|增幅)/u;

/** Targets from a paragraph's clause list, one per clause that states one; results (`pieces`) also count "完成412个…". */
function targetsIn(text: string, year: number | null, line: number, pieces = false): Target[] {
  const out: Target[] = [];
  const subjects = new SubjectCarrier();
  for (const whole of clausesOf(text)) {
    for (const clause of pieces ? quantifiedPieces(whole) : [whole]) {
      const found = (pieces && countFirst(clause)) || splitTarget(clause);
      if (found && !(pieces && (NOT_A_RESULT.test(found.metric) || /^20\d\d年/u.test(found.raw)))) {
        found.metric = subjects.metricOf(clause, found);
        out.push(toTarget(clause, found, year, line));
      }
      subjects.next(clause);
    }
  }
  return out;
}

export interface WorkReport {
  annualTargets: Target[];
  lastYearResults: Target[];
  tasks: Target[];
  /** a digest's plan goals printed as ● bullets ("研发经费投入强度达到2.5%") */
  targets: Target[];
}

export function readWorkReport(ctx: ParseContext, paragraphs: Paragraph[]): WorkReport {
  const year = ctx.year;
  // the list may be printed as headings ("（一）地区生产总值增长6%左右"): read it from every paragraph
  const annual = readAnnualTargets(ctx.paragraphs.length ? ctx.paragraphs : paragraphs, year);
  const annualTargets = annual.targets;
  const workStart = paragraphs.findIndex((p) => ctx.headingLines.has(p.start) && WORK_PART.test(p.text));
  const leadAt = annual.leadLine === null ? -1 : paragraphs.findIndex((p) => p.end >= annual.leadLine!);
  // a digest has no review: everything in it looks forward
  const reviewEnd = ctx.kind !== "work-report" ? 0 : workStart >= 0 ? workStart : leadAt >= 0 ? leadAt : 0;
  const lastYearResults: Target[] = [];
  const previous = year === null ? null : year - 1;
  for (let i = 0; i < reviewEnd; i++) {
    const p = paragraphs[i];
    if (ctx.headingLines.has(p.start)) continue;
    // the review's achieved figures come before its list of the work done ("主要做了以下工作：")
    if (/以下工作[：:]?$/u.test(p.text)) break;
    for (const t of targetsIn(p.text, previous, p.start, true)) if (t.value.value !== null) lastYearResults.push(t);
  }
  const tasks: Target[] = [];
  const targets: Target[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (i < reviewEnd || annual.consumed.has(p.start)) continue;
    if (/^\s*[●•◆■]/u.test(p.text)) {
      const goal = p.text.replace(/^\s*[●•◆■]\s*/u, "");
      const t = splitTarget(goal);
      if (t) targets.push(toTarget(goal, t, null, p.start));
      continue;
    }
    let previous = "";
    for (const clause of clausesOf(p.text).flatMap(quantifiedPieces)) {
      const bare = clause.replace(/^(?:全年|力争|确保|今年)/u, "");
      const m = TASK.exec(bare);
      if (m) {
        const raw = m[2] + (m[3] ?? "");
        const metric = taskMetric(bare.slice(0, m[0].length - raw.length), previous);
        tasks.push({ metric, raw, year, value: valueOf(raw), text: clause, line: p.start });
      }
      previous = bare;
    }
  }
  return { annualTargets, lastYearResults, tasks, targets };
}
