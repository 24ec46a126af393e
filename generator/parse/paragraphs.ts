import type { SourceLine } from "./context";
import { matchHeading } from "./outline";
import { LineRanges } from "./ranges";

/** A paragraph re-flowed from one or more source lines. */
export interface Paragraph {
  /** the joined text: wrapping whitespace between CJK characters removed */
  text: string;
  /** line numbers of the first and last source line */
  start: number;
  end: number;
}

export interface JoinOptions {
  /** outline heading lines (ParseContext.headingLines); matched with matchHeading when absent */
  headingLines?: Set<number>;
  /** line ranges read as tables: never joined with prose */
  tableRanges?: Array<[number, number]>;
}

/** A set of characters as a bitmap over UTF-16 codes: a test is one array read, whatever the text's length. */
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (const c of chars) set[c.charCodeAt(0)] = 1;
  return set;
}

/** characters that end a sentence; a paragraph ending otherwise may continue on the next line */
const TERMINAL = charSet("。！？!?；;：:…”）)】");
/** punctuation that can only stand inside a sentence: the next line must continue it */
const MID_SENTENCE = charSet("，,、（(“《—－-");
const BULLET = charSet("●•◆■▪◇□○");
const SPACE = charSet(" \t\u3000\u00a0");
/**
 * a line that begins a `小标题：…` group starts a paragraph of its own. (A `小标题。` head is not
 * trusted here: after a line broken mid-sentence, "平专业群。…" is the sentence's end.)
 */
const GROUP_HEAD = /^[^，。；：:、\d\s]{2,20}[：:]/u;

const isBlank = (c: number) => c === 32 || c === 9 || c === 0x3000 || c === 13 || c === 10 || c === 0xa0 || c === 0xfeff;
const isLatinOrDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLatin = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The first character after leading spaces is a bullet (● • ◆ …). */
function startsWithBullet(t: string): boolean {
  let i = 0;
  while (i < t.length && isBlank(t.charCodeAt(i))) i++;
  return i < t.length && BULLET[t.charCodeAt(i)] === 1;
}

/** `\S<sep>+\S` somewhere in t, where sep is a tab (minRun 1) or a space (minRun 2): cells, not prose. */
function hasCellGap(t: string, from: number, to: number, sep: number, minRun: number): boolean {
  let run = 0;
  let seenText = false;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c === sep) run++;
    else {
      const blank = isBlank(c);
      if (!blank && seenText && run >= minRun) return true;
      run = 0;
      seenText = !blank;
    }
  }
  return false;
}

/** Cells of a table (tabs between cells, a trailing `|`, or columns aligned by runs of spaces) are never prose. */
export function isTableLine(text: string): boolean {
  // every line of every document comes here: one pass over char codes, no copy
  let from = 0;
  let to = text.length;
  while (from < to && isBlank(text.charCodeAt(from))) from++;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  if (from === to) return false;
  if (text.charCodeAt(to - 1) === 0x7c) return true;
  const tab = text.indexOf("\t", from + 1);
  if (tab > 0 && tab < to && hasCellGap(text, from, to, 9, 1)) return true;
  const spaces = text.indexOf("  ", from + 1);
  return spaces > 0 && spaces < to && hasCellGap(text, from, to, 32, 2);
}

/** Joins two pieces of wrapped text: a space survives only between two Latin letters or digits. */
export function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return isLatinOrDigit(a.charCodeAt(a.length - 1)) && isLatinOrDigit(b.charCodeAt(0)) ? `${a} ${b}` : a + b;
}

/** Removes spacing that PDF export put between characters ("支 配 收 入"), keeping one space between Latin words. */
const HAS_SPACE = /[ \t\u3000\u00a0]/;

export function squeezeSpaces(s: string): string {
  // most text has no space at all: a native search answers that faster than a loop
  const first = s.search(HAS_SPACE);
  if (first < 0) return s;
  let i = first;
  // one pass: copy runs of text, and decide each run of spaces by the characters either side
  let out = s.slice(0, i);
  while (i < s.length) {
    const from = i;
    while (i < s.length && SPACE[s.charCodeAt(i)] === 1) i++;
    if (from > 0 && i < s.length && isLatin(s.charCodeAt(from - 1)) && isLatin(s.charCodeAt(i))) out += " ";
    const text = i;
    while (i < s.length && SPACE[s.charCodeAt(i)] === 0) i++;
    out += s.slice(text, i);
  }
  return out;
}

/**
 * A document is hard-wrapped (text taken from a PDF) when many of its prose lines run straight
 * into the next without ending a sentence; a Word export keeps a paragraph on one line.
 */
