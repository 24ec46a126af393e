import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { attrOf, findArticle, flattenDeep, isElement, isHidden, SKIPPED, type Element, type Node } from "./html-article";
import { decodePageText } from "./html-charset";
import { LineSink, expandSpans, type SpanCell } from "./lines";
import { decodeMhtParts } from "./mht";
import { looksLikeMojibake } from "./mojibake";
import { UnreadableDocumentError, type Decoded } from "./types";
import type { Warning } from "../../model";

type TextNode = DefaultTreeAdapterMap["textNode"];

/** Elements that end the line before them and after them. */
const BLOCKS = new Set(["p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "main", "header", "blockquote", "pre", "center", "address", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "caption", "tbody", "thead", "tfoot", "tr", "body", "html", "fieldset", "legend", "details", "summary"]);
const HEADINGS: Record<string, 1 | 2 | 3> = { h1: 1, h2: 2, h3: 3 };

/**
 * The chrome of a government article page printed as text inside the article's frame: where the
 * page is, when it was posted, how to print, close or share it. Short lines that start so are dropped.
 */
const CHROME = /^[【\[]?\s*(?:当前位置|您现在的位置|您的位置|当前的位置|发布时间|发布日期|时间[:：]|来源[:：]|信息来源|文章来源|浏览次数|访问量|阅读次数|点击数|点击率|字号|字体|打印|关闭|分享|分享到|收藏|扫一扫|返回顶部|上一篇|下一篇|相关链接|责任编辑|主办[:：]|承办[:：]|网站标识码|ICP备)/u;
const CHROME_WORDS = /^(?:[【\[]?\s*(?:打印|关闭|分享|收藏|打印本页|关闭窗口|返回|顶部|大|中|小|默认|字号|【|】|\||\/|\s)+\s*[】\]]?)+$/u;

const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;
/** Runs of HTML whitespace as one space; most text nodes have none to collapse, and are returned as they are. */
function collapse(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(/[ \t\n\r\f]+/g, " ") : s;
}

/** Characters that are not whitespace, counted without building a string. */
function visible(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 0xa0 && c !== 0x3000) n++;
  }
  return n;
}

/** Joins two pieces of a cell's text: a space survives only between Latin letters or digits. */
function joinCell(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** A border drawn around a block in the page's own style: a 专栏 box when it is not a table. */
function isFramed(el: Element): boolean {
  if (el.tagName === "fieldset") return true;
  const style = attrOf(el, "style");
  return !!style && /border(?:-style)?\s*:\s*(?!none|0(?:px)?\b|hidden)[^;]*(?:solid|dashed|dotted|double|\dpx)/i.test(style) && !/border-(?:top|bottom|left|right)\s*:/i.test(style);
}

class HtmlReader {
  readonly sink = new LineSink();
  private line = "";
  private linkLetters = 0;
  private letters = 0;
  private inHeading = 0;

  private flush(box?: number, heading?: 1 | 2 | 3): void {
    const text = this.line.replace(/^\s+|\s+$/g, "");
    const linky = this.letters > 0 && this.linkLetters / this.letters > 0.6;
    this.line = "";
    this.letters = this.linkLetters = 0;
    if (!text) return;
    if (linky || (text.length <= 60 && (CHROME.test(text) || CHROME_WORDS.test(text)))) return;
    this.sink.para(text, { box, heading });
  }

  private add(text: string, inLink: boolean): void {
    this.line += text;
    const n = visible(text);
    this.letters += n;
    if (inLink) this.linkLetters += n;
  }

  walk(nodes: Node[], box?: number, inLink = false): void {
    for (const n of nodes) {
      if (n.nodeName === "#text") {
        this.add(collapse((n as TextNode).value), inLink);
        continue;
      }
      if (!isElement(n) || SKIPPED.has(n.tagName) || isHidden(n)) continue;
      const tag = n.tagName;
      if (tag === "br") {
        // a heading printed on two lines is one heading
        if (this.inHeading) this.add(" ", inLink);
        else this.flush(box);
        continue;
      }
      if (tag === "table") {
        this.flush(box);
        this.table(n, box);
        continue;
      }
      if (BLOCKS.has(tag)) {
        this.flush(box);
        if (box === undefined && isFramed(n)) {
          const id = this.sink.newBox();
          this.sink.blank();
          this.walk(n.childNodes, id, inLink);
          this.flush(id);
          this.sink.blank();
          continue;
        }
        if (HEADINGS[tag]) this.inHeading++;
        this.walk(n.childNodes, box, inLink || tag === "a");
        if (HEADINGS[tag]) this.inHeading--;
        this.flush(box, HEADINGS[tag]);
        continue;
      }
      this.walk(n.childNodes, box, inLink || tag === "a");
    }
  }

  /** A table's rows and cells, in order, through thead/tbody/tfoot; a nested table belongs to its cell. */
  private rowsOf(table: Element): Element[][] {
    const rows: Element[][] = [];
    const visit = (el: Element) => {
      for (const c of el.childNodes) {
        if (!isElement(c)) continue;
        if (c.tagName === "tr") rows.push(c.childNodes.filter((x): x is Element => isElement(x) && (x.tagName === "td" || x.tagName === "th")));
        else if (c.tagName === "tbody" || c.tagName === "thead" || c.tagName === "tfoot") visit(c);
      }
    };
    visit(table);
    return rows;
  }

  private table(table: Element, box?: number): void {
    // a <caption> is the table's title, printed over it
    const caption = table.childNodes.find((c): c is Element => isElement(c) && c.tagName === "caption" && !isHidden(c));
    if (caption) {
      this.walk(caption.childNodes, box);
      this.flush(box);
    }
    const rows = this.rowsOf(table).filter((r) => r.length > 0);
    if (!rows.length) return;
    const span = (c: Element, name: string) => {
      const v = Number(attrOf(c, name) ?? 1);
      return Number.isFinite(v) && v >= 1 ? Math.floor(v) : 1;
    };
    // a table of one column is a drawn box (专栏), or a layout table: its cells are paragraphs
    if (rows.every((r) => r.length === 1 && span(r[0], "colspan") <= 1) || rows.every((r) => r.length === 1)) {
      const id = box ?? this.sink.newBox();
      this.sink.blank();
      for (const r of rows) {
        this.walk(r[0].childNodes, id);
        this.flush(id);
      }
      this.sink.blank();
      return;
    }
    const cells: SpanCell[][] = rows.map((r) => r.map((c) => ({ text: this.cellText(c), rowspan: span(c, "rowspan"), colspan: span(c, "colspan") })));
    this.sink.grid(expandSpans(cells, rows.length), box);
  }

  /** A cell's text: its lines (paragraphs, <br>) run together as one wrapped text. */
  private cellText(cell: Element): string {
    const parts: string[] = [];
    let cur = "";
    const visit = (nodes: Node[]) => {
      for (const n of nodes) {
        if (n.nodeName === "#text") cur += collapse((n as TextNode).value);
        else if (isElement(n) && !SKIPPED.has(n.tagName) && !isHidden(n)) {
          const block = n.tagName === "br" || BLOCKS.has(n.tagName) || n.tagName === "td" || n.tagName === "th";
          if (block) (parts.push(cur.trim()), (cur = ""));
          visit(n.childNodes);
          if (block) (parts.push(cur.trim()), (cur = ""));
        }
      }
    };
    visit(cell.childNodes);
    parts.push(cur.trim());
    return parts.filter(Boolean).reduce(joinCell, "").replace(/\u00a0/g, " ").trim();
  }

  end(): void {
    this.flush();
  }
}

function findElement(nodes: Node[], tag: string): Element | null {
  for (const n of nodes) {
    if (!isElement(n)) continue;
    if (n.tagName === tag) return n;
    const inner = findElement(n.childNodes, tag);
    if (inner) return inner;
  }
  return null;
}

function textOf(el: Element): string {
  let s = "";
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.nodeName === "#text") s += (n as TextNode).value;
      else if (isElement(n) && !SKIPPED.has(n.tagName)) visit(n.childNodes);
    }
  };
  visit(el.childNodes);
  return collapse(s).trim();
}

