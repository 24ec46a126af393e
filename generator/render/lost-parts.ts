/**
 * exceljs silently drops charts, shapes, pivot tables, slicers and sparklines when it reads a
 * workbook. Look inside the template's package for them so the clerk hears what is lost, per sheet.
 */
import type { OoxmlPackage } from "./ooxml/package";

export function findLostParts(pkg: OoxmlPackage): string[] {
  const lost: string[] = [];
  for (const sheet of pkg.sheets()) {
    if (!sheet.part) continue;
    const found: string[] = [];
    const sheetXml = pkg.text(sheet.part) ?? "";
    if (/sparklineGroup/.test(sheetXml)) found.push("sparklines");
    for (const r of pkg.rels(sheet.part)) {
      if (r.type === "pivotTable") found.push("a pivot table");
      if (r.type === "drawing") {
        const drawing = pkg.text(r.target) ?? "";
        const charts = pkg.rels(r.target).filter((d) => d.type === "chart").length;
        if (charts) found.push(charts === 1 ? "a chart" : `${charts} charts`);
        const shapes = (drawing.match(/<xdr:sp\b/g) ?? []).length;
        if (shapes) found.push(shapes === 1 ? "a shape or text box" : `${shapes} shapes or text boxes`);
        if (/slicer/i.test(drawing)) found.push("slicers");
      }
    }
    if (found.length) lost.push(`sheet "${sheet.name}": ${found.join(", ")} in the template cannot be carried over and will be missing from the output`);
  }
  return lost;
}
