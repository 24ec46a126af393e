import type { Warning } from "../../model";
import { extractPdf, MAX_PAGES, type PdfPage } from "./pdf-extract";
import { readFrames, type Frame } from "./pdf-grid";
import { groupLines, joinText, pageItems, type TextLine } from "./pdf-text";
import { LineSink } from "./lines";
import { displayWidthOf } from "./width";
import { type Decoded } from "./types";

type Block = { top: number; page: number } & ({ kind: "line"; line: TextLine } | { kind: "frame"; frame: Frame; table?: number });

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
  const inBand = (b: Block, h: number) => b.kind === "line" && (b.top < h * 0.1 || b.top > h * 0.9);
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

/** A table that ends one page and starts the next, with the same columns, is one table; a repeated header row is dropped. */
function joinContinuedTables(pages: Block[][]): void {
  let tableNo = 0;
  let last: (Block & { kind: "frame" }) | null = null;
  for (const blocks of pages) {
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (b.kind !== "frame" || b.frame.box) {
        last = null;
        continue;
      }
      const prev: (Block & { kind: "frame" }) | null = last;
      const continues =
        i === 0 && prev !== null && prev.page !== b.page && prev.frame.xs.length === b.frame.xs.length && prev.frame.xs.every((x, k) => Math.abs(x - b.frame.xs[k]) <= 4);
      if (continues && prev) {
        const header = prev.frame.rows[0]?.join("\u0001");
        const rows = b.frame.rows[0]?.join("\u0001") === header ? b.frame.rows.slice(1) : b.frame.rows;
        prev.frame.rows.push(...rows);
        prev.frame.bottom = b.frame.bottom;
        blocks.splice(i, 1);
        i--;
        // the continued table may continue again on the next page
        last = i === blocks.length - 1 || blocks.length === 0 ? prev : last;
        continue;
      }
      b.table = tableNo++;
      last = i === blocks.length - 1 ? b : null;
    }
    if (blocks.length && blocks[blocks.length - 1].kind !== "frame") last = null;
  }
}

/** A line of a table printed without rules (columns apart by wide gaps), laid out in spaces as the space-aligned reader reads it. */
function alignedText(line: TextLine, size: number): string {
  let out = "";
  for (const seg of line.segments) {
    const col = Math.round(seg.x / (size / 2));
    const pad = col - displayWidthOf(out);
    out += (out ? " ".repeat(Math.max(2, pad)) : " ".repeat(Math.max(0, pad))) + seg.text;
  }
  return out;
}

interface Flow {
  left: number;
  right: number;
}

/**
 * Lines of text into paragraphs: a line that reaches the flow's right edge goes on in the next
 * line when that one starts at the left edge (no indent), is set in the same size and follows
 * closely (or starts the next page).
 */
class Paragraphs {
  private text = "";
  private prev: { line: TextLine; page: number } | null = null;

  constructor(
    private readonly sink: LineSink,
    private readonly headingOf: (l: TextLine) => 1 | 2 | 3 | undefined,
    private readonly box?: number,
  ) {}

  add(line: TextLine, page: number, flow: Flow, lastOnPage: boolean): void {
    const heading = this.headingOf(line);
    const p = this.prev;
    const joins =
      p !== null &&
      !heading &&
      !this.headingOf(p.line) &&
      Math.abs(p.line.size - line.size) < 0.6 &&
      p.line.right >= flow.right - p.line.size * 1.6 &&
      line.x <= flow.left + line.size * 0.6 &&
      line.segments.length === 1 &&
      p.line.segments.length === 1 &&
      (page === p.page ? line.y - p.line.y <= p.line.size * 2.4 : page === p.page + 1);
    if (joins) this.text = joinText(this.text, line.text, 0, line.size);
    else {
      this.flush();
      this.text = line.segments.length >= 3 ? alignedText(line, line.size) : line.text;
    }
    this.prev = { line, page };
    if (heading) {
      this.flush(heading);
      this.prev = { line, page };
    }
    void lastOnPage;
  }

  flush(heading?: 1 | 2 | 3): void {
    if (this.text) this.sink.para(this.text, { box: this.box, heading });
    this.text = "";
  }

