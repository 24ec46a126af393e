import JSZip from "jszip";

const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"`;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const p = (t: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
const tc = (inner: string) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${inner}</w:tc>`;
const tbl = (rows: string[][]) => `<w:tbl><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>${rows.map((r) => `<w:tr>${r.map((c) => tc(p(c))).join("")}</w:tr>`).join("")}</w:tbl>`;

/** A text box drawn the way Word saves it: DrawingML in mc:Choice, the same box again in VML as mc:Fallback. */
function textBox(paragraphs: string[]): string {
  const content = `<w:txbxContent>${paragraphs.map((t) => p(t)).join("")}</w:txbxContent>`;
  return `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>${content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${content}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
}

/** A frame: paragraphs with the same w:framePr are one framed block. */
const framed = (t: string) => `<w:p><w:pPr><w:framePr w:w="8000" w:hSpace="180" w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:y="1"/><w:pBdr><w:top w:val="single"/></w:pBdr></w:pPr><w:r><w:t>${esc(t)}</w:t></w:r></w:p>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="MyChapter"><w:name w:val="我的章标题"/><w:basedOn w:val="1"/></w:style></w:styles>`;

/**
 * A .docx with every way Word draws a 专栏: a text box (with its VML fallback: read once), a
 * one-cell table, a frame, and a box holding a project table; chapters styled 标题 1 (one of them
 * without a number, one by a style based on 标题 1), sections styled heading 2.
 */
export async function boxesDocx(): Promise<Buffer> {
  const body = [
    p("桐溪县国民经济和社会发展第十四个五年规划纲要"),
    p("第一章 产业发展", "1"),
    p("第一节 制造业", "2"),
    p("推动制造业高质量发展，培育壮大主导产业。"),
    textBox(["专栏 1-1 制造业重点项目", "先进制造：桐溪智能装备产业园、溪口新材料基地等项目。", "现代农业：桐溪茶叶精深加工园、南岭果蔬冷链中心等项目。"]),
    p("第二节 服务业", "2"),
    p("推动现代服务业同先进制造业深度融合。"),
    `<w:tbl>${`<w:tr>${tc(p("专栏 1-2 服务业集聚区") + p("商贸物流：桐溪商贸城、北站物流园。") + p("文化旅游：溪口古镇、南岭森林公园。"))}</w:tr>`}</w:tbl>`,
    p("基础设施", "MyChapter"),
    p("完善综合交通网络。"),
    framed("专栏 2-1 交通重点项目"),
    framed("公路：桐溪至东港一级公路、溪口互通立交等工程。"),
    framed("水运：桐溪港二期码头。"),
    p("加快城乡供水一体化。"),
    `<w:tbl><w:tr>${tc(p("专栏 2-2 水利重点项目") + tbl([["项目名称", "建设内容", "总投资（亿元）", "建设年限"], ["桐溪水库扩容工程", "新增库容1200万立方米", "8.5", "2021-2024"], ["城区防洪堤加固", "加固堤防12公里", "3.2", "2022-2023"]]))}</w:tr></w:tbl>`,
    p("第三章 规划实施", "1"),
    p("建立健全规划实施监测评估机制。"),
  ].join("");
  const zip = new JSZip();
  // a fixed date and no folder entries: the same bytes on every run
  const date = new Date("2021-01-01T00:00:00Z");
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`, { date, createFolders: false });
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`, { date, createFolders: false });
  zip.file("word/styles.xml", STYLES, { date, createFolders: false });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** An image-only PDF (a scan): one page holding a small grey image and no text, with a correct xref. */
export function scanPdf(): Buffer {
  const w = 64;
  const h = 64;
  const pixels = Buffer.alloc(w * h, 0);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) pixels[y * w + x] = (x * 7 + y * 13) % 256;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
    null, // the image stream, binary
    "stream",
  ];
  const content = "q 500 0 0 700 47 70 cm /Im0 Do Q";
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0].length;
  const push = (b: Buffer) => (parts.push(b), (length += b.length));
  for (let i = 0; i < objects.length; i++) {
    offsets.push(length);
    if (i === 3) {
      push(Buffer.from(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, "latin1"));
      push(pixels);
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    } else if (i === 4) push(Buffer.from(`5 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, "latin1"));
    else push(Buffer.from(`${i + 1} 0 obj\n${objects[i]}\nendobj\n`, "latin1"));
  }
  const xref = length;
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}
