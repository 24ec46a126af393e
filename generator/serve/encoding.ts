/**
 * Compressed copies of cached answers. A plan's indicator tables are ~50 KB of JSON and ~4 KB as
 * brotli: sending (and over HTTPS, encrypting) a tenth of the bytes is what lets a cached answer
 * cost about what /api/health costs. Each copy is made once, on the first request that accepts it,
 * and lives as long as its entity in the answer cache. Small answers go as they are.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { JsonEntity } from "./http";

export type ContentEncoding = "br" | "gzip";

/** below this, compressing costs more than the bytes it saves */
export const COMPRESS_MIN_BYTES = 1024;

export interface Representation {
  body: Buffer;
  /** the entity's tag, marked per encoding: a strong ETag names exact bytes */
  etag: string;
  encoding: ContentEncoding | null;
}

const copies = new WeakMap<JsonEntity, Partial<Record<ContentEncoding, Representation>>>();

/** br if the client takes it, else gzip, else identity; an encoding refused with q=0 is not used. */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): ContentEncoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : acceptEncoding;
  if (!header) return null;
  const accepted = new Set<string>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean);
    if (!q || Number(q[1]) > 0) accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

export function representation(entity: JsonEntity, acceptEncoding: string | string[] | undefined): Representation {
  const encoding = entity.body.length >= COMPRESS_MIN_BYTES ? chooseEncoding(acceptEncoding) : null;
  if (!encoding) return { body: entity.body, etag: entity.etag, encoding: null };
  let forEntity = copies.get(entity);
  if (!forEntity) copies.set(entity, (forEntity = {}));
  let copy = forEntity[encoding];
  if (!copy) {
    const body =
      encoding === "br"
        ? brotliCompressSync(entity.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: entity.body.length } })
        : gzipSync(entity.body, { level: 6 });
    copy = forEntity[encoding] = { body, etag: `${entity.etag.slice(0, -1)}-${encoding}"`, encoding };
  }
  return copy;
}
