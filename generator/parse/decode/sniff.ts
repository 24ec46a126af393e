import { extname } from "node:path";

export type Format = "text" | "docx" | "doc" | "html" | "mht" | "pdf";

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);

/** The first bytes as lower-case ASCII, after a UTF-8 BOM and leading whitespace. */
function head(bytes: Uint8Array, n = 2048): string {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.max(0, Math.min(n, bytes.length - i))).toString("latin1").toLowerCase();
}

/**
 * Which decoder reads the bytes, by what they are, not by what the file is called: `%PDF`, an
 * OLE2 compound file (Word 97–2003), a zip (Office Open XML), a MIME archive (.mht), markup that
 * opens as HTML; everything else is text. The extension only breaks a tie: a file named .html
 * that starts with a tag is HTML even without <html>.
 */
export function sniffFormat(bytes: Uint8Array, path = ""): Format {
  if (bytes.length >= 4 && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "docx";
  if (bytes.length >= 8 && startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  const h = head(bytes);
  // PDF readers accept junk before the header within the first kilobyte
  if (h.startsWith("%pdf-") || Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.length)).includes("%PDF-")) return "pdf";
  if (/^(?:mime-version:|content-type:\s*multipart\/related)/.test(h) || (/^(?:from|date|subject|message-id):/.test(h) && /content-type:\s*multipart\/related/.test(h))) return "mht";
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/.test(h)) return "html";
  const ext = extname(path).toLowerCase();
  if ((ext === ".html" || ext === ".htm" || ext === ".xhtml") && h.startsWith("<")) return "html";
  if ((ext === ".mht" || ext === ".mhtml") && /content-type:/.test(h)) return "mht";
  return "text";
}
