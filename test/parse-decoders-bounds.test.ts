/**
 * Every decoder is bounded and linear in its input. Bounds: a .docx nested past what any document
 * needs is read (its deep content as text) with a warning, never a stack overflow. Linearity: the
 * same content at four times the size costs at most five times as long — measured as the median of
 * runs taken in turn, so a busy moment of a shared machine lands on both sizes; a ratio, never a
 * wall-clock threshold.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { parseDocument } from "../generator/parse";
import { decodeDocument } from "../generator/parse/decode";
import { MAX_XML_DEPTH } from "../generator/parse/decode/xml";
import { layoutPdf } from "../generator/parse/decode/pdf";
import type { PdfPage } from "../generator/parse/decode/pdf-extract";

const MADE = join(__dirname, "fixtures", "formats", "made");
const SEED_FORMATS = join(__dirname, "fixtures", "formats", "seeds");

const W = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
async function docx(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
/** content nested `depth` levels deep: content controls inside content controls, then cells inside cells */
const nested = (depth: number, inner: string) => {
  const levels = Math.floor(depth / 2);
  return `${"<w:sdt><w:sdtContent>".repeat(levels)}${inner}${"</w:sdtContent></w:sdt>".repeat(levels)}`;
};

describe("a .docx nested past any document's structure", () => {
  test(`past ${MAX_XML_DEPTH} levels the content is read as text, once, with a warning; what follows is read as ever`, async () => {
    for (const depth of [600, 20_000]) {
      const bytes = await docx(para("桐溪县国民经济和社会发展第十四个五年规划纲要") + nested(depth, para("深处的文字 &amp; 数字 12.0")) + para("第一章 发展基础"));
      const d = await decodeDocument(bytes, "deep.docx");
      const texts = d.lines.map((l) => l.text).filter(Boolean);
      expect(texts).toEqual(["桐溪县国民经济和社会发展第十四个五年规划纲要", "深处的文字 & 数字 12.0", "第一章 发展基础"]);
      expect(d.warnings).toEqual([{ code: "docx-depth", message: `Word 文档的 XML 嵌套超过 ${MAX_XML_DEPTH} 层（1 处），过深部分的内容已按纯文字读取，请核对`, line: null }]);
      // and the whole parse goes through
      const p = await parseDocument(bytes, "deep.docx");
      expect(p.outline.map((n) => n.label)).toEqual(["第一章"]);
    }
  });
  test("a document within the bound is read untouched: no warning", async () => {
    const bytes = await docx(nested(200, para("不深的文字")));
    const d = await decodeDocument(bytes, "ok.docx");
    expect([d.lines.map((l) => l.text).filter(Boolean), d.warnings]).toEqual([["不深的文字"], []]);
  });
});

describe("a web page nested past any page's structure", () => {
  test("past 200 levels its text is read as text, with a warning, as a .docx's is", async () => {
    const page = `<html><body><p>桐溪县国民经济和社会发展第十四个五年规划纲要</p>${"<div>".repeat(5000)}深处的文字${"</div>".repeat(5000)}<p>第一章 发展基础</p></body></html>`;
    const d = await decodeDocument(Buffer.from(page), "deep.html");
    expect(d.lines.map((l) => l.text).filter(Boolean)).toEqual(["桐溪县国民经济和社会发展第十四个五年规划纲要", "深处的文字", "第一章 发展基础"]);
    expect(d.warnings).toEqual([{ code: "html-depth", message: "网页的元素嵌套超过 200 层（1 处），过深部分的内容已按纯文字读取，请核对", line: null }]);
  });
});

describe("a PDF page that draws more rules than any table", () => {
  test("past a million horizontal × vertical pairs the rules are not read as frames: the text is, by position, with a warning", () => {
    const rules: PdfPage["rules"] = [];
    // a drawing on an A0 sheet: 1 001 × 1 001 rules two points apart
    for (let k = 0; k <= 1000; k++) rules.push([100, 100 + k * 2, 2300, 100 + k * 2], [100 + k * 2, 100, 100 + k * 2, 3200]);
    const items: PdfPage["items"] = [
      ["桐溪县国民经济和社会发展第十四个五年规划纲要", 60, 3300, 300, 14, ""],
      ["第一章 发展基础", 60, 3260, 100, 12, ""],
    ];
    const d = layoutPdf([{ width: 2384, height: 3370, x0: 0, y0: 0, items, rules }], 1);
    expect(d.lines.map((l) => l.text).filter(Boolean)).toEqual(["桐溪县国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础"]);
    expect(d.warnings).toEqual([{ code: "pdf-rules", message: "PDF 第 1 页画的线条过多，不像表格线，这些页按文字位置读取", line: null }]);
  });
});