  /** something else (a table, a box) comes between: the paragraph ends */
  break(): void {
    this.flush();
    this.prev = null;
  }
}

/**
 * A PDF with a text layer as lines: per page, the frames its rules draw (tables as grids, one-
 * column frames as boxes) and the text outside them, top to bottom; running heads and page
 * numbers dropped; paragraphs joined across lines and pages; a table continued on the next page
 * kept as one. A PDF without text (a scan) is one warning and no lines.
 */
export async function decodePdf(bytes: Uint8Array): Promise<Decoded> {
  const { pages, numPages } = await extractPdf(bytes);
  return layoutPdf(pages, numPages);
}

export function layoutPdf(pages: PdfPage[], numPages: number): Decoded {
  const warnings: Warning[] = [];
  if (numPages > pages.length) warnings.push({ code: "pdf-pages", message: `PDF 共 ${numPages} 页，只读取了前 ${MAX_PAGES} 页`, line: null });
  const chars = pages.map((p) => p.items.reduce((n, it) => n + it[0].trim().length, 0));
  if (chars.every((c) => c === 0)) {
    warnings.push({ code: "scanned-pdf", message: "扫描件：没有文字层，无法读取", line: null });
    return { lines: [], encoding: "pdf", warnings };
  }
  const empty = chars.flatMap((c, i) => (c === 0 ? [i + 1] : []));
  if (empty.length) warnings.push({ code: "scanned-pages", message: `PDF 第 ${empty.slice(0, 10).join("、")}${empty.length > 10 ? " 等" : ""} 页没有文字层（可能是扫描页），这些页的内容没有读取`, line: null });

  const pageBlocks: Block[][] = pages.map((page, p) => {
    const { frames, rest } = readFrames(page, pageItems(page));
    const blocks: Block[] = [...groupLines(rest).map((line): Block => ({ kind: "line", line, top: line.y - line.size, page: p })), ...frames.map((frame): Block => ({ kind: "frame", frame, top: frame.top, page: p }))];
    return blocks.sort((a, b) => a.top - b.top);
  });
  dropFurniture(
    pageBlocks,
    pages.map((p) => p.height),
  );
  joinContinuedTables(pageBlocks);

  const bodyLines = pageBlocks.flat().flatMap((b) => (b.kind === "line" ? [b.line] : []));
  const size = bodySize(bodyLines);
  const headingSizes = [...new Set(bodyLines.filter((l) => l.size >= size * 1.15 && l.text.length <= 40).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  const headingOf = (l: TextLine): 1 | 2 | 3 | undefined => {
    if (l.size < size * 1.15 || l.text.length > 40) return undefined;
    const level = headingSizes.indexOf(Math.round(l.size * 2) / 2) + 1;
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : undefined;
  };
  const flowOf = (lines: TextLine[]): Flow => ({ left: percentile(lines.map((l) => l.x), 0.1), right: percentile(lines.map((l) => l.right), 0.9) });
  const bodyFlow = flowOf(bodyLines.filter((l) => Math.abs(l.size - size) < 0.6));

  const sink = new LineSink();
  const body = new Paragraphs(sink, headingOf);
  const tableIds = new Map<number, number>();
  pageBlocks.forEach((blocks, p) => {
    blocks.forEach((b, i) => {
      if (b.kind === "line") {
        body.add(b.line, p, bodyFlow, i === blocks.length - 1);
        return;
      }
      body.break();
      const f = b.frame;
      if (f.box) {
        const id = sink.newBox();
        sink.blank();
        const inBox = new Paragraphs(sink, () => undefined, id);
        const flow = flowOf(f.lines);
        for (const l of f.lines) inBox.add(l, p, flow, false);
        inBox.flush();
        sink.lines.push({ text: "", box: id });
        return;
      }
      if (b.table !== undefined && !tableIds.has(b.table)) tableIds.set(b.table, tableIds.size);
      sink.grid(f.rows);
    });
  });
  body.flush();
  return { lines: sink.lines, encoding: "pdf", warnings };
}
