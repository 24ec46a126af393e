/**
 * A bench's server in a process of its own, so the load it is measured under does not share the
 * client's event loop: started with the first message it sends (its URLs), stopped by SIGTERM.
 */
import { fork, type ChildProcess } from "node:child_process";

/** Forks `file` with `args`; resolves with the child and the first message it sends, rejects if it exits first. */
export async function startServerChild<T>(file: string, args: string[]): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(file, args, { stdio: "inherit" });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once("message", (m) => resolve(m as T));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, ready };
}

/** Stops the child and waits for it to go: a child left running keeps `npm run bench` from ever exiting. */
export async function stopServerChild(child: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await gone;
}

/** In the child: on SIGTERM, close and exit once closed (or after 2 s); the IPC channel would keep the process alive otherwise. */
export function exitOnSigterm(close: () => Promise<unknown>): void {
  process.once("SIGTERM", () => {
    void Promise.race([close(), new Promise((resolve) => setTimeout(resolve, 2000))]).finally(() => process.exit(0));
  });
}
