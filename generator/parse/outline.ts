import type { OutlineNode } from "../model";
import type { SourceLine } from "./context";

const CN = "一二三四五六七八九十百零〇两";
/** heading kinds from the outermost in; a document's levels are the ranks of the kinds it uses */
const KINDS: Array<{ kind: string; re: RegExp; maxTitle: number }> = [
  { kind: "篇", re: new RegExp(`^(第[${CN}\\d]+篇)\\s*(.*)$`, "u"), maxTitle: 60 },
  { kind: "章", re: new RegExp(`^(第[${CN}\\d]+章)\\s*(.*)$`, "u"), maxTitle: 60 },
  // Word exports chapters of a 篇 outline as a numbered list: "1. [bookmark…]历史方位"
  { kind: "章.", re: /^(\d{1,2}[.．])\s*(\S.{0,28})$/u, maxTitle: 30 },
  { kind: "节", re: new RegExp(`^(第[${CN}\\d]+节)\\s*(.*)$`, "u"), maxTitle: 60 },
  { kind: "一、", re: new RegExp(`^([${CN}]{1,3}、)\\s*(.*)$`, "u"), maxTitle: 30 },
  { kind: "（一）", re: new RegExp(`^([（(][${CN}]{1,3}[）)])\\s*(.*)$`, "u"), maxTitle: 30 },
];

export interface HeadingMatch {
  kind: string;
  label: string;
  title: string;
}

/** A line is a heading when it is numbered as one and short, without a sentence's full stop. */
/** the characters a heading can start with: 第, a digit, an opening bracket, a Chinese numeral */
const HEADING_FIRST = new Set([..."第（(0123456789", ...CN].map((c) => c.charCodeAt(0)));

function startsLikeHeading(text: string): boolean {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 0x3000)) i++;
  return HEADING_FIRST.has(text.charCodeAt(i));
}

export function matchHeading(text: string): HeadingMatch | null {
  if (text.length > 90 || !startsLikeHeading(text)) return null;
  const t = text.trim();
  if (!t || t.length > 70) return null;
  for (const k of KINDS) {
    const m = k.re.exec(t);
    if (!m) continue;
    const title = m[2].replace(/\s+/gu, " ").trim();
    if (title.length > k.maxTitle || /[。；]/u.test(title)) return null;
    if ((k.kind === "一、" || k.kind === "（一）" || k.kind === "章.") && (!title || /[，,：:]/u.test(title))) return null;
    if (k.kind === "章." && /\d/.test(title.slice(0, 1))) return null;
    return { kind: k.kind === "章." ? "章" : k.kind, label: m[1], title };
  }
  return null;
}

/** A chapter title printed on two lines: the second is short, unpunctuated and stands alone. */
function titleContinuation(lines: SourceLine[], at: number): string {
  let j = at + 1;
  while (j < lines.length && j < at + 3 && !lines[j].text.trim()) j++;
  const t = lines[j]?.text.trim() ?? "";
  const after = lines[j + 1]?.text.trim() ?? "";
  if (!t || t.length > 24 || /[，。；：、,.;:|\t]/u.test(t) || matchHeading(t) || /^(专栏|注)/u.test(t)) return "";
  // a paragraph's first line would run on; a title's second line is followed by a blank line or a heading
  return after === "" || matchHeading(after) ? t : "";
}

/** a line of two tabs or more is a row of a table exported as text, not a heading ("第一章\t总体要求" has one) */
function isTabbedRow(text: string): boolean {
  const first = text.indexOf("\t");
  return first >= 0 && text.indexOf("\t", first + 1) >= 0;
}

/**
 * The document's outline. 第X篇/章/节 headings nest by kind; 一、 and （一） headings join below
 * them. Word's "1. title" chapters count as 章 only in a document that has 篇 and no 第X章.
 */
export function readOutline(lines: SourceLine[]): { outline: OutlineNode[]; headingLines: Set<number> } {
  const found: Array<HeadingMatch & { line: number; dotted: boolean }> = [];
  const styled = styledKinds(lines);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // a row of a table ("一、经济发展" across an indicator table, read as cells or printed with its
    // empty cells' tabs) is never the document's heading
    if (l.cells || isTabbedRow(l.text)) continue;
    const m = matchHeading(l.text) ?? styled.headingOf(l);
    if (!m) continue;
    const rest = m.kind === "篇" || m.kind === "章" ? titleContinuation(lines, i) : "";
    const first = m.label.charCodeAt(0);
    found.push({ kind: m.kind, label: m.label, title: rest && m.title ? `${m.title} ${rest}` : m.title || rest, line: l.no, dotted: first >= 48 && first <= 57 });
  }
  const hasPian = found.some((f) => f.kind === "篇");
  const hasZhang = found.some((f) => f.kind === "章" && !f.dotted);
  const kept = found.filter((f) => !f.dotted || (hasPian && !hasZhang));
  const order = styled.order(["篇", "章", "节", "一、", "（一）"]).filter((k) => kept.some((f) => f.kind === k));
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  const headingLines = new Set<number>();
  for (const f of kept) {
    const level = order.indexOf(f.kind) + 1;
    const node: OutlineNode = { level, label: f.label, title: f.title, line: f.line, children: [] };
    headingLines.add(f.line);
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return { outline: roots, headingLines };
}

/**
 * Headings known by style only (Heading 1–3 / 标题 1–3 in a Word file, <h1>–<h3> on a page) whose
 * wording is not numbered: each takes the kind that numbered headings of the same style level
 * have in this document, or a kind of its own ranked by its level among them. The document's
 * title and 专栏 captions are never headings, whatever their style.
 */
function styledKinds(lines: SourceLine[]): { headingOf(l: SourceLine): HeadingMatch | null; order(kinds: string[]): string[] } {
  const levelOfKind = new Map<string, number>();
  let any = false;
  for (const l of lines) {
    if (!l.heading) continue;
    any = true;
    const m = matchHeading(l.text);
    if (m && !levelOfKind.has(m.kind)) levelOfKind.set(m.kind, l.heading);
  }
  if (!any) return { headingOf: () => null, order: (k) => k };
  const kindOfLevel = new Map<number, string>();
  for (const [kind, level] of levelOfKind) if (!kindOfLevel.has(level)) kindOfLevel.set(level, kind);
  const first = lines.find((l) => l.text.trim())?.no;
  return {
    headingOf(l) {
      if (!l.heading || l.no === first) return null;
      const t = l.text.trim().replace(/\s+/gu, " ");
      if (t.length < 2 || t.length > 40 || /[。；：:]$/u.test(t) || /^(专栏|注)/u.test(t) || l.cells) return null;
      return { kind: kindOfLevel.get(l.heading) ?? `style${l.heading}`, label: "", title: t };
    },
    order(kinds) {
      const out = [...kinds];
      for (const level of [1, 2, 3]) {
        if (kindOfLevel.has(level)) continue;
        // before the first numbered kind styled deeper than this level, else after all
        const at = out.findIndex((k) => (levelOfKind.get(k) ?? 0) > level);
        out.splice(at < 0 ? out.length : at, 0, `style${level}`);
      }
      return out;
    },
  };
}
