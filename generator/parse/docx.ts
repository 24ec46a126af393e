import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { UnreadableDocumentError } from "./decode";

/** A planning document's text is a few MB at most: a larger document.xml is a zip bomb or not a document. */
const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;

/** fast-xml-parser's order-preserving form: each node is { tag: children[], ":@"?: attributes } or { "#text": string } */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, processEntities: true, htmlEntities: true });

function tagOf(node: XmlNode): string {
  for (const key of Object.keys(node)) if (key !== ":@") return key;
  return "";
}

function childrenOf(node: XmlNode): XmlNode[] {
  const c = node[tagOf(node)];
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | undefined {
  const a = node[":@"] as Record<string, unknown> | undefined;
  const v = a?.[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

/** The text of a paragraph (or any run container): tabs as \t, line breaks as a space. */
function textOf(nodes: XmlNode[]): string {
  let out = "";
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "#text") out += String(n["#text"]);
    else if (tag === "w:tab") out += "\t";
    else if (tag === "w:br" || tag === "w:cr") out += " ";
    else if (tag === "w:delText" || tag === "w:instrText" || tag === "w:rPr" || tag === "w:pPr") continue;
    else out += textOf(childrenOf(n));
  }
  return out;
}

/** A cell spanning several grid columns (w:gridSpan) becomes that many cells, so rows line up with the header. */
function rowCells(row: XmlNode): string[] {
  const cells: string[] = [];
  for (const tc of childrenOf(row)) {
    if (tagOf(tc) !== "w:tc") continue;
    const props = childrenOf(tc).find((c) => tagOf(c) === "w:tcPr");
    const span = Number((props && childrenOf(props).map((c) => (tagOf(c) === "w:gridSpan" ? attr(c, "w:val") : undefined)).find(Boolean)) ?? 1) || 1;
    const text = childrenOf(tc)
      .filter((c) => tagOf(c) !== "w:tcPr")
      .map((c) => textOf(childrenOf(c)))
      .join("")
      .replace(/[\t\r\n]+/g, " ")
      .trim();
    cells.push(text, ...new Array<string>(Math.max(0, span - 1)).fill(""));
  }
  return cells;
}

/** Body content in reading order: paragraphs as lines, table rows as tab-separated lines, containers (content controls) opened. */
function bodyLines(nodes: XmlNode[], lines: string[]): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "w:p") lines.push(textOf(childrenOf(n)));
    else if (tag === "w:tbl") {
      for (const tr of childrenOf(n)) if (tagOf(tr) === "w:tr") lines.push(rowCells(tr).join("\t"));
      lines.push("");
    } else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml" || tag === "w:body") bodyLines(childrenOf(n), lines);
  }
}

/**
 * A .docx as text: each paragraph a line, each table row a line of tab-separated cells (the
 * layout the tab-separated table reader already knows), a blank line after each table.
 */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UnreadableDocumentError("the file looks like a zip archive but cannot be opened");
  }
  const doc = zip.file("word/document.xml");
  if (!doc) throw new UnreadableDocumentError("the archive is not a Word document (no word/document.xml)");
  // jszip records the declared size; refuse before inflating rather than after
  const declared = (doc as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  if (declared > MAX_DOCUMENT_XML_BYTES) throw new UnreadableDocumentError(`the Word document's text is ${Math.round(declared / 1048576)} MB, more than a planning document holds`);
  const xml = await doc.async("string");
  if (xml.length > MAX_DOCUMENT_XML_BYTES) throw new UnreadableDocumentError("the Word document's text is larger than a planning document holds");
  let tree: XmlNode[];
  try {
    tree = parser.parse(xml) as XmlNode[];
  } catch (e) {
    throw new UnreadableDocumentError(`the Word document's XML cannot be read: ${(e as Error).message.split("\n")[0]}`);
  }
  const lines: string[] = [];
  for (const top of tree) if (tagOf(top) === "w:document") bodyLines(childrenOf(top), lines);
  const text = lines.join("\n");
  if (!text.trim()) throw new UnreadableDocumentError("the Word document holds no text");
  return text;
}
