/**
 * Cell notes as the package holds them, whichever editor wrote them: Excel's runs (`<r><t>`) with the
 * author's name as a bold first line, openpyxl's plain `<t>` (which exceljs reads as empty), and the
 * legacy copy Excel keeps of a threaded comment. The text is returned whole; commands.ts finds the
 * commands in it.
 */
import { attrsOf, decodeXml, type OoxmlPackage } from "./package";

/** The notes of one sheet: cell address (A1 style) → the note's text. */
export function readNotes(pkg: OoxmlPackage, sheetPart: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const rel of pkg.rels(sheetPart)) {
    if (rel.type !== "comments" || rel.external) continue;
    const xml = pkg.text(rel.target) ?? "";
    for (const m of xml.matchAll(/<(?:\w+:)?comment\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?comment>/g)) {
      const ref = attrsOf(m[1]).ref;
      if (!ref) continue;
      // phonetic runs (<rPh>) repeat the text's reading, not its content
      const body = m[2].replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
      let text = "";
      for (const t of body.matchAll(/<(?:\w+:)?t\b[^>]*>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += decodeXml(t[1]);
      notes.set(ref.replace(/\$/g, "").toUpperCase(), text.replace(/\r\n?/g, "\n"));
    }
  }
  return notes;
}
