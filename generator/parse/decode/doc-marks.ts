/**
 * The table structure of a Word 97–2003 file, which word-extractor's text does not keep (its
 * cells end in tabs like any tab, its rows in a tab or a line break, a nested table's cells in
 * line breaks). The paragraph properties (the PAPX runs in the FKP pages) say, for every paragraph
 * mark, whether it is inside a table and how deep, whether it ends a cell or a row, and, at a row's
 * end, the row's cell boundaries and which cells are merged with the cell above (the TAP). This
 * reads them and writes a mark in place of each table paragraph's mark in word-extractor's piece
 * table — the same length, so its own text extraction is untouched — so the body text comes back
 * with its tables spelled out:
 *   CELL_END(d)   a cell at depth d ends          PARA(d)   a paragraph inside a cell at depth d ends
 *   ROW_END(k)    a row ends; rows[k] is its TAP  ROW_DEPTH(d)  a row at depth d ends (no TAP kept)
 * Everything here is bounded by the bytes of the file: a malformed run is skipped, never trusted.
 */
import WordOleExtractor from "word-extractor/lib/word-ole-extractor";

export const CELL_END = 0xe010;
export const PARA = 0xe020;
export const ROW_DEPTH = 0xe030;
/** the end of a paragraph styled heading 1–3 (built-in heading styles, or named Heading N / 标题 N) */
export const HEADING = 0xe040;
/** a line break inside a paragraph (Shift+Enter), which word-extractor gives as a paragraph's end */
export const LINE = 0xe050;
export const ROW_END = 0xe100;
const MAX_ROWS = 0xf8ff - ROW_END;

/** One row's properties: its cell boundaries (twips, left to right: cells + 1) and each cell's vertical merge. */
export interface RowProps {
  depth: number;
  bounds: number[];
  /** per cell: "restart" opens a merged run, "continue" is merged with the cell above */
  vmerge: Array<"restart" | "continue" | null>;
  /** per cell: merged into the cell on its left (the old horizontal-merge flag) */
  hmerged: boolean[];
}

interface Piece {
  startFilePos: number;
  size: number;
  bpc: number;
  text: string;
}

/** The size of a sprm's operand at `at` (after its 2-byte code), or -1 when it cannot be known. */
function operandSize(buf: Buffer, sprm: number, at: number): number {
  const spra = sprm >> 13;
  if (spra === 0 || spra === 1) return 1;
  if (spra === 2 || spra === 4 || spra === 5) return 2;
  if (spra === 3) return 4;
  if (spra === 7) return 3;
  if (at >= buf.length) return -1;
  // sprmTDefTable and sprmTDefTable10 count their operand in two bytes (the count includes one of them)
  if (sprm === 0xd608 || sprm === 0xd606) return at + 1 < buf.length ? 2 + buf.readUInt16LE(at) - 1 : -1;
  // sprmPChgTabs with a 255 size byte has a layout of its own: stop reading this run
  if (sprm === 0xc615 && buf[at] === 255) return -1;
  return 1 + buf[at];
}

interface ParaProps {
  inTable: boolean;
  ttp: boolean;
  depth: number;
  innerCell: boolean;
  innerTtp: boolean;
  row: Omit<RowProps, "depth"> | null;
}

function readTDefTable(buf: Buffer, at: number): Omit<RowProps, "depth"> | null {
  if (at + 3 > buf.length) return null;
  const cb = buf.readUInt16LE(at);
  const end = Math.min(buf.length, at + 2 + cb - 1);
  const n = buf[at + 2];
  if (n < 1 || at + 3 + (n + 1) * 2 > end) return null;
  const bounds: number[] = [];
  for (let k = 0; k <= n; k++) bounds.push(buf.readInt16LE(at + 3 + k * 2));
  const vmerge: RowProps["vmerge"] = [];
  const hmerged: boolean[] = [];
  const tcs = at + 3 + (n + 1) * 2;
  for (let k = 0; k < n; k++) {
    const o = tcs + k * 20;
    const grf = o + 2 <= end ? buf.readUInt16LE(o) : 0;
    const horz = grf & 0x3;
    const vert = (grf >> 5) & 0x3;
    hmerged.push(horz === 2 || horz === 3);
    vmerge.push(vert === 3 ? "restart" : vert === 1 ? "continue" : null);
  }
  return { bounds, vmerge, hmerged };
}

/**
 * A paragraph's table properties from its grpprl (after the 2-byte istd when `istd`). A property
 * list too long for its FKP page (a row of many cells) is kept in the Data stream, pointed to by
 * sprmPHugePapx: read from there.
 */
