import type { SourceLine } from "./context";
import { matchHeading } from "./outline";

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

/** a line that ends a sentence; a paragraph ending otherwise may continue on the next line */
const TERMINAL = /[。！？!?；;：:…”）)】]$/u;
/** punctuation that can only stand inside a sentence: the next line must continue it */
const MID_SENTENCE = /[，,、（(“《—－-]$/u;
const CAPTION = /^\s*专栏/u;
const BULLET = /^\s*[●•◆■▪◇□○]/u;
/**
 * a line that begins a `小标题：…` group starts a paragraph of its own. (A `小标题。` head is not
 * trusted here: after a line broken mid-sentence, "平专业群。…" is the sentence's end.)
 */
const GROUP_HEAD = /^[^，。；：:、\d\s]{2,20}[：:]/u;

const TAB_CELLS = /\S\t+\S/u;
const SPACE_CELLS = /\S {2,}\S/u;

/** Cells of a table (tabs between cells, a trailing `|`, or columns aligned by runs of spaces) are never prose. */
export function isTableLine(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (t.charCodeAt(t.length - 1) === 0x7c) return true;
  // every line of every document comes here: look for a tab or a double space before running a regex
  return (t.indexOf("\t") > 0 && TAB_CELLS.test(t)) || (t.indexOf("  ") > 0 && SPACE_CELLS.test(t));
}

/** Joins two pieces of wrapped text: a space survives only between two Latin letters or digits. */
export function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

const HAS_SPACE = /[ \t\u3000\u00a0]/u;

/** Removes spacing that PDF export put between characters ("支 配 收 入"), keeping spaces between Latin words. */
export function squeezeSpaces(s: string): string {
  if (!HAS_SPACE.test(s)) return s;
  return s.replace(/[ \t\u3000\u00a0]+/gu, (m, offset: number, all: string) => {
    const before = all[offset - 1] ?? "";
    const after = all[offset + m.length] ?? "";
    return /[A-Za-z]/.test(before) && /[A-Za-z]/.test(after) ? " " : "";
  });
}

function inRanges(no: number, ranges: Array<[number, number]>): boolean {
  for (const [a, b] of ranges) if (no >= a && no <= b) return true;
  return false;
}

/**
 * A document is hard-wrapped (text taken from a PDF) when many of its prose lines run straight
 * into the next without ending a sentence; a Word export keeps a paragraph on one line.
 */
function isHardWrapped(lines: SourceLine[], breaks: boolean[], inBoxes: boolean): boolean {
  let prose = 0;
  let runOn = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if ((lines[i].box !== undefined) !== inBoxes) continue;
    const t = lines[i].text.trim();
    if (!t || breaks[i] || t.length < 8) continue;
    prose++;
    if (lines[i + 1].text.trim() && !TERMINAL.test(t)) runOn++;
  }
  return prose > 0 && runOn / prose >= 0.35;
}

/**
 * Re-flows hard-wrapped lines into paragraphs, each with its line range. Lines continue a
 * paragraph when the previous one stops mid-sentence; a page break (one or two blank lines inside
 * a sentence) is bridged. Headings, 专栏 captions, bullets and table lines always stand apart.
 */
export function joinParagraphs(lines: SourceLine[], options: JoinOptions = {}): Paragraph[] {
  const ranges = options.tableRanges ?? [];
  // lines that can never be joined to anything: headings, captions, tables
  const breaks = lines.map((l) => {
    const t = l.text.trim();
    if (!t) return false;
    if (options.headingLines ? options.headingLines.has(l.no) : matchHeading(t) !== null) return true;
    return CAPTION.test(t) || isTableLine(l.text) || inRanges(l.no, ranges);
  });
  // a drawn box (专栏) is often hard-wrapped where the body is not: each decides for itself
  const wrapped = isHardWrapped(lines, breaks, false);
  const wrappedInBoxes = lines.some((l) => l.box !== undefined) && isHardWrapped(lines, breaks, true);
  const out: Paragraph[] = [];
  let cur: { text: string; start: number; end: number; lineCount: number; open: boolean; box: number | undefined } | null = null;
  const flush = () => {
    if (cur) out.push({ text: squeezeSpaces(cur.text), start: cur.start, end: cur.end });
    cur = null;
  };
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text.trim();
    if (!t) {
      blanks++;
      continue;
    }
    if (breaks[i]) {
      flush();
      out.push({ text: t, start: line.no, end: line.no });
      blanks = 0;
      continue;
    }
    // a paragraph never runs out of (or into) a drawn box
    const continues = cur !== null && cur.box === line.box && shouldContinue(cur, t, blanks, line.box === undefined ? wrapped : wrappedInBoxes);
    if (continues && cur) {
      cur.text = joinWrapped(cur.text, t);
      cur.end = line.no;
      cur.lineCount++;
    } else {
      flush();
      cur = { text: t, start: line.no, end: line.no, lineCount: 1, open: true, box: line.box };
    }
    blanks = 0;
  }
  flush();
  return out;
}

function shouldContinue(cur: { text: string; lineCount: number }, next: string, blanks: number, wrapped: boolean): boolean {
  if (TERMINAL.test(cur.text) || BULLET.test(next)) return false;
  if (blanks === 0) return wrapped || MID_SENTENCE.test(cur.text);
  if (blanks > 2 || GROUP_HEAD.test(next)) return false;
  // across a page break: only a paragraph that is clearly prose, not a short title line
  // a bullet is one short item; a title line has no punctuation of its own
  if (BULLET.test(cur.text)) return false;
  return /[。；：:、，,]/u.test(cur.text) || cur.text.length >= 40;
}
