/**
 * Adds to an .xlsx the parts Excel writes for a pivot table (exceljs cannot write one): a cache
 * definition over a source range, its records, the pivot table definition on a sheet, and the
 * workbook's pivotCaches entry, with relationships and content types. The pivot groups by the
 * source's first column and sums its second, as a clerk's "sum of targets by category" would; its
 * cache holds what the template showed when saved (the template row's `{{fields}}`).
 */
import JSZip from "jszip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export interface PivotSpec {
  /** the sheet the source range is on, and the range with its header row: "A3:B4" */
  sourceSheet: string;
  sourceRef: string;
  fields: [string, string];
  /** the sheet part the pivot sits on, and its top-left cell's range: "A3:B5" */
  pivotSheetPart: string;
  location: string;
  /** what the cache holds for the template row */
  cached: [string, string];
}

export async function addExcelPivot(bytes: Buffer, p: PivotSpec): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  zip.file(
    "xl/pivotCache/pivotCacheDefinition1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${REL}" r:id="rId1" refreshedBy="科员" refreshedDate="45000" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="1"><cacheSource type="worksheet"><worksheetSource ref="${p.sourceRef}" sheet="${x(p.sourceSheet)}"/></cacheSource><cacheFields count="2"><cacheField name="${x(p.fields[0])}" numFmtId="0"><sharedItems count="1"><s v="${x(p.cached[0])}"/></sharedItems></cacheField><cacheField name="${x(p.fields[1])}" numFmtId="0"><sharedItems count="1"><s v="${x(p.cached[1])}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  zip.file("xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/pivotCacheRecords" Target="pivotCacheRecords1.xml"/></Relationships>`);
  zip.file("xl/pivotCache/pivotCacheRecords1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheRecords xmlns="${MAIN}" xmlns:r="${REL}" count="1"><r><x v="0"/><x v="0"/></r></pivotCacheRecords>`);
  zip.file(
    "xl/pivotTables/pivotTable1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${MAIN}" name="数据透视表1" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="值" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0"><location ref="${p.location}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="2"><item x="0"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields><rowFields count="1"><field x="0"/></rowFields><rowItems count="2"><i><x/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems><dataFields count="1"><dataField name="求和项:${x(p.fields[1])}" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
  );
  zip.file("xl/pivotTables/_rels/pivotTable1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>`);
  const sheetRels = p.pivotSheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels";
  const rel = `<Relationship Id="rIdPivot1" Type="${REL}/pivotTable" Target="../pivotTables/pivotTable1.xml"/>`;
  const existing = await zip.file(sheetRels)?.async("string");
  zip.file(sheetRels, existing ? existing.replace("</Relationships>", `${rel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`);
  const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", wbRels.replace("</Relationships>", `<Relationship Id="rIdPivotCache1" Type="${REL}/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/></Relationships>`));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", wb.replace("</workbook>", '<pivotCaches><pivotCache cacheId="7" r:id="rIdPivotCache1"/></pivotCaches></workbook>'));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      `<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="${CT}.pivotCacheDefinition+xml"/><Override PartName="/xl/pivotCache/pivotCacheRecords1.xml" ContentType="${CT}.pivotCacheRecords+xml"/><Override PartName="/xl/pivotTables/pivotTable1.xml" ContentType="${CT}.pivotTable+xml"/></Types>`,
    ),
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
