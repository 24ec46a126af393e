import { attr, child, childrenOf, parseXml, tagOf, type XmlNode } from "./xml";

/**
 * Heading levels by paragraph style, from styles.xml: a style named "Heading 1–3" / "标题 1–3"
 * (in any language's built-in name) or carrying an outline level 0–2, directly or through the
 * style it is based on.
 */
export function headingStyles(stylesXml: string | null): Map<string, 1 | 2 | 3> {
  const out = new Map<string, 1 | 2 | 3>();
  if (!stylesXml) return out;
  let tree: XmlNode[];
  try {
    tree = parseXml(stylesXml);
  } catch {
    return out;
  }
  const styles = new Map<string, { level: number | null; basedOn: string | null }>();
  for (const top of tree) {
    if (tagOf(top) !== "w:styles") continue;
    for (const s of childrenOf(top)) {
      if (tagOf(s) !== "w:style" || attr(s, "w:type") !== "paragraph") continue;
      const id = attr(s, "w:styleId");
      if (!id) continue;
      const name = attr(child(s, "w:name") ?? {}, "w:val") ?? "";
      const pPr = child(s, "w:pPr");
      const outline = pPr ? attr(child(pPr, "w:outlineLvl") ?? {}, "w:val") : undefined;
      styles.set(id, { level: levelOf(name, id) ?? (outline !== undefined && /^\d$/.test(outline) ? Number(outline) + 1 : null), basedOn: attr(child(s, "w:basedOn") ?? {}, "w:val") ?? null });
    }
  }
  for (const id of styles.keys()) {
    let cur: string | null = id;
    for (let depth = 0; cur && depth < 10; depth++) {
      const s = styles.get(cur);
      if (!s) break;
      if (s.level !== null) {
        if (s.level >= 1 && s.level <= 3) out.set(id, s.level as 1 | 2 | 3);
        break;
      }
      cur = s.basedOn;
    }
  }
  return out;
}

function levelOf(name: string, id: string): number | null {
  const m = /^(?:heading|标题)\s*(\d)$/iu.exec(name.trim()) ?? /^(?:heading|标题)(\d)$/iu.exec(id.trim());
  return m ? Number(m[1]) : null;
}

/** A paragraph's own outline level (w:outlineLvl in its properties), 1-based, or null. */
export function directOutlineLevel(pPr: XmlNode | undefined): number | null {
  const v = pPr ? attr(child(pPr, "w:outlineLvl") ?? {}, "w:val") : undefined;
  return v !== undefined && /^\d$/.test(v) ? Number(v) + 1 : null;
}
