import type { ParseArgsConfig } from "node:util";

/** What a command may do to the terminal: only the CLI layer touches process streams. */
export interface CliIO {
  /** the command's result (JSON, tables) on stdout */
  out(text: string): void;
  /** warnings and notices on stderr */
  warn(text: string): void;
  /** progress on stderr, for people watching long work; silent when stderr is not a terminal unless forced */
  progress(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * Registers a synchronous clean-up for when the process has to stop before the command is done
   * (a write that never completes, Ctrl-C): a job run closes its record and releases its lock.
   * Returns the function that unregisters it. Absent when nothing can interrupt (tests).
   */
  onAbandon?(cleanup: () => void): () => void;
}

/** A command that cannot do its job throws this; the CLI prints its message as the one line and exits with `code`. */
export class CliError extends Error {
  constructor(message: string, readonly code = 1) {
    super(message);
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** resolves to the exit code */
  run(args: { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] }, io: CliIO): Promise<number>;
}
