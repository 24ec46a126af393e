import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import type { SourceInfo } from "../model";

export class UnreadableDocumentError extends Error {}

export interface Decoded {
  text: string;
  encoding: SourceInfo["encoding"];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Share of characters that are control characters other than tab/newline/CR: a binary file has many. */
function controlShare(text: string): number {
  let bad = 0;
  const n = Math.min(text.length, 16384);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n === 0 ? 0 : bad / n;
}

/**
 * bytes → text. The encoding is detected from the bytes: a BOM first, then whether the bytes are
 * valid UTF-8, then UTF-16 without BOM by the pattern of zero bytes, and GB18030 otherwise
 * (GB18030 decodes every byte sequence, so it is only accepted when it yields few control characters).
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new UnreadableDocumentError("the file is empty");
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  // UTF-16 without a BOM shows zero bytes at alternate positions; text in any other encoding has none
  if (buf.subarray(0, 65536).indexOf(0) >= 0) {
    const zeroEven = countZeros(buf, 0);
    const zeroOdd = countZeros(buf, 1);
    const half = Math.min(buf.length, 65536) / 2;
    if (zeroOdd > half * 0.3 && zeroEven < half * 0.05) return checked(iconv.decode(buf, "utf-16le"), "utf-16le");
    if (zeroEven > half * 0.3 && zeroOdd < half * 0.05) return checked(iconv.decode(buf, "utf-16be"), "utf-16be");
  }
  try {
    return checked(utf8.decode(buf), "utf-8");
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw e;
  }
  return checked(iconv.decode(buf, "gb18030"), "gb18030");
}

function countZeros(buf: Buffer, parity: number): number {
  let n = 0;
  const end = Math.min(buf.length, 65536);
  for (let i = parity; i < end; i += 2) if (buf[i] === 0) n++;
  return n;
}

function checked(text: string, encoding: Decoded["encoding"]): Decoded {
  if (controlShare(text) > 0.02) throw new UnreadableDocumentError("the file is binary, not a text document");
  if (text.trim() === "") throw new UnreadableDocumentError("the file holds no text");
  return { text, encoding };
}

export function sourceInfo(path: string, bytes: Uint8Array, encoding: SourceInfo["encoding"]): SourceInfo {
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), encoding, bytes: bytes.byteLength };
}
