import type { PlanKind, Period } from "../model";
import type { SourceLine } from "./context";
import { squeeze } from "./quantity";

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "十四" → 14, "二十一" → 21 */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else return null;
  }
  return total + digit;
}

const ORDINAL_LABEL = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

/** The Nth five-year plan ("十四五" for the 14th): the 3rd ran 1966–1970 and they have followed each other since. */
export function fiveYearPeriod(n: number): Period {
  const start = n >= 3 ? 1966 + 5 * (n - 3) : n === 2 ? 1958 : 1953;
  return { label: `${ORDINAL_LABEL[n] ?? n}五`, start, end: start + 4 };
}

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

export interface Metadata {
  title: string;
  region: string | null;
  kind: PlanKind;
  period: Period;
}

/**
 * Two-character words that stand before 市/县/区 in plan prose without naming a place: verbs
 * ("加快…", "推进…"), generic places ("中心城区", "新区") and compounds ("县市区", "超市"). Bigrams with a
 * function character (的, 全, 城 …) are filtered separately.
 */
const STOP = new Set([
  ...["加强", "落实", "实现", "代表", "推动", "提升", "完善", "促进", "带动", "引领", "服务", "组织", "覆盖", "支撑", "示范", "加快", "建设", "推进", "发展", "打造", "支持"],
  ...["经济", "重点", "中心", "周边", "县市", "市县", "省市", "都市", "超市", "上市", "门市", "市区", "园区", "新区", "地区", "社区", "景区", "片区", "辖区", "山区", "湖区"],
]);

/** The place a document is about: from its title, its 人民代表大会 line, or the place name it uses most. */
function readRegion(head: string, text: string): string | null {
  // the name must start a line or follow 在/《 ("在东渚市第十届人民代表大会"), so "全市国民经济" is not a region
  const titled = /(?:^|\n|在|《)([\p{Script=Han}]{2,4}?(?:市|县|区|自治州|州|盟|旗))(?:国民经济|人民政府|[\p{Script=Han}]{0,6}政府工作报告|第[十一二三四五六七八九]+届人民代表大会)/u.exec(head);
  if (titled && !STOP.has(titled[1].slice(0, 2))) return titled[1];
  // a plan's preamble cites the party committee's proposal: "《中共鄂州市委关于制定……的建议》"
  const proposal = /中共([\p{Script=Han}]{2,4}?(?:市|县|区|自治州|州))委(?:员会)?关于/u.exec(head);
  if (proposal && !STOP.has(proposal[1].slice(0, 2))) return proposal[1];
  // candidates: two Han characters before 市/县/开发区 …; scored by how often the name occurs at all
  const counts = new Map<number, number>();
  const key = (s: string, i: number) => s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);
  const suffix = new Map<string, string>();
  // 市场, 市民, 市政 are words, and 都市圈/城市圈 name an area, not a place
  for (const m of text.matchAll(/市(?![场民值政圈])|县(?!域)|高新区|经开区|开发区|城区|港区/g)) {
    const at = m.index ?? 0;
    const name = text.slice(at - 2, at);
    if (at < 2 || !isHan(name.charCodeAt(0)) || !isHan(name.charCodeAt(1))) continue;
    if (STOP.has(name) || /[的与在是了为等各全本我该城]/u.test(name)) continue;
    counts.set(key(name, 0), 0);
    if (m[0] === "市" || m[0] === "县") suffix.set(name, suffix.get(name) === "市" ? "市" : m[0]);
  }
  if (counts.size === 0) return null;
  // one pass over the text counts every candidate
  // the place a document is about is named throughout: its first 60 000 characters decide
  for (let i = 0, end = Math.min(text.length, 60000); i + 1 < end; i++) {
    const k = key(text, i);
    const c = counts.get(k);
    if (c !== undefined) counts.set(k, c + 1);
  }
  const [bestKey, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const best = String.fromCharCode(Math.floor(bestKey / 0x10000), bestKey % 0x10000);
  return n >= 3 ? best + (suffix.get(best) ?? "市") : null;
}

export function readMetadata(lines: SourceLine[], text: string, path: string): Metadata {
  const headLines = lines.filter((l) => l.text.trim()).slice(0, 12).map((l) => l.text.trim());
  const head = squeeze(headLines.join("\n").replace(/\n/g, "¶")).replace(/¶/g, "\n");
  const early = squeeze(text.slice(0, 4000));
  let kind: PlanKind = "unknown";
  if (/解读/u.test(head)) kind = "work-report-digest";
  else if (/五年规划|规划纲要|远景目标纲要/u.test(head)) kind = "five-year-plan";
  else if (/政府工作报告|各位代表/u.test(head) || /^各位代表/mu.test(early)) kind = "work-report";
  else if (/第[一二三四五六七八九十]+个五年规划|规划纲要/u.test(early)) kind = "five-year-plan";

  const region = readRegion(head, text);

  let period: Period = { label: "", start: null, end: null };
  if (kind === "five-year-plan" || kind === "unknown") {
    const m = /第([一二三四五六七八九十]+)个五年规划/u.exec(head) ?? /第([一二三四五六七八九十]+)个五年规划/u.exec(early);
    const quoted = /“(十[一二三四五六七八九])五”(?:规划|时期)/u.exec(early);
    const n = m ? chineseNumber(m[1]) : quoted ? chineseNumber(quoted[1]) : null;
    if (n) {
      period = fiveYearPeriod(n);
      if (kind === "unknown" && m) kind = "five-year-plan";
    }
  }
  if (kind === "work-report" || kind === "work-report-digest") {
    const dated = /——\s*(\d{4})年\d{1,2}月\d{1,2}日/u.exec(head);
    const plan = /(\d{4})年(?:工作(?:安排|建议|任务|部署|重点)|主要预期目标|经济社会发展主要预期目标)/u.exec(text);
    const review = /(\d{4})年工作回顾/u.exec(text);
    const year = dated ? Number(dated[1]) : plan ? Number(plan[1]) : review ? Number(review[1]) + 1 : mostCommonYear(text);
    if (year) period = { label: `${year}年`, start: year, end: year };
  }

  let title: string;
  if (kind === "five-year-plan") {
    // the title is the short lines at the top that name the plan, up to the one ending in 纲要/规划
    const first = headLines.findIndex((l) => l.length <= 60 && /国民经济|规划|纲要/u.test(l));
    const parts: string[] = [];
    for (let i = first; first >= 0 && i < Math.min(headLines.length, first + 4); i++) {
      if (i > first && !/[规划纲要]/u.test(headLines[i]) && parts.some((p) => /纲要|规划$/u.test(p))) break;
      if (headLines[i].length > 60 || /人民政府|人民代表大会/u.test(headLines[i])) break;
      parts.push(headLines[i]);
      if (/纲要|规划(（[^）]*）)?$/u.test(headLines[i])) break;
    }
    title = parts.length ? squeeze(parts.join("")) : `${region ?? ""}“${period.label}”规划纲要`;
  } else if (kind === "work-report") {
    const t = headLines.find((l) => /政府工作报告/u.test(l));
    title = t ? squeeze(t) : `${region ?? ""}${period.start ?? ""}${period.start ? "年" : ""}政府工作报告`;
  } else if (kind === "work-report-digest") {
    const idx = headLines.findIndex((l) => /解读/u.test(l));
    title = squeeze(headLines.slice(Math.max(0, idx - 1), idx + 1).join(""));
  } else {
    title = squeeze(headLines[0] ?? path);
  }
  return { title, region, kind, period };
}

function mostCommonYear(text: string): number | null {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}
