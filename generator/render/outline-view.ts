/**
 * The outline as a clerk reads it. A Word export prints every auto-numbered chapter as "1."; such
 * labels are numbered again by their order in the document, level by level, so 鄂州's chapters
 * read 1. 2. 3. … as they were printed.
 */
import type { OutlineNode } from "../model";

const AUTO_NUMBER = /^\d+[.．、]$/u;

/** Every node with the label it is shown by, in document order. */
export function numberedOutline(nodes: OutlineNode[]): Array<{ node: OutlineNode; label: string }> {
  const out: Array<{ node: OutlineNode; label: string }> = [];
  const counters = new Map<number, number>();
  const walk = (list: OutlineNode[]) => {
    for (const node of list) {
      let label = node.label;
      if (AUTO_NUMBER.test(label)) {
        const k = (counters.get(node.level) ?? 0) + 1;
        counters.set(node.level, k);
        label = `${k}.`;
      }
      out.push({ node, label });
      walk(node.children);
    }
  };
  walk(nodes);
  return out;
}

/** "第五章 构建… / 第一节 推动… / 二、 建设…" → the labels of the levels above, then the deepest heading: "第五章 · 第一节 · 二、建设…". */
export function sectionLabel(section: string | null, labels: Map<string, string>): string | null {
  if (!section) return null;
  const levels = section.split(" / ").map((s) => s.trim()).filter(Boolean);
  const shown = levels.map((s) => labels.get(s) ?? s.split(/\s+/u)[0]);
  const last = levels[levels.length - 1];
  const title = last.slice(last.indexOf(" ") + 1).trim();
  return [...shown.slice(0, -1), `${shown[shown.length - 1]} ${title}`.trim()].join(" · ");
}

/** "1. 历史方位" (as printed in a section path) → its renumbered label. */
export function labelMap(nodes: OutlineNode[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { node, label } of numberedOutline(nodes)) {
    const key = `${node.label} ${node.title}`.trim();
    // a path names the heading as printed; two chapters printed alike ("1. 历史方位" twice) keep the first number
    if (!map.has(key)) map.set(key, label);
  }
  return map;
}
