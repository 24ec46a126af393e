import type { Warning } from "../../model";
import { extractPdf, MAX_PAGES, type PdfPage } from "./pdf-extract";
import { boxRoot, contentFloor, joinContinued, pageBlocks as blocksOf, type Block } from "./pdf-continue";
import { columnLayout } from "./pdf-columns";
import { readFrames, type Frame } from "./pdf-grid";
import { fillCategories } from "./pdf-loose-categories";
import { replaceLooseTablesAcross } from "./pdf-loose-chain";
import { Paragraphs, type Flow } from "./pdf-paragraphs";
import { groupLines, pageItems, type TextLine } from "./pdf-text";
import { LineSink } from "./lines";
import { type Decoded } from "./types";

const PAGE_NUMBER = /^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4}|[·•]\s*\d{1,4}\s*[·•])$/u;

/** The size most of the text is set in, weighted by characters. */
function bodySize(lines: TextLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let best = 10;
  let max = -1;
  for (const [k, w] of weight) if (w > max) (best = k), (max = w);
  return best;
}

/** A line printed across a two-column page's gutter: its left and right column's parts, or itself when its text crosses the gutter. */
function splitAtGutter(l: TextLine, gutter: number): TextLine[] {
  if (l.items.some((it) => it.x < gutter && it.x + it.w > gutter)) return [l];
  const left = l.items.filter((it) => it.x + it.w <= gutter);
  const right = l.items.filter((it) => it.x >= gutter);
  if (!left.length || !right.length) return [l];
  const lastLeft = Math.max(...left.map((it) => it.x + it.w));
  const firstRight = Math.min(...right.map((it) => it.x));
  // consecutive characters either side of the gutter: text across it, not two columns
  if (firstRight - lastLeft < l.size * 0.6) return [l];
  return [...groupLines(left), ...groupLines(right)];
}

/** The distance from one line of body text to the next (the font's line height as set), most often seen. */
function linePitch(pages: Block[][], size: number): number {
  const counts = new Map<number, number>();
  for (const blocks of pages)
    for (let i = 1; i < blocks.length; i++) {
      const a = blocks[i - 1];
      const b = blocks[i];
      if (a.kind !== "line" || b.kind !== "line" || a.box || b.box || Math.abs(a.line.size - size) > 0.6 || Math.abs(b.line.size - size) > 0.6) continue;
      const d = Math.round(b.line.y - a.line.y);
      if (d >= size && d <= size * 2.5) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
  let best = Math.round(size * 1.3);
  let max = 0;
  for (const [d, n] of counts) if (n > max) (best = d), (max = n);
  return best;
}

function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(p * (s.length - 1))))];
}

/**
 * Running heads and page numbers: a line in the top or bottom tenth of its page that is a page
 * number, or whose wording (digits aside) recurs in that band on other pages.
 */
