/**
 * What a template holds that the output will not: the workbook library drops it on read and the
 * engine does not carry it (carry.ts keeps drawings, charts, pictures, shapes and pivot tables).
 * Said per sheet, so the clerk hears what is lost rather than finding it missing.
 */
import type { OoxmlPackage } from "./ooxml/package";

export function findLostParts(pkg: OoxmlPackage): string[] {
  const lost: string[] = [];
  for (const sheet of pkg.sheets()) {
    if (!sheet.part) {
      lost.push(`sheet "${sheet.name}" is a chart sheet (or another kind the engine cannot fill) and will be missing from the output`);
      continue;
    }
    const found: string[] = [];
    const sheetXml = pkg.text(sheet.part) ?? "";
    if (/sparklineGroup/.test(sheetXml)) found.push("sparklines");
    const rels = pkg.rels(sheet.part);
    if (/<(?:\w+:)?controls\b/.test(sheetXml) || rels.some((r) => r.type === "ctrlProp" || r.type === "control")) found.push("form controls");
    if (rels.some((r) => r.type === "oleObject" || r.type === "package") && /<(?:\w+:)?oleObjects\b/.test(sheetXml)) found.push("embedded objects");
    if (found.length) lost.push(`sheet "${sheet.name}": ${found.join(", ")} in the template cannot be carried over and will be missing from the output`);
  }
  return lost;
}
