import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { SCHEMA_VERSION, type IndicatorTable, type Plan } from "../model";
import { cleanLines } from "./clean";
import type { ParseContext } from "./context";
import { DECODERS, decodeText, sniffFormat, sourceInfo, UnreadableDocumentError, type Decoded, type DocLine } from "./decode";
import { assertLinesWithin } from "./limits";
import { notAPlanWarning } from "./not-a-plan";
import { readMetadata } from "./metadata";
import { readOutline } from "./outline";
import { joinParagraphs } from "./paragraphs";
import { readIndicatorTables } from "./tables";
import { extractProjectBoxes } from "./boxes";
import { extractTargets, extractWorkReport } from "./targets";
import { readBulletin } from "./targets/bulletin";

export { UnreadableDocumentError, decodeDocument, type DocLine, type Decoded } from "./decode";
export { parseQuantity } from "./quantity";

/** The documents `parse`, `ingest`, `generate` and `serve --watch` pick up in a folder (a file given by name is read whatever it is called: the decoder is chosen by its bytes). */
export const DOCUMENT_EXTENSIONS = new Set([".txt", ".docx", ".doc", ".pdf", ".html", ".htm", ".mht", ".mhtml"]);

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
export function buildContext(input: string | DocLine[], path: string): { ctx: ParseContext; meta: ReturnType<typeof readMetadata>; indicatorTables: IndicatorTable[] } {
  const lines = cleanLines(input);
  const text = typeof input === "string" ? input : input.map((l) => l.text).join("\n");
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
  return parseLines(text, source, []);
}

/**
 * Parses decoded lines (or a text), with the decoder's warnings. Never throws on content: what it
 * cannot read becomes a warning; only a line too long for any document (limits.ts) is refused.
 */
export function parseLines(input: string | DocLine[], source: Plan["source"], decoderWarnings: Plan["warnings"]): Plan {
  assertLinesWithin(input);
  const { ctx, meta, indicatorTables } = buildContext(input, source.path);
  ctx.warnings.push(...decoderWarnings);
  const { outline } = ctx;
  const projectBoxes = extractProjectBoxes(ctx);
  const targets = meta.kind === "five-year-plan" || meta.kind === "unknown" ? extractTargets(ctx) : [];
  const report = meta.kind === "work-report" || meta.kind === "work-report-digest" ? extractWorkReport(ctx, indicatorTables) : { annualTargets: [], lastYearResults: [], tasks: [], targets: [] };
  const plan: Plan = {
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
    lastYearResults: meta.kind === "statistical-bulletin" ? readBulletin(ctx) : report.lastYearResults,
    tasks: report.tasks,
    warnings: ctx.warnings,
  };
  const notPlan = notAPlanWarning(plan);
  if (notPlan) plan.warnings.push(notPlan);
  plan.warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return plan;
}

/**
 * bytes → Plan, through the decoder the bytes call for (PDF, Word 97–2003, .docx, HTML/MHT, or
 * text in any supported encoding). Throws UnreadableDocumentError for bytes no decoder can read.
 */
export async function parseDocument(bytes: Uint8Array, path: string): Promise<Plan> {
  const format = sniffFormat(bytes, path);
  if (format === "text") {
    // the text path hands the text itself on: its lines are numbered as the file's
    const { text, encoding, warnings } = decodeText(bytes);
    return parseLines(text, sourceInfo(path, bytes, encoding), warnings);
  }
  const decoded: Decoded = await DECODERS[format](bytes);
  return parseLines(decoded.lines, sourceInfo(path, bytes, decoded.encoding), decoded.warnings);
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
