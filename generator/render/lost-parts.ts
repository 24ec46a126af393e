/**
 * exceljs silently drops charts, shapes, pivot tables, slicers and sparklines when it reads a
 * workbook. Look inside the template's zip for them so the clerk hears what is lost, per sheet.
 */
import JSZip from "jszip";

function attrs(xml: string, tag: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const re = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)/?>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const a: Record<string, string> = {};
    for (const p of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) a[p[1]] = p[2];
    out.push(a);
  }
  return out;
}

function relsPath(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

async function rels(zip: JSZip, part: string): Promise<Array<{ type: string; target: string }>> {
  const xml = await zip.file(relsPath(part))?.async("string");
  if (!xml) return [];
  return attrs(xml, "Relationship").map((r) => ({ type: (r.Type ?? "").split("/").pop() ?? "", target: resolve(part, r.Target ?? "") }));
}

export async function findLostParts(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const relTargets = new Map<string, string>();
  const relXml = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  for (const r of attrs(relXml, "Relationship")) relTargets.set(r.Id, resolve("xl/workbook.xml", r.Target ?? ""));
  const lost: string[] = [];
  for (const sheet of attrs(workbook, "sheet")) {
    const part = relTargets.get(sheet["r:id"]);
    if (!part) continue;
    const name = sheet.name;
    const found: string[] = [];
    const sheetXml = (await zip.file(part)?.async("string")) ?? "";
    if (/sparklineGroup/.test(sheetXml)) found.push("sparklines");
    for (const r of await rels(zip, part)) {
      if (r.type === "pivotTable") found.push("a pivot table");
      if (r.type === "drawing") {
        const drawing = (await zip.file(r.target)?.async("string")) ?? "";
        const charts = (await rels(zip, r.target)).filter((d) => d.type === "chart").length;
        if (charts) found.push(charts === 1 ? "a chart" : `${charts} charts`);
        const shapes = (drawing.match(/<xdr:sp\b/g) ?? []).length;
        if (shapes) found.push(shapes === 1 ? "a shape or text box" : `${shapes} shapes or text boxes`);
        if (/slicer/i.test(drawing)) found.push("slicers");
      }
    }
    if (found.length) lost.push(`sheet "${name}": ${found.join(", ")} in the template cannot be carried over and will be missing from the output`);
  }
  return lost;
}
