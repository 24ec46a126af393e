import { createHash } from "node:crypto";
import type { SourceInfo } from "../model";
import { decodeDoc } from "./decode/doc";
import { decodeDocx } from "./decode/docx";
import { decodeHtml, decodeMht } from "./decode/html";
import { decodePdf } from "./decode/pdf";
import { sniffFormat, type Format } from "./decode/sniff";
import { decodeTextDocument } from "./decode/text";
import type { Decoded } from "./decode/types";

export { UnreadableDocumentError, type DocLine, type Decoded } from "./decode/types";
export { decodeText, splitLines, type DecodedText } from "./decode/text";
export { sniffFormat, type Format } from "./decode/sniff";

/** One decoder per format; each in its own file, each yielding lines (and real table rows) in reading order. */
export const DECODERS: Record<Format, (bytes: Uint8Array) => Promise<Decoded>> = {
  text: decodeTextDocument,
  docx: decodeDocx,
  doc: decodeDoc,
  html: decodeHtml,
  mht: decodeMht,
  pdf: decodePdf,
};

/** bytes → lines, by the decoder the bytes call for. */
export function decodeDocument(bytes: Uint8Array, path = ""): Promise<Decoded> {
  return DECODERS[sniffFormat(bytes, path)](bytes);
}

export function sourceInfo(path: string, bytes: Uint8Array, encoding: SourceInfo["encoding"]): SourceInfo {
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), encoding, bytes: bytes.byteLength };
}
