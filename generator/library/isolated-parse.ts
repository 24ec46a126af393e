/**
 * Parsing away from the caller's thread. A hostile document (a zip that inflates without end, a
 * text that makes a stage slow) can only exhaust the worker thread parsing it: the thread has its
 * own heap limit, a deadline, and a watch on the process's memory for what lives outside the heap
 * (inflated buffers). When one of them trips, the thread is terminated, that one document fails
 * with a reason, and the next document gets a fresh thread. The service answers requests
 * meanwhile, because its own thread never parses.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Plan } from "../model";
import { UnreadableDocumentError } from "../parse";
import type { ParseReply, ParseRequest } from "./parse-worker";

export interface IsolatedParserOptions {
  /** the worker's heap (V8 old generation), and also how far the process may grow while it parses; default 1024 MB */
  memoryMb?: number;
  /** how long one document may take: CPU time of the parsing thread on Linux (wall time elsewhere, and 3× it on the clock as a backstop); default 60 s */
  timeoutMs?: number;
  /** JavaScript run in the worker instead of the parser: posts { ready: true } once loaded, then answers ParseRequests (tests: a parser that never ends, or grows without end) */
  workerSource?: string;
}

export const PARSE_MEMORY_MB_DEFAULT = 1024;
export const PARSE_TIMEOUT_MS_DEFAULT = 60_000;

/** Parsing stopped because it passed its allowance: the document, not the service, is at fault. */
export class ParseLimitError extends UnreadableDocumentError {
  constructor(
    readonly limit: "out-of-memory" | "timeout",
    message: string,
  ) {
    super(message);
  }
}

/** The parser itself failed (a fault of ours, not of the document): kept apart from unreadable files. */
export class ParseFailedError extends Error {}

/** The parser was stopped (the service is shutting down): says nothing about the document, so it is not recorded as a failure. */
export class ParseAbortedError extends Error {}

interface Pending {
  request: ParseRequest;
  resolve(plan: Plan): void;
  reject(e: Error): void;
}

function workerScript(): { script: string; eval: boolean } {
  const compiled = join(__dirname, "parse-worker.js");
  if (existsSync(compiled)) return { script: compiled, eval: false };
  // running from the TypeScript sources (tests): compile each module as it is required
  const source = join(__dirname, "parse-worker.ts");
  const typescript = require.resolve("typescript", { paths: [__dirname] });
  const hook = `
    const ts = require(${JSON.stringify(typescript)});
    const fs = require("fs");
    require.extensions[".ts"] = (module, file) => {
      const out = ts.transpileModule(fs.readFileSync(file, "utf8"), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } });
      module._compile(out.outputText, file);
    };
    require(${JSON.stringify(source)});`;
  return { script: hook, eval: true };
}

const RSS_POLL_MS = 100;
/** with CPU time measured, how much longer than its allowance a parse may take on the clock */
const WALL_BACKSTOP = 3;

