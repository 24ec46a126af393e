import type { SourceLine } from "./context";
import type { DocLine } from "./decode/types";

/** bookmark names are short (_Toc12345): bounded, so a line of unclosed "[bookmark:" stays linear */
const BOOKMARK = /\[bookmark:[^\]\n]{0,200}\]/g;
const FOOTNOTE_REF = /\[footnoteRef:\s*\d+\]/g;
/** Word exports sub- and superscripts as "PM _{2.5}", "m^{3}" */
const SCRIPT = /\s?[_^]\{([^{}]{1,12})\}/g;
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/u;
/** a table-of-contents entry ends in dot leaders or a page number after a tab */
const TOC_ENTRY = /(?:\.{3,}|…{2,}|·{3,})\s*\d*\s*$|\t\s*\d{1,3}\s*$/u;

const isTrailingSpace = (c: number) => c === 32 || c === 0x3000 || c === 13;

/** Trailing spaces, full-width spaces and CRs removed (by hand: `/[ ]+$/` rescans every inner run of spaces). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isTrailingSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 13;

/**
 * A Word export appends the footnote's text to the paragraph as " [0: 三区为…]": the last bracket
 * group, when it opens with a number and a colon, goes with the spaces before it. Found from the
 * end by hand, so a line of many brackets is read once.
 */
