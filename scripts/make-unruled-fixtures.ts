/**
 * Makes the PDFs of test/fixtures/unruled/ (committed, so CI converts nothing) from their HTML
 * sources in test/fixtures/unruled/src/, through LibreOffice (HTML → .docx → PDF), which prints a
 * `<table>` without ruling lines:
 *   N1_songling_15fyp.pdf   the 主要指标 table starts at a page's foot with only its header there
 *                           (no row of it fits), runs over three more pages; 类别 merged down and
 *                           printed once in the middle of its rows (one split by a page); names
 *                           and a rate wrapped in their cells; a page break inside a wrapped row
 *   N2_tongchuan_15fyp.pdf  a table of a header and two rows at a page's foot, and at the top of
 *                           the next page another table without a header, its columns at other
 *                           widths: it looks continued, but its values stand in other columns
 *   N3_baixi_15fyp.pdf      cells centred, figures set right (as Word tables often are), the header
 *                           repeated on every page, the first page holding the header and one row
 *   N4_wugang_15fyp.pdf     N1's rows with the header repeated on every page, and a row whose wrapped
 *                           name the page cuts, its last line printed under the repeated header
 * `node build/scripts/make-unruled-fixtures.js [outDir]`; needs soffice with libreoffice-writer.
 * The answer keys (N*.json) are written by hand from the sources, not by this script.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertHtml, withSoffice } from "./convert-seeds";

export const UNRULED_DIR = join(__dirname, "..", "..", "test", "fixtures", "unruled");

export const UNRULED = ["N1_songling_15fyp", "N2_tongchuan_15fyp", "N3_baixi_15fyp", "N4_wugang_15fyp"];

function main(): void {
  const out = process.argv[2] ?? UNRULED_DIR;
  mkdirSync(out, { recursive: true });
  const converted = withSoffice((profile) => {
    for (const name of UNRULED) convertHtml(readFileSync(join(UNRULED_DIR, "src", `${name}.html`), "utf8"), name, out, ["pdf"], profile);
  });
  if (converted) process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module) main();
