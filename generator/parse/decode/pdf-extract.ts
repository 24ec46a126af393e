import { Worker } from "node:worker_threads";
import { PDF_WORKER_SOURCE } from "./pdf-worker-source";
import { UnreadableDocumentError } from "./types";

/** One text item: [string, x, baseline y, width, font size, font name], in PDF page space (y up). */
export type PdfItem = [string, number, number, number, number, string];
/** A ruling line [x1, y1, x2, y2] in page space. */
export type PdfRule = [number, number, number, number];

export interface PdfPage {
  width: number;
  height: number;
  x0: number;
  y0: number;
  items: PdfItem[];
  rules: PdfRule[];
}

export interface PdfExtract {
  pages: PdfPage[];
  numPages: number;
}

/** A planning document is a few hundred pages; more is read up to this many, with a warning. */
export const MAX_PAGES = 2000;
const TIMEOUT_MS = 120_000;
const HEAP_MB = 1024;
/** a worker's young generation is small by default: pdf.js allocates freely, and collecting it half the time doubles the cost */
const YOUNG_MB = 128;

/**
 * One worker thread, started on first use and kept for the next PDF (loading pdf.js costs more
 * than reading a short document), unref'd so it never keeps the process alive. A PDF that makes
 * it fail, run past the timeout or out of its heap costs only that worker: it is terminated and
 * the next PDF gets a new one.
 */
let worker: Worker | null = null;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function start(): Worker {
  const w = new Worker(PDF_WORKER_SOURCE, { eval: true, workerData: { pdfjsPath: require.resolve("pdfjs-dist/legacy/build/pdf.mjs"), pdfjsWorkerPath: require.resolve("pdfjs-dist/legacy/build/pdf.worker.mjs") }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: YOUNG_MB } });
  w.unref();
  return w;
}

/** What is done with each page as it arrives (in page order), while the worker reads the next. */
export type OnPage = (page: PdfPage, index: number) => void;

function run(data: Uint8Array, onPage?: OnPage): Promise<PdfExtract> {
  return new Promise<PdfExtract>((resolve, reject) => {
    const pages: PdfPage[] = [];
    const w = (worker ??= start());
    const id = nextId++;
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
      fn();
    };
    const kill = () => {
      if (worker === w) worker = null;
      void w.terminate();
    };
    const timer = setTimeout(() => done(() => (kill(), reject(new UnreadableDocumentError("PDF 读取超时（文件可能已损坏或结构异常）")))), TIMEOUT_MS);
    timer.unref();
    const onMessage = (msg: { id: number; error?: string; name?: string; index?: number; page?: PdfPage; done?: boolean; numPages?: number }) => {
      if (msg.id !== id) return;
      if (msg.error !== undefined) return done(() => reject(new UnreadableDocumentError(pdfError(msg.name, msg.error!))));
      if (msg.page && msg.index === pages.length) {
        pages.push(msg.page);
        try {
          onPage?.(msg.page, msg.index);
        } catch (e) {
          done(() => (kill(), reject(e)));
        }
        return;
      }
      if (msg.done) done(() => resolve({ pages, numPages: msg.numPages ?? pages.length }));
    };
    const onError = (e: Error) => done(() => (kill(), reject(new UnreadableDocumentError(`PDF 无法读取：${/heap|memory/i.test(e.message) ? "读取时内存超限" : e.message.split("\n")[0]}`))));
    const onExit = () => done(() => ((worker = worker === w ? null : worker), reject(new UnreadableDocumentError("PDF 无法读取：读取进程意外退出"))));
    w.on("message", onMessage);
    w.on("error", onError);
    w.on("exit", onExit);
    // the worker keeps the event loop alive only while it works
    w.ref();
    const copy = new Uint8Array(data);
    w.postMessage({ id, data: copy, maxPages: MAX_PAGES }, [copy.buffer]);
  }).finally(() => worker?.unref());
}

function pdfError(name: string | undefined, message: string): string {
  if (name === "PasswordException" || /password/i.test(message)) return "PDF 有密码保护，无法读取；请提供未加密的文件";
  if (name === "InvalidPDFException" || /Invalid PDF|structure/i.test(message)) return `不是完好的 PDF 文件：${message}`;
  return `PDF 无法读取：${message}`;
}

/** Text items and ruling lines of every page, one PDF at a time through the worker; `onPage` sees each page as it is read. */
export function extractPdf(data: Uint8Array, onPage?: OnPage): Promise<PdfExtract> {
  const next = queue.then(
    () => run(data, onPage),
    () => run(data, onPage),
  );
  queue = next.catch(() => undefined);
  return next;
}

/** Stops the worker (tests and the CLI end without waiting for it; this is for an orderly close). */
export async function closePdfWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
