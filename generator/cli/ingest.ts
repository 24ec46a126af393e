import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { openLibrary, resolveLibraryPath, type IngestResult, type Library } from "../library";
import { isDocument } from "../parse";
import { CliError, type CliIO, type Command } from "./command";

export const LIBRARY_OPTION = { library: { type: "string" as const, short: "l" } };
export const LIBRARY_USAGE = "  --library PATH   the plan library (default $PLANBOOK_LIBRARY, else .planbook/library.db)";

/** Opens the library named by --library / PLANBOOK_LIBRARY, with a one-line error when it cannot be. */
export function openLibraryFromArgs(values: Record<string, unknown>, io: CliIO): Library {
  const path = resolveLibraryPath(typeof values.library === "string" ? values.library : undefined, io.env, io.cwd);
  try {
    return openLibrary(path);
  } catch (e) {
    throw new CliError(`cannot open the library ${path}: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Files as given, and the documents (.txt, .docx) under each folder, in name order. */
export async function collectDocuments(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith(".")) await walk(path);
      else if (entry.isFile() && isDocument(path)) found.push(path);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new CliError(`ingest: ${path}: no such file or folder`);
    if (info.isDirectory()) await walk(path);
    else found.push(path);
  }
  return found;
}

export interface IngestTally {
  results: IngestResult[];
  failed: number;
}

/** Ingests each file, reporting each on stdout; a file that cannot be read is reported and skipped. */
export async function ingestAll(library: Library, files: string[], io: CliIO): Promise<IngestTally> {
  const results: IngestResult[] = [];
  let failed = 0;
  for (const [i, file] of files.entries()) {
    io.progress(`[${i + 1}/${files.length}] ${file}`);
    try {
      const result = await library.ingestFile(file);
      results.push(result);
      io.out(`${result.status.padEnd(9)} ${result.planId} r${result.revision}  ${file}`);
    } catch (e) {
      failed++;
      io.warn(`${file}: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return { results, failed };
}

export function tallyLine({ results, failed }: IngestTally): string {
  const count = (status: IngestResult["status"]) => results.filter((r) => r.status === status).length;
  const parts = [`${count("new")} new`, `${count("revised")} revised`, `${count("unchanged")} unchanged`];
  if (failed) parts.push(`${failed} failed`);
  return `${results.length + failed} documents: ${parts.join(", ")}`;
}

export const ingestCommand: Command = {
  name: "ingest",
  summary: "parse documents and store them in the plan library",
  usage: [
    "usage: planbook ingest FILE|DIR… [--library PATH]",
    "",
    "  A document is identified by region + kind + period. Identical bytes are a no-op; changed",
    "  bytes become a new revision, and the previous one is kept. Folders are read for .txt/.docx.",
    LIBRARY_USAGE,
    "",
    "Exit 1 when any document could not be read.",
  ].join("\n"),
  options: { ...LIBRARY_OPTION },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError("ingest: give at least one document or folder (planbook ingest FILE|DIR…)", 2);
    const files = await collectDocuments(positionals);
    if (files.length === 0) throw new CliError(`ingest: no documents (.txt, .docx) in ${positionals.join(", ")}`);
    const library = openLibraryFromArgs(values, io);
    try {
      const tally = await ingestAll(library, files, io);
      io.out(`${tallyLine(tally)} → ${library.path}`);
      return tally.failed ? 1 : 0;
    } finally {
      library.close();
    }
  },
};
