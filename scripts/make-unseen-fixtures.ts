/**
 * Makes the converted documents of test/fixtures/unseen/ (committed, so CI converts nothing) from
 * their HTML sources in test/fixtures/unseen/src/, through LibreOffice as an office would publish them:
 *   U1_yunxiu_15fyp.docx        a county outline: 类别 merged down, no 序号, 单位 column and units in names, a boxed 专栏 with numbered groups, a two-column project table
 *   U3_xueling_report2025.doc   a 自治州 work report as Word 97, its targets in one paragraph
 *   U5_longji_15fyp.pdf         a 自治县 outline: category rows across the table, the table over two pages, a 其中： sub-row, a boxed 专栏 with （一） groups
 *   U7_qingxi_report2026.pdf    a county work report with the date in Chinese numerals and its targets in one long wrapped paragraph
 * `node build/scripts/make-unseen-fixtures.js [outDir]`; needs soffice with libreoffice-writer.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertHtml, withSoffice } from "./convert-seeds";

export const UNSEEN_DIR = join(__dirname, "..", "..", "test", "fixtures", "unseen");

export const CONVERSIONS: Array<[name: string, format: string]> = [
  ["U1_yunxiu_15fyp", "docx"],
  ["U3_xueling_report2025", "doc"],
  ["U5_longji_15fyp", "pdf"],
  ["U7_qingxi_report2026", "pdf"],
];

function main(): void {
  const out = process.argv[2] ?? UNSEEN_DIR;
  mkdirSync(out, { recursive: true });
  const converted = withSoffice((profile) => {
    for (const [name, format] of CONVERSIONS) convertHtml(readFileSync(join(UNSEEN_DIR, "src", `${name}.html`), "utf8"), name, out, [format], profile);
  });
  if (converted) process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module) main();