/**
 * The article's title when the article's own text starts below it: the last h1–h3 before the
 * article inside its nearest ancestors (a page puts the headline over the text's container).
 */
function titleAbove(path: Element[]): string | null {
  const article = path[path.length - 1];
  for (let k = path.length - 2; k >= Math.max(0, path.length - 4); k--) {
    const parent = path[k];
    const child = path[k + 1];
    let found: string | null = null;
    for (const c of parent.childNodes) {
      if (c === child) break;
      if (!isElement(c) || SKIPPED.has(c.tagName)) continue;
      const h = HEADINGS[c.tagName] ? c : findElement(c.childNodes, "h1") ?? findElement(c.childNodes, "h2");
      if (h) {
        const t = textOf(h);
        if (t.length >= 4 && t.length <= 80) found = t;
      }
    }
    if (found && !textOf(article).slice(0, 200).includes(found.slice(0, 12))) return found;
    if (found) return null;
  }
  return null;
}

/** Elements nested deeper than this hold no structure a page means: their text is read as text. */
const MAX_HTML_DEPTH = 200;

/** A page's text as lines: the article only, its tables as real grids, its boxes marked. */
export function htmlLines(html: string, warnings: Warning[] = []): Decoded["lines"] {
  const doc = parse(html);
  const root = doc.childNodes.find((n): n is Element => isElement(n) && n.tagName === "html");
  const flattened = root ? flattenDeep(root, MAX_HTML_DEPTH) : 0;
  if (flattened) warnings.push({ code: "html-depth", message: `网页的元素嵌套超过 ${MAX_HTML_DEPTH} 层（${flattened} 处），过深部分的内容已按纯文字读取，请核对`, line: null });
  const body = root ? root.childNodes.find((n): n is Element => isElement(n) && n.tagName === "body") : null;
  if (!body) return [];
  const { article, path } = findArticle(body);
  const reader = new HtmlReader();
  const title = titleAbove(path);
  if (title) reader.sink.para(title, { heading: undefined });
  reader.walk(article.childNodes);
  reader.end();
  return reader.sink.lines;
}

