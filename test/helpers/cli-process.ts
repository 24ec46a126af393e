/** The built CLI (npm test builds it first) run as a real process: what a clerk's terminal sees. */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";

export const CLI = join(__dirname, "..", "..", "build", "generator", "cli.js");

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** run as the unprivileged user nobody (root ignores file permissions, so EACCES needs another user) */
  asNobody?: boolean;
  timeoutMs?: number;
}

export function runCli(args: string[], options: RunOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    env: { ...process.env, PLANBOOK_PROGRESS: "0", ...options.env },
    timeout: options.timeoutMs ?? 60_000,
    ...(options.asNobody && isRoot ? { uid: 65534, gid: 65534 } : {}),
  });
}

/** A long-running command (serve, start): resolves with its output once `ready` shows up, and a stop(). */
export function startCli(args: string[], ready: RegExp, options: RunOptions = {}): Promise<{ out: () => string; err: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no "${ready}" within ${options.timeoutMs ?? 30_000} ms; stdout: ${out}; stderr: ${err}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      if (!ready.test(out)) return;
      clearTimeout(timer);
      resolve({
        out: () => out,
        err: () => err,
        stop: async () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      check();
    });
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready.test(out)) reject(new Error(`exited ${code} before "${ready}"; stdout: ${out}; stderr: ${err}`));
    });
  });
}
