/**
 * The monitoring fields of =PLANBOOK.VALUE: "2023年实际", "2024年目标", "2023年状态", "2023年来源",
 * "状态", "依据" — answered from the Monitoring of a five-year plan (generator/model/monitoring.ts),
 * the same figures, in the same units and with the same sources as the monitoring workbook and the
 * pane's 规划实施监测 table. Pure: the Monitoring is computed by whoever builds the LookupService
 * (the service injects generator/monitor), so the library does not import the computation.
 */
import {
  normalizeIndicatorName,
  type LookupResult,
  type MonitoredIndicator,
  type Monitoring,
  type MonitoringLookupField,
  type MonitoringYear,
  sourceText,
  verdictText,
} from "../model";

export interface MonitoringChoice {
  field: MonitoringLookupField;
  /** the year of a year field ("2023年实际"); null for the indicator's own status and reason */
  year: number | null;
}

type YearField = Exclude<MonitoringLookupField, "status" | "reason">;

/** the words after (or before) a year, compared after NFKC, trimming and lower-casing */
const YEAR_WORDS: Record<YearField, string[]> = {
  yearActual: ["实际", "实际值", "实际完成", "完成", "完成值", "实绩", "actual"],
  yearTarget: ["目标", "年度目标", "预期目标", "目标值", "target"],
  yearTargetRaw: ["目标原文", "年度目标原文", "target raw", "target text"],
  yearVerdict: ["状态", "达标", "达标情况", "完成情况", "对照", "判断", "status", "verdict"],
  yearSource: ["来源", "出处", "实际来源", "数据来源", "source"],
};

/** fields of the indicator's monitoring as a whole; none of these words is a field of the plan's row */
const PLAIN_WORDS: Record<"status" | "reason", string[]> = {
  status: ["状态", "监测状态", "进度状态", "实施状态", "status"],
  reason: ["依据", "监测依据", "状态依据", "原因", "reason"],
};

const fold = (text: string): string => text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/** "状态" is the indicator's status alone and the year's verdict after a year: two maps */
const byWord = <F extends string>(words: Record<F, string[]>): Map<string, F> => {
  const map = new Map<string, F>();
  for (const [field, list] of Object.entries(words) as Array<[F, string[]]>) for (const word of list) map.set(fold(word), field);
  return map;
};
const YEAR_BY_WORD = byWord(YEAR_WORDS);
const PLAIN_BY_WORD = byWord(PLAIN_WORDS);

const YEAR_FIRST = /^((?:19|20)\d{2})\s*年?\s*(?:的)?\s*(.+)$/u;
const YEAR_LAST = /^(.+?)\s*((?:19|20)\d{2})\s*年?$/u;

/**
 * The monitoring field a word names ("2023年实际", "2023 actual", "actual 2023", "状态"), or null
 * when it names none (then it may be a field of the plan's own row: 目标, 基期 …).
 */
export function monitoringFieldOf(word: string | undefined | null): MonitoringChoice | null {
  if (!word?.trim()) return null;
  const folded = fold(word);
  const plain = PLAIN_BY_WORD.get(folded);
  if (plain) return { field: plain, year: null };
  const first = YEAR_FIRST.exec(folded);
  const last = first ? null : YEAR_LAST.exec(folded);
  const year = first?.[1] ?? last?.[2];
  const rest = first?.[2] ?? last?.[1];
  if (!year || !rest) return null;
  const field = YEAR_BY_WORD.get(rest.trim());
  return field ? { field, year: Number(year) } : null;
}

/** true for a word that starts or ends with a year: meant as a monitoring field, even when the rest is misspelt */
export const looksLikeYearField = (word: string | undefined | null): boolean => !!word && (YEAR_FIRST.test(fold(word)) || YEAR_LAST.test(fold(word)));

type Failure = Extract<LookupResult, { ok: false }>;
const notFound = (message: string): Failure => ({ ok: false, error: "not-found", message });

const KEYS = new WeakMap<Monitoring, Map<string, MonitoredIndicator>>();