function dropFootnoteBody(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  if (end === 0 || text.charCodeAt(end - 1) !== 0x5d) return text;
  // the group cannot hold a "]": it starts after the one before the last
  const from = text.lastIndexOf("]", end - 2) + 1;
  for (let open = text.indexOf("[", from); open >= 0 && open < end - 1; open = text.indexOf("[", open + 1)) {
    let k = open + 1;
    while (k < end && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
    if (k > open + 1 && text.charCodeAt(k) === 58) {
      let start = open;
      while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--;
      return text.slice(0, start);
    }
  }
  return text;
}

/** Removes export artifacts from one line; the line keeps its number. */
export function cleanLineText(text: string): string {
  // most lines carry no artifact and end in a character: skip the regexes for them
  if (!/[[_^\uFEFF]/.test(text)) return trimEnd(text);
  return trimEnd(dropFootnoteBody(text.replace(BOOKMARK, "").replace(FOOTNOTE_REF, "")).replace(SCRIPT, "$1").replace(/\uFEFF/g, ""));
}

/**
 * text → lines with their numbers, artifacts removed: bookmarks and footnote marks, page numbers
 * ("— 7 —"), running heads (a short line repeated right after page numbers), and the table of
 * contents at the top ("目 录" followed by entries with page numbers). Blank lines stay, as "":
 * they mark paragraph and row boundaries for later stages.
 */
export function cleanLines(input: string | DocLine[]): SourceLine[] {
  let lines: SourceLine[];
  if (typeof input === "string") {
    const raw = input.includes("\r") ? input.split(/\r\n|\r|\n/) : input.split("\n");
    lines = raw.map((t, i) => ({ no: i + 1, text: cleanLineText(t) }));
  } else lines = input.map(fromDocLine);
  dropTableOfContents(lines);
  dropPageFurniture(lines);
  dropRepeatedTitle(lines);
  return lines;
}

/** A decoded line keeps what its decoder knew (cells, table, box, heading); a row's cells are cleaned like text. */
function fromDocLine(l: DocLine, i: number): SourceLine {
  const line: SourceLine = { no: i + 1, text: cleanLineText(l.text) };
  if (l.cells) line.cells = l.cells.map(cleanLineText);
  if (l.table !== undefined) line.table = l.table;
  if (l.box !== undefined) line.box = l.box;
  if (l.heading) line.heading = l.heading;
  return line;
}

function blankLine(l: SourceLine): void {
  l.text = "";
  if (l.cells) delete l.cells;
}

const TOC_TITLE = /^\s*目\s*录\s*$/u;
const NUMBERED_PART = /^\s*第[一二三四五六七八九十百零〇]+[篇章节]/u;

/**
 * The table of contents: after a "目 录" line near the top, entries end in a page number or dot
 * leaders; a 第X章 line without one, or a short line, counts when an entry follows within a few
 * lines (the title wrapped and the second half carries the number). The first other line ends it.
 */
function dropTableOfContents(lines: SourceLine[]): void {
  const at = lines.slice(0, 400).findIndex((l) => TOC_TITLE.test(l.text));
  if (at < 0) return;
  blankLine(lines[at]);
  const entrySoon = (from: number, span: number) => lines.slice(from, from + span).some((l) => TOC_ENTRY.test(l.text));
  for (let j = at + 1; j < lines.length; j++) {
    const t = lines[j].text;
    if (t.trim() === "") continue;
    const isEntry = TOC_ENTRY.test(t) || (NUMBERED_PART.test(t) && entrySoon(j, 6)) || (t.length < 40 && entrySoon(j + 1, 2));
    if (!isEntry) return;
    blankLine(lines[j]);
  }
}

/** A short line printed at the top or bottom of every page: the document's or chapter's name. */
function isRunningHead(text: string, seen: { get(t: string): number | undefined }): boolean {
  const t = text.trim();
  if (t.length < 4 || t.length > 40 || /[，。；：、,;|\t]/u.test(t) || /^(专栏|注|第[一二三四五六七八九十\d]+[篇章节])/u.test(t)) return false;
  return /规划|纲要|报告|人民政府/u.test(t) || (seen.get(t) ?? 0) >= 2;
}

const BARE_NUMBER = /^ *\d{1,3} *$/;
const isCellLine = (t: string) => t.startsWith("\t") || /\|\s*$/.test(t);

/** longer than this a line is no page number ("第 3 页 共 20 页" with its spacing) */
const PAGE_NUMBER_CHARS = 32;

/** How often each short line occurs: a line printed on every page is a running head. */
function countShortLines(lines: SourceLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.text.length <= 60 ? l.text.trim() : "";
    if (t && t.length <= 40) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/**
 * Page numbers ("— 7 —", "第 3 页", a bare number between paragraphs) and the running heads beside
 * them. The counts that tell a running head are taken when the first page number is found: a
 * document without page numbers pays one length check a line.
 */
function dropPageFurniture(lines: SourceLine[]): void {
  let counts: Map<string, number> | null = null;
  const seen = { get: (t: string) => (counts ??= countShortLines(lines)).get(t) };
  const neighbour = (i: number, step: number): number => {
    for (let j = i + step, n = 0; j >= 0 && j < lines.length && n < 4; j += step, n++) if (lines[j].text.trim()) return j;
    return -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length === 0 || t.length > PAGE_NUMBER_CHARS) continue;
    const bare = BARE_NUMBER.test(t) && ![neighbour(i, -1), neighbour(i, 1)].some((j) => j >= 0 && isCellLine(lines[j].text));
    if (!PAGE_NUMBER.test(t) && !bare) continue;
    blankLine(lines[i]);
    for (const j of [neighbour(i, -1), neighbour(i, 1)]) if (j >= 0 && isRunningHead(lines[j].text, seen)) blankLine(lines[j]);
  }
}

const squeezeAll = (t: string) => t.replace(/[\s\u3000]+/gu, "");

/** the first character that is not a space, as a char code (NaN for a blank line) */
function firstVisible(t: string): number {
  let k = 0;
  while (k < t.length && /\s/u.test(t[k])) k++;
  return t.charCodeAt(k);
}

/**
 * The document's title printed again further down as a line of its own is a running head left by
 * a page layout (copied into a web page or a Word file without its page numbers): dropped. The
 * title is the first lines up to the first blank line or heading-like break, at most three.
 */
function dropRepeatedTitle(lines: SourceLine[]): void {
  const head: string[] = [];
  let i = 0;
  for (; i < lines.length && head.length < 3; i++) {
    const t = lines[i].text.trim();
    if (!t) {
      if (head.length) break;
      continue;
    }
    head.push(t);
  }
  // the title is the first line, or the first two or three when it is printed over several
  const titles = head.map((_, k) => squeezeAll(head.slice(0, k + 1).join(""))).filter((t) => t.length >= 8 && /规划|纲要|报告|公报|计划/u.test(t));
  if (!titles.length) return;
  // every title starts with the first line's first character: a line that does not is passed without a copy
  const first = titles[0].charCodeAt(0);
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j].text;
    if (t.length < 8 || t.length > 80 || lines[j].cells || firstVisible(t) !== first) continue;
    const sq = squeezeAll(t);
    if (sq.length >= 8 && !/[，。；：]/u.test(sq) && titles.some((title) => sq.length >= title.length * 0.6 && title.startsWith(sq))) blankLine(lines[j]);
  }
}
