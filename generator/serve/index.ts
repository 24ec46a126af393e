/**
 * The HTTPS service: the library's JSON API under /api/ and the built add-in (dist/) from the same
 * origin. It owns no process state: the CLI's `serve`/`start` commands print, handle signals and exit.
 */
import { realpathSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { Server as NetServer, type AddressInfo, type Socket } from "node:net";
import { join, resolve } from "node:path";
import type { IsolatedParserOptions, Library } from "../library";
import { planbookVersion } from "../version";
import { pickParams, routeApi, type ApiContext } from "./api";
import { ResponseCache, type CacheStats } from "./cache";
import { DEFAULT_CERT_DIR, ensureDevCertificates, readTlsFiles, type TlsFiles } from "./certs";
import { CORS_HEADERS, originAllowed } from "./cors";
import { displayHost, hostAllowed, serverNames, type ServerNames } from "./hosts";
import { asHttpError, HttpError, jsonEntity, sendEntity, sendError } from "./http";
import { openApiDocument } from "./openapi";
import { readManifestFor } from "./manifest";
import { LIMITS } from "./params";
import { LOOKUP_PATH, lookupRoute } from "./lookup-route";
import { serveStatic } from "./static";
import { watchFolder, type FolderWatcher, type WatchEvent } from "./watch";

export { DEFAULT_CERT_DIR, ensureDevCertificates } from "./certs";
export type { WatchEvent } from "./watch";
export { manifestFor, DEV_ORIGIN } from "./manifest";

export interface ServerOptions {
  library: Library;
  /** 0 picks a free port */
  port: number;
  /** default 127.0.0.1: the service is for the clerk's own machine */
  host?: string;
  /** plain HTTP instead of HTTPS */
  http?: boolean;
  /** a real certificate and its key (PEM files); otherwise development certificates from certDir */
  cert?: string;
  key?: string;
  /** where development certificates are kept or created (default ~/.office-addin-dev-certs) */
  certDir?: string;
  /** the built add-in; served when it exists */
  distDir?: string;
  /** the add-in manifest served at /manifest.xml with this server's address in it (default: dist/manifest.xml) */
  manifestPath?: string;
  /** a folder whose documents are ingested as they appear or change */
  watchDir?: string | null;
  /** ingests from the watched folder, for the caller to print */
  onWatchEvent?: (event: WatchEvent) => void;
  /** how long close() waits for in-flight requests before cutting connections (default 10 s) */
  shutdownGraceMs?: number;
  /** told of every request as it arrives (tests and benches count requests at the service) */
  onRequest?: (method: string, url: string) => void;
  /** the allowance of the worker that parses watched documents (memory, time) */
  parse?: IsolatedParserOptions;
  /** how long a client may take, and how many connections one address may hold (defaults: SOCKET_LIMITS) */
  limits?: Partial<SocketLimits>;
}

/** What a slow, stalled or greedy client is allowed before its connection is closed. */
export interface SocketLimits {
  /** from connecting to the end of the request headers (the TLS handshake included) */
  headersMs: number;
  /** from connecting to the end of the request body */
  requestMs: number;
  /** a connection on which nothing moves, either way */
  idleMs: number;
  /** a kept-alive connection waiting for its next request */
  keepAliveMs: number;
  /** open connections from one client address; more are closed at once */
  perAddress: number;
  /** open connections in all */
  total: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  headersMs: 10_000,
  requestMs: 20_000,
  idleMs: 30_000,
  keepAliveMs: 5_000,
  perAddress: 64,
  total: 1024,
};

export interface RunningServer {
  url: string;
  /** the CA to trust when development certificates are used */
  caPath: string | null;
  /** the add-in folder being served, or null when there is none (API only) */
  distDir: string | null;
  /** how much the answer cache holds: for tests and diagnostics */
  cacheStats(): CacheStats;
  /** resolves when the watched folder's pending ingests are done */
  watcherIdle(): Promise<void>;
  /** connections refused because their address held too many: for tests and diagnostics */
  refusedConnections(): number;
  /** stops accepting, lets in-flight requests finish, stops the watcher */
  close(): Promise<void>;
}

function realDir(path: string | undefined): string | null {
  if (!path) return null;
  try {
    return realpathSync(resolve(path));
  } catch {
    return null;
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { library } = opts;
  const scheme = opts.http ? "http" : "https";
  const host = opts.host ?? "127.0.0.1";
  const version = planbookVersion();
  const api: ApiContext = { library, version, openapi: openApiDocument(version) };
  const distRoot = realDir(opts.distDir);
  const cache = new ResponseCache();
  const lookups = lookupRoute(library);
  // set as the server starts listening (below), before any request can arrive
  let names!: ServerNames;
  let ownOrigin = "";
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (closing) res.setHeader("Connection", "close");
    if (!hostAllowed(req.headers.host, names)) {
      throw new HttpError(421, "misdirected-request", "the Host header does not name this server; use the URL it prints at start");
    }
    const origin = req.headers.origin;
    if (origin !== undefined) {
      res.setHeader("Vary", "Origin");
      if (!originAllowed(origin, names)) throw new HttpError(403, "origin-not-allowed", `requests from ${origin} are not allowed`);
      res.setHeader("Access-Control-Allow-Origin", origin);
      for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    }
    if ((req.url ?? "").length > LIMITS.urlLength) throw new HttpError(414, "uri-too-long", `URLs are limited to ${LIMITS.urlLength} characters`);
    if (req.method === "OPTIONS") {
      res.statusCode = 204;
      res.end();
      return;
    }
    if ((req.url ?? "").split("?")[0] === LOOKUP_PATH) return lookups.serve(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new HttpError(405, "method-not-allowed", `${req.method} is not supported; the service is read-only`, { Allow: "GET, HEAD, OPTIONS" });
    }
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://service");
    } catch {
      throw new HttpError(400, "bad-path", "the request URL cannot be read");
    }
    if (url.pathname === "/manifest.xml") {
      const xml = readManifestFor([opts.manifestPath, distRoot ? join(distRoot, "manifest.xml") : null], ownOrigin);
      if (xml) {
        res.writeHead(200, { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-cache", "Content-Length": Buffer.byteLength(xml) });
        res.end(req.method === "HEAD" ? undefined : xml);
        return;
      }
    }
    if (url.pathname !== "/api" && !url.pathname.startsWith("/api/")) {
      await serveStatic(req, res, distRoot, url.pathname);
      return;
    }
    const route = routeApi(api, url.pathname);
    // only what the route reads: unknown parameters must not each earn their own copy of an answer
    const query = pickParams(url.searchParams, route.params);
    if (!route.cacheable) {
      sendEntity(req, res, jsonEntity(route.answer(query)));
      return;
    }
    const key = `${route.key}?${query}`;
    const generation = library.generation();
    const cached = cache.get(generation, key);
    if (cached) {
      sendEntity(req, res, cached);
      return;
    }
    const entity = jsonEntity(route.answer(query));
    cache.set(generation, key, entity);
    sendEntity(req, res, entity);
  };

  // requests in progress per connection: Node's own idle tracking counts a connection idle once the
  // request is read, even while a large response is still being written, so shutdown tracks its own
  const activeBySocket = new Map<Socket, number>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    opts.onRequest?.(req.method ?? "", req.url ?? "");
    const socket = req.socket;
    if (!activeBySocket.has(socket)) socket.once("close", () => activeBySocket.delete(socket));
    activeBySocket.set(socket, (activeBySocket.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (activeBySocket.get(socket) ?? 1) - 1;
      activeBySocket.set(socket, left);
      // end() flushes what is still buffered before closing
      if (closing && left === 0) socket.end();
    });
    handle(req, res).catch((e: unknown) => sendError(req, res, asHttpError(e)));
  };

  let tls: TlsFiles | null = null;
  if (!opts.http) {
    if (opts.cert || opts.key) {
      if (!opts.cert || !opts.key) throw new Error("give both --cert and --key, or neither");
      tls = await readTlsFiles(opts.cert, opts.key);
    } else {
      tls = await ensureDevCertificates(opts.certDir ?? DEFAULT_CERT_DIR);
    }
  }
  const limits: SocketLimits = { ...SOCKET_LIMITS, ...opts.limits };
  // Node checks the header and request deadlines on a timer (30 s by default), so a slow client
  // outlived them by up to that much: check as often as the shortest deadline needs
  const httpOptions = { connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersMs / 4))), headersTimeout: limits.headersMs, requestTimeout: limits.requestMs, keepAliveTimeout: limits.keepAliveMs };
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, handshakeTimeout: limits.headersMs, ...httpOptions }, onRequest)
    : createHttpServer(httpOptions, onRequest);
  server.headersTimeout = limits.headersMs;
  server.requestTimeout = limits.requestMs;
  server.keepAliveTimeout = limits.keepAliveMs;
  server.maxHeadersCount = 64;
  server.maxConnections = limits.total;
  // a connection on which nothing moves is closed, whatever state its request is in
  server.setTimeout(limits.idleMs, (socket) => socket.destroy());
  // one client (a runaway script, a scan) cannot take every connection: count them by address
  const byAddress = new Map<string, number>();
  let refused = 0;
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "?";
    const held = byAddress.get(address) ?? 0;
    if (held >= limits.perAddress) {
      refused++;
      socket.destroy();
      return;
    }
    byAddress.set(address, held + 1);
    socket.once("close", () => {
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left <= 0) byAddress.delete(address);
      else byAddress.set(address, left);
    });
    if (!tls) awaitFirstRequest(socket);
  });
  // Node's header deadline only runs once a request has begun, and with a short checking interval
  // it also silences the socket's idle timer: a connection that never sends a byte would stay
  // open for ever. So every connection must bring its first request's headers within headersMs
  // (for TLS, counted from the end of the handshake, which has handshakeTimeout of its own).
  const firstRequest = new WeakMap<Socket, NodeJS.Timeout>();
  function awaitFirstRequest(socket: Socket): void {
    const timer = setTimeout(() => socket.destroy(), limits.headersMs);
    timer.unref();
    firstRequest.set(socket, timer);
    socket.once("close", () => clearTimeout(timer));
  }
  if (tls) server.on("secureConnection", awaitFirstRequest);
  server.on("request", (req: IncomingMessage) => {
    const timer = firstRequest.get(req.socket);
    if (timer) {
      clearTimeout(timer);
      firstRequest.delete(req.socket);
    }
  });
  // a TLS handshake that fails or stalls is the client's problem, never an unhandled error
  server.on("tlsClientError", (_e, socket) => socket.destroy());

  let watcher: FolderWatcher | null = null;
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(opts.port, host, () => {
        server.off("error", reject);
        // here, before the event loop can hand over a connection: only now is the port known
        names = serverNames(scheme, (server.address() as AddressInfo).port, host, tls?.cert ?? null);
        ownOrigin = `${scheme}://${displayHost(host)}:${(server.address() as AddressInfo).port}`;
        resolveListen();
      });
    });
    if (opts.watchDir) {
      if (!library.writable) throw new Error("a library opened read-only cannot watch a folder");
      watcher = await watchFolder(resolve(opts.watchDir), library, opts.onWatchEvent ?? (() => {}), { parse: opts.parse });
    }
  } catch (e) {
    server.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      // net.Server's close, not http.Server's: the latter also cuts connections it wrongly believes idle
      const stopped = new Promise<void>((done) => NetServer.prototype.close.call(server, () => done()));
      for (const [socket, active] of activeBySocket) if (active === 0) socket.end();
      const grace = setTimeout(() => {
        server.closeAllConnections();
        for (const socket of activeBySocket.keys()) socket.destroy();
      }, opts.shutdownGraceMs ?? 10_000);
      grace.unref();
      await Promise.all([stopped, watcher?.close()]);
      clearTimeout(grace);
    })();
    return closed;
  };

  return {
    url: `${scheme}://${displayHost(host)}:${port}`,
    caPath: tls?.caPath ?? null,
    distDir: distRoot,
    cacheStats: () => cache.stats(),
    watcherIdle: () => watcher?.idle() ?? Promise.resolve(),
    refusedConnections: () => refused,
    close,
  };
}
