import { inflateText, openZip, ZipFormatError, ZipLimitError } from "../../util/zip";
import { NumberingCounter, readNumbering, styleNumbering } from "./docx-numbering";
import { directOutlineLevel, headingStyles } from "./docx-styles";
import { LineSink } from "./lines";
import { UnreadableDocumentError, type Decoded } from "./types";
import { attr, boundDepth, child, childrenOf, MAX_XML_DEPTH, parseXml, tagOf, type XmlNode } from "./xml";

/** A planning document's text is a few MB at most: more inflated XML than this is a zip bomb or not a document. */
const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;
const MAX_STYLES_BYTES = 8 * 1024 * 1024;
const MAX_NUMBERING_BYTES = 8 * 1024 * 1024;

/** Containers whose children are body content in reading order. */
const BLOCK_CONTAINERS = new Set(["w:body", "w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:smartTag", "w:moveTo"]);
/** Run content that is never text: properties, deleted text, field codes, references to notes. */
const NOT_TEXT = new Set(["w:rPr", "w:pPr", "w:delText", "w:instrText", "w:fldChar", "w:footnoteReference", "w:endnoteReference", "w:commentReference", "w:del", "w:moveFrom", "w:tcPr", "w:tblPr", "w:trPr"]);

/**
 * A floating drawing's placement (wp:positionH → wp:align "center", wp:posOffset "123825",
 * wp14:pctWidth) is text in the XML but nothing on the page; only the anchor and the graphic it
 * holds lead to a text box.
 */
function isDrawingProperty(tag: string): boolean {
  return (tag.startsWith("wp:") || tag.startsWith("wp14:")) && tag !== "wp:anchor" && tag !== "wp:inline";
}

const num = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v) ? Math.min(Number(v), 1000) : d);

/**
 * A .docx as lines: paragraphs in reading order with their heading level by style; tables as
 * real rows (vertical merges filled down, horizontal spans kept aligned); 专栏 drawn as a
 * one-cell table, a text box (DrawingML or its VML fallback, read once) or a frame as lines
 * marked with their box; a table inside a box as rows of that box.
 */
class DocxReader {
  readonly sink = new LineSink();
  private frame: { key: string; box: number } | null = null;

  constructor(
    private readonly styles: Map<string, 1 | 2 | 3>,
    private readonly numbering: NumberingCounter,
  ) {}

  blocks(nodes: XmlNode[], box?: number): void {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === "w:p") this.paragraph(n, box);
      else if (tag === "w:tbl") {
        this.frame = null;
        this.table(n, box);
      } else if (BLOCK_CONTAINERS.has(tag)) this.blocks(childrenOf(n), box);
    }
  }

  private paragraph(p: XmlNode, box?: number): void {
    const pPr = child(p, "w:pPr");
    const framePr = pPr && child(pPr, "w:framePr");
    if (framePr && box === undefined) {
      // consecutive paragraphs with the same frame properties are one frame
      const key = JSON.stringify(framePr[":@"] ?? {});
      if (!this.frame || this.frame.key !== key) this.frame = { key, box: this.sink.newBox() };
      box = this.frame.box;
    } else if (box === undefined) this.frame = null;
    const textBoxes: XmlNode[] = [];
    // a label Word's automatic numbering prints (第一章, （一）, 1.) is on the page, not in the text
    const label = this.numbering.labelOf(pPr);
    const runText = this.runs(childrenOf(p), textBoxes);
    const text = label && runText.trim() ? label + runText.replace(/^\s+/u, "") : runText;
    const style = pPr ? attr(child(pPr, "w:pStyle") ?? {}, "w:val") : undefined;
    const level = (style && this.styles.get(style)) ?? directOutlineLevel(pPr);
    const heading = level && level <= 3 ? (level as 1 | 2 | 3) : undefined;
    // a heading broken over two lines is one heading
    this.sink.para(heading ? text.replace(/\s*\n\s*/g, " ") : text, { box, heading });
    for (const tb of textBoxes) {
      const id = this.sink.newBox();
      this.sink.blank();
      this.blocks(childrenOf(tb), id);
      this.sink.blank();
    }
  }

  /** A run container's text: tabs as \t, line breaks as new lines; text boxes collected, not inlined. */
  private runs(nodes: XmlNode[], textBoxes: XmlNode[]): string {
    let out = "";
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === "#text") out += String(n["#text"]);
      else if (tag === "w:t") out += this.runs(childrenOf(n), textBoxes);
      else if (tag === "w:tab" || tag === "w:ptab") out += "\t";
      else if (tag === "w:br") out += attr(n, "w:type") === "page" || attr(n, "w:type") === "column" ? " " : "\n";
      else if (tag === "w:cr") out += "\n";
      else if (tag === "w:txbxContent") textBoxes.push(n);
      else if (tag === "mc:AlternateContent") {
        // the same drawing twice (DrawingML, then its VML fallback): read the first branch only
        const branch = childrenOf(n).find((c) => tagOf(c) === "mc:Choice") ?? childrenOf(n).find((c) => tagOf(c) === "mc:Fallback");
        if (branch) out += this.runs(childrenOf(branch), textBoxes);
      } else if (!NOT_TEXT.has(tag) && !isDrawingProperty(tag)) out += this.runs(childrenOf(n), textBoxes);
    }
    return out;
  }

  private table(tbl: XmlNode, box?: number): void {
    const rows = childrenOf(tbl).filter((r) => tagOf(r) === "w:tr");
    const cellsOf = (tr: XmlNode) => childrenOf(tr).flatMap((c) => (tagOf(c) === "w:tc" ? [c] : tagOf(c) === "w:sdt" ? findCells(c) : []));
    // a table of one column is a drawn box: its cells hold paragraphs (and maybe a table), not values
    if (rows.length > 0 && rows.every((tr) => cellsOf(tr).length <= 1)) {
      const id = box ?? this.sink.newBox();
      this.sink.blank();
      for (const tr of rows) for (const tc of cellsOf(tr)) this.blocks(childrenOf(tc), id);
      this.sink.blank();
      return;
    }
    const grid: string[][] = [];
    const above: string[] = [];
    for (const tr of rows) {
      const out: string[] = [];
      const trPr = child(tr, "w:trPr");
      let col = num(trPr ? attr(child(trPr, "w:gridBefore") ?? {}, "w:val") : undefined, 0);
      for (let k = 0; k < col; k++) out.push("");
      for (const tc of cellsOf(tr)) {
        const tcPr = child(tc, "w:tcPr");
        const span = Math.max(1, num(tcPr ? attr(child(tcPr, "w:gridSpan") ?? {}, "w:val") : undefined, 1));
        const vMerge = tcPr && child(tcPr, "w:vMerge");
        const continues = vMerge !== undefined && attr(vMerge, "w:val") !== "restart";
        const text = continues ? (above[col] ?? "") : this.cellText(tc);
        for (let k = 0; k < span; k++) {
          out[col + k] = k === 0 ? text : "";
          above[col + k] = k === 0 ? text : "";
        }
        col += span;
      }
      grid.push(out);
    }
    this.sink.grid(grid, box);
  }

  /** A cell's paragraphs run together (a wrapped header "2020" / "年" is one word); a table nested in it as its text. */
  private cellText(tc: XmlNode): string {
    const parts: string[] = [];
    const walk = (nodes: XmlNode[]) => {
      for (const n of nodes) {
        const tag = tagOf(n);
        if (tag === "w:p") {
          const boxes: XmlNode[] = [];
          // a 序号 column Word numbers by itself prints its numbers only through the list
          const label = this.numbering.labelOf(child(n, "w:pPr"));
          const text = this.runs(childrenOf(n), boxes);
          parts.push((text.trim() ? label + text : label.trim() ? label : text).replace(/\s+/g, " ").trim());
          for (const b of boxes) walk(childrenOf(b));
        } else if (tag === "w:tbl" || tag === "w:tr" || tag === "w:tc" || BLOCK_CONTAINERS.has(tag)) walk(childrenOf(n));
      }
    };
    walk(childrenOf(tc));
    return parts.filter(Boolean).reduce((a, b) => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b), "");
  }
}

