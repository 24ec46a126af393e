/** The part of word-extractor 1.0.4's API the .doc decoder uses (the package ships no types). */
declare module "word-extractor" {
  interface TextOptions {
    filterUnicode?: boolean;
    includeHeadersAndFooters?: boolean;
    includeBody?: boolean;
  }
  export class Document {
    getBody(options?: TextOptions): string;
    getTextboxes(options?: TextOptions): string;
    getHeaders(options?: TextOptions): string;
    getFootnotes(options?: TextOptions): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<Document>;
  }
}

/** word-extractor's own reader of OLE Word files (internal to 1.0.4, pinned): the .doc decoder extends it to keep table marks. */
declare module "word-extractor/lib/word-ole-extractor" {
  import type { Document } from "word-extractor";
  export default class WordOleExtractor {
    _pieces: unknown[];
    extract(reader: unknown): Promise<Document>;
    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown>;
    documentStream(document: unknown, name: string): Promise<unknown>;
    streamBuffer(stream: unknown): Promise<Buffer>;
  }
}
