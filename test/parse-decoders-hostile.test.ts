import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { parseDocument } from "../generator/parse";
import { UnreadableDocumentError } from "../generator/parse/decode";
import { planSchemaErrors } from "../generator/model/validate";
import { SEEDS_DIR } from "./helpers/answer-keys";

const FORMATS = join(__dirname, "fixtures", "formats");
const read = (name: string) => readFileSync(join(FORMATS, name));

/** Never a throw other than a one-line UnreadableDocumentError; otherwise a schema-valid Plan. */
async function outcome(bytes: Uint8Array, name: string): Promise<"plan" | "refused"> {
  try {
    const plan = await parseDocument(bytes, name);
    expect(planSchemaErrors(JSON.parse(JSON.stringify(plan)))).toEqual([]);
    return "plan";
  } catch (e) {
    if (!(e instanceof UnreadableDocumentError)) throw e;
    expect(e.message.split("\n")).toHaveLength(1);
    return "refused";
  }
}

describe("hostile and broken inputs to the decoders: a Plan or one readable line, never a crash", () => {
  test("truncated PDFs, at eight cuts", async () => {
    const pdf = read("F1_qinglan_14fyp.pdf");
    const seen: string[] = [];
    for (const cut of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 0.999]) seen.push(await outcome(pdf.subarray(0, Math.floor(pdf.length * cut)), "cut.pdf"));
    expect(seen.length).toBe(8);
  });
  test("a PDF with bytes flipped", async () => {
    const pdf = Buffer.from(read("F1_qinglan_14fyp.pdf"));
    for (let k = 0; k < 4; k++) {
      const b = Buffer.from(pdf);
      for (let i = 0; i < 200; i++) b[(i * 7919 + k * 104729) % b.length] ^= 0x5a;
      await outcome(b, "flipped.pdf");
    }
  });
  test("broken zips: truncated .docx, a zip that is no Word document, a .docx whose XML is cut", async () => {
    const docx = read("F2_qinglan_14fyp.docx");
    for (const cut of [0.1, 0.5, 0.9]) expect(await outcome(docx.subarray(0, Math.floor(docx.length * cut)), "cut.docx")).toBe("refused");
    const other = new JSZip();
    other.file("xl/workbook.xml", "<workbook/>");
    await expect(parseDocument(await other.generateAsync({ type: "uint8array" }), "book.docx")).rejects.toThrow(/Excel 工作簿/);
    const cutXml = new JSZip();
    cutXml.file("word/document.xml", '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>第一章 总体');
    expect(await outcome(await cutXml.generateAsync({ type: "uint8array" }), "cut-xml.docx")).toMatch(/plan|refused/);
  });
  test("bad HTML: unclosed tags, a table without rows, stray cells, deep nesting, only scripts", async () => {
    const pages = [
      "<html><body><p>某县“十四五”规划<div><table><td>类别<td>指标名称<tr><td>1</body>",
      "<html><body><table></table><table><tr></tr></table><p>第一章 总体要求</p>",
      `<html><body>${"<div>".repeat(5000)}第一章 总体要求${"</div>".repeat(10)}`,
      "<html><head><script>var a = '第一章';</script></head><body><script>x()</script></body></html>",
      "<!DOCTYPE html><html><body><table><tr><td rowspan='99999' colspan='99999'>合并</td></tr><tr><td>1</td></tr></table></body></html>",
    ];
    const outcomes = [];
    for (const [i, html] of pages.entries()) outcomes.push(await outcome(Buffer.from(html), `bad${i}.html`));
    expect(outcomes[3]).toBe("refused");
  });
  test("a wrong extension changes nothing: the bytes choose the decoder", async () => {
    for (const [file, wrong] of [["F1_qinglan_14fyp.pdf", "plan.txt"], ["F2_qinglan_14fyp.docx", "plan.doc"], ["F3_songling_15fyp.html", "plan.pdf"], ["F4_dongzhu_report2025.doc", "plan.html"]]) {
      const right = await parseDocument(read(file), file);
      const renamed = await parseDocument(read(file), wrong);
      expect({ ...renamed, source: null }).toEqual({ ...right, source: null });
    }
  });
  test("a .doc with bytes flipped or cut", async () => {
    const doc = read("F4_dongzhu_report2025.doc");
    for (const cut of [0.3, 0.8]) await outcome(doc.subarray(0, Math.floor(doc.length * cut)), "cut.doc");
    const b = Buffer.from(doc);
    for (let i = 0; i < 100; i++) b[(i * 7919) % b.length] ^= 0xff;
    await outcome(b, "flipped.doc");
  });
  test("a line of twelve million spaces (or of one character) is refused in one line naming it; a long real paragraph is read", async () => {
    // V8's unicode-mode regexes overflow the stack on a match this long: before the line limit, parse threw a RangeError
    for (const filler of [" ", "甲"]) {
      const text = `荆门市国民经济和社会发展第十四个五年规划纲要\n第一章 总则\n甲${filler.repeat(12_000_000)}乙\n`;
      await expect(parseDocument(Buffer.from(text), "long.txt")).rejects.toThrow(/^第3行有 12000002 个字符/);
      expect(await outcome(Buffer.from(text), "long.txt")).toBe("refused");
    }
    const paragraph = `荆门市国民经济和社会发展第十四个五年规划纲要\n第一章 总则\n${"加快建设现代产业体系，".repeat(5000)}\n`;
    expect(await outcome(Buffer.from(paragraph), "paragraph.txt")).toBe("plan");
  });
});

