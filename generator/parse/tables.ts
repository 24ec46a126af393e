import type { IndicatorTable } from "../model";
import { warn, type ParseContext, type SourceLine } from "./context";
import { squeeze } from "./quantity";
import { readHeader, isHeaderRow } from "./tables/header";
import { interpretIndicators } from "./tables/interpret";
import { columnInfo, fieldColumnsOf, reportsAchievement } from "./tables/columns";
import { settleKinds } from "./tables/kinds";
import { readGrid } from "./tables/readers";

export { readGrid } from "./tables/readers";

const CAPTION = /主要指标|指标体系|主要目标指标/u;
const NOTE_START = /^\s*注\s*[：:]/u;
const NOTE_SPLIT = /(?=[①②③④⑤⑥⑦⑧⑨⑩])|(?<=[。；])\s*(?=\d{1,2}[.．、]\s*\S)/u;

/** A caption line: short, names an indicator table, is not prose and not a heading. */
function isCaption(text: string, ctx: ParseContext, no: number): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && CAPTION.test(t) && !/[。；，]$/u.test(t) && !ctx.headingLines.has(no) && !/^第[一二三四五六七八九十\d]+[篇章节]/u.test(t);
}

/** Prose ends a table region: a long line with sentence punctuation and no cell separators. */
function isProse(text: string): boolean {
  return !text.includes("\t") && !/\|\s*$/.test(text) && squeeze(text).length > 45 && /[，。；]/u.test(text);
}

const HEADER_WORD = /序号|属性|类别|类型|单位|\d{4}\s*年/u;
/** a header spaced to fill its cell ("指　标", "单　位") names its columns as one without spaces does */
const SPACED_ZHIBIAO = /指[\s\u3000]+标/u;
const namesIndicator = (t: string) => t.includes("指标") || (t.includes("指") && SPACED_ZHIBIAO.test(t));
const headerish = (t: string) => namesIndicator(t) && (HEADER_WORD.test(t) || HEADER_WORD.test(squeeze(t)));

function endsInFourDigits(t: string): boolean {
  let end = t.length;
  while (end > 0 && /\s/u.test(t[end - 1])) end--;
  if (end < 4) return false;
  for (let k = end - 4; k < end; k++) if (t.charCodeAt(k) < 48 || t.charCodeAt(k) > 57) return false;
  return true;
}

/**
 * Whether the lines after a caption hold a header: 指标 and one of its companions (序号, 属性, a
 * year …) within the next 19 lines. Each line is tested once, however many captions look at it;
 * a year split over two lines ("2020" / "年") counts, as it did when the lines were joined.
 */
class HeaderWindow {
  // per line: -1 not yet tested, 0 no, 1 yes; made at the first caption (most documents have few)
  private word: Int8Array | null = null;
  private zhibiao: Int8Array | null = null;

  constructor(private readonly lines: SourceLine[]) {}

  private has(flags: Int8Array, i: number, test: (t: string) => boolean): boolean {
    if (flags[i] < 0) flags[i] = test(this.lines[i].text) ? 1 : 0;
    return flags[i] === 1;
  }

  after(i: number): boolean {
    this.word ??= new Int8Array(this.lines.length).fill(-1);
    this.zhibiao ??= new Int8Array(this.lines.length).fill(-1);
    const end = Math.min(this.lines.length, i + 20);
    let name = false;
    let word = false;
    for (let j = i + 1; j < end && !(name && word); j++) {
      name ||= this.has(this.zhibiao, j, namesIndicator);
      word ||= this.has(this.word, j, (t) => HEADER_WORD.test(t)) || (j + 1 < end && endsInFourDigits(this.lines[j].text) && /^\s*年/u.test(this.lines[j + 1].text));
    }
    return name && word;
  }
}

/**
 * Indicator tables: each starts at a caption ("…主要指标", "专栏 1：…主要指标") or at a header row,
 * runs to its 注 block, the next heading or the next paragraph of prose, and is read by whichever
 * layout reader recognises it.
 */
