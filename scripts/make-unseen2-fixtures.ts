/**
 * Makes the converted documents of test/fixtures/unseen2/ (committed, so CI converts nothing) from
 * their HTML sources in test/fixtures/unseen2/src/, through LibreOffice as an office would publish them:
 *   V2_fengdu_15fyp.docx          a county outline: 序号 | 指标名称 | 属性 | 单位 | 2025年基数 | 2030年目标 | 年均增长〔累计〕, categories as 一/二 rows in the 序号 column, ① marks on names
 *   V3_luao_bulletin2025.doc      a county 统计公报 as Word 97: figures in prose (上涨, 下降, 倍, 比年初), a product table
 *   V4_chengling_15fyp.html       a district outline as a web page: no 单位 column (units in the names), 属性 预期/约束, a numbered project table in a 专栏, ①②③ groups in another
 *   V5_jichuan_digest2026.html    a 解读 page in GBK with its site's chrome (copied byte for byte, not converted)
 *   V6_wanglan_report2026.pdf     a county work report, its targets as —— lines
 *   V9_shilan_report2026.doc      a 区 report as Word 97: targets grouped by 经济增长方面，/民生方面，, a clause without a figure, a level in 微克/立方米
 *   V10_heting_15fyp.html        a city outline as a web page: <caption> title, <br> in headers, categories one character a line, a 备注 column, 注： over numbered notes
 *   V8_qiyan_15fyp.docx           a county outline as WPS writes one: 第一章/第一节 made by outline numbering (not in the text), the 专栏 and its project table in a floating text box; its source is a flat ODF file (.fodt), since HTML has neither
 * V2, V3, V4 and V10 are also printed as PDF, the way the same document is often published.
 * V1_jichuan_report2026.txt and V7_lingchuan_15fyp.txt are written as text and have no source here.
 * `node build/scripts/make-unseen2-fixtures.js [outDir]`; needs soffice with libreoffice-writer.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { join } from "node:path";
import { convertHtml, withSoffice } from "./convert-seeds";

// the repository: scripts/ run as TypeScript or build/scripts/ compiled
const ROOT = existsSync(join(__dirname, "..", "package.json")) ? join(__dirname, "..") : join(__dirname, "..", "..");
export const UNSEEN2_DIR = join(ROOT, "test", "fixtures", "unseen2");

export const CONVERSIONS: Array<[name: string, formats: string[]]> = [
  ["V2_fengdu_15fyp", ["docx", "pdf"]],
  ["V3_luao_bulletin2025", ["doc", "pdf"]],
  ["V4_chengling_15fyp", ["html", "pdf"]],
  ["V6_wanglan_report2026", ["pdf"]],
  ["V9_shilan_report2026", ["doc"]],
  ["V10_heting_15fyp", ["html", "pdf"]],
];

/** flat ODF sources converted straight to .docx: text boxes and list numbering, which HTML cannot carry */
export const ODF_CONVERSIONS = ["V8_qiyan_15fyp"];

/** published as they are: a page in its own charset must keep its bytes */
export const COPIES = ["V5_jichuan_digest2026.html"];

/**
 * WPS keeps a 专栏's table inside its text box; LibreOffice cannot write a table inside a frame, so
 * the source prints the table after the frame's paragraph and it is moved in here: into every copy
 * of the text box (the DrawingML one and its VML fallback), closed by an empty paragraph as Word requires.
 */
async function tableIntoTextBox(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const entry = zip.file("word/document.xml");
  if (!entry) throw new Error(`${file}: no word/document.xml`);
  let xml = await entry.async("string");
  const boxEnd = xml.indexOf("</w:txbxContent>");
  const start = xml.indexOf("<w:tbl>", boxEnd);
  const end = xml.indexOf("</w:tbl>", start);
  if (boxEnd < 0 || start < 0 || end < 0) throw new Error(`${file}: no text box followed by a table`);
  const table = xml.slice(start, end + "</w:tbl>".length);
  xml = xml.slice(0, start) + xml.slice(end + "</w:tbl>".length);
  xml = xml.split("</w:txbxContent>").join(`${table}<w:p/></w:txbxContent>`);
  zip.file("word/document.xml", xml);
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? UNSEEN2_DIR;
  mkdirSync(out, { recursive: true });
  for (const f of COPIES) copyFileSync(join(UNSEEN2_DIR, "src", f), join(out, f));
  const converted = withSoffice((profile) => {
    for (const [name, formats] of CONVERSIONS) convertHtml(readFileSync(join(UNSEEN2_DIR, "src", `${name}.html`), "utf8"), name, out, formats, profile);
    for (const name of ODF_CONVERSIONS)
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", "docx:MS Word 2007 XML", "--outdir", out, join(UNSEEN2_DIR, "src", `${name}.fodt`)], { stdio: "pipe", timeout: 600_000 });
  });
  if (!converted) return;
  for (const name of ODF_CONVERSIONS) await tableIntoTextBox(join(out, `${name}.docx`));
  process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module)
  main().catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  });