describe("text is never silently wrong (issue 13 item 4)", () => {
  const seed = readFileSync(join(SEEDS_DIR, "xianning-15th-five-year-plan.txt"));
  test("one stray 0xFF in a UTF-8 seed: read as UTF-8, the same plan, a warning naming its line", async () => {
    const original = await parseDocument(seed, "x.txt");
    const at = seed.indexOf("\n", 5000) + 1;
    const line = seed.subarray(0, at).toString("utf8").split("\n").length;
    const bytes = Buffer.concat([seed.subarray(0, at), Buffer.from([0xff]), seed.subarray(at)]);
    const p = await parseDocument(bytes, "x.txt");
    expect(p.source.encoding).toBe("utf-8");
    expect([p.title, p.region, p.indicatorTables[0].indicators.length]).toEqual([original.title, original.region, original.indicatorTables[0].indicators.length]);
    expect(p.warnings.filter((w) => w.code === "encoding")).toEqual([{ code: "encoding", message: expect.stringContaining(`第 ${line} 行`), line }]);
  });
  test("a BOM does not vouch for a binary: BOM + ELF is refused", async () => {
    const elf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4000, 0), Buffer.from("第一章")]);
    await expect(parseDocument(elf, "elf.txt")).rejects.toThrow(/二进制/);
  });
  test("text that decodes to mojibake gets the mojibake warning; a GB18030 seed does not", async () => {
    const text = seed.toString("utf8");
    const mojibake = Buffer.from(iconv.decode(seed, "gbk"), "utf8");
    expect((await parseDocument(mojibake, "m.txt")).warnings.map((w) => w.code)).toContain("mojibake");
    expect((await parseDocument(iconv.encode(text, "gb18030"), "g.txt")).warnings.map((w) => w.code)).not.toContain("mojibake");
  });
  test("a file that is no plan gets not-a-plan; every seed and sample does not", async () => {
    const shopping = Buffer.from("购物清单\n牛奶两盒\n面包一个\n鸡蛋十个\n记得给妈妈打电话。\n");
    expect((await parseDocument(shopping, "list.txt")).warnings.map((w) => w.code)).toEqual(["not-a-plan"]);
    for (const f of ["xianning-15th-five-year-plan.txt", "jingmen-2024-government-work-report.txt", "jingzhou-government-work-report-digest.txt"])
      expect((await parseDocument(readFileSync(join(SEEDS_DIR, f)), f)).warnings.map((w) => w.code)).not.toContain("not-a-plan");
  });
});
