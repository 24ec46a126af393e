import { open, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { etagMatches, HttpError } from "./http";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Maps a URL path to a file strictly inside `root`. Each segment is decoded on its own, so an encoded
 * "%2e%2e" or "%2f" cannot climb out; the real path is checked again so a symlink cannot either.
 */
async function resolveInside(root: string, pathname: string): Promise<string | null> {
  const segments: string[] = [];
  for (const raw of pathname.split("/")) {
    if (raw === "") continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, "bad-path", "the path is not valid URL encoding");
    }
    if (segment === "." || segment === ".." || /[\\/\u0000]/.test(segment)) throw new HttpError(400, "bad-path", "the path leaves the served folder");
    // dot-files and dot-folders (.env, .git, editors' temporaries) are never part of a build
    if (segment.startsWith(".")) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push("index.html");
  let file = join(root, ...segments);
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, "index.html");
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    // only the kinds of file a build of the add-in makes: not a key, a config or a database left beside it
    if (!Object.prototype.hasOwnProperty.call(CONTENT_TYPES, extname(file).toLowerCase())) return null;
    const real = await realpath(file);
    if (!real.startsWith(root + sep) || real.slice(root.length + 1).split(sep).some((part) => part.startsWith("."))) return null;
    return real;
  } catch {
    return null;
  }
}

/** Serves the built add-in from `root` (already a real path), or 404 when there is none. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string | null, pathname: string): Promise<void> {
  if (!root) throw new HttpError(404, "not-found", "the add-in is not built here (npm run build); the API is under /api/");
  const file = await resolveInside(root, pathname);
  if (!file) throw new HttpError(404, "not-found", `no such file: ${pathname}`);
  // opened before the headers are written, and its size taken from the open file, so a file
  // replaced by a rebuild meanwhile cannot make Content-Length disagree with the bytes sent
  const handle = await open(file, "r").catch(() => {
    throw new HttpError(404, "not-found", `no such file: ${pathname}`);
  });
  // once a stream owns the handle, the stream closes it
  let owned = false;
  try {
    const info = await handle.stat();
    const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", "no-cache");
    if (etagMatches(req.headers["if-none-match"], etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader("Content-Type", CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream");
    res.setHeader("Content-Length", info.size);
    if (req.method === "HEAD" || info.size === 0) {
      res.end();
      return;
    }
    // `end` keeps the body to the Content-Length already promised should the file grow meanwhile
    const body = handle.createReadStream({ start: 0, end: info.size - 1 });
    owned = true;
    // pipeline destroys the file stream, and so closes the handle, however the response ends: a
    // client that hangs up mid-body must not leave a descriptor open
    await pipeline(body, res).catch((e: NodeJS.ErrnoException) => {
      // a client hanging up is normal; any other failure mid-body has already cut the connection,
      // which is all a client whose headers are sent can be told
      if (e.code !== "ERR_STREAM_PREMATURE_CLOSE") res.destroy();
    });
  } finally {
    if (!owned) await handle.close();
  }
}
