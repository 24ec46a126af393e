/**
 * Makes the format fixtures in test/fixtures/formats/made/ (committed, so CI converts nothing):
 *   boxes.docx        every way Word draws a 专栏 (text box + VML fallback, one-cell table, frame, a table in a box), style headings
 *   scan.pdf          an image-only PDF
 *   gbk-portal.html   a GBK government article page with navigation, chrome and footer around the plan
 *   two-page.pdf      the plan printed by LibreOffice: a 40-row indicator table over two pages, header repeated, categories merged
 *   two-page.doc      the same plan as Word 97
 *   two-page.docx     the same plan as Office Open XML, converted by LibreOffice
 *   loose-table.pdf   an indicator table printed without ruling lines over two pages, header not repeated, names wrapped, years over "年", categories centred in their rows
 *   two-column.pdf    a work-report digest set in two columns
 *   merges.doc/.docx  merged cells (a group header across, categories down, a cell across in a row) and a box holding a table, for the .doc reader
 *   linear-1.doc/.pdf and linear-4.doc/.pdf  the plan four times, and sixteen times: the same content at 1× and 4× its size, for the linearity test
 * `node build/scripts/make-format-fixtures.js [outDir]`; the LibreOffice conversions need soffice
 * with libreoffice-writer (skipped with a message when it is missing).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { boxesDocx, scanPdf } from "./format-fixtures-build";
import { planHtml, portalPage } from "./format-fixtures-content";
import { looseTableHtml, mergesHtml, twoColumnHtml } from "./format-fixtures-layouts";
import { convertHtml } from "./convert-seeds";

export const MADE_DIR = join(__dirname, "..", "..", "test", "fixtures", "formats", "made");

/** The fixtures that need no converter, byte for byte. */
export async function plainFixtures(): Promise<Record<string, Buffer>> {
  return {
    "boxes.docx": await boxesDocx(),
    "scan.pdf": scanPdf(),
    "gbk-portal.html": iconv.encode(portalPage("gb2312"), "gbk"),
  };
}

const FILTERS: Record<string, string> = { pdf: "pdf:writer_pdf_Export", doc: "doc:MS Word 97", docx: "docx:MS Word 2007 XML" };

/** The plan converted by LibreOffice into `formats`, written into outDir as two-page.<ext>. */
export function convertPlan(outDir: string, formats: string[] = ["pdf", "doc", "docx"]): void {
  const work = mkdtempSync(join(tmpdir(), "planbook-fixtures-"));
  try {
    const html = join(work, "two-page.html");
    writeFileSync(html, planHtml());
    const soffice = (filter: string, input: string, dir: string) =>
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", filter, "--outdir", dir, input], { stdio: "pipe", timeout: 180_000 });
    // through Writer's own .docx first: exported straight from HTML, LibreOffice prints a blank first page and drops the title
    mkdirSync(join(work, "docx"));
    soffice(FILTERS.docx, html, join(work, "docx"));
    const docx = join(work, "docx", "two-page.docx");
    for (const f of formats) {
      if (f !== "docx") soffice(FILTERS[f], docx, work);
      copyFileSync(f === "docx" ? docx : join(work, `two-page.${f}`), join(outDir, `two-page.${f}`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The PDF layout fixtures (a table without rules, two columns), written into outDir. */
export function convertLayouts(outDir: string): void {
  const profile = mkdtempSync(join(tmpdir(), "planbook-lo-"));
  try {
    convertHtml(looseTableHtml(), "loose-table", outDir, ["pdf"], profile);
    convertHtml(twoColumnHtml(), "two-column", outDir, ["pdf"], profile);
    convertHtml(mergesHtml(), "merges", outDir, ["doc", "docx"], profile);
    const body = planHtml().replace(/^[\s\S]*<body>/, "").replace(/<\/body>[\s\S]*$/, "");
    for (const [name, times] of [["linear-1", 4], ["linear-4", 16]] as const)
      convertHtml(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${Array.from({ length: times }, () => body).join("\n")}</body></html>`, name, outDir, ["doc", "pdf"], profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? MADE_DIR;
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of Object.entries(await plainFixtures())) writeFileSync(join(out, name), bytes);
  try {
    execFileSync("which", ["soffice"], { stdio: "ignore" });
  } catch {
    process.stderr.write("soffice 未安装：跳过 two-page.pdf/.doc/.docx（apt-get install libreoffice-writer）\n");
    return;
  }
  convertPlan(out);
  convertLayouts(out);
  process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module) void main();
