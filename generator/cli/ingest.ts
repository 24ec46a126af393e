import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import {
  describeFileError,
  IsolatedParser,
  isDocument,
  PARSE_MEMORY_MB_DEFAULT,
  PARSE_TIMEOUT_MS_DEFAULT,
  type IngestResult,
  type IsolatedParserOptions,
  type Library,
} from "../library";
import { CliError, type CliIO, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { oneLine } from "./terminal";

export { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";

/** A path that was not ingested, and why (said once, with the path once). */
export interface Skipped {
  path: string;
  reason: string;
}

export interface Collected {
  files: string[];
  /** files that are not documents Planbook reads (README.md, photos) */
  skipped: Skipped[];
  /** folders or links that could not be read: reported, and the rest goes on */
  problems: Skipped[];
}

/** Why a file in a folder is not read, or null for a document. Hidden files and Word's ~$ lock files are skipped silently. */
function notADocument(path: string, name: string): string | null {
  if (name.startsWith(".") || name.startsWith("~$")) return null;
  if (isDocument(path)) return null;
  const ext = extname(name);
  return ext ? `不是 Planbook 能读取的文档格式（${ext}）` : "没有扩展名，不知道是什么文档";
}

/**
 * The documents under the paths given, in name order, each once (a folder given twice, or
 * reached again through a link, is read once). A folder that cannot be read, a link that points
 * at itself, a file that is not a document: each is reported and the rest goes on.
 */
export async function collectDocuments(paths: string[]): Promise<Collected> {
  const found: Collected = { files: [], skipped: [], problems: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const addFile = async (path: string) => {
    const real = await realpath(path).catch(() => resolve(path));
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    found.files.push(path);
  };
  const walk = async (dir: string) => {
    const real = await realpath(dir).catch(() => resolve(dir));
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries;
    try {
      entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      found.problems.push({ path: dir, reason: `无法读取这个文件夹：${describeFileError(e)}` });
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith(".")) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          found.problems.push({ path, reason: `链接无法打开：${describeFileError(e)}` });
          continue;
        }
      }
      if (isDir) await walk(path);
      else if (isFile) {
        const why = notADocument(path, entry.name);
        if (why) found.skipped.push({ path, reason: why });
        else if (!entry.name.startsWith("~$")) await addFile(path);
      }
    }
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new CliError(`${oneLine(path)}：没有这个文件或文件夹`);
      found.problems.push({ path, reason: describeFileError(e) });
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else await addFile(path);
  }
  return found;
}

/** The parser's allowance, from PLANBOOK_PARSE_MEMORY_MB and PLANBOOK_PARSE_TIMEOUT (seconds). */
export function parseAllowance(env: Record<string, string | undefined>): IsolatedParserOptions {
  const number = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new CliError(`${name} 应为正数，而不是 "${raw}"`, 2);
    return n;
  };
  return { memoryMb: number("PLANBOOK_PARSE_MEMORY_MB", PARSE_MEMORY_MB_DEFAULT), timeoutMs: number("PLANBOOK_PARSE_TIMEOUT", PARSE_TIMEOUT_MS_DEFAULT / 1000) * 1000 };
}

export const STATUS_LABELS: Record<IngestResult["status"], string> = { new: "新增", revised: "新修订", unchanged: "未变" };

export interface IngestTally {
  results: IngestResult[];
  failed: Skipped[];
}

export function reportSkipped(collected: Collected, io: CliIO): void {
  for (const s of collected.problems) io.warn(`${oneLine(s.path)}：${s.reason}`);
  for (const s of collected.skipped) io.warn(`已跳过 ${oneLine(s.path)}：${s.reason}`);
}

/**
 * Ingests each file, parsed in a worker thread so that a file which exhausts the parser's
 * memory or time fails alone; reports each on stdout, each failure once on stderr.
 */
