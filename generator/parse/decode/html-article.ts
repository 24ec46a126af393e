import type { DefaultTreeAdapterMap } from "parse5";

export type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];

/** Never content: code, styling, forms, embedded objects, and the page's structural chrome. */
export const SKIPPED = new Set(["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "form", "button", "select", "input", "textarea", "nav", "footer", "aside", "head", "map"]);

export const isElement = (n: Node): n is Element => "tagName" in n;

export function attrOf(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Hidden by the page itself: a `hidden` attribute or an inline display:none / visibility:hidden. */
export function isHidden(el: Element): boolean {
  if (el.attrs.some((a) => a.name === "hidden")) return true;
  const style = attrOf(el, "style");
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

interface Weight {
  /** characters of text not inside a link */
  text: number;
  /** characters of text inside links */
  links: number;
}

/** Counts letters (CJK, Latin, digits) only: spaces and punctuation say nothing about content. */
function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
  }
  return n;
}

/**
 * The article's element, by structure and text density, never by a site's class names: from
 * <body>, go down into the child that holds most of the page's text outside links while it
 * holds at least 70 % of it; navigation, link lists and footers hold links, not text, and fall
 * away. A table is never entered (its cells are one article).
 */
export function findArticle(body: Element): { article: Element; path: Element[] } {
  const weights = new Map<Node, Weight>();
  const weigh = (n: Node, inLink: boolean): Weight => {
    if (n.nodeName === "#text") {
      const k = letters((n as DefaultTreeAdapterMap["textNode"]).value);
      return inLink ? { text: 0, links: k } : { text: k, links: 0 };
    }
    if (!isElement(n) || SKIPPED.has(n.tagName) || isHidden(n)) return { text: 0, links: 0 };
    const w = { text: 0, links: 0 };
    const link = inLink || n.tagName === "a";
    for (const c of n.childNodes) {
      const cw = weigh(c, link);
      w.text += cw.text;
      w.links += cw.links;
    }
    weights.set(n, w);
    return w;
  };
  weigh(body, false);
  const path: Element[] = [body];
  let cur = body;
  for (;;) {
    const total = weights.get(cur)?.text ?? 0;
    if (total === 0 || cur.tagName === "table") break;
    let best: Element | null = null;
    let bestText = 0;
    for (const c of cur.childNodes) {
      if (!isElement(c)) continue;
      const t = weights.get(c)?.text ?? 0;
      if (t > bestText) (best = c), (bestText = t);
    }
    if (!best || bestText < total * 0.7) break;
    cur = best;
    path.push(cur);
  }
  return { article: cur, path };
}

/**
 * Pages nested thousands of levels deep (broken or hostile markup) would exhaust the stack of
 * every recursive walk: below `maxDepth` an element's subtree is replaced by its text, gathered
 * without recursion.
 */
export function flattenDeep(root: Element, maxDepth = 200): number {
  const stack: Array<{ el: Element; depth: number }> = [{ el: root, depth: 0 }];
  let flattened = 0;
  while (stack.length) {
    const { el, depth } = stack.pop()!;
    if (depth < maxDepth) {
      for (const c of el.childNodes) if (isElement(c)) stack.push({ el: c, depth: depth + 1 });
      continue;
    }
    let text = "";
    const todo: Node[] = [...el.childNodes].reverse();
    while (todo.length) {
      const n = todo.pop()!;
      if (n.nodeName === "#text") text += (n as DefaultTreeAdapterMap["textNode"]).value;
      else if (isElement(n) && !SKIPPED.has(n.tagName)) for (let k = n.childNodes.length - 1; k >= 0; k--) todo.push(n.childNodes[k]);
    }
    if (el.childNodes.some(isElement)) flattened++;
    el.childNodes = text ? [{ nodeName: "#text", value: text, parentNode: el } as DefaultTreeAdapterMap["textNode"]] : [];
  }
  return flattened;
}
