/** The engine's output → an .xlsx through exceljs: in memory (tables need it) or streamed (bounded memory). */
import type { OutputBook, WriteOptions } from "../sheet-model";
import { writeInMemory } from "./write-memory";
import { writeStreaming } from "./write-stream";

/** Rejects when the file cannot be written (a full disk, a vanished folder): never resolves over a file that is not all there. */
export async function writeWorkbook(book: OutputBook, path: string, options: WriteOptions): Promise<void> {
  if (options.streaming) await writeStreaming(book, path, options);
  else await writeInMemory(book, path, options);
}
