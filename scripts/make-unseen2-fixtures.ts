/**
 * Makes the converted documents of test/fixtures/unseen2/ (committed, so CI converts nothing) from
 * their HTML sources in test/fixtures/unseen2/src/, through LibreOffice as an office would publish them:
 *   V2_fengdu_15fyp.docx          a county outline: 序号 | 指标名称 | 属性 | 单位 | 2025年基数 | 2030年目标 | 年均增长〔累计〕, categories as 一/二 rows in the 序号 column, ① marks on names
 *   V3_luao_bulletin2025.doc      a county 统计公报 as Word 97: figures in prose (上涨, 下降, 倍, 比年初), a product table
 *   V4_chengling_15fyp.html       a district outline as a web page: no 单位 column (units in the names), 属性 预期/约束, a numbered project table in a 专栏, ①②③ groups in another
 *   V5_jichuan_digest2026.html    a 解读 page in GBK with its site's chrome (copied byte for byte, not converted)
 *   V6_wanglan_report2026.pdf     a county work report, its targets as —— lines
 * V1_jichuan_report2026.txt is written as text and has no source here.
 * `node build/scripts/make-unseen2-fixtures.js [outDir]`; needs soffice with libreoffice-writer.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertHtml, withSoffice } from "./convert-seeds";

// the repository: scripts/ run as TypeScript or build/scripts/ compiled
const ROOT = existsSync(join(__dirname, "..", "package.json")) ? join(__dirname, "..") : join(__dirname, "..", "..");
export const UNSEEN2_DIR = join(ROOT, "test", "fixtures", "unseen2");

export const CONVERSIONS: Array<[name: string, format: string]> = [
  ["V2_fengdu_15fyp", "docx"],
  ["V3_luao_bulletin2025", "doc"],
  ["V4_chengling_15fyp", "html"],
  ["V6_wanglan_report2026", "pdf"],
];

/** published as they are: a page in its own charset must keep its bytes */
export const COPIES = ["V5_jichuan_digest2026.html"];

function main(): void {
  const out = process.argv[2] ?? UNSEEN2_DIR;
  mkdirSync(out, { recursive: true });
  for (const f of COPIES) copyFileSync(join(UNSEEN2_DIR, "src", f), join(out, f));
  const converted = withSoffice((profile) => {
    for (const [name, format] of CONVERSIONS) convertHtml(readFileSync(join(UNSEEN2_DIR, "src", `${name}.html`), "utf8"), name, out, [format], profile);
  });
  if (converted) process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module) main();
