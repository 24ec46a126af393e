/**
 * A template's .xlsx as the package it is: named parts, the relationships between them and their
 * content types. Read under caps on the bytes actually inflated (a zip can declare 1 KB for a 4 GB
 * part), every XML part checked for well-formedness, so a broken template is named by its part
 * before any library meets it.
 */
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { assertInflatesWithin, inflateEntry, openZip } from "../../util/zip";

/** A template holds a few sheets of styled rows; these caps are far above any real one. */
export const TEMPLATE_PART_CAP = 64 * 1024 * 1024;
export const TEMPLATE_TOTAL_CAP = 256 * 1024 * 1024;

export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";

export interface Relationship {
  id: string;
  /** the last segment of the type URI: worksheet, drawing, chart, image, comments, pivotTable … */
  type: string;
  typeUri: string;
  /** the part it points at, as a package path without the leading slash; for an external target, the target as written */
  target: string;
  external: boolean;
}

/** A template that cannot be read, naming the file and the part (messages in Chinese: a clerk reads them). */
export class TemplatePackageError extends Error {
  constructor(
    readonly file: string,
    readonly part: string | null,
    detail: string,
  ) {
    super(part ? `模板 ${file} 无法读取：其中的 ${part} 有误（${detail}）` : `模板 ${file} 无法读取（${detail}）`);
  }
}

export function attrsOf(tagText: string): Record<string, string> {
  const a: Record<string, string> = {};
  for (const p of tagText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) a[p[1]] = decodeXml(p[2] ?? p[3] ?? "");
  return a;
}

/** Every `<tag …>` (any namespace prefix) with its attributes. */
export function elements(xml: string, tag: string): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const m of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*?)/?>`, "g"))) out.push(attrsOf(m[1]));
  return out;
}

export function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "amp" ? "&" : e === "quot" ? '"' : e === "apos" ? "'" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

export function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target, relative to the part that holds it (or absolute), as a package path. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.replace(/^\/+/, "");
  const parts = fromPart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The relative target from one part to another, as Excel writes it (`../drawings/drawing1.xml`). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array(from.length - i).fill(".."), ...to.slice(i)].join("/");
}

export class OoxmlPackage {
  constructor(
    readonly file: string,
    readonly parts: Map<string, Buffer>,
  ) {}

  has(part: string): boolean {
    return this.parts.has(part);
  }

  text(part: string): string | null {
    const b = this.parts.get(part);
    return b ? b.toString("utf8") : null;
  }

  /** The relationships a part holds (none when it has no rels part). */
  rels(part: string): Relationship[] {
    const xml = this.text(relsPathOf(part));
    if (!xml) return [];
    return elements(xml, "Relationship").map((r) => {
      const external = r.TargetMode === "External";
      const typeUri = r.Type ?? "";
      return { id: r.Id ?? "", type: typeUri.split("/").pop() ?? "", typeUri, target: external ? (r.Target ?? "") : resolveTarget(part, r.Target ?? ""), external };
    });
  }

  /** The workbook part (xl/workbook.xml in every file seen, but the package says where). */
  workbookPart(): string {
    const main = this.rels("").find((r) => r.type === "officeDocument");
    return main?.target ?? "xl/workbook.xml";
  }

  /** Each sheet: its name and its part, in workbook order. */
  sheets(): Array<{ name: string; part: string | null; rId: string }> {
    const wbPart = this.workbookPart();
    const rels = new Map(this.rels(wbPart).map((r) => [r.id, r]));
    return elements(this.text(wbPart) ?? "", "sheet").map((s) => {
      const rel = rels.get(s["r:id"] ?? "");
      return { name: s.name ?? "", part: rel && !rel.external && rel.type === "worksheet" ? rel.target : null, rId: s["r:id"] ?? "" };
    });
  }

  /** Parts reachable from `part` through its relationships (it included), depth first, each once; external targets left out. */
  reachable(part: string, seen = new Set<string>()): string[] {
    if (seen.has(part) || !this.parts.has(part)) return [];
    seen.add(part);
    const out = [part];
    for (const r of this.rels(part)) if (!r.external) out.push(...this.reachable(r.target, seen));
    return out;
  }

  async toBuffer(): Promise<Buffer> {
    const zip = new JSZip();
    for (const [name, data] of this.parts) zip.file(name, data);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
  }
}

/** Reads a template's bytes as a package, inflating under the caps and checking every XML part is well-formed. */
export async function readTemplatePackage(bytes: Uint8Array, file: string): Promise<OoxmlPackage> {
  let zip: JSZip;
  try {
    zip = await openZip(bytes);
    await assertInflatesWithin(zip, TEMPLATE_PART_CAP, TEMPLATE_TOTAL_CAP);
  } catch (e) {
    throw new TemplatePackageError(file, null, (e as Error).message);
  }
  const parts = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.replace(/^\/+/, "");
    try {
      parts.set(name, await inflateEntry(entry, TEMPLATE_PART_CAP));
    } catch (e) {
      throw new TemplatePackageError(file, name, (e as Error).message);
    }
    if (/\.(xml|rels|vml)$/i.test(name)) {
      const check = XMLValidator.validate(parts.get(name)!.toString("utf8"));
      if (check !== true) throw new TemplatePackageError(file, name, `第 ${check.err.line} 行不是完好的 XML：${check.err.msg}`);
    }
  }
  if (!parts.has("[Content_Types].xml")) throw new TemplatePackageError(file, null, "不是 Excel 工作簿：缺少 [Content_Types].xml");
  const pkg = new OoxmlPackage(file, parts);
  if (!parts.has(pkg.workbookPart())) throw new TemplatePackageError(file, null, "不是 Excel 工作簿：找不到工作簿部件 xl/workbook.xml");
  return pkg;
}