/** CPU time (user + system) a thread of this process has used, in ms; null where it cannot be read. */
function threadCpuMs(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 14 and 15 of the line (utime, stime), in clock ticks of 1/100 s on Linux
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export class IsolatedParser {
  private worker: { thread: Worker; ready: Promise<number | undefined> } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private nextId = 1;
  private closed = false;
  readonly memoryMb: number;
  readonly timeoutMs: number;
  private readonly workerSource: string | undefined;

  constructor(options: IsolatedParserOptions = {}) {
    this.memoryMb = options.memoryMb ?? PARSE_MEMORY_MB_DEFAULT;
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS_DEFAULT;
    this.workerSource = options.workerSource;
  }

  /** bytes → Plan, in the worker; one document at a time, in the order asked. */
  parse = (bytes: Uint8Array, path: string): Promise<Plan> => {
    const run = this.queue.then(() => this.runOne({ id: this.nextId++, bytes, path }));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  private spawn(): { thread: Worker; ready: Promise<number | undefined> } {
    const { script, eval: isEval } = this.workerSource ? { script: this.workerSource, eval: true } : workerScript();
    const thread = new Worker(script, {
      eval: isEval,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
      // the parser writes nothing to the terminal; a stray console call must not reach the CLI's stdout
      stdout: true,
      stderr: true,
    });
    thread.stdout.resume();
    thread.stderr.resume();
    // loading the parser's modules is not the document's time: wait for the worker to say it is ready
    const ready = new Promise<number | undefined>((resolve, reject) => {
      const onMessage = (m: ParseReply) => {
        if (!("ready" in m)) return;
        thread.off("message", onMessage);
        thread.off("error", onFail);
        thread.off("exit", onFail);
        resolve(m.tid);
      };
      const onFail = (e: unknown) => {
        thread.off("message", onMessage);
        reject(e instanceof Error ? new ParseFailedError(`解析线程无法启动：${e.message.split("\n")[0]}`) : new ParseFailedError(`解析线程无法启动（代码 ${String(e)}）`));
      };
      thread.on("message", onMessage);
      thread.once("error", onFail);
      thread.once("exit", onFail);
    });
    ready.catch(() => undefined);
    return { thread, ready };
  }

  private async runOne(request: ParseRequest): Promise<Plan> {
    if (this.closed) throw new ParseAbortedError("解析已停止（正在关闭）");
    const spawned = (this.worker ??= this.spawn());
    spawned.thread.ref();
    let tid: number | undefined;
    try {
      tid = await spawned.ready;
    } catch (e) {
      if (this.worker === spawned) this.worker = null;
      void spawned.thread.terminate();
      throw this.closed ? new ParseAbortedError("解析已停止（正在关闭）") : e;
    }
    const worker = spawned.thread;
    // the allowance is the parser's own CPU time where it can be read (Linux), so a busy machine
    // does not fail a document it would have read; the wall clock is only a backstop then
    const startCpu = tid === undefined ? null : threadCpuMs(tid);
    const wallMs = startCpu === null ? this.timeoutMs : WALL_BACKSTOP * this.timeoutMs;
    const timedOut = () => new ParseLimitError("timeout", `解析超过 ${+(this.timeoutMs / 1000).toFixed(1)} 秒仍未完成，已停止`);
    return new Promise<Plan>((resolve, reject) => {
      const startRss = process.memoryUsage.rss();
      let settled = false;
      const finish = (outcome: () => void, discardWorker: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearInterval(watch);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (discardWorker) {
          if (this.worker === spawned) this.worker = null;
          void worker.terminate();
        } else worker.unref();
        outcome();
      };
      const onMessage = (reply: ParseReply) => {
        if ("ready" in reply || reply.id !== request.id) return;
        if ("plan" in reply) finish(() => resolve(reply.plan), false);
        else finish(() => reject(reply.error.unreadable ? new UnreadableDocumentError(reply.error.message) : new ParseFailedError(reply.error.message)), false);
      };
      const onError = (e: Error & { code?: string }) => {
        if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
          finish(() => reject(new ParseLimitError("out-of-memory", `解析时用尽了内存上限（${this.memoryMb} MB），已停止：文件可能被构造成解压或解析时无限膨胀`)), true);
        } else finish(() => reject(new ParseFailedError(`解析线程出错：${e.message.split("\n")[0]}`)), true);
      };
      const onExit = (code: number) =>
        finish(() => reject(this.closed ? new ParseAbortedError("解析已停止（正在关闭）") : new ParseFailedError(`解析线程意外退出（代码 ${code}）`)), true);
      const deadline = setTimeout(() => finish(() => reject(timedOut()), true), wallMs);
      // buffers a decoder inflates live outside the worker's heap limit: watch the whole process
      const watch = setInterval(() => {
        if (startCpu !== null && tid !== undefined) {
          const used = threadCpuMs(tid);
          if (used !== null && used - startCpu > this.timeoutMs) {
            finish(() => reject(timedOut()), true);
            return;
          }
        }
        if (process.memoryUsage.rss() - startRss > 2 * this.memoryMb * 1048576) {
          finish(() => reject(new ParseLimitError("out-of-memory", `解析时内存增长超过上限（${2 * this.memoryMb} MB），已停止：文件可能被构造成解压时无限膨胀`)), true);
        }
      }, RSS_POLL_MS);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage(request);
    });
  }

  /** Stops the worker; a parse in progress fails. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.thread.terminate();
  }
}