function readProps(grpprl: Buffer, data: Buffer | null, istd = true, p: ParaProps = { inTable: false, ttp: false, depth: 0, innerCell: false, innerTtp: false, row: null }): ParaProps {
  const vert: Array<[number, number]> = [];
  let at = istd ? 2 : 0;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    const size = operandSize(grpprl, sprm, at);
    if (size < 0 || at + size > grpprl.length) break;
    const op = grpprl[at];
    if (sprm === 0x2416) p.inTable = op !== 0;
    else if (sprm === 0x2417) p.ttp = op !== 0;
    else if (sprm === 0x6649) p.depth = grpprl.readInt32LE(at);
    else if (sprm === 0x244b) p.innerCell = op !== 0;
    else if (sprm === 0x244c) p.innerTtp = op !== 0;
    else if (sprm === 0xd608) p.row = readTDefTable(grpprl, at);
    else if (sprm === 0x6646 && data && istd) {
      const off = grpprl.readUInt32LE(at);
      if (off + 2 <= data.length) {
        const cb = data.readUInt16LE(off);
        readProps(data.subarray(off + 2, Math.min(data.length, off + 2 + cb)), null, false, p);
      }
    }
    // sprmTVertMerge: cb, cell index, 0 none / 1 merged with above / 3 first of a merged run
    else if (sprm === 0xd62b && size >= 3) vert.push([grpprl[at + 1], grpprl[at + 2]]);
    at += size;
  }
  if (p.row) for (const [itc, v] of vert) if (itc < p.row.vmerge.length) p.row.vmerge[itc] = v === 3 ? "restart" : v === 1 ? "continue" : null;
  if (p.inTable && p.depth < 1) p.depth = 1;
  return p;
}

/** Heading level (1–3) of each style, by its index: built-in headings (sti 1–3) or styles named Heading N / 标题 N. */
function headingStyles(word: Buffer, table: Buffer): Map<number, 1 | 2 | 3> {
  const out = new Map<number, 1 | 2 | 3>();
  if (word.length < 0xaa) return out;
  const fc = word.readUInt32LE(0x00a2);
  const lcb = word.readUInt32LE(0x00a6);
  if (lcb < 6 || fc + lcb > table.length) return out;
  const stsh = table.subarray(fc, fc + lcb);
  const cbStshi = stsh.readUInt16LE(0);
  if (2 + cbStshi > stsh.length || cbStshi < 4) return out;
  const cstd = stsh.readUInt16LE(2);
  const cbBase = stsh.readUInt16LE(4);
  let at = 2 + cbStshi;
  for (let istd = 0; istd < cstd && at + 2 <= stsh.length; istd++) {
    const cb = stsh.readUInt16LE(at);
    const std = stsh.subarray(at + 2, Math.min(stsh.length, at + 2 + cb));
    at += 2 + cb;
    if (cb < 2) continue;
    const sti = std.readUInt16LE(0) & 0x0fff;
    let name = "";
    if (cbBase + 2 <= std.length) {
      const cch = std.readUInt16LE(cbBase);
      if (cbBase + 2 + cch * 2 <= std.length) name = std.toString("utf16le", cbBase + 2, cbBase + 2 + cch * 2);
    }
    const named = /^(?:heading|标题)\s*([1-3])$/iu.exec(name.trim());
    const level = sti >= 1 && sti <= 3 ? sti : named ? Number(named[1]) : 0;
    if (level) out.set(istd, level as 1 | 2 | 3);
  }
  return out;
}

/**
 * The piece table's text, writable character by character (a paragraph mark overwritten in place:
 * the same length, so word-extractor's positions hold), found by file position in O(log pieces).
 */
class PieceText {
  private readonly order: Piece[];
  private readonly chars = new Map<Piece, string[]>();

  constructor(pieces: Piece[]) {
    this.order = [...pieces].sort((a, b) => a.startFilePos - b.startFilePos);
  }

  private find(pos: number): Piece | null {
    let lo = 0;
    let hi = this.order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.order[mid];
      if (pos < p.startFilePos) hi = mid - 1;
      else if (pos >= p.startFilePos + p.size) lo = mid + 1;
      else return p;
    }
    return null;
  }

  /** the position of the last character before `end` (a paragraph's mark) */
  lastBefore(end: number): number {
    const p = this.find(end - 1);
    return p && p.bpc === 2 ? end - 2 : end - 1;
  }

  /** Writes `ch` over the character at file position `pos` when it is what `expect` says a mark there is. */
  mark(pos: number, ch: string, expect: RegExp): void {
    const piece = this.find(pos);
    if (!piece) return;
    const i = Math.floor((pos - piece.startFilePos) / piece.bpc);
    let chars = this.chars.get(piece);
    if (!chars) this.chars.set(piece, (chars = piece.text.split("")));
    if (i < 0 || i >= chars.length || !expect.test(chars[i])) return;
    chars[i] = ch;
  }

  /** the marks written back into the pieces */
  commit(): void {
    for (const [piece, chars] of this.chars) piece.text = chars.join("");
  }
}

