import { PLAN_KIND_LABELS, type PlanKind, type Period, type Warning } from "../model";
import type { SourceLine } from "./context";
import { squeeze } from "./quantity";
import { inferRegion, partyRegion, statedRegion } from "./region";

/*
 * What a document is (kind), when (period), where (region) and its title, read from where documents
 * state them: the title lines at the top, the issuing body and date lines under it, the session it
 * was delivered to. The body is consulted only when the head says nothing, and what is read from it
 * is reported as inferred.
 */

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, "○": 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

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

/** "二〇二五年" → "2025年": years written digit by digit in Chinese numerals */
export function arabicYears(s: string): string {
  if (!/[〇○零]/u.test(s)) return s;
  return s.replace(/([一二][〇○零九][〇○零一二三四五六七八九]{2})(?=年)/gu, (y) => [...y].map((c) => String(CN_DIGITS[c])).join(""));
}

const ORDINAL_LABEL = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"];

/** The Nth five-year plan ("十四五" for the 14th): the 3rd ran 1966–1970 and they have followed each other since. */
export function fiveYearPeriod(n: number): Period {
  const start = n >= 3 ? 1966 + 5 * (n - 3) : n === 2 ? 1958 : 1953;
  return { label: `${ORDINAL_LABEL[n] ?? n}五`, start, end: start + 4 };
}

/** the five-year plan a year range is ("2021—2025年" → 十四五), or null when the range is not one */
function periodOfRange(from: number, to: number): Period | null {
  if (to - from !== 4 || from < 1966 || (from - 1966) % 5 !== 0) return null;
  return fiveYearPeriod((from - 1966) / 5 + 3);
}

export interface Metadata {
  title: string;
  region: string | null;
  kind: PlanKind;
  period: Period;
  /** what was inferred rather than read, and what could not be known (optional for readers that build a Metadata of their own) */
  warnings?: Warning[];
}

/** how many lines at the top are searched for the title, the issuing body and the date */
const HEAD_LINES = 30;
/** a head line longer than this is prose: only its start is read */
const HEAD_LINE_CHARS = 300;

interface HeadLine {
  /** spaces squeezed ("荆 门 市" → "荆门市") and years in digits, for reading */
  text: string;
  /** spaces squeezed only, for the title as printed */
  printed: string;
  no: number;
}

/** The first non-blank lines. */
function headOf(lines: SourceLine[]): HeadLine[] {
  const head: HeadLine[] = [];
  for (const l of lines) {
    if (head.length >= HEAD_LINES) break;
    const printed = squeeze(l.text.length > HEAD_LINE_CHARS ? l.text.slice(0, HEAD_LINE_CHARS) : l.text);
    if (printed) head.push({ text: arabicYears(printed), printed, no: l.no });
  }
  return head;
}

/** The cleaned text's first `chars` characters, for the body's signals (export artifacts are gone from the lines). */
function earlyText(lines: SourceLine[], chars: number): string {
  const parts: string[] = [];
  let n = 0;
  for (const l of lines) {
    if (n >= chars) break;
    if (!l.text) continue;
    parts.push(l.text);
    n += l.text.length + 1;
  }
  return arabicYears(parts.join("\n"));
}

const KIND_OF_TITLE: Array<[PlanKind, RegExp]> = [
  ["statistical-bulletin", /统计公报/u],
  ["work-report-digest", /解读|图解|一图(?:读懂|看懂)/u],
  ["work-report", /政府工作报告/u],
  ["five-year-plan", /五年规划|规划纲要|远景目标纲要|十[一二三四五六七八九]五”?(?:[^，。；]{0,20})?规划|规划[（(](?:19|20)\d\d[—\-－–~～至](?:19|20)\d\d年?[）)]/u],
];

/** a line that can be (part of) a title: short, no sentence punctuation, naming a document */
const TITLE_WORD = /统计公报|解读|图解|政府工作报告|规划|纲要|国民经济和社会发展|经济社会发展/u;
const isTitleish = (t: string) => t.length <= 60 && !/[。；]/u.test(t);

