import JSZip from "jszip";

/**
 * Zip-based inputs (.docx, .xlsx templates) are bounded by the bytes their entries actually
 * inflate to, never by the sizes their headers declare: a 4 MB file can declare 1 000 bytes for a
 * 4 GiB entry. Entries are inflated as a stream and the count stops the stream at the cap.
 */
export class ZipLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`压缩包中的 ${entry} 解压后超过 ${Math.round(limit / 1048576)} MB，不像正常的文档，已停止读取`);
  }
}

export class ZipFormatError extends Error {}

/** Opens a zip archive (reads its directory only; nothing is inflated). */
export async function openZip(bytes: Uint8Array): Promise<JSZip> {
  try {
    // CRCs are checked as each entry is inflated, where the byte count also is
    return await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    throw new ZipFormatError(`不是完好的 zip 压缩包：${(e as Error).message.split("\n")[0]}`);
  }
}

interface InflateStream {
  on(event: "data", fn: (chunk: Uint8Array) => void): InflateStream;
  on(event: "error", fn: (e: Error) => void): InflateStream;
  on(event: "end", fn: () => void): InflateStream;
  pause(): InflateStream;
  resume(): InflateStream;
}

/**
 * Streams one entry through the inflater, handing each chunk on, and stops the stream as soon as
 * the bytes produced pass `cap` (ZipLimitError naming `reported` as the limit). Resolves with the count.
 */
function pump(file: JSZip.JSZipObject, cap: number, reported: number, onChunk?: (chunk: Uint8Array) => void): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let total = 0;
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
    };
    // present at run time (jszip 3.x), missing from its type declarations
    const stream = (file as unknown as { internalStream(type: "uint8array"): InflateStream }).internalStream("uint8array");
    stream
      .on("data", (chunk: Uint8Array) => {
        if (done) return;
        total += chunk.length;
        if (total > cap) {
          stream.pause();
          finish(() => reject(new ZipLimitError(file.name, reported)));
          return;
        }
        onChunk?.(chunk);
      })
      .on("error", (e: Error) => finish(() => reject(new ZipFormatError(`压缩包中的 ${file.name} 无法解压：${e.message.split("\n")[0]}`))))
      .on("end", () => finish(() => resolve(total)))
      .resume();
  });
}

/** Inflates one entry, counting the bytes actually produced; rejects with ZipLimitError once they pass maxBytes. */
export async function inflateEntry(file: JSZip.JSZipObject, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const total = await pump(file, maxBytes, maxBytes, (c) => chunks.push(c));
  return Buffer.concat(chunks, total);
}

/** An entry's text (UTF-8), bounded as inflateEntry is. */
export async function inflateText(file: JSZip.JSZipObject, maxBytes: number): Promise<string> {
  return (await inflateEntry(file, maxBytes)).toString("utf8");
}

/**
 * Inflates every entry of an archive once, only to count: rejects when one entry passes
 * `maxEntryBytes` or all together pass `maxTotalBytes`. For archives handed on to a library that
 * inflates them itself (exceljs reading a template), so the library never meets a bomb.
 */
export async function assertInflatesWithin(zip: JSZip, maxEntryBytes: number, maxTotalBytes: number): Promise<void> {
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const left = maxTotalBytes - total;
    total += await pump(file, Math.min(maxEntryBytes, left), maxEntryBytes < left ? maxEntryBytes : maxTotalBytes);
  }
}