/** Reads every paragraph's table properties and writes the marks; returns the rows' properties by mark index. */
function markTables(pieces: Piece[], word: Buffer, table: Buffer, data: Buffer | null): RowProps[] {
  const rows: RowProps[] = [];
  if (word.length < 0x10a) return rows;
  const fc = word.readUInt32LE(0x0102);
  const lcb = word.readUInt32LE(0x0106);
  if (lcb < 12 || fc + lcb > table.length) return rows;
  const plc = table.subarray(fc, fc + lcb);
  const count = Math.floor((lcb - 4) / 8);
  const headings = headingStyles(word, table);
  // manual line breaks: word-extractor makes them paragraph ends; they are not
  for (const piece of pieces) if (piece.text.includes("\x0b")) piece.text = piece.text.replace(/\x0b/g, String.fromCharCode(LINE));
  const text = new PieceText(pieces);
  // paragraph marks in file order; the same page may be listed twice in a damaged file
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const pn = plc.readUInt32LE((count + 1) * 4 + i * 4) & 0x3fffff;
    if (seen.has(pn) || (pn + 1) * 512 > word.length) continue;
    seen.add(pn);
    const fkp = word.subarray(pn * 512, pn * 512 + 512);
    const crun = fkp[511];
    if ((crun + 1) * 4 + crun * 13 > 511) continue;
    for (let j = 0; j < crun; j++) {
      const end = fkp.readUInt32LE((j + 1) * 4);
      const bx = fkp[(crun + 1) * 4 + j * 13] * 2;
      if (bx === 0 || bx >= 511) continue;
      const cb = fkp[bx];
      const grpprl = cb !== 0 ? fkp.subarray(bx + 1, Math.min(511, bx + 2 * cb)) : fkp.subarray(bx + 2, Math.min(511, bx + 2 + 2 * fkp[bx + 1]));
      if (grpprl.length < 2) continue;
      const p = readProps(grpprl, data);
      if (!p.inTable && p.depth < 1) {
        const level = headings.get(grpprl.readUInt16LE(0));
        if (level) text.mark(text.lastBefore(end), String.fromCharCode(HEADING + level), /\r/);
        continue;
      }
      const depth = Math.min(15, Math.max(1, p.depth));
      const at = text.lastBefore(end);
      const rowEnd = depth === 1 ? p.ttp : p.innerTtp;
      if (rowEnd) {
        const k = rows.length;
        if (p.row && k < MAX_ROWS) rows.push({ depth, ...p.row });
        text.mark(at, String.fromCharCode(p.row && k < MAX_ROWS ? ROW_END + k : ROW_DEPTH + depth), /[\x07\r\n]/);
      } else if (depth === 1 || p.innerCell) text.mark(at, String.fromCharCode(CELL_END + depth), depth === 1 ? /\x07/ : /[\x07\r]/);
      else text.mark(at, String.fromCharCode(PARA + depth), /\r/);
      // a depth-1 paragraph ending in \r (not \x07) is inside a cell: the cell-end mark above did not match it
      if (depth === 1 && !rowEnd) text.mark(at, String.fromCharCode(PARA + 1), /\r/);
    }
  }
  text.commit();
  return rows;
}


/** word-extractor's reader with the table marks written into its pieces; `rows` holds the rows' properties. */
class MarkingExtractor extends WordOleExtractor {
  rows: RowProps[] = [];
  failed = false;
  private data: Buffer | null = null;

  /** the Data stream first (long property lists live there), then word-extractor's own reading */
  extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown> {
    // a file without a Data stream (nothing long to keep) throws here: no Data, not an error
    return new Promise<unknown>((resolve) => resolve(this.documentStream(document, "Data")))
      .then((stream) => (stream ? this.streamBuffer(stream) : null))
      .then(
        (data) => (this.data = data),
        () => (this.data = null),
      )
      .then(() => super.extractWordDocument(document, buffer));
  }

  writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void {
    super.writeParagraphProperties(buffer, tableBuffer);
    try {
      this.rows = markTables(this._pieces as Piece[], buffer, tableBuffer, this.data);
    } catch {
      // a damaged property page: the text is still read, as word-extractor reads it
      this.failed = true;
      this.rows = [];
    }
  }
}

export interface MarkedDocument {
  body: string;
  textboxes: string;
  rows: RowProps[];
  /** whether the table marks could be read (else the body holds word-extractor's plain tabs) */
  marked: boolean;
}

/** A .doc's body and text boxes, with its tables marked. */
export async function extractMarked(bytes: Buffer): Promise<MarkedDocument> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BufferReader = require("word-extractor/lib/buffer-reader") as new (b: Buffer) => { open(): Promise<void>; close(): Promise<void> };
  const reader = new BufferReader(bytes);
  await reader.open();
  const extractor = new MarkingExtractor();
  try {
    const doc = await extractor.extract(reader);
    return { body: doc.getBody({ filterUnicode: false }), textboxes: doc.getTextboxes({ filterUnicode: false, includeHeadersAndFooters: false }), rows: extractor.rows, marked: !extractor.failed };
  } finally {
    await reader.close();
  }
}
