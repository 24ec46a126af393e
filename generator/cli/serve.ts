import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Library } from "../library";
import { startServer, type ServerOptions, type WatchEvent } from "../serve";
import { CliError, type CliIO, type Command } from "./command";
import { LIBRARY_OPTION, LIBRARY_USAGE, openLibraryFromArgs } from "./ingest";

export function parsePort(raw: string | undefined, fallback: number, from: string): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`${from} must be a port number (0–65535), not "${raw}"`, 2);
  return port;
}

function reportWatch(io: CliIO) {
  return (event: WatchEvent) => {
    if (event.type === "ingested" && event.result.status !== "unchanged") io.out(`${event.result.status.padEnd(9)} ${event.result.planId} r${event.result.revision}  ${event.result.path}`);
    else if (event.type === "ingest-failed") io.warn(`${event.path}: ${event.message}`);
    else if (event.type === "watching") io.out(`watching ${event.dir} for new and changed documents`);
  };
}

/** Runs the service until SIGINT/SIGTERM, then lets in-flight requests finish; a second Ctrl-C stops at once. */
export async function runService(library: Library, options: Omit<ServerOptions, "library">, io: CliIO, manifestPath?: string): Promise<number> {
  let server;
  try {
    server = await startServer({ ...options, library, onWatchEvent: reportWatch(io) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") throw new CliError(`port ${options.port} is in use (another planbook? try --port or PLANBOOK_PORT)`);
    if (err.code === "EACCES") throw new CliError(`not allowed to listen on port ${options.port}`);
    throw new CliError(`cannot start the service: ${err.message.split("\n")[0]}`);
  }
  io.out(`Planbook is serving ${library.countPlans()} plans at ${server.url}`);
  io.out(`  API       ${server.url}/api/plans   (OpenAPI: ${server.url}/api/openapi.json)`);
  if (server.distDir) io.out(`  add-in    ${server.url}/taskpane.html`);
  else io.out(`  add-in    not built (no ${options.distDir ?? "dist/"}; npm run build): serving the API only`);
  if (manifestPath) io.out(`  manifest  ${manifestPath}  (sideload it in Excel: npx office-addin-debugging start manifest.xml on Windows/Mac)`);
  if (server.caPath) io.out(`  TLS       development certificate; trust the CA ${server.caPath} (npx office-addin-dev-certs install)`);
  io.out("Press Ctrl-C to stop.");

  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.once("SIGINT", () => process.exit(130));
      io.warn("stopping: finishing requests in flight (Ctrl-C again to stop now)");
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  return 0;
}

export const serveCommand: Command = {
  name: "serve",
  summary: "serve the library's JSON API and the built add-in over HTTPS",
  usage: [
    "usage: planbook serve [--port 3000] [--host H] [--watch DIR | --no-watch] [--cert F --key F] [--http] [--dist DIR] [--library PATH]",
    "",
    "  --port N        default 3000 ($PLANBOOK_PORT); 0 picks a free port",
    "  --host H        default 127.0.0.1",
    "  --watch DIR     ingest documents added to or changed in DIR (default seeds/ when it exists)",
    "  --no-watch      do not watch any folder",
    "  --cert F --key F  a real certificate; default: development certificates in ~/.office-addin-dev-certs",
    "  --cert-dir DIR  where development certificates are kept or created",
    "  --http          plain HTTP (Excel requires HTTPS for add-ins)",
    "  --dist DIR      the built add-in (default dist/)",
    LIBRARY_USAGE,
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
    if (positionals.length > 0) throw new CliError(`serve: unexpected argument "${positionals[0]}"`, 2);
    if (Boolean(values.cert) !== Boolean(values.key)) throw new CliError("serve: give both --cert and --key, or neither", 2);
    const port = parsePort(values.port as string | undefined, parsePort(io.env.PLANBOOK_PORT, 3000, "PLANBOOK_PORT"), "--port");
    const defaultWatch = resolve(io.cwd, "seeds");
    const watchDir = values["no-watch"] ? null : typeof values.watch === "string" ? resolve(io.cwd, values.watch) : existsSync(defaultWatch) ? defaultWatch : null;
    if (watchDir && !existsSync(watchDir)) throw new CliError(`serve: --watch ${watchDir}: no such folder`, 2);
    const library = openLibraryFromArgs(values, io);
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
          watchDir,
        },
        io,
      );
    } finally {
      library.close();
    }
  },
};
