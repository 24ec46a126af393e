import { XMLParser } from "fast-xml-parser";

/** fast-xml-parser's order-preserving form: each node is { tag: children[], ":@"?: attributes } or { "#text": string } */
export type XmlNode = Record<string, unknown>;

/**
 * Text stays text: by default fast-xml-parser turns a node that looks like a number into one, so a
 * cell printed "997.0" came back as 997 and "0.50" as 0.5 — a value changed without a word.
 */
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, processEntities: true, htmlEntities: true, parseTagValue: false, parseAttributeValue: false });

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
