import WordExtractor from "word-extractor";
import type { Warning } from "../../model";
import { LineSink } from "./lines";
import { looksLikeMojibake } from "./mojibake";
import { rowLine, UnreadableDocumentError, type Decoded, type DocLine } from "./types";

/**
 * Word 97–2003 (.doc) through word-extractor, which gives the body as text: a cell ends in a
 * tab, a row ends in a tab at the end of its line, a paragraph inside a cell is a line break.
 * Rows are rebuilt from that; what the text cannot say (which cells were merged, where a
 * one-cell box starts) is said in a warning, never guessed silently.
 */
export async function decodeDoc(bytes: Uint8Array): Promise<Decoded> {
  let body: string;
  let textboxes: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody({ filterUnicode: false });
    textboxes = doc.getTextboxes({ filterUnicode: false, includeHeadersAndFooters: false });
  } catch (e) {
    throw new UnreadableDocumentError(`不是可读的 Word 97–2003 (.doc) 文档：${(e as Error).message.split("\n")[0]}`);
  }
  const warnings: Warning[] = [];
  const sink = new LineSink();
  const lines = docLines(body, warnings, sink);
  if (textboxes.trim()) {
    // word-extractor gives text boxes apart from the body, without their anchors
    const box = sink.newBox();
    lines.push({ text: "" });
    const first = lines.length + 1;
    for (const t of textboxes.split("\n")) lines.push({ text: t.replace(/\t+$/, ""), box });
    warnings.push({ code: "doc-textbox", message: "文档里的文本框（可能是专栏）在 .doc 中找不到原来的位置，已放在正文之后读取", line: first });
  }
  if (!lines.some((l) => l.text.trim())) throw new UnreadableDocumentError("Word 文档里没有文字");
  if (looksLikeMojibake(lines.map((l) => l.text).join("\n"))) warnings.push({ code: "mojibake", message: "Word 文档解码后大多不是中文或英文文字（乱码），文件可能已损坏", line: null });
  return { lines, encoding: "doc", warnings };
}

function docLines(body: string, warnings: Warning[], sink: LineSink): DocLine[] {
  const out: DocLine[] = [];
  const raw = body.split("\n");
  let table = -1;
  let width = 0;
  let uneven: number | null = null;
  let pending: string[] = [];
  const closeTable = () => {
    if (uneven !== null) warnings.push({ code: "doc-table", message: ".doc 表格各行的单元格数不一致（可能有合并单元格），列可能对不齐，请核对这张表", line: uneven });
    if (table >= 0) out.push({ text: "" });
    table = -1;
    uneven = null;
  };
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (!line.endsWith("\t")) {
      // a line with a cell mark but no row end is a cell whose text goes on in the next line
      if (line.includes("\t") && raw.slice(i + 1, i + 4).some((l) => l.endsWith("\t"))) {
        pending.push(line);
        continue;
      }
      for (const p of pending) out.push({ text: p.replace(/\t/g, " ") });
      pending = [];
      if (table >= 0) closeTable();
      out.push({ text: line });
      continue;
    }
    const rowText = [...pending, line].join("\u0000");
    pending = [];
    const cells = rowText.slice(0, -1).split("\t").map((c) => c.replace(/\u0000/g, "").trim());
    if (cells.length === 1) {
      // a one-cell table: a drawn box's paragraph, read as text
      if (table >= 0) closeTable();
      out.push({ text: cells[0] });
      continue;
    }
    if (table < 0) {
      table = sink.newTable();
      width = cells.length;
      out.push({ text: "" });
    } else if (cells.length !== width && uneven === null) uneven = out.length + 1;
    out.push(rowLine(cells, table));
  }
  for (const p of pending) out.push({ text: p });
  if (table >= 0) closeTable();
  return out;
}
