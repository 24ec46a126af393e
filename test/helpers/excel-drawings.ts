/**
 * Adds to an .xlsx what Excel itself writes for a chart and a picture: a drawing part (xdr: anchors),
 * a chart part (c:chartSpace, series with c:numRef/c:strRef and their caches), a PNG, and the
 * relationships and content types that tie them to a sheet. exceljs cannot write charts, so templates
 * with charts "made in Excel" are built with this.
 */
import JSZip from "jszip";
import { deflateSync } from "node:zlib";

export interface ChartSpec {
  /** e.g. "'指标'!$B$3" */
  name: string;
  categories: string;
  values: string;
  /** 0-based anchor cells: [col, row] */
  from: [number, number];
  to: [number, number];
  editAs?: "twoCell" | "oneCell" | "absolute";
}

export interface PictureSpec {
  from: [number, number];
  to: [number, number];
  editAs?: "twoCell" | "oneCell" | "absolute";
  name: string;
}

/** A small solid PNG (w × h, one colour): a stand-in for a logo, a stamp, a signature. */
export function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: w }, () => Buffer.from(rgb)))]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

const NS_DRAWING = 'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&apos;");

function anchor(from: [number, number], to: [number, number], editAs: string | undefined, body: string): string {
  const m = (tag: string, [c, r]: [number, number]) => `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `<xdr:twoCellAnchor${editAs ? ` editAs="${editAs}"` : ""}>${m("from", from)}${m("to", to)}${body}<xdr:clientData/></xdr:twoCellAnchor>`;
}

function chartXml(c: ChartSpec): string {
  // the caches hold what the template showed when saved: one point, the template's own text
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>${esc(c.name)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>目标</c:v></c:pt></c:strCache></c:strRef></c:tx><c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>${esc(c.categories)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>{{item.name}}</c:v></c:pt></c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>${esc(c.values)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="1"/><c:pt idx="0"><c:v>0</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:gapWidth val="80"/><c:axId val="111"/><c:axId val="222"/></c:barChart><c:catAx><c:axId val="111"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="222"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="222"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="111"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

/** Adds charts and pictures to sheet `sheetPart` (e.g. "xl/worksheets/sheet1.xml") of the workbook in `bytes`. */
export async function addExcelDrawing(bytes: Buffer, sheetPart: string, charts: ChartSpec[], pictures: PictureSpec[], n = 1): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const drawing = `xl/drawings/drawing${n}.xml`;
  const drawingRels: string[] = [];
  const anchors: string[] = [];
  let id = 1;
  charts.forEach((c, i) => {
    const rid = `rId${id++}`;
    const part = `xl/charts/chart${n * 10 + i}.xml`;
    zip.file(part, chartXml(c));
    drawingRels.push(`<Relationship Id="${rid}" Type="${REL}/chart" Target="../charts/chart${n * 10 + i}.xml"/>`);
    anchors.push(
      anchor(
        c.from,
        c.to,
        c.editAs,
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="图表 ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>`,
      ),
    );
  });
  pictures.forEach((p, i) => {
    const rid = `rId${id++}`;
    const image = `xl/media/image${n * 10 + i}.png`;
    zip.file(image, png(40, 20, [200, 30, 30]));
    drawingRels.push(`<Relationship Id="${rid}" Type="${REL}/image" Target="../media/image${n * 10 + i}.png"/>`);
    anchors.push(
      anchor(
        p.from,
        p.to,
        p.editAs,
        `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id + 1}" name="${esc(p.name)}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${REL}" r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`,
      ),
    );
  });
  zip.file(drawing, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr ${NS_DRAWING}>${anchors.join("")}</xdr:wsDr>`);
  zip.file(`xl/drawings/_rels/drawing${n}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join("")}</Relationships>`);
  const relsPath = sheetPart.replace("worksheets/", "worksheets/_rels/") + ".rels";
  const sheetRel = `<Relationship Id="rIdDrawing${n}" Type="${REL}/drawing" Target="../drawings/drawing${n}.xml"/>`;
  const existing = await zip.file(relsPath)?.async("string");
  zip.file(relsPath, existing ? existing.replace("</Relationships>", `${sheetRel}</Relationships>`) : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRel}</Relationships>`);
  const sheet = await zip.file(sheetPart)!.async("string");
  const element = `<drawing r:id="rIdDrawing${n}"/>`;
  const at = ["<legacyDrawing", "<tableParts", "<extLst", "</worksheet>"].map((t) => sheet.indexOf(t)).find((i) => i >= 0)!;
  zip.file(sheetPart, sheet.slice(0, at) + element + sheet.slice(at));
  let types = await zip.file("[Content_Types].xml")!.async("string");
  if (!/Extension="png"/.test(types)) types = types.replace("<Override", '<Default Extension="png" ContentType="image/png"/><Override');
  types = types.replace(
    "</Types>",
    `<Override PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>${charts
      .map((_, i) => `<Override PartName="/xl/charts/chart${n * 10 + i}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`)
      .join("")}</Types>`,
  );
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