export async function ingestAll(library: Library, files: string[], io: CliIO, options: { force?: boolean; parse?: IsolatedParserOptions } = {}): Promise<IngestTally> {
  const results: IngestResult[] = [];
  const failed: Skipped[] = [];
  const parser = new IsolatedParser(options.parse);
  try {
    for (const [i, file] of files.entries()) {
      io.progress(`[${i + 1}/${files.length}] ${oneLine(file)}`);
      try {
        const result = await library.ingestFile(file, { parse: parser.parse, force: options.force });
        results.push(result);
        const older = result.status === "unchanged" && result.revision !== result.latestRevision ? `（较早的版本；最新为 r${result.latestRevision}）` : "";
        io.out(`${STATUS_LABELS[result.status]}  ${result.planId} r${result.revision}  ${oneLine(file)}${older}`);
      } catch (e) {
        const reason = (e as Error).message.split("\n")[0];
        failed.push({ path: file, reason });
        io.warn(`${oneLine(file)}：${oneLine(reason)}`);
      }
    }
  } finally {
    await parser.close();
  }
  reportVersions(library, results, io);
  return { results, failed };
}

/** Two files of one document (a v1 and a v2 side by side): one plan with two sources, said once. */
function reportVersions(library: Library, results: IngestResult[], io: CliIO): void {
  const byPlan = new Map<string, IngestResult[]>();
  for (const r of results) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r]);
  for (const [planId, list] of byPlan) {
    const sources = [...new Map(list.map((r) => [r.path, r])).values()];
    if (sources.length < 2) continue;
    const summary = library.getSummary(planId);
    const name = summary ? `${summary.region ?? "—"} ${summary.period.label} ${summary.title}` : planId;
    const parts = sources.sort((a, b) => a.revision - b.revision).map((r) => `r${r.revision} ${oneLine(r.path)}`);
    io.out(`同一规划的 ${sources.length} 个版本（${oneLine(name)}，${planId}）：${parts.join("，")}；最新为 r${summary?.revision ?? list[0].latestRevision}`);
  }
}

export function tallyLine({ results, failed }: IngestTally): string {
  const count = (status: IngestResult["status"]) => results.filter((r) => r.status === status).length;
  const parts = [`新增 ${count("new")}`, `新修订 ${count("revised")}`, `未变 ${count("unchanged")}`];
  if (failed.length) parts.push(`未入库 ${failed.length}`);
  return `${results.length + failed.length} 个文件：${parts.join("，")}`;
}

export const ingestCommand: Command = {
  name: "ingest",
  summary: "解析文档并存入规划库",
  usage: [
    "用法：planbook ingest FILE|DIR… [--force] [--library PATH]",
    "",
    "  按地区 + 类别 + 规划期识别文档。与库中任一版本字节相同的文件不会重复存入；内容有变化的",
    "  文件存为新修订，旧修订保留。文件夹中的文档逐个读取，不是文档的文件会列出并跳过。",
    "  --force          解析器认为不像规划文件（not-a-plan、mojibake）时也存入",
    LIBRARY_USAGE,
    "",
    "  环境变量 PLANBOOK_PARSE_MEMORY_MB（默认 1024）和 PLANBOOK_PARSE_TIMEOUT（秒，默认 60）",
    "  限制解析一个文件所用的内存和时间；超过的文件记为未入库，其余照常导入。",
    "",
    "有文件未能入库时退出码为 1。",
  ].join("\n"),
  options: { ...LIBRARY_OPTION, force: { type: "boolean" } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError("ingest：请给出至少一个文档或文件夹（planbook ingest FILE|DIR…）", 2);
    const allowance = parseAllowance(io.env);
    const collected = await collectDocuments(positionals);
    reportSkipped(collected, io);
    if (collected.files.length === 0) {
      throw new CliError(`ingest：${positionals.map(oneLine).join("、")} 中没有 Planbook 能读取的文档${collected.skipped.length ? `（跳过了 ${collected.skipped.length} 个其他文件）` : ""}`);
    }
    const library = openLibraryFromArgs(values, io);
    try {
      const tally = await ingestAll(library, collected.files, io, { force: values.force === true, parse: allowance });
      io.out(`${tallyLine(tally)} → ${library.path}`);
      if (tally.failed.some((f) => /--force/.test(f.reason))) io.warn("提示：确认这些文件确是规划文件时，可加 --force 强制入库");
      return tally.failed.length || collected.problems.length ? 1 : 0;
    } finally {
      library.close();
    }
  },
};
