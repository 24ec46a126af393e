/**
 * Watches the streams a writer pushes its bytes through and turns their first error (ENOSPC, EIO, a
 * folder removed under it) into a rejection the writer cannot miss: checked after every row, raced
 * against the writer's own promises, and seen by the drain loop, which would otherwise wait on bytes
 * that can no longer go anywhere.
 */
import type { WriteStream } from "node:fs";

export class WriteGuard {
  failure: Error | null = null;
  private readonly failed: Promise<never>;
  private fail!: (e: Error) => void;

  constructor(private readonly file: WriteStream) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    // a rejection nobody raced yet must not be reported as unhandled; `race` and `check` report it
    this.failed.catch(() => undefined);
    this.watch(file);
  }

  /** Listens for errors on another stream of the same write (the zip archiver); without a listener its error would crash the process. */
  watch(emitter: NodeJS.EventEmitter): void {
    emitter.on("error", (e: Error) => {
      if (this.failure) return;
      this.failure = e;
      this.fail(e);
    });
  }

  get aborted(): boolean {
    return this.failure !== null;
  }

  check(): void {
    if (this.failure) throw this.failure;
  }

  /** The promise, or the write's first error if that comes first. */
  race<T>(p: Promise<T>): Promise<T> {
    p.catch(() => undefined);
    return Promise.race([p, this.failed]);
  }

  /** Resolves once the file is flushed and closed (a write error after the last byte still rejects). */
  closed(): Promise<void> {
    return this.race(
      new Promise<void>((resolve) => {
        if (this.file.closed) resolve();
        else this.file.once("close", () => resolve());
      }),
    ).then(() => this.check());
  }

  /** Waits for the file's descriptor to be released after a failure, so the caller can remove the file. */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      if (this.file.closed) resolve();
      else this.file.once("close", () => resolve());
    });
  }
}
