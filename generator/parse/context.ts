import type { OutlineNode, PlanKind, Warning } from "../model";
import type { Paragraph } from "./paragraphs";

/** One line of the document after the clean stage: export artifacts removed, not yet joined. Blank lines are kept as "". */
export interface SourceLine {
  /** 1-based line number in the source file, for warnings and provenance */
  no: number;
  text: string;
  /** a real table row from a structured decoder: one cell per grid column, spans expanded (see decode/types DocLine) */
  cells?: string[];
  /** the table the line belongs to (structured decoders only) */
  table?: number;
  /** the drawn box (专栏 as a one-cell table, text box, frame, PDF rectangle) the line is inside */
  box?: number;
  /** heading level by the document's styles */
  heading?: 1 | 2 | 3;
}

/** What the segment stage hands to the extractors. */
export interface ParseContext {
  lines: SourceLine[];
  /** the document outline (第X章/节 …), with line numbers: an extractor finds its section here */
  outline: OutlineNode[];
  /** line numbers of outline headings, which end a box or a paragraph */
  headingLines: Set<number>;
  /** line ranges [start, end] (inclusive, line numbers) already read as indicator tables */
  tableRanges: Array<[number, number]>;
  /** the lines re-flowed into paragraphs once for every extractor (set after the tables are read, so tables stay out of them) */
  paragraphs: Paragraph[];
  kind: PlanKind;
  /** the year a work report is about, or a plan's end year */
  year: number | null;
  warnings: Warning[];
}

export function warn(ctx: { warnings: Warning[] }, code: string, message: string, line: number | null): void {
  ctx.warnings.push({ code, message, line });
}

/** The last node of a level that starts at or before a line: nodes are in line order, so a binary search finds it. */
function lastAtOrBefore(nodes: OutlineNode[], line: number): OutlineNode | undefined {
  let lo = 0;
  let hi = nodes.length - 1;
  let found: OutlineNode | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].line <= line) {
      found = nodes[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The deepest outline node that starts at or before a line: "第五章 构建现代产业体系 / 第一节 推动传统产业转型升级". */
export function sectionAt(outline: OutlineNode[], line: number): string | null {
  const path: string[] = [];
  let level = outline;
  for (;;) {
    const found = lastAtOrBefore(level, line);
    if (!found) break;
    path.push(`${found.label} ${found.title}`.trim());
    level = found.children;
  }
  return path.length ? path.join(" / ") : null;
}
