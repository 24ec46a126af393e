import { watch, type FSWatcher } from "chokidar";
import { isDocument, type IngestResult, type Library } from "../library";

export type WatchEvent =
  | { type: "ingested"; result: IngestResult }
  | { type: "ingest-failed"; path: string; message: string }
  | { type: "watching"; dir: string };


export interface FolderWatcher {
  /** resolves when every document seen so far has been ingested */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Ingests every document in `dir` (existing ones first) and each one added or changed later.
 * Ingests run one at a time: the library's writes are serial anyway, and a burst of saves of the
 * same file collapses into one pending ingest.
 */
export async function watchFolder(dir: string, library: Library, report: (e: WatchEvent) => void): Promise<FolderWatcher> {
  const pending = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  const enqueue = (path: string) => {
    if (!isDocument(path) || pending.has(path) || closed) return;
    pending.add(path);
    chain = chain.then(async () => {
      pending.delete(path);
      if (closed) return;
      try {
        report({ type: "ingested", result: await library.ingestFile(path) });
      } catch (e) {
        report({ type: "ingest-failed", path, message: (e as Error).message.split("\n")[0] });
      }
    });
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: false,
    // a document being copied in is read once it has stopped growing
    awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 },
    ignored: (path, stats) => Boolean(stats?.isFile() && !isDocument(path)),
  });
  watcher.on("add", enqueue);
  watcher.on("change", enqueue);
  watcher.on("error", (e) => report({ type: "ingest-failed", path: dir, message: (e as Error).message }));
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
      await chain;
    },
  };
}