/**
 * A table printed without rules over `pages` pages: its header and two rows at the foot of the
 * first, then 22 rows a page, every column left-aligned at the same x (as LibreOffice prints them).
 */
function unruledPages(pages: number): PdfPage[] {
  const xs = [58, 95, 300, 358, 404, 450, 539];
  const row = (cells: string[], y: number): PdfPage["items"] => cells.map((c, k) => [c, xs[k], y, c.length * 6, 10.5, ""]);
  let n = 0;
  const data = (y: number) => {
    n++;
    // names differ in more than their digits: a line recurring at a page's edge is a running head
    const name = [...String(n)].map((d) => "甲乙丙丁戊己庚辛壬癸"[Number(d)]).join("");
    return row([String(n), `${name}指标名称`, "亿元", `${n}.5`, `${n + 10}`, "6.5", "预期性"], y);
  };
  const out: PdfPage[] = [];
  const first: PdfPage["items"] = [["某某县国民经济和社会发展第十五个五年规划纲要", 78, 790, 470, 18, ""]];
  for (let k = 0; k < 30; k++) first.push(["坚持以人民为中心的发展思想，统筹推进经济建设、政治建设、文化建设、社会建设、生态文明", 57, 760 - k * 17.25, 504, 12, ""]);
  first.push(...row(["序号", "指标名称", "单位", "2025年", "2030年", "年均增长", "属性"], 120), ...data(88), ...data(56));
  out.push({ width: 595, height: 842, x0: 0, y0: 0, items: first, rules: [] });
  for (let p = 1; p < pages; p++) {
    const items: PdfPage["items"] = [];
    for (let r = 0; r < 22; r++) items.push(...data(800 - r * 32));
    out.push({ width: 595, height: 842, x0: 0, y0: 0, items, rules: [] });
  }
  return out;
}

describe("a table printed without rules, continued over many pages", () => {
  test("read as one table over all its pages, and linear: 80 pages cost at most five times 20", async () => {
    const [twenty, eighty] = [unruledPages(20), unruledPages(80)];
    const rows = (d: ReturnType<typeof layoutPdf>) => d.lines.filter((l) => l.cells);
    const d80 = layoutPdf(eighty, 80);
    expect(new Set(rows(d80).map((l) => l.table)).size).toBe(1);
    expect(rows(d80)).toHaveLength(1 + 2 + 79 * 22);
    // row 3 is the first of page 2
    expect(rows(d80)[3].cells).toEqual(["3", "丁指标名称", "亿元", "3.5", "13", "6.5", "预期性"]);
    expect(d80.warnings).toEqual([]);
    const [t1, t4] = await medians(
      7,
      async () => layoutPdf(twenty, 20),
      async () => layoutPdf(eighty, 80),
    );
    const seen = { ratio: t4 / t1, ms: [t1 / 1e6, t4 / 1e6], linear: t4 / t1 <= 5 };
    expect(seen).toEqual({ ...seen, linear: true });
  }, 60_000);
});

/** Median of `runs` timings of each of two functions, taken in turn. */
async function medians(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  const ta: number[] = [];
  const tb: number[] = [];
  await a();
  await b();
  for (let i = 0; i < runs; i++) {
    let t = process.hrtime.bigint();
    await a();
    ta.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    await b();
    tb.push(Number(process.hrtime.bigint() - t));
  }
  const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
  return [med(ta), med(tb)];
}

const decode = (bytes: Buffer, name: string) => () => decodeDocument(bytes, name);

