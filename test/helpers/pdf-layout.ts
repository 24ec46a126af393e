/**
 * Reads a PDF's text with positions (poppler's pdftotext -bbox) and checks what a clerk would see
 * on paper: text of two rows printed over each other, and pages with nothing on them but the
 * running head and the page number.
 */
import { execFileSync } from "node:child_process";

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfText {
  pages: Array<{ width: number; height: number; words: Word[] }>;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

export function pdfWords(pdf: string): PdfText {
  const html = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfText["pages"] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g;
  for (let p = pageRe.exec(html); p; p = pageRe.exec(html)) {
    const words: Word[] = [];
    for (let w = wordRe.exec(p[3]); w; w = wordRe.exec(p[3])) {
      words.push({ page: pages.length + 1, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: unescape(w[5]) });
    }
    pages.push({ width: Number(p[1]), height: Number(p[2]), words });
  }
  return { pages };
}

/**
 * Pairs of words printed over each other. A word's box is its font's full height, and the lines of
 * a wrapped cell sit close enough for those boxes to touch: only the middle of each box (the part
 * the glyphs fill) counts, so two lines overlap only where their glyphs would.
 */
export function overlaps(doc: PdfText): Array<{ page: number; a: string; b: string }> {
  const found: Array<{ page: number; a: string; b: string }> = [];
  for (const page of doc.pages) {
    const boxes = page.words
      .map((w) => {
        const h = w.yMax - w.yMin;
        return { w, top: w.yMin + 0.25 * h, bottom: w.yMax - 0.25 * h, left: w.xMin + 0.5, right: w.xMax - 0.5 };
      })
      .sort((a, b) => a.top - b.top);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      for (let j = i + 1; j < boxes.length && boxes[j].top < a.bottom; j++) {
        const b = boxes[j];
        if (b.left < a.right && a.left < b.right) found.push({ page: a.w.page, a: a.w.text, b: b.w.text });
      }
    }
  }
  return found;
}

/** Pages whose only words are the running head (the sheet's name, at the top) and the page number (at the bottom). */
export function emptyPages(doc: PdfText): number[] {
  const empty: number[] = [];
  doc.pages.forEach((page, i) => {
    const body = page.words.filter((w) => w.yMin > page.height * 0.08 && w.yMax < page.height * 0.92);
    if (body.length === 0) empty.push(i + 1);
  });
  return empty;
}

/** The page numbers printed in the footers, in page order: "第 3 页，共 24 页" → [3, 24]. */
export function pageNumbers(doc: PdfText): Array<[number, number] | null> {
  return doc.pages.map((page) => {
    const text = page.words.filter((w) => w.yMin > page.height * 0.9).map((w) => w.text).join(" ");
    const m = /第\s*(\d+)\s*页，共\s*(\d+)\s*页/u.exec(text);
    return m ? [Number(m[1]), Number(m[2])] : null;
  });
}
