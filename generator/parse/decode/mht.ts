import { charsetFromLabel } from "./html-charset";
import { UnreadableDocumentError } from "./types";

export interface MimePart {
  type: string;
  charset: string | null;
  body: Uint8Array;
}

function headersOf(block: string): Map<string, string> {
  const out = new Map<string, string>();
  // folded header lines continue with whitespace
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) out.set(line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim());
  }
  return out;
}

function quotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c & 0xff);
  }
  return Buffer.from(bytes);
}

/** The parts of a MIME multipart archive (an .mht page), each decoded from its transfer encoding. */
export function decodeMhtParts(bytes: Uint8Array): MimePart[] {
  // headers and the QP/base64 bodies are ASCII; latin1 keeps each byte as one character
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const headEnd = all.search(/\r?\n\r?\n/);
  if (headEnd < 0) throw new UnreadableDocumentError("MHT 文件的格式不完整（没有 MIME 头）");
  const top = headersOf(all.slice(0, headEnd));
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(top.get("content-type") ?? "")?.[1];
  const blocks = boundary ? all.split(`--${boundary}`).slice(1) : [all];
  const parts: MimePart[] = [];
  for (const block of blocks) {
    if (block.startsWith("--")) break;
    const m = /\r?\n\r?\n/.exec(block);
    if (!m) continue;
    const h = boundary ? headersOf(block.slice(0, m.index)) : top;
    const raw = block.slice(m.index + m[0].length);
    const type = h.get("content-type") ?? "text/plain";
    const enc = (h.get("content-transfer-encoding") ?? "").toLowerCase();
    const body = enc === "base64" ? Buffer.from(raw.replace(/[^A-Za-z0-9+/=]/g, ""), "base64") : enc === "quoted-printable" ? quotedPrintable(raw) : Buffer.from(raw, "latin1");
    parts.push({ type, charset: charsetFromLabel(/charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]), body });
  }
  return parts;
}
