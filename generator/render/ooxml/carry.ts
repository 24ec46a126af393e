/**
 * What the workbook library drops, carried from the template's package into the output's: each
 * sheet's drawing (pictures, charts, shapes) with everything it refers to (chart parts, their styles
 * and colours, images, embedded data), moved with the rows (drawing-move.ts) and with chart
 * references re-targeted like cell formulas (chart-refs.ts); and pivot tables (pivot-carry.ts).
 *
 * Why carry parts rather than edit the template's own package (DESIGN.md names both): measured on
 * the render bench, carrying a chart over a 10 000-row Table fill cost 0.97× the time and 1.03× the
 * peak memory of the same fill without it, since only small parts are edited as exceljs writes them;
 * a package editor would mean writing every sheet's XML ourselves, for no time to gain back.
 *
 * Carried parts keep their names from the template (canonical.ts gave them the names Excel uses,
 * and the library writes no drawing, chart or pivot parts of its own); the writer adds what is
 * planned here: relationships and elements on the sheets and the workbook, content types, parts.
 */
import type { SheetMaps } from "../references";
import { retargetChart } from "./chart-refs";
import { moveDrawing } from "./drawing-move";
import { elements, relativeTarget, relsPathOf, type OoxmlPackage } from "./package";
import { carryPivots } from "./pivot-carry";

export interface CarriedRel {
  id: string;
  typeUri: string;
  /** the target relative to the part that will hold the relationship */
  target: string;
}

export interface CarriedSheet {
  rels: CarriedRel[];
  /** the id of the relationship to the sheet's drawing, for its `<drawing r:id>` element */
  drawing: string | null;
}

export interface Carry {
  /** by sheet name */
  sheets: Map<string, CarriedSheet>;
  parts: Map<string, Buffer>;
  /** part name (with its leading slash) → content type */
  overrides: Map<string, string>;
  /** file extension → content type, for parts the template typed by extension (png, jpeg, emf …) */
  defaults: Map<string, string>;
  workbook: { rels: CarriedRel[]; pivotCaches: Array<{ cacheId: string; relId: string }> };
  /** one line per sheet whose objects could not all be kept, naming the sheet */
  warnings: string[];
}

export const DRAWING_REL_ID = "rIdPlanbookDrawing";

function contentTypes(pkg: OoxmlPackage): { overrides: Map<string, string>; defaults: Map<string, string> } {
  const xml = pkg.text("[Content_Types].xml") ?? "";
  return {
    overrides: new Map(elements(xml, "Override").map((o) => [o.PartName ?? "", o.ContentType ?? ""])),
    defaults: new Map(elements(xml, "Default").map((d) => [(d.Extension ?? "").toLowerCase(), d.ContentType ?? ""])),
  };
}

export function emptyCarry(): Carry {
  return { sheets: new Map(), parts: new Map(), overrides: new Map(), defaults: new Map(), workbook: { rels: [], pivotCaches: [] }, warnings: [] };
}

export function planCarry(pkg: OoxmlPackage, mapsOf: (sheet: string) => SheetMaps | null): Carry {
  const carry = emptyCarry();
  const types = contentTypes(pkg);
  const addPart = (name: string, data: Buffer) => {
    carry.parts.set(name, data);
    const override = types.overrides.get(`/${name}`);
    if (override) carry.overrides.set(`/${name}`, override);
    else {
      const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
      const type = types.defaults.get(ext);
      if (type && ext !== "xml" && ext !== "rels") carry.defaults.set(ext, type);
    }
    const rels = relsPathOf(name);
    if (pkg.has(rels)) carry.parts.set(rels, pkg.parts.get(rels)!);
  };
  const retargetContext = (sheet: string, maps: SheetMaps) => ({ own: maps, sheet: mapsOf, localRows: null, localCols: null, where: `${pkg.file}!${sheet}（图表）` });

  for (const sheet of pkg.sheets()) {
    const maps = mapsOf(sheet.name);
    if (!sheet.part || !maps) continue;
    const carried: CarriedSheet = { rels: [], drawing: null };
    for (const rel of pkg.rels(sheet.part)) {
      if (rel.type !== "drawing" || rel.external || carried.drawing) continue;
      const { xml, contents } = moveDrawing(pkg.text(rel.target) ?? "", maps);
      addPart(rel.target, Buffer.from(xml));
      for (const part of pkg.reachable(rel.target).slice(1)) {
        if (carry.parts.has(part)) continue;
        const isChart = (types.overrides.get(`/${part}`) ?? "").endsWith("drawingml.chart+xml");
        addPart(part, isChart ? Buffer.from(retargetChart(pkg.text(part) ?? "", retargetContext(sheet.name, maps))) : pkg.parts.get(part)!);
      }
      carried.drawing = DRAWING_REL_ID;
      carried.rels.push({ id: DRAWING_REL_ID, typeUri: rel.typeUri, target: relativeTarget(sheet.part, rel.target) });
      if (contents.slicers) carry.warnings.push(`sheet "${sheet.name}": ${contents.slicers === 1 ? "a slicer" : `${contents.slicers} slicers`} in the template cannot be carried over and will be missing from the output`);
    }
    if (carried.rels.length) carry.sheets.set(sheet.name, carried);
  }
  carryPivots(pkg, mapsOf, carry, addPart);
  return carry;
}
