import { extractMarked, type MarkedDocument } from "./doc-marks";
import { emitItems, parseBody } from "./doc-tables";
import type { Warning } from "../../model";
import { LineSink } from "./lines";
import { looksLikeMojibake } from "./mojibake";
import { rowLine, UnreadableDocumentError, type Decoded, type DocLine } from "./types";

/**
 * Word 97–2003 (.doc) through word-extractor, with the tables its text loses read from the
 * paragraph properties (doc-marks.ts): rows and cells as the file defines them, a cell merged
 * across placed by its boundaries, a cell merged down filled from above, a one-cell table as a
 * box and a table inside it as the box's rows. A file whose properties cannot be read falls back
 * to word-extractor's text, where a cell ends in a tab and a row in one more tab or a line break:
 * rows are rebuilt from that when every row has as many cells, else the table is read as text with
 * a warning. Text boxes come apart from the body, without their place: read after it, with a warning.
 */
export async function decodeDoc(bytes: Uint8Array): Promise<Decoded> {
  let read: MarkedDocument;
  try {
    read = await extractMarked(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new UnreadableDocumentError(`不是可读的 Word 97–2003 (.doc) 文档：${(e as Error).message.split("\n")[0]}`);
  }
  const warnings: Warning[] = [];
  const sink = new LineSink();
  let lines: DocLine[];
  if (read.marked) {
    emitItems(parseBody(read.body, read.rows), sink);
    lines = sink.lines;
  } else lines = docLines(read.body, warnings, sink);
  const textboxes = plainMarks(read.textboxes);
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

/** Table marks outside the body (text boxes) as the tabs and line breaks word-extractor would give. */
function plainMarks(text: string): string {
  return text.replace(/[\ue011-\ue01f\ue031-\ue03f\ue100-\uf8ff]/gu, "\t").replace(/[\ue021-\ue02f\ue041-\ue043\ue050]/gu, "\n");
}

/** The width (cells per row) that explains a table's tokens: every (N+1)th token is the empty row mark. */
function rowWidth(tokens: string[]): number | null {
  for (let n = 1; n <= 64 && n < tokens.length; n++) {
    if (tokens.length % (n + 1) !== 0) continue;
    let ok = true;
    for (let k = n; k < tokens.length && ok; k += n + 1) if (tokens[k] !== "") ok = false;
    if (ok) return n;
  }
  return null;
}

/**
 * A run of lines holding cell marks as rows. word-extractor writes a cell's end as a tab and a
 * row's end as one more tab or as a line break, and a paragraph inside a cell as a line break;
 * the reading whose every row has the same number of cells is taken. Null when none does.
 */
function tableRows(block: string[]): { rows: string[][]; after: string } | null {
  const joined = block.join("\u0000");
  const last = joined.lastIndexOf("\t");
  const after = joined.slice(last + 1).replace(/\u0000/g, "\n");
  const body = joined.slice(0, last + 1);
  for (const text of [body, body.replace(/\t\u0000/g, "\t\t") + (body.endsWith("\t") ? "\t" : "")]) {
    const tokens = text.split("\t");
    tokens.pop();
    const n = rowWidth(tokens);
    if (n === null) continue;
    const rows: string[][] = [];
    for (let k = 0; k + n < tokens.length; k += n + 1) rows.push(tokens.slice(k, k + n).map((c) => c.replace(/^\u0000+|\u0000+$/g, "").replace(/\u0000/g, n === 1 ? "\n" : "").trim()));
    return { rows, after };
  }
  return null;
}

function docLines(body: string, warnings: Warning[], sink: LineSink): DocLine[] {
  const out: DocLine[] = [];
  const raw = body.split("\n");
  for (let i = 0; i < raw.length; i++) {
    if (!raw[i].includes("\t")) {
      out.push({ text: raw[i] });
      continue;
    }
    // the table's lines: those with cell marks, and a cell's inner paragraphs between them
    let j = i + 1;
    while (j < raw.length && (raw[j].includes("\t") || (j + 1 < raw.length && raw[j + 1].includes("\t") && raw[j].length < 200))) j++;
    const block = raw.slice(i, j);
    const read = tableRows(block);
    if (!read) {
      warnings.push({ code: "doc-table", message: ".doc 表格无法还原为单元格（各行单元格数不一致），已按文字读取，请核对这张表", line: out.length + 1 });
      for (const l of block) out.push({ text: l.replace(/\t+$/, "") });
    } else if (read.rows.every((r) => r.length === 1)) {
      // a one-cell table: a drawn box's paragraphs
      const box = sink.newBox();
      out.push({ text: "" });
      for (const r of read.rows) for (const t of r[0].split("\n")) out.push({ text: t, box });
      out.push({ text: "", box });
    } else {
      const table = sink.newTable();
      out.push({ text: "" });
      for (const r of read.rows) if (r.some((c) => c)) out.push(rowLine(r, table));
      out.push({ text: "" });
    }
    if (read?.after) out.push({ text: read.after });
    i = j - 1;
  }
  return out;
}
