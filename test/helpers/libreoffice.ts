/**
 * LibreOffice headless as an independent reader of our workbooks: converts every sheet of an .xlsx
 * to CSV (recipe in the shared TOOLCHAIN notes) and returns the cells as a clerk would see them.
 * Conversions are slow (~1.5 s) and share a profile, so callers run them one at a time.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

/**
 * Whether LibreOffice is installed. On a developer's machine without it the LibreOffice checks are
 * skipped (and say why); under CI, where .ci/run installs it, its absence fails the run instead.
 */
export function sofficeAvailable(): boolean {
  try {
    execFileSync("which", ["soffice"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error("LibreOffice (soffice) is required under CI: .ci/run installs libreoffice-calc");
    console.warn("LibreOffice (soffice) is not installed: the checks that read workbooks back with it are skipped (apt-get install libreoffice-calc)");
    return false;
  }
}

/** A fresh user profile per test run: a shared or stale one makes soffice exit silently without converting. */
export function newProfile(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), "lo-profile-"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else if (ch !== "\r") cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/** Every sheet of the workbook as rows of cell texts, keyed by sheet name. */
export function sheetsAsCsv(xlsx: string, profileDir: string): Map<string, string[][]> {
  const out = mkdtempSync(join(tmpdir(), "lo-csv-"));
  try {
    execFileSync(
      "soffice",
      ["--headless", `-env:UserInstallation=file://${profileDir}`, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, xlsx],
      { stdio: "pipe", timeout: 120_000 },
    );
    const base = basename(xlsx, ".xlsx");
    const sheets = new Map<string, string[][]>();
    for (const f of readdirSync(out)) {
      if (!f.endsWith(".csv")) continue;
      const name = f === `${base}.csv` ? "" : f.slice(base.length + 1, -".csv".length);
      sheets.set(name, parseCsv(readFileSync(join(out, f), "utf8")));
    }
    if (sheets.size === 0 || !existsSync(out)) throw new Error(`LibreOffice converted nothing for ${xlsx}`);
    return sheets;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
