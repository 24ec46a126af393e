/**
 * Pivot tables, kept: the pivot's parts and its cache are carried, the cache's source range is
 * re-targeted to the grown rows (a source over the template row covers every copy), its place on
 * the sheet moves with the rows above it, and the cache is marked to refresh when the workbook is
 * opened, so the pivot shows the filled data rather than the template's `{{fields}}`. A pivot whose
 * source cannot be followed (a cache over another file, a source sheet that is gone) is dropped with
 * a warning naming its sheet; a pivot never fails a render.
 */
import { formatRange, parseRange, type RangeRef } from "../a1";
import { retargetFormula } from "../formula";
import type { SheetMaps } from "../references";
import type { Carry } from "./carry";
import { attrsOf, elements, encodeXml, relativeTarget, type OoxmlPackage } from "./package";

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The cache definition with its source re-targeted and refresh-on-open set; null when its source is not in this workbook. */
function retargetCache(xml: string, mapsOf: (sheet: string) => SheetMaps | null): string | null {
  const source = /<((?:[\w.-]+:)?)worksheetSource\b([^>]*?)\/?>/.exec(xml);
  if (!source) return null;
  const a = attrsOf(source[2]);
  if (a["r:id"]) return null; // a source in another workbook
  let attrs = source[2];
  if (a.ref && a.sheet) {
    const maps = mapsOf(a.sheet);
    if (!maps) return null;
    const moved = retargetFormula(`${quoteSheet(a.sheet)}!${a.ref}`, { own: maps, sheet: mapsOf, localRows: null, localCols: null, mode: "range" });
    const ref = moved.slice(moved.indexOf("!") + 1);
    if (ref.includes(",")) return null; // copies that are not contiguous: a pivot source must be one range
    attrs = attrs.replace(/\bref="[^"]*"/, `ref="${encodeXml(ref)}"`);
  } else if (!a.name) return null;
  const head = /<((?:[\w.-]+:)?)pivotCacheDefinition\b([^>]*)>/.exec(xml);
  if (!head) return null;
  const headAttrs = /\brefreshOnLoad="/.test(head[2]) ? head[2].replace(/\brefreshOnLoad="[^"]*"/, 'refreshOnLoad="1"') : `${head[2]} refreshOnLoad="1"`;
  return xml
    .replace(source[0], `<${source[1]}worksheetSource${attrs}${source[0].endsWith("/>") ? "/>" : ">"}`)
    .replace(head[0], `<${head[1]}pivotCacheDefinition${headAttrs}>`);
}

/** The pivot's place on its sheet moves with the rows and columns above and left of it; its size is the refresh's business. */
function moveLocation(xml: string, maps: SheetMaps): string {
  return xml.replace(/(<(?:[\w.-]+:)?location\b[^>]*?\bref=")([^"]+)(")/, (whole, a: string, ref: string, b: string) => {
    const r = parseRange(ref);
    const top = maps.rows.firstOf(r.top);
    const left = maps.cols.firstOf(r.left);
    return `${a}${formatRange({ top, left, bottom: top + (r.bottom - r.top), right: left + (r.right - r.left) })}${b}`;
  });
}

/** Where the pivot tables on a sheet sit (their location ranges). */
export function pivotAreas(pkg: OoxmlPackage, sheetPart: string): RangeRef[] {
  const areas: RangeRef[] = [];
  for (const rel of pkg.rels(sheetPart)) {
    if (rel.type !== "pivotTable" || rel.external) continue;
    const ref = /<(?:[\w.-]+:)?location\b[^>]*?\bref="([^"]+)"/.exec(pkg.text(rel.target) ?? "")?.[1];
    if (ref) areas.push(parseRange(ref));
  }
  return areas;
}

export function carryPivots(pkg: OoxmlPackage, mapsOf: (sheet: string) => SheetMaps | null, carry: Carry, addPart: (name: string, data: Buffer) => void): void {
  const wbPart = pkg.workbookPart();
  const wbRels = new Map(pkg.rels(wbPart).map((r) => [r.target, r]));
  const cacheIds = new Map<string, string>();
  for (const c of elements(pkg.text(wbPart) ?? "", "pivotCache")) {
    const rel = pkg.rels(wbPart).find((r) => r.id === c["r:id"]);
    if (rel && c.cacheId) cacheIds.set(rel.target, c.cacheId);
  }
  let n = 0;
  for (const sheet of pkg.sheets()) {
    const maps = mapsOf(sheet.name);
    if (!sheet.part || !maps) continue;
    let dropped = 0;
    for (const rel of pkg.rels(sheet.part)) {
      if (rel.type !== "pivotTable" || rel.external) continue;
      const cacheRel = pkg.rels(rel.target).find((r) => r.type === "pivotCacheDefinition");
      const cacheXml = cacheRel && pkg.text(cacheRel.target);
      const cacheId = cacheRel && cacheIds.get(cacheRel.target);
      const moved = cacheXml ? retargetCache(cacheXml, mapsOf) : null;
      if (!cacheRel || !moved || !cacheId || !wbRels.has(cacheRel.target)) {
        dropped++;
        continue;
      }
      addPart(rel.target, Buffer.from(moveLocation(pkg.text(rel.target) ?? "", maps)));
      if (!carry.parts.has(cacheRel.target)) {
        addPart(cacheRel.target, Buffer.from(moved));
        for (const r of pkg.rels(cacheRel.target)) if (!r.external && pkg.has(r.target)) addPart(r.target, pkg.parts.get(r.target)!);
        const relId = `rIdPlanbookPivotCache${++n}`;
        carry.workbook.rels.push({ id: relId, typeUri: wbRels.get(cacheRel.target)!.typeUri, target: relativeTarget("xl/workbook.xml", cacheRel.target) });
        carry.workbook.pivotCaches.push({ cacheId, relId });
      }
      let carried = carry.sheets.get(sheet.name);
      if (!carried) carry.sheets.set(sheet.name, (carried = { rels: [], drawing: null }));
      carried.rels.push({ id: `rIdPlanbookPivot${++n}`, typeUri: rel.typeUri, target: relativeTarget(sheet.part, rel.target) });
    }
    if (dropped)
      carry.warnings.push(`sheet "${sheet.name}": ${dropped === 1 ? "a pivot table" : `${dropped} pivot tables`} whose source is not a range of this workbook cannot be carried over and will be missing from the output`);
  }
}
