import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorResponse } from "../model";
import { representation } from "./encoding";

/** A request the service refuses: becomes `{error, message}` JSON with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A serialised JSON answer with its entity tag, computed once and reused while the library is unchanged. */
export interface JsonEntity {
  body: Buffer;
  etag: string;
}

export function jsonEntity(value: unknown): JsonEntity {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
}

/** If-None-Match as RFC 9110 reads it: a list of tags, weak or strong, or "*". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === bare;
  });
}

export function sendEntity(req: IncomingMessage, res: ServerResponse, entity: JsonEntity): void {
  // compressed once per cached answer (encoding.ts); small answers such as health go as they are
  const sent = representation(entity, req.headers["accept-encoding"]);
  const vary = res.getHeader("Vary");
  // one writeHead with every header: this is the hot path of the service
  const headers: Record<string, string | number> = {
    // clients revalidate every time: "fresh" data is the point of the service, and a 304 costs little
    "Cache-Control": "no-cache",
    ETag: sent.etag,
    Vary: vary ? `${vary}, Accept-Encoding` : "Accept-Encoding",
  };
  if (etagMatches(req.headers["if-none-match"], sent.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  headers["Content-Type"] = "application/json; charset=utf-8";
  headers["Content-Length"] = sent.body.length;
  if (sent.encoding) headers["Content-Encoding"] = sent.encoding;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : sent.body);
}

export function sendError(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload: ErrorResponse = { error: error.code, message: error.message };
  const entity = jsonEntity(payload);
  res.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.setHeader("ETag", entity.etag);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", entity.body.length);
  res.end(req.method === "HEAD" ? undefined : entity.body);
}

/** Anything that is not an HttpError is a fault of ours: the client gets a generic 500, never the stack. */
export function asHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  return new HttpError(500, "internal", "the service could not answer this request");
}