/**
 * How many head lines come before the body: the title, the issuing body, the date. The body begins
 * at the first line of prose, the first heading, or the salutation of a speech ("各位代表：").
 */
function topOf(head: HeadLine[]): number {
  const i = head.findIndex((l) => !isTitleish(l.text) || /^(?:第[一二三四五六七八九十\d]+[篇章节]|[一二三四五六七八九十]+、|各位代表|同志们)/u.test(l.text));
  return i < 0 ? head.length : i;
}

/**
 * The head lines that make the title: the first top line that names a document, with the short
 * lines its name runs over ("松陵市国民经济和社会发展" / "第十五个五年规划纲要（节选）"), and the
 * headline over a "——…解读" subtitle.
 */
function titleLines(head: HeadLine[], top: number): number[] {
  // a line that names a kind of document beats one that only says 规划 ("规划计划" in a site's menu)
  const candidate = (l: HeadLine) => !/^——?\s*(?:19|20)\d\d年/u.test(l.text);
  const lines = head.slice(0, top);
  let first = lines.findIndex((l) => candidate(l) && KIND_OF_TITLE.some(([, re]) => re.test(l.text)));
  if (first < 0) first = lines.findIndex((l) => candidate(l) && TITLE_WORD.test(l.text));
  if (first < 0) return [];
  const at = [first];
  const ends = (t: string) => /(?:纲要|规划|报告|公报|解读)(?:[（(][^（）()]{0,12}[）)])*$/u.test(t);
  // the name begun on the line before ("松陵市国民经济和社会发展" / "第十五个五年规划纲要"), or a headline over a "——…" subtitle
  if (first > 0 && (/^——/u.test(head[first].text) || (TITLE_WORD.test(head[first - 1].text) && !ends(head[first - 1].text)))) at.unshift(first - 1);
  for (let i = first + 1; i < Math.min(top, first + 3) && !ends(head[at[at.length - 1]].text); i++) {
    const t = head[i].text;
    if (/^——|人民政府|人民代表大会|^(?:19|20)\d\d年\d{1,2}月/u.test(t)) break;
    at.push(i);
  }
  return at;
}

/** signals in the body of each kind, with their weight: what a fragment without its title is recognised by */
const CONTENT_SIGNALS: Array<[PlanKind, RegExp, number]> = [
  ["work-report", /^各位代表/gmu, 5],
  ["work-report", /主要预期目标/gu, 4],
  ["work-report", /今年/gu, 2],
  ["work-report", /过去一年|一年来|刚刚过去的/gu, 3],
  ["work-report", /政府工作|本届政府|向大会报告/gu, 2],
  ["five-year-plan", /本纲要|本规划|规划期/gu, 5],
  ["five-year-plan", /第[一二三四五六七八九十]+个五年规划|规划纲要/gu, 3],
  ["five-year-plan", /^第[一二三四五六七八九十]+[篇章]/gmu, 2],
  ["five-year-plan", /^专栏/gmu, 2],
  ["statistical-bulletin", /统计公报/gu, 5],
  ["statistical-bulletin", /比上年(?:末)?(?:增长|下降|增加|减少)/gu, 2],
  ["statistical-bulletin", /年末/gu, 1],
];