/** The indicator of the monitoring an asked name is, by the shared normaliser (as every other lookup). */
function indicatorOf(m: Monitoring, asked: string): MonitoredIndicator | Failure {
  const key = normalizeIndicatorName(asked);
  let byKey = KEYS.get(m);
  if (!byKey) {
    // `key` is normalizeIndicatorName of the plan's name; the first of two rows with one name is kept (monitoring gives such rows no figures)
    byKey = new Map();
    for (const i of m.indicators) if (!byKey.has(i.key)) byKey.set(i.key, i);
    KEYS.set(m, byKey);
  }
  const found = byKey.get(key);
  if (found) return found;
  const near = key.length >= 2 ? m.indicators.filter((i) => i.key.includes(key) || key.includes(i.key)).map((i) => i.name).slice(0, 3) : [];
  return notFound(`未找到指标：${asked}（${where(m)}规划实施监测只含规划主要指标表中的指标）${near.length ? `。相近的有：${near.join("、")}` : ""}`);
}

const where = (m: Monitoring) => `${m.region ?? ""}“${m.plan.periodLabel}”`;

/** One monitoring field of one indicator: a number in the indicator's measure unit where there is one, else the text as printed. */
export function monitoringValue(m: Monitoring, asked: string, choice: MonitoringChoice): LookupResult {
  const i = indicatorOf(m, asked);
  if ("ok" in i) return i;
  const ok = (value: number | string, source: { table: string; line: number }): LookupResult => ({ ok: true, plan: m.plan.id, field: choice.field, value, source: { name: i.name, ...source } });
  const planSource = { table: `${m.plan.title}（规划实施监测）`, line: i.line };
  if (choice.field === "status") return ok(i.status, planSource);
  if (choice.field === "reason") return i.reason ? ok(i.reason, planSource) : notFound(`未找到依据：${i.name}的监测没有说明`);
  const year = choice.year as number;
  const y = i.years.find((x) => x.year === year);
  if (!y) return notFound(`${year}年不在${where(m)}规划期（${m.years[0]}—${m.years[m.years.length - 1]}年）内`);
  const figureSource = (f: NonNullable<MonitoringYear["actual"]>) => ({ table: sourceText(f.source), line: f.source.type === "document" ? f.source.line : 0 });
  const noActual = () => notFound(`未找到${year}年实际：${i.name}在${where(m)}各年政府工作报告、统计公报和导入的实际值中都没有${year}年的数据`);
  switch (choice.field) {
    case "yearActual":
      if (!y.actual || y.shown === null || y.shown === "") return noActual();
      return ok(y.shown, figureSource(y.actual));
    case "yearSource":
      if (!y.actual) return noActual();
      return ok(`${sourceText(y.actual.source)}${y.actual.estimated ? "（预计数）" : ""}`, figureSource(y.actual));
    case "yearTarget":
    case "yearTargetRaw": {
      const t = y.target;
      if (!t) return notFound(`未找到${year}年目标：${where(m)}规划库中${year}年的政府工作报告没有提出${i.name}的年度目标（或还没有导入这份报告）`);
      // a figure in the plan's unit is a number (the qualifier 以上/左右 is in "年目标原文"); words stay words
      const value = choice.field === "yearTarget" && t.comparable && t.value !== null ? t.value : t.quantity.raw;
      return ok(value, figureSource(t));
    }
    case "yearVerdict": {
      const verdict = verdictText(y, i.measure);
      if (verdict) return ok(verdict, y.actual ? figureSource(y.actual) : planSource);
      if (!y.actual) return noActual();
      return notFound(`未判断${year}年：${i.name}${i.measure === "qualitative" ? "是定性目标，不作判断" : y.actual.comparable ? "这一年没有可对照的进度" : `的${year}年数据不能与规划目标相比（${y.actual.reason ?? "口径不同"}）`}`);
    }
  }
  return { ok: false, error: "bad-field", message: `不认识的字段：${choice.field}` };
}

/** The words a clerk can use, for the #VALUE! message of a year field it does not know. */
export const MONITORING_FIELD_HELP = "2023年实际、2023年目标、2023年目标原文、2023年状态、2023年来源（年份可换），以及不带年份的“状态”“依据”";
