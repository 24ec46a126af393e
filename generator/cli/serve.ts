import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { IsolatedParserOptions, Library } from "../library";
import { DEV_ORIGIN, manifestFor, startServer, type ServerOptions, type WatchEvent } from "../serve";
import { writeFileAtomic } from "../util/atomic";
import { CliError, type CliIO, type Command } from "./command";
import { errorLine } from "./errors";
import { parseAllowance, STATUS_LABELS } from "./ingest";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./library-args";
import { oneLine } from "./terminal";

export const DEFAULT_PORT = 3000;

export function parsePort(raw: string | undefined, fallback: number, from: string): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`${from} 应为端口号（0–65535），而不是 "${oneLine(raw)}"`, 2);
  return port;
}

/** --port wins over PLANBOOK_PORT, which wins over 3000. */
export function portFromArgs(values: Record<string, unknown>, io: CliIO): number {
  return parsePort(values.port as string | undefined, parsePort(io.env.PLANBOOK_PORT, DEFAULT_PORT, "PLANBOOK_PORT"), "--port");
}

function reportWatch(io: CliIO) {
  return (event: WatchEvent) => {
    if (event.type === "ingested" && event.result.status !== "unchanged") {
      io.out(`${STATUS_LABELS[event.result.status]}  ${event.result.planId} r${event.result.revision}  ${oneLine(event.result.path)}`);
    } else if (event.type === "ingest-failed") {
      io.warn(`${oneLine(event.path)}：${oneLine(event.message)}${event.repeated ? "（与上次失败时相同，未重新解析；文件改动后会再试）" : ""}`);
    } else if (event.type === "watch-error") io.warn(`监视 ${oneLine(event.path)} 时出错：${oneLine(event.message)}`);
    else if (event.type === "watching") io.out(`正在监视 ${oneLine(event.dir)}：新增或改动的文档会自动导入`);
  };
}

/**
 * The manifest to sideload for this address: the project's own when the service runs on the
 * development address, else a copy beside the library naming the address actually used.
 */
async function manifestToSideload(manifestPath: string | undefined, origin: string, library: Library): Promise<string | undefined> {
  if (!manifestPath || !existsSync(manifestPath)) return undefined;
  if (origin === DEV_ORIGIN || library.path === ":memory:") return manifestPath;
  const copy = join(dirname(library.path), `manifest-${new URL(origin).port}.xml`);
  try {
    mkdirSync(dirname(copy), { recursive: true });
    await writeFileAtomic(copy, manifestFor(readFileSync(manifestPath, "utf8"), origin));
    return copy;
  } catch {
    return undefined;
  }
}

