/**
 * Matching report figures to plan indicators. Names go through the shared normaliser
 * (normalizeIndicatorName, with its synonyms); this file only removes what marks the *time* of a
 * figure (全年, 比上年, 年末) and tells a change word (增长, 下降 …) from the name it is a change of.
 */
import { normalizeIndicatorName } from "../model";

/** a quarter, half-year or month figure is not a year's result */
const SUB_ANNUAL = /[一二三四1-4１-４]季度|[上下]半年|前三季度|\d{1,2}\s*[-—~至]\s*\d{1,2}月|\d{1,2}月份?/u;

/** words that place a figure in time, not part of the indicator's name */
const TIME_WORDS = /全年(?:累计)?|比上年末?|较上年末?|同比|年末|年底/gu;

const UP = "增长|增速|增幅|涨幅|提高|提升|增加|上涨|上升";
const DOWN = "下降|降低|减少|回落|下调";
const CHANGE_AT_END = new RegExp(`(${UP}|${DOWN})$`, "u");
const DOWN_WORD = new RegExp(`^(?:${DOWN})$`, "u");

export type Polarity = "up" | "down" | null;

export interface NameKey {
  /** normalizeIndicatorName of the name */
  key: string;
  /** the key without a trailing change word: what a level and its growth share */
  base: string;
  /** the trailing change word's direction, null when the name is not a change */
  polarity: Polarity;
}

const keys = new Map<string, NameKey>();

export function nameKey(name: string): NameKey {
  let found = keys.get(name);
  if (!found) {
    // the same metrics recur in every report of every region: each name is normalised once per process
    if (keys.size > 50_000) keys.clear();
    found = computeKey(name);
    keys.set(name, found);
  }
  return found;
}

function computeKey(name: string): NameKey {
  const key = normalizeIndicatorName(name);
  const m = CHANGE_AT_END.exec(key);
  if (!m) return { key, base: key, polarity: null };
  return { key, base: key.slice(0, m.index), polarity: DOWN_WORD.test(m[1]) ? "down" : "up" };
}

/** a change counted over several years ("累计下降18%", "五年累计"), not one year's: 全年累计 is the year's own */
const PERIOD_CUMULATIVE = /(?<!全年)累计|[二三四五]年(?:来)?(?:累计|共)/u;

/** A report's metric as a name to match, or null when it is not one year's figure (a quarter's, a month's, several years' together). */
export function figureKey(metric: string): NameKey | null {
  if (SUB_ANNUAL.test(metric) || PERIOD_CUMULATIVE.test(metric)) return null;
  return nameKey(metric.replace(TIME_WORDS, ""));
}

/** an indicator counted as a yearly flow (新增就业, 造林, 改造): its yearly figures add up to the period's */
export function isFlowName(name: string): boolean {
  return /新增|新建|新开工|改造|造林|脱贫|累计/u.test(name);
}