function kindOf(titleText: string, topText: string, headText: string, early: () => string): { kind: PlanKind; inferred: boolean } {
  for (const [kind, re] of KIND_OF_TITLE) if (re.test(titleText)) return { kind, inferred: false };
  // a speech to the people's congress: a work report, whatever its first lines say
  if (/^各位代表/mu.test(headText)) return { kind: "work-report", inferred: false };
  for (const [kind, re] of KIND_OF_TITLE) if (re.test(topText)) return { kind, inferred: false };
  const score = new Map<PlanKind, number>();
  for (const [kind, re, weight] of CONTENT_SIGNALS) {
    let n = 0;
    for (const _ of early().matchAll(re)) if (++n >= 10) break;
    score.set(kind, (score.get(kind) ?? 0) + n * weight);
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  // a clear lead, not one stray word
  if (best[1] >= 8 && best[1] >= 2 * (second?.[1] ?? 0)) return { kind: best[0], inferred: true };
  return { kind: "unknown", inferred: false };
}

const FIVE_YEAR = /第([一二三四五六七八九十]+)个五年(?:规划|计划)/u;
const QUOTED = /“(十[一二三四五六七八九]|[一二三四五六七八九])五”/gu;
const RANGE = /((?:19|20)\d\d)\s*[—\-－–~～至]+\s*((?:19|20)\d\d)\s*年/u;

/** A five-year plan's period: the plan named in the title or head, its year range, else the one the early text speaks of. */
function planPeriod(titleText: string, headText: string, body: () => string): { period: Period | null; inferred: boolean } {
  for (const t of [titleText, headText]) {
    const m = FIVE_YEAR.exec(t) ?? /(十[一二三四五六七八九])五”?/u.exec(t);
    const n = m ? chineseNumber(m[1]) : null;
    if (n) return { period: fiveYearPeriod(n), inferred: false };
    const r = RANGE.exec(t);
    const p = r ? periodOfRange(Number(r[1]), Number(r[2])) : null;
    if (p) return { period: p, inferred: false };
  }
  const early = body().slice(0, 4000);
  const m = FIVE_YEAR.exec(early);
  if (m && chineseNumber(m[1])) return { period: fiveYearPeriod(chineseNumber(m[1])!), inferred: false };
  // the plan's own period is the latest one its text speaks of often (a plan reviews the one before)
  const counts = new Map<number, number>();
  for (const q of early.matchAll(QUOTED)) {
    const n = chineseNumber(q[1]);
    if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const most = Math.max(0, ...counts.values());
  const latest = [...counts.entries()].filter(([, c]) => c >= 2 && c * 3 >= most).sort((a, b) => b[0] - a[0])[0];
  return latest ? { period: fiveYearPeriod(latest[0]), inferred: true } : { period: null, inferred: false };
}

/** A work report's, digest's or bulletin's year: printed in its title or date line, else the year its plans are for. */
function yearOf(kind: PlanKind, titleText: string, head: HeadLine[], text: string): { year: number | null; inferred: boolean } {
  const title = /((?:19|20)\d\d)年/u.exec(titleText) ?? /[（(]((?:19|20)\d\d)[）)]/u.exec(titleText);
  if (title) return { year: Number(title[1]), inferred: false };
  if (kind !== "statistical-bulletin") {
    // "——2025年1月15日在东渚市第十届人民代表大会第四次会议上": delivered at the start of the year it plans
    for (const l of head) {
      const dated = /^(?:——|（|\()?((?:19|20)\d\d)年[\d一二三四五六七八九十]{1,3}月/u.exec(l.text);
      if (dated && (/人民代表大会|会议|报告/u.test(l.text) || l.text.length <= 16)) return { year: Number(dated[1]), inferred: false };
    }
    const scan = text.length > 200000 ? text.slice(0, 200000) : text;
    const plan = /((?:19|20)\d\d)年(?:是[^。]{0,30}之年|(?:的)?(?:政府)?工作(?:安排|建议|任务|部署|重点|总体要求)|(?:经济社会发展的?)?主要预期目标|预期目标|重点工作)/u.exec(scan);
    if (plan) return { year: Number(plan[1]), inferred: false };
    const review = /((?:19|20)\d\d)年(?:政府)?工作回顾/u.exec(scan);
    if (review) return { year: Number(review[1]) + 1, inferred: false };
  } else {
    const first = /((?:19|20)\d\d)年(?:全年|末|全市|全省|全县|全区|国民经济)/u.exec(text.slice(0, 4000));
    if (first) return { year: Number(first[1]), inferred: false };
  }
  const common = mostCommonYear(text);
  return { year: common, inferred: common !== null };
}

function mostCommonYear(text: string): number | null {
  const counts = new Map<number, number>();
  const scan = text.length > 200000 ? text.slice(0, 200000) : text;
  for (const m of scan.matchAll(/((?:19|20)\d{2})年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best ? best[0] : null;
}

function titleOf(kind: PlanKind, head: HeadLine[], at: number[], region: string | null, period: Period, path: string): string {
  if (at.length) return at.map((i) => head[i].printed).join("");
  const where = region ?? "";
  if (kind === "five-year-plan") return `${where}${period.label ? `“${period.label}”` : ""}规划纲要`;
  if (kind === "work-report") return `${where}${period.start ?? ""}${period.start ? "年" : ""}政府工作报告`;
  if (kind === "statistical-bulletin") return `${where}${period.start ?? ""}${period.start ? "年" : ""}国民经济和社会发展统计公报`;
  if (kind === "work-report-digest") return `${where}${period.start ?? ""}${period.start ? "年" : ""}政府工作报告解读`;
  return head[0]?.printed ?? path;
}

export function readMetadata(lines: SourceLine[], text: string, path: string): Metadata {
  const warnings: Warning[] = [];
  const head = headOf(lines);
  const firstLine = head[0]?.no ?? 1;
  const top = topOf(head);
  const at = titleLines(head, top);
  const titleText = at.map((i) => head[i].text).join("");
  const topText = head.slice(0, top).map((l) => l.text).join("\n");
  const headText = head.map((l) => l.text).join("\n");
  // the body's start, read only when the head does not say what the document is
  let earlyCache: string | null = null;
  const early = () => (earlyCache ??= earlyText(lines, 20000));

  const { kind, inferred: kindInferred } = kindOf(titleText, topText, headText, early);
  if (kindInferred) warnings.push({ code: "kind-inferred", message: `第${firstLine}行起没有写明文件类型的标题，按正文内容判断为${PLAN_KIND_LABELS[kind]}`, line: firstLine });

  let period: Period = { label: "", start: null, end: null };
  const titleNo = at.length ? head[at[0]].no : firstLine;
  if (kind === "five-year-plan" || kind === "unknown") {
    const p = planPeriod(titleText, topText, early);
    if (p.period && (kind === "five-year-plan" || !p.inferred)) {
      period = p.period;
      if (p.inferred) warnings.push({ code: "period-inferred", message: `第${titleNo}行的标题没有写明规划期，按正文推断为“${period.label}”（${period.start}—${period.end}年）`, line: titleNo });
    }
  } else {
    const { year, inferred } = yearOf(kind, titleText, head.slice(0, Math.max(top, 1)), text);
    if (year) {
      period = { label: `${year}年`, start: year, end: year };
      if (inferred) warnings.push({ code: "period-inferred", message: `第${titleNo}行起没有写明年份，按正文中出现最多的年份推断为${year}年`, line: titleNo });
    }
  }
  if (!period.label && kind !== "unknown") warnings.push({ code: "period-unknown", message: `第${titleNo}行起找不到文件所属的时期或年份`, line: titleNo });

  let region: string | null = null;
  const stated = statedRegion(
    head.map((l) => l.text),
    at,
    top,
  );
  if (stated) region = stated.place.name;
  else {
    const party = partyRegion(squeeze(text.length > 3000 ? text.slice(0, 3000) : text));
    if (party) region = party.name;
  }
  if (!region) {
    const guess = inferRegion(lines, headText);
    if (guess) {
      region = guess.name;
      const line = guess.line;
      warnings.push({
        code: "region-inferred",
        message: `标题、发文机关和会议名称都没有写明地区；正文中“${guess.name.slice(0, -1)}”作为地名出现${guess.placeMentions}次（第${line}行起），据此推断为${guess.name}，请核对`,
        line,
      });
    } else if (kind !== "unknown")
      // (a document of no known kind has bigger troubles than its region: the not-a-plan check speaks for it)
      warnings.push({ code: "region-unknown", message: `第${firstLine}行起的标题、发文机关和会议名称都没有写明地区，正文中也没有足够的依据，地区留空`, line: firstLine });
  }

  const title = titleOf(kind, head, at, region, period, path);
  return { title, region, kind, period, warnings };
}