function dropFurniture(pages: Block[][], heights: number[]): void {
  const key = (t: string) => t.replace(/\d+/g, "#").replace(/\s+/g, "");
  const inBand = (b: Block, h: number) => b.kind === "line" && !b.box && (b.top < h * 0.1 || b.top > h * 0.9);
  const counts = new Map<string, number>();
  pages.forEach((blocks, p) => {
    const seen = new Set<string>();
    for (const b of blocks) if (inBand(b, heights[p]) && b.kind === "line") seen.add(key(b.line.text));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const repeats = Math.max(2, Math.ceil(pages.length * 0.3));
  pages.forEach((blocks, p) => {
    for (let i = blocks.length - 1; i >= 0; i--) {
      const b = blocks[i];
      if (b.kind !== "line" || !inBand(b, heights[p])) continue;
      const t = b.line.text.replace(/\s+/g, "");
      if (PAGE_NUMBER.test(t) || (pages.length >= 2 && (counts.get(key(b.line.text)) ?? 0) >= repeats && t.length <= 60)) blocks.splice(i, 1);
    }
  });
}

/**
 * A PDF with a text layer as lines: per page, the frames its rules draw (tables as grids, one-
 * column frames as boxes) and the text outside them, top to bottom; running heads and page
 * numbers dropped; paragraphs joined across lines and pages; a table continued on the next page
 * kept as one. A PDF without text (a scan) is one warning and no lines.
 */
export async function decodePdf(bytes: Uint8Array): Promise<Decoded> {
  // each page is cut into lines and frames as it arrives, while the worker reads the next
  const staged: Staged[] = [];
  const { pages, numPages } = await extractPdf(bytes, (page, p) => {
    try {
      staged[p] = stagePage(page, p);
    } catch {
      // laid out again below, where what went wrong is the document's error, not the worker's
    }
  });
  return layoutPdf(pages, numPages, staged);
}

/** One page's lines and frames, in reading order, and whether it is set in two columns. */
interface Staged {
  blocks: Block[];
  twoColumns: boolean;
  /** the page draws more rules than a table has: read by text positions alone */
  tooManyRules?: number;
}

function stagePage(page: PdfPage, p: number): Staged {
  const { frames, rest, tooManyRules } = readFrames(page, pageItems(page));
  const columns = columnLayout(rest, page.width);
  if (!columns) return { blocks: blocksOf(groupLines(rest), frames, p), twoColumns: false, tooManyRules };
  // a page in two columns: a line that stops short of the gutter and goes on after it is two
  // lines, one in each column; a line whose text runs across it (a title) stays one
  return {
    blocks: blocksOf(
      groupLines(rest).flatMap((l) => splitAtGutter(l, columns.gutter)),
      frames,
      p,
      columns,
    ),
    twoColumns: true,
    tooManyRules,
  };
}

export function layoutPdf(pages: PdfPage[], numPages: number, staged: Staged[] = []): Decoded {
  const warnings: Warning[] = [];
  if (numPages > pages.length) warnings.push({ code: "pdf-pages", message: `PDF 共 ${numPages} 页，只读取了前 ${MAX_PAGES} 页`, line: null });
  const chars = pages.map((p) => p.items.reduce((n, it) => n + it[0].trim().length, 0));
  if (chars.every((c) => c === 0)) {
    warnings.push({ code: "scanned-pdf", message: "扫描件：没有文字层，无法读取", line: null });
    return { lines: [], encoding: "pdf", warnings };
  }
  const empty = chars.flatMap((c, i) => (c === 0 ? [i + 1] : []));
  if (empty.length) warnings.push({ code: "scanned-pages", message: `PDF 第 ${empty.slice(0, 10).join("、")}${empty.length > 10 ? " 等" : ""} 页没有文字层（可能是扫描页），这些页的内容没有读取`, line: null });

  const pageStages = pages.map((page, p) => staged[p] ?? stagePage(page, p));
  const pageBlocks: Block[][] = pageStages.map((s) => s.blocks);
  const twoColumnPages = pageStages.filter((s) => s.twoColumns).length;
  const drawn = pageStages.flatMap((s, p) => (s.tooManyRules ? [p + 1] : []));
  if (drawn.length) warnings.push({ code: "pdf-rules", message: `PDF 第 ${drawn.slice(0, 10).join("、")}${drawn.length > 10 ? " 等" : ""} 页画的线条过多，不像表格线，这些页按文字位置读取`, line: null });
  if (twoColumnPages) warnings.push({ code: "pdf-columns", message: `PDF 有 ${twoColumnPages} 页分两栏排版：已按先左栏、后右栏的顺序读取`, line: null });
  dropFurniture(
    pageBlocks,
    pages.map((p) => p.height),
  );
  const allLines = pageBlocks.flat().flatMap((b) => (b.kind === "line" ? [b] : []));
  const bodyLines = allLines.filter((b) => !b.box).map((b) => b.line);
  const size = bodySize(bodyLines);
  const bodyFlow0 = { left: percentile(bodyLines.map((l) => l.x), 0.1), right: percentile(bodyLines.map((l) => l.right), 0.9) };
  const pitch = linePitch(pageBlocks, size);
  warnings.push(...replaceLooseTablesAcross(pageBlocks, size, pitch, bodyFlow0, pages.map((p) => p.width)));
  // a row cut by the page stops where its next line no longer fits: within a line (and a cell's padding) of the margin
  joinContinued(pageBlocks, contentFloor(pageBlocks), Math.max(size * 1.6, pitch * 1.5));
  for (const blocks of pageBlocks)
    for (const b of blocks)
      if (b.kind === "table" && b.frame.loose && !fillCategories(b.frame.rows, b.frame.loose))
        // a category printed once beside its rows that fits no span, or two: its rows are not guessed
        warnings.push({ code: "table-unruled-categories", message: `PDF 第 ${b.page + 1} 页的表格没有表格线，第一列的类别（${b.frame.loose.categories.map((c) => c.text).join("、")}）各自对应哪几行无法唯一确定：类别没有填入`, line: null });

  const headingSizes = [...new Set(bodyLines.filter((l) => l.size >= size * 1.15 && l.text.length <= 40).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  const headingOf = (l: TextLine): 1 | 2 | 3 | undefined => {
    if (l.size < size * 1.15 || l.text.length > 40) return undefined;
    const level = headingSizes.indexOf(Math.round(l.size * 2) / 2) + 1;
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : undefined;
  };
  const flowOf = (lines: TextLine[]): Flow => ({ left: percentile(lines.map((l) => l.x), 0.1), right: percentile(lines.map((l) => l.right), 0.9) });
  const bodyFlow = flowOf(bodyLines.filter((l) => Math.abs(l.size - size) < 0.6));
  // in two columns, each column has its own edges
  const sideFlows = {
    left: flowOf(allLines.filter((b) => b.side === "left" && !b.box).map((b) => b.line)),
    right: flowOf(allLines.filter((b) => b.side === "right" && !b.box).map((b) => b.line)),
  };
  // a box's flow (its left and right edge) is that of all its parts, on every page it runs over
  const boxLines = new Map<Frame, TextLine[]>();
  for (const b of allLines) if (b.box) boxLines.set(boxRoot(b.box), [...(boxLines.get(boxRoot(b.box)) ?? []), b.line]);

  const sink = new LineSink();
  const body = new Paragraphs(sink, headingOf);
  // the box being read: its lines and tables, on every page it runs over, are one box; a paragraph
  // broken by the page is joined
  let open: { root: Frame; id: number; paragraphs: Paragraphs; flow: Flow } | null = null;
  const closeBox = () => {
    if (!open) return;
    open.paragraphs.flush();
    sink.lines.push({ text: "", box: open.id });
    open = null;
  };
  // a run of text: a page, or a column of a band on a page set in two; a paragraph goes on from the end of one run into the next
  let run = -1;
  let where = "";
  pageBlocks.forEach((blocks, p) => {
    for (const b of blocks) {
      if (`${p}:${b.region ?? 0}` !== where) (where = `${p}:${b.region ?? 0}`), run++;
      const root = b.box ? boxRoot(b.box) : null;
      if (!root) closeBox();
      else if (!open || open.root !== root) {
        closeBox();
        body.break();
        const id = sink.newBox();
        sink.blank();
        open = { root, id, paragraphs: new Paragraphs(sink, () => undefined, id), flow: flowOf(boxLines.get(root) ?? []) };
      }
      if (b.kind === "line") {
        if (open) open.paragraphs.add(b.line, run, open.flow);
        else body.add(b.line, run, b.side ? sideFlows[b.side] : bodyFlow);
        continue;
      }
      if (open) {
        open.paragraphs.break();
        sink.grid(b.frame.rows, open.id);
      } else {
        body.break();
        sink.grid(b.frame.rows);
      }
    }
  });
  closeBox();
  body.flush();
  return { lines: sink.lines, encoding: "pdf", warnings };
}
