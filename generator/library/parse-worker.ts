/**
 * The thread that parses documents for an IsolatedParser (isolated-parse.ts). It holds nothing
 * but the parser: when a document exhausts its memory or time, the whole thread is thrown away
 * and the process that started it goes on.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { parseDocument } from "../parse";

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  path: string;
}

export type ParseReply =
  /** sent once, when the parser's modules are loaded: a document's time allowance starts then; tid (Linux) lets its CPU time be read */
  | { ready: true; tid?: number }
  | { id: number; plan: import("../model").Plan }
  | { id: number; error: { message: string; unreadable: boolean } };

/** Errors that mean "this file cannot be read", as opposed to a fault of ours; told apart by name so the thread need not import every decoder. */
const UNREADABLE = new Set(["UnreadableDocumentError", "ZipLimitError", "ZipFormatError", "RangeError"]);

/** This thread's id in the kernel (Linux), for the parent to read its CPU time in /proc. */
function threadId(): number | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
}

const port = parentPort;
if (port) {
  // On Linux a thread's nice value is its own: parsing yields the CPU to the thread that answers
  // requests. (Elsewhere the call would lower the whole process, so it is left alone.)
  if (process.platform === "linux") {
    try {
      setPriority(5);
    } catch {
      // not permitted: parse at the same priority
    }
  }
  port.on("message", (request: ParseRequest) => {
    parseDocument(request.bytes, request.path).then(
      (plan) => port.postMessage({ id: request.id, plan } satisfies ParseReply),
      (e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        const name = error.constructor?.name ?? error.name;
        port.postMessage({ id: request.id, error: { message: error.message.split("\n")[0], unreadable: UNREADABLE.has(name) } } satisfies ParseReply);
      },
    );
  });
  port.postMessage({ ready: true, tid: threadId() } satisfies ParseReply);
}
