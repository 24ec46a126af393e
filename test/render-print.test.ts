/**
 * How the workbooks print. Every built-in template is rendered for every seed, printed to PDF by
 * LibreOffice (an independent reader), and the PDF's text is read back with its positions
 * (pdftotext -bbox): no two rows' text lies over each other, no page is empty, and the pages are
 * numbered through the workbook ("第 7 页，共 24 页"), never "第 1 页" on every sheet.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { renderToFile } from "../generator/render";
import { newProfile, sofficeAvailable } from "./helpers/libreoffice";
import { emptyPages, overlaps, pageNumbers, pdfWords } from "./helpers/pdf-layout";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";

function pdftotextAvailable(): boolean {
  try {
    execFileSync("which", ["pdftotext"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error("pdftotext is required under CI: .ci/run installs poppler-utils");
    console.warn("pdftotext (poppler-utils) is not installed: the print checks are skipped (apt-get install poppler-utils)");
    return false;
  }
}

const AT = new Date("2026-01-01T00:00:00Z");
const run = sofficeAvailable() && pdftotextAvailable() ? describe : describe.skip;

run("printed workbooks", () => {
  let dir: string;
  const pdfs = new Map<string, string>();
  const docs = new Map<string, ReturnType<typeof pdfWords>>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "render-print-"));
    const plans = Object.values(SEEDS).map((path) => ({ path, plan: parseFixture(path) }));
    const books: string[] = [];
    for (const { path, plan } of plans) {
      const out = join(dir, `${basename(path, ".txt")}.xlsx`);
      await renderToFile([plan], { template: "plan-report", out, generatedAt: AT });
      books.push(out);
    }
    for (const template of ["project-register", "comparison"]) {
      const out = join(dir, `${template}.xlsx`);
      await renderToFile(plans.map((p) => p.plan), { template, out, generatedAt: AT });
      books.push(out);
    }
    const profile = newProfile();
    try {
      // one LibreOffice for all of them: a start costs more than a conversion
      execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile.dir}`, "--convert-to", "pdf", "--outdir", dir, ...books], { stdio: "pipe", timeout: 300_000 });
    } finally {
      profile.dispose();
    }
    for (const f of readdirSync(dir)) if (f.endsWith(".pdf")) pdfs.set(basename(f, ".pdf"), join(dir, f));
    for (const [name, pdf] of pdfs) docs.set(name, pdfWords(pdf));
  }, 400_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every seed's plan-report, the register and the comparison were printed", () => {
    expect([...pdfs.keys()].sort()).toEqual([...Object.values(SEEDS).map((p) => basename(p, ".txt")), "comparison", "project-register"].sort());
  });

  test("no two rows' text overlaps on any page, and no page is empty", () => {
    for (const [name, doc] of docs) {
      expect(doc.pages.length).toBeGreaterThan(0);
      expect({ name, overlaps: overlaps(doc).slice(0, 5) }).toEqual({ name, overlaps: [] });
      expect({ name, empty: emptyPages(doc) }).toEqual({ name, empty: [] });
    }
  });

  test("pages are numbered through the workbook, each footer with the workbook's total", () => {
    for (const [name, doc] of docs) {
      const total = doc.pages.length;
      expect({ name, numbers: pageNumbers(doc) }).toEqual({ name, numbers: doc.pages.map((_, i) => [i + 1, total]) });
    }
  });
});
