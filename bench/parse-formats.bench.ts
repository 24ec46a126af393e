/**
 * Parse throughput per format on the same content (the made fixture plan as .txt, .docx, .html
 * and .pdf), each beside its decoder's own cost measured in the same run; for PDF the baseline is
 * pdf.js's text extraction alone (getTextContent of every page, in-process, module warm), and
 * Planbook's whole parse must stay within 2× of it. A 100-page text PDF (the plan repeated,
 * printed by LibreOffice; skipped without soffice) must parse in under 5 s.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeDocument } from "../generator/parse/decode";
import { planHtml } from "../scripts/format-fixtures-content";
import { report, seconds } from "./report";

const MADE = join(__dirname, "..", "..", "test", "fixtures", "formats", "made");

type PdfJs = { getDocument(o: object): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup(): void }> }>; destroy(): Promise<void> } };
let pdfjs: PdfJs | null = null;

/**
 * pdf.js in this process, set up as Planbook's worker sets it up (its legacy build replaces
 * Array.prototype.push, JSON.parse and Function.prototype.toString with core-js polyfills that
 * Node 20 does not need; they are put back), so the baseline is pdf.js at its fastest here.
 */
function loadPdfjs(): PdfJs {
  if (pdfjs) return pdfjs;
  const natives: Array<[object, string, unknown]> = [
    [Array.prototype, "push", Array.prototype.push],
    [JSON, "parse", JSON.parse],
    [Function.prototype, "toString", Function.prototype.toString],
  ];
  // the bench runs as CommonJS in plain Node 20, where require() loads the ES modules
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = require("pdfjs-dist/legacy/build/pdf.worker.mjs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pdfjs = require("pdfjs-dist/legacy/build/pdf.mjs") as PdfJs;
  for (const [o, k, v] of natives) Object.defineProperty(o, k, { value: v, writable: true, configurable: true, enumerable: false });
  return pdfjs;
}

/** pdf.js's text extraction alone: every page's getTextContent, module warm, in-process. */
async function pdfjsText(bytes: Uint8Array): Promise<{ items: number; pages: number }> {
  const task = loadPdfjs().getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  const doc = await task.promise;
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    n += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await task.destroy();
  return { items: n, pages: doc.numPages };
}

/**
 * The fastest of `runs` timings (seconds) of each of two functions, run in turn: the machine is
 * shared, so the least disturbed run of each is compared, and both meet the same moments of load.
 */
async function fastestPair(runs: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  let bestA = Infinity;
  let bestB = Infinity;
  for (let i = 0; i < runs; i++) {
    bestA = Math.min(bestA, await seconds(a));
    bestB = Math.min(bestB, await seconds(b));
  }
  return [bestA, bestB];
}

async function repeat(times: number, fn: () => Promise<unknown>): Promise<number> {
  return (await seconds(async () => {
    for (let i = 0; i < times; i++) await fn();
  })) / times;
}

function hundredPagePdf(): string | null {
  const out = join(tmpdir(), "planbook-bench-100p");
  const pdf = join(out, "plan100.pdf");
  if (existsSync(pdf)) return pdf;
  try {
    execFileSync("which", ["soffice"], { stdio: "ignore" });
  } catch {
    return null;
  }
  mkdirSync(out, { recursive: true });
  const one = planHtml().replace(/^[\s\S]*<body>/, "").replace(/<\/body>[\s\S]*$/, "");
  // the plan is about five pages: twenty copies are a hundred pages and more, two thirds of them tables
  writeFileSync(join(out, "plan100.html"), `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${Array.from({ length: 20 }, () => one).join("\n")}</body></html>`);
  const lo = (filter: string, input: string) => execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(out, "profile")}`, "--convert-to", filter, "--outdir", out, input], { stdio: "pipe", timeout: 600_000 });
  lo("docx:MS Word 2007 XML", join(out, "plan100.html"));
  lo("pdf:writer_pdf_Export", join(out, "plan100.docx"));
  return existsSync(pdf) ? pdf : null;
}

export async function run(): Promise<void> {
  const pdf = readFileSync(join(MADE, "two-page.pdf"));
  const docx = readFileSync(join(MADE, "two-page.docx"));
  const html = readFileSync(join(MADE, "gbk-portal.html"));
  const txt = Buffer.from((await decodeDocument(docx, "x.docx")).lines.map((l) => l.text).join("\n"));
  const inputs: Array<[string, Buffer, number]> = [
    ["txt", txt, 200],
    ["docx", docx, 100],
    ["html", html, 100],
    ["pdf", pdf, 20],
  ];
  // warm every path once
  for (const [f, b] of inputs) (await parseDocument(b, `plan.${f}`), await decodeDocument(b, `plan.${f}`));
  await pdfjsText(pdf);
  for (const [f, b, times] of inputs) {
    const [decode, total] =
      f === "pdf" ? await fastestPair(times, () => pdfjsText(b), () => parseDocument(b, `plan.${f}`)) : [await repeat(times, () => decodeDocument(b, `plan.${f}`)), await repeat(times, () => parseDocument(b, `plan.${f}`))];
    const kb = b.length / 1024;
    const baselineName = f === "pdf" ? `pdf.js text extraction alone (fastest of ${times}, run in turn)` : `${f} decoder alone`;
    report({ name: `parse .${f} (the 40-row plan, ${kb.toFixed(0)} KB)`, value: total * 1000, unit: "ms", baseline: { name: baselineName, value: decode * 1000, unit: "ms" }, target: f === "pdf" ? "≤ 2× pdf.js text extraction" : "measured", met: f === "pdf" ? total <= decode * 2 : true });
  }
  const big = hundredPagePdf();
  if (!big) {
    report({ name: "parse a 100-page text PDF", value: NaN, unit: "s", target: "< 5 s (soffice missing: not measured)", met: false });
    return;
  }
  const bytes = readFileSync(big);
  const { pages } = await pdfjsText(bytes);
  const [alone, total] = await fastestPair(6, () => pdfjsText(bytes), () => parseDocument(bytes, "plan100.pdf"));
  report({ name: `parse a ${pages}-page text PDF (fastest of 6)`, value: total, unit: "s", baseline: { name: "pdf.js text extraction alone", value: alone, unit: "s" }, target: "< 5 s and ≤ 2× pdf.js", met: pages >= 100 && total < 5 && total <= alone * 2 });
}
