import iconv from "iconv-lite";
import { decodeText } from "./text";
import type { Warning } from "../../model";

/** Labels pages declare, as iconv names; GBK and GB2312 pages are read as GB18030, their superset. */
function normalise(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (/^(gbk|gb2312|gb_2312-80|gb18030|x-gbk|euc-cn|cp936|windows-936|csgb2312|chinese|iso-ir-58)$/.test(l)) return "gb18030";
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(l)) return "utf-8";
  if (/^(big5|big5-hkscs|x-x-big5|cn-big5|csbig5)$/.test(l)) return "big5";
  if (/^utf-?16(le)?$/.test(l)) return "utf-16le";
  if (/^utf-?16be$/.test(l)) return "utf-16be";
  return iconv.encodingExists(l) ? l : null;
}

/** The charset a page declares in its first bytes: <meta charset>, <meta http-equiv content="…; charset=…">, or an XML declaration. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8192)).toString("latin1");
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i.exec(head) ??
    /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']/i.exec(head);
  return m ? normalise(m[1]) : null;
}

export function charsetFromLabel(label: string | null | undefined): string | null {
  return label ? normalise(label) : null;
}

/**
 * A page's bytes as text: a BOM wins, then the charset the transport (an MHT part) or the page
 * declares, else the encoding that explains the bytes best (the text decoder's rule).
 */
export function decodePageText(bytes: Uint8Array, hint: string | null = null): { text: string; warnings: Warning[] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hasBom = (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) || (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  const declared = hasBom ? null : (hint ?? declaredCharset(bytes));
  if (declared && declared !== "utf-8") return { text: iconv.decode(buf, declared), warnings: [] };
  // UTF-8 declared or nothing declared: the text decoder tells UTF-8 (with a few bad bytes) from GB18030
  const { text, warnings } = decodeText(bytes);
  return { text, warnings: warnings.filter((w) => w.code !== "mojibake") };
}
