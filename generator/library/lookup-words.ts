/**
 * The words a clerk types into =PLANBOOK.… and what they mean: field names in Chinese and English,
 * region names with or without 市/县/区, plan periods as 十四五 / “十四五”规划 / 2024年 / 2024.
 * Kept apart from the lookups so the vocabulary can grow without touching how plans are searched.
 */
import type { LookupField, MonitoringLookupField, PlanKind } from "../model";

/** Every accepted spelling of a field (compared after trimming, NFKC and lower-casing). */
/** the fields of a plan's own row; the monitoring fields ("2023年实际") have their words in lookup-monitoring.ts */
const FIELD_WORDS: Record<Exclude<LookupField, MonitoringLookupField>, string[]> = {
  target: ["目标", "目标值", "规划目标", "target", "goal"],
  baseline: ["基期", "基期值", "基数", "现状", "baseline", "base"],
  rate: ["年均", "年均增长", "年均增速", "增速", "累计", "年均/累计", "rate", "growth"],
  actual: ["实际", "完成", "实际完成", "actual"],
  estimate: ["预计", "预计完成", "estimate"],
  attribute: ["属性", "指标属性", "attribute", "type"],
  unit: ["单位", "unit"],
  comparator: ["比较", "比较符", "限定", "comparator", "qualifier"],
  kind: ["类型", "数值类型", "值类型", "kind"],
  raw: ["原文", "目标原文", "raw", "text"],
  baseYear: ["基期年", "基年", "baseyear", "base year"],
  targetYear: ["目标年", "目标年份", "targetyear", "target year", "year"],
  name: ["指标", "指标名称", "名称", "name", "indicator"],
  category: ["类别", "分类", "category"],
  table: ["表", "指标表", "表名", "table"],
  line: ["行", "行号", "出处", "line", "source"],
  plan: ["规划", "文件", "规划名称", "plan", "title"],
};

const FIELD_BY_WORD = new Map<string, LookupField>();
for (const [field, words] of Object.entries(FIELD_WORDS) as Array<[LookupField, string[]]>) {
  for (const word of words) FIELD_BY_WORD.set(fold(word), field);
}

function fold(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The figures of a row that have a comparator, a kind and a printed text of their own. */
export type FigureField = "baseline" | "target" | "rate" | "actual" | "estimate";
const FIGURE_FIELDS: readonly LookupField[] = ["baseline", "target", "rate", "actual", "estimate"];
const ABOUT_FIGURE: ReadonlyArray<Exclude<LookupField, MonitoringLookupField>> = ["comparator", "kind", "raw"];

export interface FieldChoice {
  field: LookupField;
  /** for 比较/类型/原文: whose ("年均比较" → rate); null for the row's main figure (its target, else its rate) */
  of: FigureField | null;
}

/**
 * The field a word names ("目标", "年均比较", "rate kind"); target when no word was given; null for
 * a word that names none.
 */
export function fieldOf(word: string | undefined | null): FieldChoice | null {
  if (word === undefined || word === null || word.trim() === "") return { field: "target", of: null };
  const folded = fold(word);
  const whole = FIELD_BY_WORD.get(folded);
  if (whole) return { field: whole, of: null };
  for (const about of ABOUT_FIGURE) {
    for (const suffix of FIELD_WORDS[about]) {
      const rest = folded.endsWith(suffix) ? folded.slice(0, -suffix.length).trim() : "";
      const of = rest ? FIELD_BY_WORD.get(rest) : undefined;
      if (of && FIGURE_FIELDS.includes(of)) return { field: about, of: of as FigureField };
    }
  }
  return null;
}

/** The words a clerk can use, for the #VALUE! message. */
export const FIELD_HELP = "基期、目标、年均、实际、预计、属性、单位、比较、类型、原文（也可写“年均比较”“基期原文”等）、基期年、目标年、指标、类别、表、行、规划";

/** "荆门市" and "荆门" name the same place; so do "咸宁" and "咸宁市". */
export function regionKey(region: string): string {
  const clean = fold(region).replace(/\s+/g, "");
  const stripped = clean.replace(/(特别行政区|自治区|自治州|自治县|地区|新区|省|市|县|区|州|盟|旗)$/u, "");
  return stripped.length >= 2 ? stripped : clean;
}

const CN_DIGITS = "零一二三四五六七八九十";

/**
 * A plan reference as a period label: "十四五", "“十四五”规划", "14五" → "十四五"; "2024年",
 * "2024", "2024年政府工作报告" → "2024年". Null when it is neither (then it may be a plan id).
 */
export function periodKey(text: string): string | null {
  const clean = fold(text).replace(/[\s“”"'‘’「」《》]/g, "");
  const year = /^((?:19|20)\d{2})年?/.exec(clean);
  if (year) return `${year[1]}年`;
  const five = /^(十[一二三四五六七八九]|1[1-9])五/.exec(clean);
  if (five) {
    const n = five[1];
    return /^\d/.test(n) ? `十${CN_DIGITS[Number(n) - 10]}五` : `${n}五`;
  }
  return null;
}

/** Which kinds to try first for a period: a five-year plan for 十四五, the work report for a year. */
export function kindPreference(period: string): PlanKind[] {
  return period.endsWith("年")
    ? ["work-report", "work-report-digest", "statistical-bulletin", "five-year-plan", "unknown"]
    : ["five-year-plan", "work-report", "work-report-digest", "statistical-bulletin", "unknown"];
}

/** How a table argument reads: by role (目标/回顾), by number, or by words in its title. */
export type TableChoice = { by: "role"; role: "targets" | "review" } | { by: "index"; index: number } | { by: "title"; words: string };

export function tableChoice(word: string | undefined | null): TableChoice {
  const clean = fold(word ?? "");
  if (!clean || ["目标", "规划目标", "主要指标", "targets", "target"].includes(clean)) return { by: "role", role: "targets" };
  if (["回顾", "完成", "完成情况", "上期", "review"].includes(clean)) return { by: "role", role: "review" };
  if (/^\d{1,2}$/.test(clean)) return { by: "index", index: Number(clean) };
  return { by: "title", words: clean.replace(/\s+/g, "") };
}

/** Words a clerk reads for a value kind (Quantity.kind). */
export const KIND_WORDS: Record<string, string> = { level: "水平值", rate: "年均", cumulative: "累计", text: "文字" };

/** normalised for matching titles and box labels: no spaces, NFKC, lower case */
export function looseKey(text: string): string {
  return fold(text).replace(/[\s“”"]/g, "");
}