/** Runs the service until SIGINT/SIGTERM, then lets in-flight requests finish; a second Ctrl-C stops at once. */
export async function runService(library: Library, options: Omit<ServerOptions, "library">, io: CliIO, manifestPath?: string): Promise<number> {
  let server;
  try {
    server = await startServer({ ...options, library, manifestPath, onWatchEvent: reportWatch(io) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") throw new CliError(`端口 ${options.port} 已被占用（可能已有一个 Planbook 在运行）；请用 --port 换一个端口`);
    if (err.code === "EACCES") throw new CliError(`没有权限监听端口 ${options.port}；请用 --port 选 1024 以上的端口`);
    throw new CliError(errorLine(e, "启动服务"));
  }
  const url = server.url;
  io.out(`Planbook 正在提供 ${library.countPlans()} 个规划：${url}`);
  io.out(`  接口      ${url}/api/plans   （OpenAPI：${url}/api/openapi.json）`);
  if (server.distDir) io.out(`  加载项    ${url}/taskpane.html`);
  else io.out(`  加载项    未构建（没有 ${options.distDir ?? "dist/"}；先运行 npm run build）：只提供接口`);
  const sideload = await manifestToSideload(manifestPath, url, library);
  if (sideload || server.distDir) io.out(`  清单      ${url}/manifest.xml${sideload ? `  （旁加载：npx office-addin-debugging start ${sideload}，Windows/Mac）` : ""}`);
  if (server.caPath) io.out(`  证书      开发用证书；请信任 CA ${server.caPath}（npx office-addin-dev-certs install）`);
  if (!library.writable) io.out(`  规划库    ${library.path} 是只读的：只提供查询，不监视文件夹、不导入新文档`);
  const failed = library.failureCount();
  if (failed) io.out(`  未入库    ${failed} 个文件（${url}/api/failures，或 planbook ls）`);
  io.out("按 Ctrl-C 停止。");

  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.once("SIGINT", () => process.exit(130));
      io.warn("正在停止：等待进行中的请求完成（再按一次 Ctrl-C 立即停止）");
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return 0;
}

/** The watched folder, or null: a read-only library cannot take new documents, and says so. */
export function watchFor(library: Library, wanted: string | null, io: CliIO): string | null {
  if (!wanted || library.writable) return wanted;
  io.warn(`规划库 ${library.path} 所在位置只读：不监视 ${oneLine(wanted)}，只提供已有的规划`);
  return null;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "通过 HTTPS 提供规划库的接口和已构建的加载项",
  usage: [
    "用法：planbook serve [--port 3000] [--host H] [--watch DIR | --no-watch] [--cert F --key F] [--http] [--dist DIR] [--library PATH]",
    "",
    "  --port N        端口，默认 3000（$PLANBOOK_PORT）；0 表示任选一个空闲端口",
    "  --host H        监听地址，默认 127.0.0.1",
    "  --watch DIR     自动导入 DIR 中新增或改动的文档（默认 seeds/，如果存在）",
    "  --no-watch      不监视任何文件夹",
    "  --cert F --key F  正式证书；默认使用 ~/.office-addin-dev-certs 中的开发证书",
    "  --cert-dir DIR  开发证书的存放位置",
    "  --http          用普通 HTTP（Excel 加载项要求 HTTPS）",
    "  --dist DIR      已构建的加载项（默认 dist/）",
    LIBRARY_USAGE,
    "",
    "  规划库在只读位置时，只提供查询，不监视文件夹。",
    "  解析在单独的线程中进行，受 PLANBOOK_PARSE_MEMORY_MB 和 PLANBOOK_PARSE_TIMEOUT 限制；",
    "  超限或无法读取的文件记为未入库（/api/failures），文件不变时重启也不再解析。",
  ].join("\n"),
  options: {
    ...LIBRARY_OPTION,
    port: { type: "string", short: "p" },
    host: { type: "string" },
    watch: { type: "string", short: "w" },
    "no-watch": { type: "boolean" },
    cert: { type: "string" },
    key: { type: "string" },
    "cert-dir": { type: "string" },
    http: { type: "boolean" },
    dist: { type: "string" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new CliError(`serve：多余的参数 "${oneLine(positionals[0])}"`, 2);
    if (Boolean(values.cert) !== Boolean(values.key)) throw new CliError("serve：--cert 和 --key 要同时给出，或都不给", 2);
    const port = portFromArgs(values, io);
    const parse: IsolatedParserOptions = parseAllowance(io.env);
    const defaultWatch = resolve(io.cwd, "seeds");
    const wanted = values["no-watch"] ? null : typeof values.watch === "string" ? resolve(io.cwd, values.watch) : existsSync(defaultWatch) ? defaultWatch : null;
    if (wanted && !existsSync(wanted)) throw new CliError(`serve：--watch ${oneLine(wanted)}：没有这个文件夹`, 2);
    const library = openLibraryFromArgs(values, io, "serve");
    try {
      return await runService(
        library,
        {
          port,
          host: values.host as string | undefined,
          http: Boolean(values.http),
          cert: values.cert as string | undefined,
          key: values.key as string | undefined,
          certDir: values["cert-dir"] as string | undefined,
          distDir: resolve(io.cwd, (values.dist as string | undefined) ?? "dist"),
          watchDir: watchFor(library, wanted, io),
          parse,
        },
        io,
      );
    } finally {
      library.close();
    }
  },
};
