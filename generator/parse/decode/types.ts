import type { SourceInfo, Warning } from "../../model";

/** A document that cannot be read at all (empty, binary, a broken container): one readable line, in Chinese. */
export class UnreadableDocumentError extends Error {}

/**
 * One line of a decoded document, in reading order. Every decoder yields these and nothing
 * downstream learns which format they came from: a text file gives only `text`; a container
 * format adds what it knows for free.
 */
export interface DocLine {
  /** the line's text; for a table row, its cells joined by tabs (so text-only stages still see a table line) */
  text: string;
  /** a real table row: one string per grid column, rowspan/colspan already expanded */
  cells?: string[];
  /** which table (numbered from 0 in the document) the line belongs to: its rows and the captions printed inside its frame */
  table?: number;
  /** the line is inside drawn box N (a 专栏 printed as a one-cell table, a text box, a frame, a rectangle in a PDF) */
  box?: number;
  /** heading level given by the document's styles (Heading 1–3, 标题 1–3, <h1>–<h3>), not by wording */
  heading?: 1 | 2 | 3;
}

/** A decoder's answer: the lines, what the source was read as, and what it could not read (warnings, line = 1-based index into `lines`). */
export interface Decoded {
  lines: DocLine[];
  encoding: SourceInfo["encoding"];
  warnings: Warning[];
}

export interface Decoder {
  /** what SourceInfo.encoding says for this format (text decoders say their encoding instead) */
  name: string;
  decode(bytes: Uint8Array): Promise<Decoded>;
}

/** Builds lines from a list of plain strings (the text path). */
export function plainLines(texts: string[]): DocLine[] {
  const out: DocLine[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = { text: texts[i] };
  return out;
}

/** A table row as a line: its cells, and its text the cells joined by tabs. */
export function rowLine(cells: string[], table: number, box?: number): DocLine {
  const clean = cells.map((c) => c.replace(/[\t\r\n]+/g, " ").trim());
  const line: DocLine = { text: clean.join("\t"), cells: clean, table };
  if (box !== undefined) line.box = box;
  return line;
}
