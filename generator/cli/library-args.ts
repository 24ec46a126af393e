/** The --library option every library command shares, and how each opens the library. */
import { IngestRefusedError, LibraryMissingError, libraryWritable, openLibrary, resolveLibraryPath, type Library } from "../library";
import { CliError, type CliIO } from "./command";
import { errorLine } from "./errors";

export const LIBRARY_OPTION = { library: { type: "string" as const, short: "l" } };
export const LIBRARY_USAGE = "  --library PATH   规划库文件（默认 $PLANBOOK_LIBRARY，否则 .planbook/library.db）";

export function libraryPathFromArgs(values: Record<string, unknown>, io: CliIO): string {
  return resolveLibraryPath(typeof values.library === "string" ? values.library : undefined, io.env, io.cwd);
}

/**
 * Opens the library named by --library / PLANBOOK_LIBRARY, with a one-line error when it cannot
 * be. `mode` "read" opens read-only (ls, show, search: they work on a read-only folder, and never
 * create a library); "write" creates and migrates it; "serve" writes when it may, else reads.
 */
export function openLibraryFromArgs(values: Record<string, unknown>, io: CliIO, mode: "read" | "write" | "serve" = "write"): Library {
  const path = libraryPathFromArgs(values, io);
  const readonly = mode === "read" || (mode === "serve" && !libraryWritable(path));
  try {
    const library = openLibrary(path, { readonly });
    if (library.staleNameKeys)
      io.warn(`注意：规划库 ${path} 的指标名称索引由另一版本的同义词表或 Planbook 写成，此处只读无法更新：对比逐条重新核对名称（较慢），查找可能漏掉同义指标；在可写的位置运行一次 planbook ingest 或 serve 即可更新`);
    return library;
  } catch (e) {
    if (e instanceof LibraryMissingError || e instanceof IngestRefusedError) throw new CliError(e.message);
    if (mode === "write" && !libraryWritable(path)) throw new CliError(`规划库 ${path} 所在的位置不可写：导入需要写入权限（只查看可用 planbook ls / show / search）`);
    throw new CliError(errorLine(e, `打开规划库 ${path} `));
  }
}
