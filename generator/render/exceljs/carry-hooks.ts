/**
 * Puts what carry.ts planned into the package exceljs writes, without re-reading or recompressing
 * the output: each writer hands its parts to a zip one by one, so the hooks edit the few small parts
 * that need a line more ([Content_Types].xml, the workbook and its relationships, each sheet's
 * relationships and, in memory, the sheet XML) as they pass, and append the carried parts before the
 * zip is closed. A streamed sheet cannot be edited as it passes, so its `<drawing>` element is
 * written by the sheet writer itself, at its place in the sheet (before the notes' legacy drawing).
 */
import { DRAWING_REL_ID, type Carry, type CarriedRel } from "../ooxml/carry";
import { encodeXml } from "../ooxml/package";

type Append = (data: unknown, options: { name: string }) => unknown;
interface Zip {
  append: Append;
}

function insertBefore(xml: string, candidates: string[], text: string): string {
  for (const tag of candidates) {
    const i = xml.indexOf(tag);
    if (i >= 0) return xml.slice(0, i) + text + xml.slice(i);
  }
  return xml;
}

function relsXml(existing: string | null, rels: CarriedRel[]): string {
  const items = rels.map((r) => `<Relationship Id="${encodeXml(r.id)}" Type="${encodeXml(r.typeUri)}" Target="${encodeXml(r.target)}"/>`).join("");
  if (existing) return existing.replace("</Relationships>", `${items}</Relationships>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

function contentTypesXml(xml: string, carry: Carry): string {
  const defaults = [...carry.defaults].filter(([ext]) => !new RegExp(`Extension="${ext}"`, "i").test(xml)).map(([ext, type]) => `<Default Extension="${encodeXml(ext)}" ContentType="${encodeXml(type)}"/>`);
  const overrides = [...carry.overrides].filter(([part]) => !xml.includes(`PartName="${part}"`)).map(([part, type]) => `<Override PartName="${encodeXml(part)}" ContentType="${encodeXml(type)}"/>`);
  // defaults come before overrides in the schema; inserting them after the last Default keeps that order
  const lastDefault = xml.lastIndexOf("<Default ");
  const at = lastDefault >= 0 ? xml.indexOf(">", lastDefault) + 1 : xml.indexOf(">", xml.indexOf("<Types")) + 1;
  const withDefaults = xml.slice(0, at) + defaults.join("") + xml.slice(at);
  return withDefaults.replace("</Types>", `${overrides.join("")}</Types>`);
}

const AFTER_DRAWING = ["<legacyDrawing ", "<legacyDrawingHF", "<drawingHF", "<picture ", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];
const AFTER_PIVOT_CACHES = ["<smartTagPr", "<smartTagTypes", "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst", "</workbook>"];

function workbookXml(xml: string, carry: Carry): string {
  if (!carry.workbook.pivotCaches.length) return xml;
  const caches = carry.workbook.pivotCaches.map((c) => `<pivotCache cacheId="${encodeXml(c.cacheId)}" r:id="${encodeXml(c.relId)}"/>`).join("");
  return insertBefore(xml, AFTER_PIVOT_CACHES, `<pivotCaches>${caches}</pivotCaches>`);
}

function asText(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  return null;
}

/**
 * Wraps a zip's append so the named parts are edited as they pass; `sheetOf` names the sheet a
 * sheet part (or its relationships) belongs to. Returns the names appended so far, so the carried
 * parts skip any the writer already wrote (an image the library also keeps, as a sheet background).
 */
function editParts(zip: Zip, carry: Carry, sheetOf: (part: string) => string | null, editSheets: boolean): Set<string> {
  const written = new Set<string>();
  const append = zip.append.bind(zip);
  zip.append = (data, options) => {
    const name = options.name.replace(/^\/+/, "");
    written.add(name);
    const text = asText(data);
    if (text !== null) {
      const sheetRels = /^xl\/worksheets\/_rels\/([^/]+)\.rels$/.exec(name);
      if (name === "[Content_Types].xml") return append(contentTypesXml(text, carry), options);
      if (name === "xl/workbook.xml") return append(workbookXml(text, carry), options);
      if (name === "xl/_rels/workbook.xml.rels" && carry.workbook.rels.length) return append(relsXml(text, carry.workbook.rels), options);
      if (sheetRels && editSheets) {
        const carried = carry.sheets.get(sheetOf(`xl/worksheets/${sheetRels[1]}`) ?? "");
        if (carried) return append(relsXml(text, carried.rels), options);
      }
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(name) && editSheets) {
        const carried = carry.sheets.get(sheetOf(name) ?? "");
        if (carried?.drawing) return append(insertBefore(text, AFTER_DRAWING, `<drawing r:id="${carried.drawing}"/>`), options);
      }
    }
    return append(data, options);
  };
  return written;
}

function appendCarried(zip: Zip, carry: Carry, written: Set<string>): void {
  for (const [name, data] of carry.parts) if (!written.has(name)) zip.append(data, { name });
}

interface InMemoryXlsx {
  addContentTypes(zip: Zip, model: { worksheets: Array<{ id: number; name: string }> }): Promise<void>;
  _finalize(zip: Zip): Promise<void>;
}

/** The in-memory writer (exceljs's XLSX): hooks on this one instance, for its next write. */
export function carryInMemory(xlsx: unknown, carry: Carry): void {
  if (!carry.parts.size && !carry.sheets.size) return;
  const x = xlsx as InMemoryXlsx;
  const addContentTypes = x.addContentTypes.bind(x);
  const finalize = x._finalize.bind(x);
  let written = new Set<string>();
  const sheetNames = new Map<string, string>();
  x.addContentTypes = async (zip, model) => {
    for (const ws of model.worksheets) sheetNames.set(`xl/worksheets/sheet${ws.id}.xml`, ws.name);
    written = editParts(zip, carry, (part) => sheetNames.get(part) ?? null, true);
    return addContentTypes(zip, model);
  };
  x._finalize = async (zip) => {
    // a sheet that had no relationships of its own gets its relationships part now
    for (const [part, name] of sheetNames) {
      const rels = part.replace(/^xl\/worksheets\//, "xl/worksheets/_rels/") + ".rels";
      const carried = carry.sheets.get(name);
      if (carried && !written.has(rels)) zip.append(relsXml(null, carried.rels), { name: rels });
    }
    appendCarried(zip, carry, written);
    return finalize(zip);
  };
}

interface StreamSheet {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  stream: { write(text: string): void };
}

/** The streaming writer: parts through its zip, relationships and the drawing element through each sheet writer. */
export function carryStreaming(workbookWriter: unknown, carry: Carry): { sheet(ws: unknown, name: string): void } {
  const wb = workbookWriter as { zip: Zip; addWorkbook(): Promise<void> };
  if (!carry.parts.size && !carry.sheets.size) return { sheet: () => undefined };
  const written = editParts(wb.zip, carry, () => null, false);
  const addWorkbook = wb.addWorkbook.bind(wb);
  wb.addWorkbook = async () => {
    await addWorkbook();
    appendCarried(wb.zip, carry, written);
  };
  return {
    sheet(worksheet, name) {
      const carried = carry.sheets.get(name);
      if (!carried) return;
      const ws = worksheet as StreamSheet;
      let drawingId: string | null = null;
      for (const rel of carried.rels) {
        const id = ws._sheetRelsWriter.addRelationship({ Type: rel.typeUri, Target: rel.target });
        if (rel.id === DRAWING_REL_ID) drawingId = id;
      }
      if (!drawingId) return;
      const writeLegacy = ws._writeLegacyData.bind(ws);
      ws._writeLegacyData = () => {
        ws.stream.write(`<drawing r:id="${drawingId}"/>`);
        writeLegacy();
      };
    },
  };
}
