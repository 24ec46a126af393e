/**
 * Parts under the names Excel gives them. The package format lets a writer name its parts freely and
 * point at them with absolute targets (openpyxl writes `/xl/comments/comment1.xml`), but exceljs
 * finds sheets, notes, drawings and tables by fixed names and relative targets only, and fails on
 * anything else ("reading 'comments'", "reading 'anchors'"). This renames the parts exceljs looks for
 * and rewrites every relationship as a relative target; the content types follow. A package already
 * in that shape (anything Excel or exceljs wrote) is returned as it is.
 */
import { encodeXml, OoxmlPackage, relativeTarget, relsPathOf, type Relationship } from "./package";

/** The kinds exceljs finds by name, with the name it expects for the n-th part of that kind. */
const CANONICAL: Record<string, (n: number, ext: string) => string> = {
  worksheet: (n) => `xl/worksheets/sheet${n}.xml`,
  comments: (n) => `xl/comments${n}.xml`,
  vmlDrawing: (n) => `xl/drawings/vmlDrawing${n}.vml`,
  drawing: (n) => `xl/drawings/drawing${n}.xml`,
  table: (n) => `xl/tables/table${n}.xml`,
  image: (n, ext) => `xl/media/image${n}.${ext}`,
  theme: (n) => `xl/theme/theme${n}.xml`,
  styles: () => "xl/styles.xml",
  sharedStrings: () => "xl/sharedStrings.xml",
  officeDocument: () => "xl/workbook.xml",
};

function extOf(part: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(part);
  return (m?.[1] ?? "bin").toLowerCase();
}

/** Which relationship kind leads to each part, walking from the package root. */
function kindsOfParts(pkg: OoxmlPackage): Map<string, string> {
  const kinds = new Map<string, string>();
  const walk = (part: string) => {
    for (const r of pkg.rels(part)) {
      if (r.external || kinds.has(r.target) || !pkg.has(r.target)) continue;
      kinds.set(r.target, r.type);
      walk(r.target);
    }
  };
  walk("");
  return kinds;
}

function relsXml(part: string, rels: Relationship[], rename: (p: string) => string): string {
  const items = rels.map((r) => {
    const target = r.external ? r.target : relativeTarget(rename(part), rename(r.target));
    return `<Relationship Id="${encodeXml(r.id)}" Type="${encodeXml(r.typeUri)}" Target="${encodeXml(target)}"${r.external ? ' TargetMode="External"' : ""}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

export interface Canonical {
  pkg: OoxmlPackage;
  /** canonical part name → the template's own name, for messages */
  originalName(part: string): string;
}

export function canonicalize(pkg: OoxmlPackage): Canonical {
  const kinds = kindsOfParts(pkg);
  const counters = new Map<string, number>();
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  // sheets in workbook order, so sheet1.xml is the first tab as in Excel
  const order = [...pkg.sheets().map((s) => s.part).filter((p): p is string => !!p), ...kinds.keys()];
  for (const part of order) {
    const kind = kinds.get(part);
    if (!kind || renamed.has(part) || !CANONICAL[kind]) continue;
    let name: string;
    do {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      name = CANONICAL[kind](n, extOf(part));
    } while (taken.has(name));
    taken.add(name);
    renamed.set(part, name);
  }
  const rename = (p: string) => renamed.get(p) ?? p;
  const identity = [...renamed].every(([from, to]) => from === to);
  const absolute = [...pkg.parts.keys()].some((p) => p.endsWith(".rels") && /Target="\//.test(pkg.text(p) ?? ""));
  const original = new Map([...renamed].map(([from, to]) => [to, from]));
  const originalName = (part: string) => original.get(part) ?? part;
  if (identity && !absolute) return { pkg, originalName };

  const parts = new Map<string, Buffer>();
  // A part of a renamed kind that nothing points at would collide with the new names: it is not part of the workbook.
  const orphan = (p: string) => !renamed.has(p) && taken.has(p);
  for (const [name, data] of pkg.parts) {
    if (name.endsWith(".rels") || orphan(name)) continue;
    parts.set(rename(name), data);
  }
  for (const name of [...pkg.parts.keys()].filter((n) => n.endsWith(".rels"))) {
    const owner = name === "_rels/.rels" ? "" : name.replace(/_rels\/([^/]+)\.rels$/, "$1");
    if (owner && (!pkg.has(owner) || orphan(owner))) continue;
    parts.set(relsPathOf(rename(owner)), Buffer.from(relsXml(owner, pkg.rels(owner), rename)));
  }
  const types = pkg.text("[Content_Types].xml") ?? "";
  parts.set(
    "[Content_Types].xml",
    Buffer.from(types.replace(/PartName="\/([^"]+)"/g, (whole, p: string) => (renamed.has(p) ? `PartName="/${encodeXml(rename(p))}"` : whole))),
  );
  return { pkg: new OoxmlPackage(pkg.file, parts), originalName };
}

/**
 * The package without its drawings, for a reader that would mis-read them (exceljs keeps pictures but
 * drops charts and shapes, and fails outright on a drawing written without the `xdr:` prefix, as
 * openpyxl writes it). The drawings are carried into the output by carry.ts instead.
 */
export function withoutDrawings(pkg: OoxmlPackage): OoxmlPackage {
  const parts = new Map(pkg.parts);
  let changed = false;
  for (const sheet of pkg.sheets()) {
    if (!sheet.part) continue;
    const drawings = pkg.rels(sheet.part).filter((r) => r.type === "drawing");
    if (!drawings.length) continue;
    changed = true;
    const ids = new Set(drawings.map((d) => d.id));
    const xml = pkg.text(sheet.part)!.replace(/<(?:\w+:)?drawing\b[^>]*?\br:id="([^"]*)"[^>]*\/>/g, (whole, id: string) => (ids.has(id) ? "" : whole));
    parts.set(sheet.part, Buffer.from(xml));
    const rels = pkg.rels(sheet.part).filter((r) => r.type !== "drawing");
    parts.set(relsPathOf(sheet.part), Buffer.from(relsXml(sheet.part, rels, (p) => p)));
    for (const d of drawings) {
      parts.delete(d.target);
      parts.delete(relsPathOf(d.target));
    }
  }
  return changed ? new OoxmlPackage(pkg.file, parts) : pkg;
}
