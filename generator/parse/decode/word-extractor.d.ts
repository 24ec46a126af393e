/** The part of word-extractor 1.0.4's API the .doc decoder uses (the package ships no types). */
declare module "word-extractor" {
  interface TextOptions {
    filterUnicode?: boolean;
    includeHeadersAndFooters?: boolean;
    includeBody?: boolean;
  }
  class Document {
    getBody(options?: TextOptions): string;
    getTextboxes(options?: TextOptions): string;
    getHeaders(options?: TextOptions): string;
    getFootnotes(options?: TextOptions): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<Document>;
  }
}
