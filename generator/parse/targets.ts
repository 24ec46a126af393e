import type { IndicatorTable, Target } from "../model";
import { warn, type ParseContext } from "./context";
import { splitOutside } from "./boxes/text";
import { isTableLine, type Paragraph } from "./paragraphs";
import { splitTarget, toTarget } from "./targets/clause";
import { readWorkReport } from "./targets/workReport";
import { annualTargetsFromTables } from "./targets/table";

/*
 * Prose targets of a plan: "到2025年，全市高新技术产业增加值占GDP比重达到23%", "力争…突破1000亿元",
 * one per clause. A clause counts only where the sentence looks forward — it names a target year
 * ("到2025年") or commits ("力争", "确保") — so the review's achieved figures are not read as goals.
 */

const TARGET_YEAR = /(?:到|至)\s*(20\d\d)\s*年/u;
const COMMITS = /力争|确保|目标/u;
/** a value verb must be present: a clause without one is a statement, not a target */
const VALUE_VERB = /达到|突破|超过|提高到|提升到|增加到|增至|降至|降低到|下降到|控制在|稳定在|保持在|年均增长|不低于/u;

function proseParagraphs(ctx: ParseContext): Paragraph[] {
  return ctx.paragraphs.filter(
    (p) => !ctx.headingLines.has(p.start) && !isTableLine(p.text),
  );
}

export function extractTargets(ctx: ParseContext): Target[] {
  const out: Target[] = [];
  const start = ctx.year !== null ? ctx.year - 4 : null;
  try {
    for (const p of proseParagraphs(ctx)) {
      // most prose states no figure at all: skip it before splitting
      if (!/\d/.test(p.text) || !VALUE_VERB.test(p.text)) continue;
      for (const sentence of splitOutside(p.text, "。；;！")) {
        if (!VALUE_VERB.test(sentence)) continue;
        const y = TARGET_YEAR.exec(sentence);
        const year = y ? Number(y[1]) : null;
        if (year !== null && start !== null && year < start) continue;
        if (year === null && !COMMITS.test(sentence)) continue;
        for (const clause of splitOutside(sentence, "，,")) {
          if (!VALUE_VERB.test(clause) || !/\d/.test(clause)) continue;
          const found = splitTarget(clause);
          if (found) out.push(toTarget(clause, found, year ?? ctx.year, p.start));
        }
      }
    }
  } catch (e) {
    warn(ctx, "targets-unreadable", `正文中的目标未能读取（${(e as Error).message}），其余内容照常读取`, ctx.lines[0]?.no ?? 1);
  }
  return out;
}

/** a work report's 主要预期目标, last year's results and the year's quantified tasks; a digest's ● goals as `targets` */
export function extractWorkReport(ctx: ParseContext, tables: IndicatorTable[] = []): { annualTargets: Target[]; lastYearResults: Target[]; tasks: Target[]; targets: Target[] } {
  try {
    const report = readWorkReport(ctx, proseParagraphs(ctx));
    // no list in the prose: the year's targets may be a table whose target column is the year
    if (report.annualTargets.length === 0 && ctx.kind === "work-report") report.annualTargets = annualTargetsFromTables(tables, ctx.year);
    if (report.annualTargets.length === 0) {
      const line = ctx.lines.find((l) => l.text.trim())?.no ?? 1;
      warn(ctx, "no-annual-targets", `第${line}行起的全文中没有找到“主要预期目标”及其目标清单，年度目标为空`, line);
    }
    return report;
  } catch (e) {
    warn(ctx, "work-report-unreadable", `工作报告中的年度目标、上年成绩和重点任务未能读取（${(e as Error).message}）`, ctx.lines[0]?.no ?? 1);
    return { annualTargets: [], lastYearResults: [], tasks: [], targets: [] };
  }
}
