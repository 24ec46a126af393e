import { XMLParser } from "fast-xml-parser";

/** fast-xml-parser's order-preserving form: each node is { tag: children[], ":@"?: attributes } or { "#text": string } */
export type XmlNode = Record<string, unknown>;

/** Elements deeper than this are not a document's structure: past it, content is read as text. */
export const MAX_XML_DEPTH = 256;

/**
 * Text stays text: by default fast-xml-parser turns a node that looks like a number into one, so a
 * cell printed "997.0" came back as 997 and "0.50" as 0.5 — a value changed without a word.
 */
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, processEntities: true, htmlEntities: true, parseTagValue: false, parseAttributeValue: false, maxNestedTags: MAX_XML_DEPTH + 8 });

/**
 * The XML with every element deeper than `max` dropped and its text kept, once, as a paragraph
 * of its own (w:p/w:r/w:t, which every reader of Word content takes wherever it stands), so a
 * hostile nesting costs neither the stack nor more than one pass: the parser's own cost grows
 * with the depth of each element, and the readers recurse through it. Quotes in attributes,
 * comments, CDATA and processing instructions are stepped over whole.
 */
export function boundDepth(xml: string, max = MAX_XML_DEPTH): { xml: string; flattened: number } {
  let depth = 0;
  let deepest = 0;
  // a first pass that only measures: a document within the bound is handed on as it is
  for (let i = xml.indexOf("<"); i >= 0 && i < xml.length; i = xml.indexOf("<", i)) {
    const end = tagEnd(xml, i);
    if (end < 0) break;
    const kind = tagKind(xml, i, end);
    if (kind === "open") deepest = Math.max(deepest, ++depth);
    else if (kind === "close") depth--;
    i = end + 1;
  }
  if (deepest <= max) return { xml, flattened: 0 };
  const out: string[] = [];
  let text: string[] = [];
  let flattened = 0;
  let last = 0;
  depth = 0;
  for (let i = xml.indexOf("<"); i >= 0 && i < xml.length; i = xml.indexOf("<", i)) {
    const end = tagEnd(xml, i);
    if (end < 0) break;
    const kind = tagKind(xml, i, end);
    const between = xml.slice(last, i);
    if (depth > max) text.push(between);
    else out.push(between);
    if (kind === "open") depth++;
    if (depth <= max || (kind === "close" && depth === max + 1)) {
      if (kind === "close" && depth === max + 1) {
        // the element that crossed the bound closes: its text, as one paragraph
        flattened++;
        const t = text.join("").replace(/\s+/g, " ").trim();
        if (t) out.push(`<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`);
        text = [];
      } else if (!(kind === "open" && depth === max + 1)) out.push(xml.slice(i, end + 1));
    }
    if (kind === "close") depth--;
    last = i = end + 1;
  }
  out.push(depth > max ? "" : xml.slice(last));
  return { xml: out.join(""), flattened };
}

/** Where the markup token starting at `i` ends (its '>'), stepping over quoted attribute values, comments and CDATA. */
function tagEnd(xml: string, i: number): number {
  if (xml.startsWith("<!--", i)) {
    const e = xml.indexOf("-->", i + 4);
    return e < 0 ? -1 : e + 2;
  }
  if (xml.startsWith("<![CDATA[", i)) {
    const e = xml.indexOf("]]>", i + 9);
    return e < 0 ? -1 : e + 2;
  }
  for (let k = i + 1, quote = ""; k < xml.length; k++) {
    const c = xml[k];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return k;
  }
  return -1;
}

function tagKind(xml: string, i: number, end: number): "open" | "close" | "other" {
  const c = xml[i + 1];
  if (c === "/") return "close";
  if (c === "?" || c === "!") return "other";
  return xml[end - 1] === "/" ? "other" : "open";
}

export function parseXml(xml: string): XmlNode[] {
  return parser.parse(xml) as XmlNode[];
}

export function tagOf(node: XmlNode): string {
  for (const key in node) if (key !== ":@") return key;
  return "";
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const c = node[tagOf(node)];
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

export function attr(node: XmlNode, name: string): string | undefined {
  const a = node[":@"] as Record<string, unknown> | undefined;
  const v = a?.[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

export function child(node: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

/** Every descendant with the tag, not looking inside a match. */
export function findAll(nodes: XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const n of nodes) {
    if (tagOf(n) === tag) out.push(n);
    else if (tagOf(n) !== "#text") findAll(childrenOf(n), tag, out);
  }
  return out;
}