function finish(lines: Decoded["lines"], warnings: Warning[]): Decoded {
  if (!lines.some((l) => l.text.trim())) throw new UnreadableDocumentError("网页里没有正文文字");
  if (looksLikeMojibake(lines.map((l) => l.text).join("\n"))) warnings.push({ code: "mojibake", message: "网页解码后大多不是中文或英文文字（乱码），网页声明的编码可能有误", line: null });
  return { lines, encoding: "html", warnings };
}

export async function decodeHtml(bytes: Uint8Array, charset: string | null = null): Promise<Decoded> {
  if (bytes.length === 0) throw new UnreadableDocumentError("文件是空的");
  const { text, warnings } = decodePageText(bytes, charset);
  const out: Warning[] = warnings.map((w) => ({ ...w, line: null, message: `网页源文件：${w.message}` }));
  return finish(htmlLines(text, out), out);
}

/** A web page saved as a single file (.mht/.mhtml, MIME multipart/related): its HTML part. */
export async function decodeMht(bytes: Uint8Array): Promise<Decoded> {
  const part = decodeMhtParts(bytes).find((p) => /text\/html/i.test(p.type));
  if (!part) throw new UnreadableDocumentError("MHT 文件里没有网页正文（没有 text/html 部分）");
  return decodeHtml(part.body, part.charset);
}
