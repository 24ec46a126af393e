import iconv from "iconv-lite";
import type { SourceInfo, Warning } from "../../model";
import { looksLikeMojibake } from "./mojibake";
import { plainLines, UnreadableDocumentError, type Decoded } from "./types";

export interface DecodedText {
  text: string;
  encoding: SourceInfo["encoding"];
  warnings: Warning[];
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const utf8Lenient = new TextDecoder("utf-8", { fatal: false });

/** Share of characters that are control characters other than tab/newline/CR/FF: a binary file has many. */
function controlShare(text: string): number {
  let bad = 0;
  const n = Math.min(text.length, 16384);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n === 0 ? 0 : bad / n;
}

function countZeros(buf: Buffer, parity: number): number {
  let n = 0;
  const end = Math.min(buf.length, 65536);
  for (let i = parity; i < end; i += 2) if (buf[i] === 0) n++;
  return n;
}

/**
 * How well UTF-8 explains the bytes: the multi-byte sequences that are valid, and the bytes that
 * are not part of any valid sequence. GB18030 text is almost never valid UTF-8 beyond a few
 * characters; UTF-8 with a stray byte is valid everywhere but there.
 */
function utf8Fit(buf: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) if ((buf[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Lines (1-based) holding a replacement character, for a warning that names them. */
function badLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 0xfffd && lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, 10).join("、");
  return lines.length > 10 ? `${shown} 等 ${lines.length} 行` : shown;
}

/**
 * bytes → text in the encoding that explains them best: a BOM first, UTF-16 without BOM by the
 * pattern of zero bytes, then UTF-8 when its sequences explain the bytes (a few bad bytes become
 * U+FFFD and a warning naming their lines), GB18030 otherwise. Whatever was chosen, a binary
 * file is refused (a BOM does not vouch for what follows it), and text that reads as mojibake
 * gets the `mojibake` warning.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new UnreadableDocumentError("文件是空的");
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return fromUtf8(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return checked(iconv.decode(buf.subarray(2), "utf-16le"), "utf-16le", []);
  if (buf[0] === 0xfe && buf[1] === 0xff) return checked(iconv.decode(buf.subarray(2), "utf-16be"), "utf-16be", []);
  // UTF-16 without a BOM shows zero bytes at alternate positions; text in any other encoding has none
  if (buf.subarray(0, 65536).indexOf(0) >= 0) {
    const zeroEven = countZeros(buf, 0);
    const zeroOdd = countZeros(buf, 1);
    const half = Math.min(buf.length, 65536) / 2;
    if (zeroOdd > half * 0.3 && zeroEven < half * 0.05) return checked(iconv.decode(buf, "utf-16le"), "utf-16le", []);
    if (zeroEven > half * 0.3 && zeroOdd < half * 0.05) return checked(iconv.decode(buf, "utf-16be"), "utf-16be", []);
  }
  try {
    return checked(utf8Strict.decode(buf), "utf-8", []);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw e;
  }
  const fit = utf8Fit(buf);
  // UTF-8 with a few bad bytes: keep it UTF-8 and say where (never re-read it as GB18030 mojibake)
  if (fit.valid >= 8 && fit.invalid * 20 <= fit.valid) return fromUtf8(buf);
  return checked(iconv.decode(buf, "gb18030"), "gb18030", []);
}

function fromUtf8(buf: Buffer): DecodedText {
  const text = utf8Lenient.decode(buf);
  const warnings: Warning[] = [];
  const bad = badLines(text);
  if (bad.length) warnings.push({ code: "encoding", message: `文件按 UTF-8 读取，但第 ${listLines(bad)} 行有无法解码的字节（已显示为 �），请核对这些行`, line: bad[0] });
  return checked(text, "utf-8", warnings, bad.length > 0);
}

function checked(text: string, encoding: SourceInfo["encoding"], warnings: Warning[], replacementsExplained = false): DecodedText {
  const share = replacementsExplained ? controlShare(text.replace(/\uFFFD/g, "")) : controlShare(text);
  if (share > 0.02) throw new UnreadableDocumentError("文件是二进制数据，不是文本文档");
  if (text.trim() === "") throw new UnreadableDocumentError("文件里没有文字");
  if (looksLikeMojibake(text)) warnings.push({ code: "mojibake", message: `文件按 ${encoding} 解码后大多不是中文或英文文字（乱码），编码可能识别错误或文件已损坏`, line: null });
  return { text, encoding, warnings };
}

/** Splits text into lines as the pipeline numbers them: \r\n, \r and \n each end a line. */
export function splitLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
}

/** The text decoder: lines are the file's lines, numbered as an editor numbers them. */
export async function decodeTextDocument(bytes: Uint8Array): Promise<Decoded> {
  const { text, encoding, warnings } = decodeText(bytes);
  return { lines: plainLines(splitLines(text)), encoding, warnings };
}