function findCells(sdt: XmlNode): XmlNode[] {
  const content = child(sdt, "w:sdtContent");
  return content ? childrenOf(content).filter((c) => tagOf(c) === "w:tc") : [];
}

/** Why a zip that is not a Word document cannot be read, in one line. */
function notWord(names: string[]): string {
  if (names.some((n) => n.startsWith("xl/"))) return "这是 Excel 工作簿（.xlsx），不是 Word 文档；请另存为 .docx 或 PDF 后再读";
  if (names.some((n) => n.startsWith("ppt/"))) return "这是 PowerPoint 演示文稿，不是 Word 文档";
  if (names.includes("content.xml")) return "这是 OpenDocument 文件（.odt 等），请另存为 .docx 后再读";
  return "这个 zip 压缩包不是 Word 文档（没有 word/document.xml）";
}

export async function decodeDocx(bytes: Uint8Array): Promise<Decoded> {
  let xml: string;
  let stylesXml: string | null = null;
  let numberingXml: string | null = null;
  try {
    const zip = await openZip(bytes);
    const doc = zip.file("word/document.xml");
    if (!doc) throw new UnreadableDocumentError(notWord(Object.keys(zip.files)));
    xml = await inflateText(doc, MAX_DOCUMENT_XML_BYTES);
    const styles = zip.file("word/styles.xml");
    if (styles) stylesXml = await inflateText(styles, MAX_STYLES_BYTES);
    const numbering = zip.file("word/numbering.xml");
    if (numbering) numberingXml = await inflateText(numbering, MAX_NUMBERING_BYTES);
  } catch (e) {
    if (e instanceof ZipLimitError || e instanceof ZipFormatError) throw new UnreadableDocumentError(`Word 文档无法读取：${e.message}`);
    throw e;
  }
  const warnings: Decoded["warnings"] = [];
  const bounded = boundDepth(xml);
  if (bounded.flattened) warnings.push({ code: "docx-depth", message: `Word 文档的 XML 嵌套超过 ${MAX_XML_DEPTH} 层（${bounded.flattened} 处），过深部分的内容已按纯文字读取，请核对`, line: null });
  let tree: XmlNode[];
  try {
    tree = parseXml(bounded.xml);
  } catch (e) {
    throw new UnreadableDocumentError(`Word 文档的 XML 已损坏：${(e as Error).message.split("\n")[0]}`);
  }
  const boundedStyles = stylesXml === null ? null : boundDepth(stylesXml).xml;
  let stylesTree: XmlNode[] | null = null;
  try {
    stylesTree = boundedStyles === null ? null : parseXml(boundedStyles);
  } catch {
    stylesTree = null;
  }
  const counter = new NumberingCounter(readNumbering(numberingXml === null ? null : boundDepth(numberingXml).xml), styleNumbering(stylesTree));
  const reader = new DocxReader(headingStyles(boundedStyles), counter);
  for (const top of tree) if (tagOf(top) === "w:document") reader.blocks(childrenOf(top));
  const lines = reader.sink.lines;
  if (!lines.some((l) => l.text.trim())) throw new UnreadableDocumentError("Word 文档里没有文字");
  return { lines, encoding: "docx", warnings };
}
