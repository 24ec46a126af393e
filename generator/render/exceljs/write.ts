/** The engine's output → an .xlsx through exceljs: in memory (tables need it) or streamed (bounded memory). */
import { planCarry } from "../ooxml/carry";
import type { OutputBook, WriteOptions } from "../sheet-model";
import type { ExceljsHandle } from "./load";
import { writeInMemory } from "./write-memory";
import { writeStreaming } from "./write-stream";

/** Rejects when the file cannot be written (a full disk, a vanished folder): never resolves over a file that is not all there. */
export async function writeWorkbook(book: OutputBook, path: string, options: WriteOptions): Promise<string[]> {
  // what exceljs drops (drawings, charts, pivots) comes from the template's own package, moved with the rows
  const carry = planCarry((book.template.handle as ExceljsHandle).package, (name) => book.mapsOf(name));
  if (options.streaming) await writeStreaming(book, path, options, carry);
  else await writeInMemory(book, path, options, carry);
  return carry.warnings;
}
