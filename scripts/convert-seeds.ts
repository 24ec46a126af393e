/**
 * Every seed as it would be published: test/fixtures/formats/seeds/<seed>.html (written by
 * seed-html.ts), and through LibreOffice Writer <seed>.docx, <seed>.pdf and <seed>.doc. The files
 * are committed, so CI converts nothing; test/parse-formats-seeds.test.ts checks that each parses
 * to the same Plan as the text.
 *
 *   npm run build:generator && node build/scripts/convert-seeds.js [outDir] [seed-name…]
 *
 * The route is HTML → .docx → .pdf / .doc: Writer exporting HTML straight to PDF prints a blank
 * first page and drops the title (Writer/Web's page layout), while its own .docx prints as Word would.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { seedHtml, type HtmlStyle } from "./seed-html";

// the repository: scripts/ run as TypeScript (tests) or build/scripts/ compiled
const ROOT = existsSync(join(__dirname, "..", "package.json")) ? join(__dirname, "..") : join(__dirname, "..", "..");
export const SEEDS_DIR = join(ROOT, "seeds");
export const SEED_FORMATS_DIR = join(ROOT, "test", "fixtures", "formats", "seeds");

const FILTERS: Record<string, string> = { pdf: "pdf:writer_pdf_Export", doc: "doc:MS Word 97", docx: "docx:MS Word 2007 XML" };

/**
 * One HTML page through LibreOffice into `formats`, written into outDir as <name>.<ext>. One
 * profile for the whole run (a fresh one per call costs seconds at every start).
 */
export function convertHtml(html: string, name: string, outDir: string, formats: string[], profile: string): void {
  const work = mkdtempSync(join(tmpdir(), "planbook-seed-"));
  try {
    const input = join(work, `${name}.html`);
    writeFileSync(input, html);
    const soffice = (filter: string, file: string, dir: string) =>
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${profile}`, "--convert-to", filter, "--outdir", dir, file], { stdio: "pipe", timeout: 600_000 });
    mkdirSync(join(work, "docx"));
    soffice(FILTERS.docx, input, join(work, "docx"));
    const docx = join(work, "docx", `${name}.docx`);
    for (const f of formats) {
      if (f === "html") {
        writeFileSync(join(outDir, `${name}.html`), html);
        continue;
      }
      if (f !== "docx") soffice(FILTERS[f], docx, work);
      copyFileSync(f === "docx" ? docx : join(work, `${name}.${f}`), join(outDir, `${name}.${f}`));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs `convert` with a private LibreOffice profile, removed afterwards; false (said, with a failing exit code) without soffice. */
export function withSoffice(convert: (profile: string) => void): boolean {
  try {
    execFileSync("which", ["soffice"], { stdio: "ignore" });
  } catch {
    process.stderr.write("soffice 未安装：无法转换（apt-get install libreoffice-writer）\n");
    process.exitCode = 1;
    return false;
  }
  const profile = mkdtempSync(join(tmpdir(), "planbook-lo-"));
  try {
    convert(profile);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return true;
}

export function seedNames(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => basename(f, ".txt"))
    .sort();
}

export function seedPage(name: string, style?: HtmlStyle): string {
  const path = join(SEEDS_DIR, `${name}.txt`);
  return seedHtml(readFileSync(path, "utf8"), `seeds/${name}.txt`, style);
}

function main(): void {
  const [outArg, ...only] = process.argv.slice(2);
  const out = outArg && outArg !== "-" ? outArg : SEED_FORMATS_DIR;
  mkdirSync(out, { recursive: true });
  const converted = withSoffice((profile) => {
    for (const name of only.length ? only : seedNames()) {
      process.stderr.write(`${name} …\n`);
      convertHtml(seedPage(name), name, out, ["html", "docx", "pdf", "doc"], profile);
    }
  });
  if (converted) process.stderr.write(`已写入 ${out}\n`);
}

if (require.main === module) main();
