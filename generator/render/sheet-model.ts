/**
 * The engine's own picture of a workbook: what the commands read from a template and what they hand
 * to a writer. Nothing here names exceljs — styles and sheet settings the engine does not need to
 * understand travel as opaque values — so a second workbook library is a new Transformer, not a
 * change to the commands (jxls calls this seam a Transformer).
 */
import type { RangeRef } from "./a1";
import type { SheetMaps } from "./references";

export type Formula = { formula: string };
/** values a cell can hold; rich text and hyperlinks travel as opaque objects */
export type CellValue = string | number | boolean | Date | null | Formula | { opaque: unknown };

export interface TemplateCell {
  col: number;
  value: CellValue;
  style: unknown;
  /** the text of the cell's note; `jx:` commands live here, as in jxls */
  note: string | null;
  /** the note as the backend read it (fonts, size), to write an ordinary note back as it was */
  noteSpec?: unknown;
}

export interface LineProps {
  height?: number;
  width?: number;
  hidden?: boolean;
  style?: unknown;
}

export interface ConditionalFormat {
  ranges: RangeRef[];
  /** rules as the backend holds them; `formulae` are re-targeted */
  rules: Array<{ formulae?: unknown[] } & Record<string, unknown>>;
}

export interface Validation {
  ranges: RangeRef[];
  rule: { formulae?: unknown[] } & Record<string, unknown>;
}

export interface TableDef {
  name: string;
  ref: RangeRef;
  /** the backend's full table description; columns are renamed from the rendered header row */
  spec: Record<string, unknown>;
}

export interface FrozenView {
  /** rows and columns frozen at the top / left (0 = none) */
  ySplit: number;
  xSplit: number;
  spec: Record<string, unknown>;
}

export interface TemplateSheet {
  name: string;
  rows: Map<number, TemplateCell[]>;
  rowProps: Map<number, LineProps>;
  colProps: Map<number, LineProps>;
  maxRow: number;
  maxCol: number;
  merges: RangeRef[];
  conditionalFormats: ConditionalFormat[];
  validations: Validation[];
  tables: TableDef[];
  printArea: RangeRef[];
  printTitleRows: [number, number] | null;
  printTitleCols: [number, number] | null;
  autoFilter: RangeRef | null;
  views: FrozenView[];
  /** page setup, header/footer, properties, protection: carried over untouched */
  passthrough: unknown;
}

export interface DefinedName {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

export interface TemplateBook {
  /** the template's file name, for error messages: plan-report.xlsx!主要指标!B5 */
  label: string;
  sheets: TemplateSheet[];
  definedNames: DefinedName[];
  /** what the backend could not carry over (charts, pivot tables …), one line each, naming the sheet */
  lost: string[];
  /** the backend's loaded workbook, handed back to the same backend's writer */
  handle: unknown;
}

export interface OutputCell {
  col: number;
  value: CellValue;
  style: unknown;
  /** a clerk's own note on the cell (never a command), as the backend read it */
  note?: unknown;
}

export interface OutputRow {
  row: number;
  props: LineProps | undefined;
  cells: OutputCell[];
}

/** The template's ranges and sheet settings, re-targeted onto the output's rows and columns: the same shape, moved. */
type MovedSettings = Pick<
  TemplateSheet,
  "merges" | "conditionalFormats" | "validations" | "tables" | "printArea" | "printTitleRows" | "printTitleCols" | "autoFilter" | "views"
>;

export interface OutputSheet extends MovedSettings {
  template: TemplateSheet;
  /** produced lazily so a streaming writer never holds the whole sheet */
  rows: () => Iterable<OutputRow>;
  cols: Array<{ col: number; props: LineProps }>;
}

export interface OutputBook {
  template: TemplateBook;
  sheets: OutputSheet[];
  definedNames: DefinedName[];
  /** where each sheet's template rows and columns went, for what a writer carries over itself (charts, drawings, pivots) */
  mapsOf(sheetName: string): SheetMaps | null;
}

export interface WriteOptions {
  /** stream rows to disk (bounded memory); the template must not need features the streaming writer lacks */
  streaming: boolean;
  generatedAt: Date;
  creator: string;
}

/** A workbook library behind the engine: reads templates into the engine's picture and writes its output. */
export interface Transformer {
  load(path: string): Promise<TemplateBook>;
  /** whether this book can be written by the streaming writer without losing anything */
  canStream(book: TemplateBook): boolean;
  /** resolves with warnings about what the writer could not keep (naming the sheet), if any */
  write(book: OutputBook, path: string, options: WriteOptions): Promise<string[] | void>;
}