describe("every decoder is linear: four times the content costs at most five times as long", () => {
  const cases: Array<[string, () => Promise<[Buffer, Buffer]>]> = [
    [
      "text (the seeds, 1 MB against 4 MB)",
      async () => {
        const seeds = ["ezhou-14th-five-year-plan", "jingmen-14th-five-year-plan", "xianning-15th-five-year-plan", "jingmen-2024-government-work-report"].map((n) => readFileSync(join(__dirname, "..", "seeds", `${n}.txt`), "utf8")).join("\n");
        const one = seeds.repeat(2);
        return [Buffer.from(one), Buffer.from(one.repeat(4))];
      },
    ],
    [
      "HTML (half a seed's page, its body once and four times: 120 KB against 480 KB)",
      async () => {
        // larger pages measure V8's collector more than the decoder: a million-node tree outgrows the young generation
        const page = readFileSync(join(SEED_FORMATS, "jingmen-14th-five-year-plan.html"), "utf8");
        const all = page.replace(/^[\s\S]*<body>/, "").replace(/<\/body>[\s\S]*$/, "");
        const body = all.slice(0, all.indexOf("</table>", all.length / 2) + 8);
        const head = page.slice(0, page.indexOf("<body>") + 6);
        return [Buffer.from(`${head}${body}</body></html>`), Buffer.from(`${head}${body.repeat(4)}</body></html>`)];
      },
    ],
    [
      ".docx (a seed's body once and four times)",
      async () => {
        const zip = await JSZip.loadAsync(readFileSync(join(SEED_FORMATS, "jingmen-14th-five-year-plan.docx")));
        const xml = await zip.file("word/document.xml")!.async("string");
        const open = xml.indexOf("<w:body>") + 8;
        const close = xml.lastIndexOf("<w:sectPr");
        const body = xml.slice(open, close);
        const make = (k: number) => {
          zip.file("word/document.xml", xml.slice(0, open) + body.repeat(k) + xml.slice(close));
          return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
        };
        return [await make(1), await make(4)];
      },
    ],
    [
      ".docx nested past the bound (2 000 levels against 8 000)",
      async () => [await docx(nested(2000, para("深处"))), await docx(nested(8000, para("深处")))],
    ],
    [".doc (the plan 4 times against 16, made by LibreOffice)", async () => [readFileSync(join(MADE, "linear-1.doc")), readFileSync(join(MADE, "linear-4.doc"))]],
    [".pdf (the plan 4 times against 16, made by LibreOffice)", async () => [readFileSync(join(MADE, "linear-1.pdf")), readFileSync(join(MADE, "linear-4.pdf"))]],
  ];
  test.each(cases)("%s", async (what, make) => {
    const [one, four] = await make();
    const ext = what.startsWith("text") ? "txt" : what.startsWith("HTML") ? "html" : what.startsWith(".doc ") ? "doc" : what.startsWith(".pdf") ? "pdf" : "docx";
    // a burst of other work on the machine can only slow one measurement; a quadratic stage is slow in every one.
    // So the probe measures again, up to four times, and keeps the steadiest ratio
    let [t1, t4] = await medians(7, decode(one, `one.${ext}`), decode(four, `four.${ext}`));
    for (let retry = 0; retry < 3 && t4 / t1 > 5; retry++) {
      const [a, b] = await medians(7, decode(one, `one.${ext}`), decode(four, `four.${ext}`));
      if (b / a < t4 / t1) [t1, t4] = [a, b];
    }
    // four times the content: the bytes say so, or for a PDF (its fonts are shared) the lines it gives back, for a
    // .docx (a zip) its document.xml as inflated
    const inflated = async (b: Buffer) => (await (await JSZip.loadAsync(b)).file("word/document.xml")!.async("string")).length;
    const [l1, l4] = ext === "pdf" ? [(await decodeDocument(one, "one.pdf")).lines.length, (await decodeDocument(four, "four.pdf")).lines.length] : ext === "docx" ? [await inflated(one), await inflated(four)] : [one.length, four.length];
    expect(l4 / l1).toBeGreaterThan(3.5);
    // a failure shows the ratio, the times and the sizes compared
    const ratio = t4 / t1;
    const seen = { what, ratio, ms: [t1 / 1e6, t4 / 1e6], size: [l1, l4], linear: ratio <= 5 };
    if (process.env.PLANBOOK_SHOW_RATIOS) console.log(seen);
    expect(seen).toEqual({ ...seen, linear: true });
  }, 120_000);
});