function isHardWrapped(lines: SourceLine[], trimmed: string[], breaks: Uint8Array, inBoxes: boolean): boolean {
  let prose = 0;
  let runOn = 0;
  for (let i = 0; i + 1 < trimmed.length; i++) {
    if ((lines[i].box !== undefined) !== inBoxes) continue;
    const t = trimmed[i];
    if (!t || breaks[i] || t.length < 8) continue;
    prose++;
    if (trimmed[i + 1] && TERMINAL[t.charCodeAt(t.length - 1)] === 0) runOn++;
  }
  return prose > 0 && runOn / prose >= 0.35;
}

/**
 * The paragraph being built. Everything the join decision needs (its last character, whether it
 * has punctuation, its length) is kept as it grows, so deciding never rescans the text: a
 * paragraph of a thousand unpunctuated lines costs a thousand steps, not a million.
 */
interface Building {
  parts: string[];
  start: number;
  end: number;
  length: number;
  last: number;
  bullet: boolean;
  prose: boolean;
  /** the drawn box the paragraph is in, if any */
  box: number | undefined;
}

const PROSE_MARKS = /[。；：:、，,]/;
const hasProseMark = (t: string) => PROSE_MARKS.test(t);

/** punctuation that cannot open a line of its own: the line before was cut short */
const CLOSING = charSet("，,、；;：:。）)】》”’？！?!%％");
/** the words that end a figure ("6.5%" / "左右；"): after a number they continue it */
const FIGURE_TAIL = /^(?:左右|以上|以内|以下|之间|之内)/u;
const isDigitOrPercent = (c: number) => (c >= 48 && c <= 57) || c === 37 || c === 0xff05;

function shouldContinue(cur: Building, next: string, blanks: number, wrapped: boolean): boolean {
  if (blanks <= 2 && (CLOSING[next.charCodeAt(0)] === 1 || (isDigitOrPercent(cur.last) && FIGURE_TAIL.test(next)))) return true;
  if (TERMINAL[cur.last] === 1 || startsWithBullet(next)) return false;
  if (blanks === 0) return wrapped || MID_SENTENCE[cur.last] === 1;
  if (blanks > 2 || GROUP_HEAD.test(next)) return false;
  // across a page break: only a paragraph that is clearly prose, not a short title line
  // a bullet is one short item; a title line has no punctuation of its own
  if (cur.bullet) return false;
  return cur.prose || cur.length >= 40;
}

/**
 * Re-flows hard-wrapped lines into paragraphs, each with its line range. Lines continue a
 * paragraph when the previous one stops mid-sentence; a page break (one or two blank lines inside
 * a sentence) is bridged. Headings, 专栏 captions, bullets and table lines always stand apart.
 */
export function joinParagraphs(lines: SourceLine[], options: JoinOptions = {}): Paragraph[] {
  const tables = new LineRanges(options.tableRanges ?? []);
  const trimmed = lines.map((l) => l.text.trim());
  // lines that can never be joined to anything: headings, captions, tables
  const breaks = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const t = trimmed[i];
    if (!t) continue;
    const no = lines[i].no;
    const heading = options.headingLines ? options.headingLines.has(no) : matchHeading(t) !== null;
    if (heading || t.startsWith("专栏") || isTableLine(t) || tables.has(no)) breaks[i] = 1;
  }
  // a drawn box (专栏) is often hard-wrapped where the body is not: each decides for itself
  const wrapped = isHardWrapped(lines, trimmed, breaks, false);
  const wrappedInBoxes = lines.some((l) => l.box !== undefined) && isHardWrapped(lines, trimmed, breaks, true);
  const out: Paragraph[] = [];
  let cur: Building | null = null;
  const flush = () => {
    if (cur) out.push({ text: squeezeSpaces(cur.parts.length === 1 ? cur.parts[0] : cur.parts.join("")), start: cur.start, end: cur.end });
    cur = null;
  };
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = trimmed[i];
    if (!t) {
      blanks++;
      continue;
    }
    const no = lines[i].no;
    if (breaks[i]) {
      flush();
      out.push({ text: t, start: no, end: no });
      blanks = 0;
      continue;
    }
    // a paragraph never runs out of (or into) a drawn box
    if (cur !== null && cur.box === lines[i].box && shouldContinue(cur, t, blanks, lines[i].box === undefined ? wrapped : wrappedInBoxes)) {
      const c: Building = cur;
      if (isLatinOrDigit(c.last) && isLatinOrDigit(t.charCodeAt(0))) {
        c.parts.push(" ");
        c.length++;
      }
      c.parts.push(t);
      c.length += t.length;
      c.last = t.charCodeAt(t.length - 1);
      c.end = no;
      c.prose ||= hasProseMark(t);
    } else {
      flush();
      cur = { parts: [t], start: no, end: no, length: t.length, last: t.charCodeAt(t.length - 1), bullet: startsWithBullet(t), prose: hasProseMark(t), box: lines[i].box };
    }
    blanks = 0;
  }
  flush();
  return out;
}
