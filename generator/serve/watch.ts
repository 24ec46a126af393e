import { watch, type FSWatcher } from "chokidar";
import { IngestRefusedError, IsolatedParser, ParseAbortedError, isDocument, type FailureCode, type IngestResult, type IsolatedParserOptions, type Library } from "../library";

export type WatchEvent =
  | { type: "ingested"; result: IngestResult }
  /** repeated: the same bytes failed before and were not tried again (a restart on the same folder) */
  | { type: "ingest-failed"; path: string; message: string; code: FailureCode; repeated: boolean }
  | { type: "watch-error"; path: string; message: string }
  | { type: "watching"; dir: string };

export interface FolderWatcher {
  /** resolves when every document seen so far has been ingested */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** the allowance of the worker that parses (memory, time) */
  parse?: IsolatedParserOptions;
}

/**
 * Ingests every document in `dir` (existing ones first) and each one added or changed later.
 * Documents are parsed in a worker thread (IsolatedParser), so the service keeps answering while
 * a large file is read, and a file that exhausts the parser's memory or time fails alone: it is
 * recorded with its reason (library.failures(), /api/failures, planbook ls) and skipped on the
 * next start until its bytes change. Ingests run one at a time: the library's writes are serial
 * anyway, and a burst of saves of the same file collapses into one pending ingest.
 */
export async function watchFolder(dir: string, library: Library, report: (e: WatchEvent) => void, options: WatchOptions = {}): Promise<FolderWatcher> {
  const pending = new Set<string>();
  const parser = new IsolatedParser(options.parse);
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const enqueue = (path: string) => {
    if (!isDocument(path) || pending.has(path) || closed) return;
    pending.add(path);
    chain = chain.then(async () => {
      pending.delete(path);
      if (closed) return;
      try {
        report({ type: "ingested", result: await library.ingestFile(path, { parse: parser.parse, skipKnownFailures: true }) });
      } catch (e) {
        // stopped by close(): says nothing about the file
        if (e instanceof ParseAbortedError) return;
        const refused = e instanceof IngestRefusedError ? e : null;
        report({
          type: "ingest-failed",
          path,
          message: (e as Error).message.split("\n")[0],
          code: refused?.code ?? "failed",
          repeated: refused?.repeated ?? false,
        });
      }
    });
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: false,
    // a document being copied in is read once it has stopped growing
    awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 100 },
    ignored: (path, stats) => Boolean(stats?.isFile() && !isDocument(path)),
  });
  watcher.on("add", enqueue);
  watcher.on("change", enqueue);
  watcher.on("error", (e) => report({ type: "watch-error", path: dir, message: (e as Error).message.split("\n")[0] }));
  await new Promise<void>((resolve) => watcher.once("ready", resolve));
  report({ type: "watching", dir });

  return {
    idle: async () => {
      // the chain can grow while we wait on it
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    close: async () => {
      closed = true;
      await watcher.close();
      await parser.close();
      await chain;
    },
  };
}