export function readIndicatorTables(ctx: ParseContext): IndicatorTable[] {
  const { lines } = ctx;
  const tables: IndicatorTable[] = [];
  const window = new HeaderWindow(lines);
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    // every caption and header names 指标: most lines are passed over by this one native search
    if (!namesIndicator(l.text)) {
      i++;
      continue;
    }
    let title: string | null = null;
    let start = -1;
    if (isCaption(l.text, ctx, l.no) && window.after(i)) {
      title = captionTitle(l.text);
      start = i + 1;
    } else if (headerish(l.text) && (l.text.includes("\t") || /\|\s*$/.test(l.text) || /\S\s{2,}\S/.test(l.text.trim())) && !ctx.headingLines.has(l.no)) {
      const prev = [...lines.slice(Math.max(0, i - 3), i)].reverse().find((p) => p.text.trim());
      title = prev && prev.text.trim().length <= 60 && !isProse(prev.text) ? captionTitle(prev.text) : "";
      start = i;
    }
    if (start < 0) {
      i++;
      continue;
    }
    let end = start;
    let notes: string[] = [];
    // a table a decoder read as rows ends where its rows end
    let decodedTable: number | undefined;
    for (; end < lines.length; end++) {
      const t = lines[end].text;
      if (lines[end].cells && decodedTable === undefined) decodedTable = lines[end].table;
      else if (decodedTable !== undefined && t.trim() && lines[end].table !== decodedTable && !NOTE_START.test(t)) break;
      if (NOTE_START.test(t)) {
        const read = readNotes(lines, end);
        notes = read.notes;
        end = read.next;
        break;
      }
      if (ctx.headingLines.has(lines[end].no) || (end > start && isCaption(t, ctx, lines[end].no)) || isProse(t)) break;
    }
    const region = lines.slice(start, end);
    const table = readTable(region, title ?? "", ctx);
    if (table) {
      table.notes = notes;
      tables.push(table);
      ctx.tableRanges.push([lines[start].no, lines[Math.max(start, end - 1)].no]);
    }
    i = Math.max(end, i + 1);
  }
  return tables;
}

/**
 * A caption's title without its number: "专栏 1：…", "表1　…", "附表 2-1 …" name where the table
 * stands, not what it is (the same table is 表1 in one plan and 表3 in the next).
 */
const CAPTION_NUMBER = /^(?:专栏\s*[0-9０-９\-－—–]*|附?表\s*[0-9０-９]{1,2}(?:\s*[-－—–.．]\s*[0-9０-９]{1,2})?)\s*[：:.．、]?\s*/u;
export function captionTitle(text: string): string {
  return squeeze(text).replace(CAPTION_NUMBER, "");
}

function readNotes(lines: SourceLine[], at: number): { notes: string[]; next: number } {
  let text = lines[at].text.replace(NOTE_START, "");
  let j = at + 1;
  // a note wraps onto following lines until a blank line or a new block
  for (; j < lines.length && lines[j].text.trim() && !/^(第|专栏|[一二三四五六七八九十]+、)/u.test(lines[j].text.trim()) && lines[j].text.trim().length < 80; j++) text += lines[j].text;
  const notes = squeeze(text)
    .split(NOTE_SPLIT)
    .map((n) => n.trim())
    .filter(Boolean);
  return { notes, next: j };
}

/** "（…主要指标）" for a message, or nothing when the table has no caption */
const named = (title: string) => (title ? `（${title}）` : "");

function readTable(region: SourceLine[], title: string, ctx: ParseContext): IndicatorTable | null {
  const firstLine = region.find((l) => l.text.trim())?.no ?? region[0]?.no ?? 1;
  const grid = readGrid(region);
  if (!grid) {
    warn(ctx, "table-layout", `第${firstLine}行的指标表${named(title)}排版方式无法识别，未读取其中的指标`, firstLine);
    return null;
  }
  const header = readHeader(grid.rows);
  if (!header) {
    warn(ctx, "table-header", `第${firstLine}行的指标表${named(title)}没有可识别的表头（指标名称、序号、属性、年份），未读取其中的指标`, firstLine);
    return null;
  }
  const fields = fieldColumnsOf(header.columns, ctx.kind === "five-year-plan" ? ctx.year : null);
  const { indicators, skipped } = interpretIndicators(grid.rows, header, fields);
  for (const s of skipped) warn(ctx, "table-row", `第${s.line}行：${s.reason}`, s.line);
  if (!indicators.length) {
    warn(ctx, "table-empty", `第${firstLine}行的指标表${named(title)}没有读出任何指标行`, firstLine);
    return null;
  }
  const info = columnInfo(header.columns, fields);
  settleKinds(indicators, info);
  const yearOf = (i: number) => (i >= 0 ? header.columns[i].year : null);
  const targetYear = yearOf(fields.target);
  // a table of achievements, or one whose years ended before the plan began, reviews the previous plan
  const review =
    REVIEW_TITLE.test(title) || reportsAchievement(info) || (ctx.kind === "five-year-plan" && ctx.year !== null && targetYear !== null && targetYear <= ctx.year - 5);
  return {
    title,
    role: review ? "review" : "targets",
    baseYear: yearOf(fields.baseline),
    targetYear,
    columns: header.columns.map((c) => c.header),
    columnInfo: info,
    line: grid.rows[0]?.line ?? firstLine,
    indicators,
    notes: [],
  };
}

const REVIEW_TITLE = /完成情况|完成|回顾|实施情况|执行情况|评估/u;

export { isHeaderRow };
