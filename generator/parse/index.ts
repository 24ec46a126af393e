import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { SCHEMA_VERSION, type IndicatorTable, type Plan } from "../model";
import { cleanLines } from "./clean";
import type { ParseContext } from "./context";
import { decodeText, sourceInfo, UnreadableDocumentError } from "./decode";
import { readDocx } from "./docx";
import { readMetadata } from "./metadata";
import { readOutline } from "./outline";
import { joinParagraphs } from "./paragraphs";
import { readIndicatorTables } from "./tables";
import { extractProjectBoxes } from "./boxes";
import { extractTargets, extractWorkReport } from "./targets";

export { UnreadableDocumentError } from "./decode";
export { parseQuantity } from "./quantity";

const DOCUMENT_EXTENSIONS = new Set([".txt", ".docx"]);

/** Whether a file is a planning document the parser reads, by its name: dot-files are editors' and atomic writers' temporaries, ~$ files Word's lock files. */
export function isDocument(path: string): boolean {
  const name = basename(path);
  return DOCUMENT_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith(".") && !name.startsWith("~$");
}

/** The Plan id: stable for a document's identity (region + kind + period), so revisions share it. */
export function planId(region: string | null, kind: string, periodLabel: string, fallback: string): string {
  const key = region ? `${region}|${kind}|${periodLabel}` : `sha256|${fallback}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * The stages before extraction: clean, outline, metadata, indicator tables, paragraphs. What every
 * extractor receives; exported so an extractor can be run on its own.
 */
export function buildContext(text: string, path: string): { ctx: ParseContext; meta: ReturnType<typeof readMetadata>; indicatorTables: IndicatorTable[] } {
  const lines = cleanLines(text);
  const { outline, headingLines } = readOutline(lines);
  const meta = readMetadata(lines, text, path);
  const ctx: ParseContext = {
    lines,
    outline,
    headingLines,
    tableRanges: [],
    paragraphs: [],
    kind: meta.kind,
    year: meta.kind === "five-year-plan" ? meta.period.end : meta.period.start,
    warnings: [...(meta.warnings ?? [])],
  };
  const indicatorTables = readIndicatorTables(ctx);
  ctx.paragraphs = joinParagraphs(lines, { headingLines, tableRanges: ctx.tableRanges });
  return { ctx, meta, indicatorTables };
}

/** Parses a decoded document's text. Never throws on content: what it cannot read becomes a warning. */
export function parseText(text: string, source: Plan["source"]): Plan {
  const { ctx, meta, indicatorTables } = buildContext(text, source.path);
  const { outline } = ctx;
  const projectBoxes = extractProjectBoxes(ctx);
  const targets = meta.kind === "five-year-plan" || meta.kind === "unknown" ? extractTargets(ctx) : [];
  const report = meta.kind === "work-report" || meta.kind === "work-report-digest" ? extractWorkReport(ctx) : { annualTargets: [], lastYearResults: [], tasks: [], targets: [] };
  return {
    schemaVersion: SCHEMA_VERSION,
    id: planId(meta.region, meta.kind, meta.period.label, source.sha256),
    source,
    kind: meta.kind,
    title: meta.title,
    region: meta.region,
    period: meta.period,
    outline,
    indicatorTables,
    projectBoxes,
    // a digest states the plan's goals as ● bullets: those are its targets
    targets: meta.kind === "work-report-digest" ? report.targets : targets,
    annualTargets: report.annualTargets,
    lastYearResults: report.lastYearResults,
    tasks: report.tasks,
    warnings: ctx.warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}

/** bytes → Plan. `.docx` files are read as paragraphs and tables; everything else as text in any of the supported encodings. */
export async function parseDocument(bytes: Uint8Array, path: string): Promise<Plan> {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const text = await readDocx(bytes);
    return parseText(text, sourceInfo(path, bytes, "docx"));
  }
  const { text, encoding } = decodeText(bytes);
  return parseText(text, sourceInfo(path, bytes, encoding));
}

/** Reads and parses a file; throws UnreadableDocumentError (with the path) for a file that cannot be read at all. */
export async function parseFile(path: string): Promise<Plan> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UnreadableDocumentError(`${path}: no such file`);
  }
  if (info.isDirectory()) throw new UnreadableDocumentError(`${path}: is a directory, not a document`);
  const bytes = await readFile(path);
  try {
    return await parseDocument(bytes, path);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw new UnreadableDocumentError(`${path}: ${e.message}`);
    throw e;
  }
}
