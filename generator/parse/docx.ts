import JSZip from "jszip";
import { UnreadableDocumentError } from "./decode";

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, "&");
}

function paragraphText(xml: string): string {
  let out = "";
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
    if (m[0] === "<w:tab/>") out += "\t";
    else if (m[0] === "<w:br/>") out += " ";
    else out += unescapeXml(m[1]);
  }
  return out;
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
  const xml = await doc.async("string");
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  const lines: string[] = [];
  for (const m of body.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    if (m[1] !== undefined) {
      for (const row of m[1].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
        const cells = [...row[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
          [...c[1].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).join("").trim(),
        );
        lines.push(cells.join("\t"));
      }
      lines.push("");
    } else {
      lines.push(paragraphText(m[0]));
    }
  }
  const text = lines.join("\n");
  if (!text.trim()) throw new UnreadableDocumentError("the Word document holds no text");
  return text;
}
