#!/usr/bin/env node
/**
 * The one place that reads argv, prints progress and sets exit codes (DESIGN.md).
 * Each command lives in generator/cli/<name>.ts and is registered below.
 */
import { parseArgs } from "node:util";
import { CliError, type CliIO, type Command } from "./cli/command";
import { planbookVersion } from "./version";

/**
 * Commands load on first use, so `planbook parse` does not pay for exceljs, SQLite or the mailer.
 * To add a command: write generator/cli/<name>.ts exporting a Command, and add a line here.
 */
const commands: Record<string, () => Command> = {
  parse: () => (require("./cli/parse") as typeof import("./cli/parse")).parseCommand,
  generate: () => (require("./cli/generate") as typeof import("./cli/generate")).generateCommand,
  schedule: () => (require("./cli/schedule") as typeof import("./cli/schedule")).scheduleCommand,
  "run-job": () => (require("./cli/run-job") as typeof import("./cli/run-job")).runJobCommand,
  runs: () => (require("./cli/runs") as typeof import("./cli/runs")).runsCommand,
  ingest: () => (require("./cli/ingest") as typeof import("./cli/ingest")).ingestCommand,
  ls: () => (require("./cli/ls") as typeof import("./cli/ls")).lsCommand,
  search: () => (require("./cli/search") as typeof import("./cli/search")).searchCommand,
  show: () => (require("./cli/show") as typeof import("./cli/show")).showCommand,
  serve: () => (require("./cli/serve") as typeof import("./cli/serve")).serveCommand,
  start: () => (require("./cli/start") as typeof import("./cli/start")).startCommand,
  monitor: () => (require("./cli/monitor") as typeof import("./cli/monitor")).monitorCommand,
  actuals: () => (require("./cli/actuals") as typeof import("./cli/actuals")).actualsCommand,
};

function usage(): string {
  const lines = ["usage: planbook <command> [options]", "", "commands:"];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${load().summary}`);
  lines.push("", "planbook <command> --help shows a command's options.");
  return lines.join("\n");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    io.out(planbookVersion());
    return 0;
  }
  if (!Object.prototype.hasOwnProperty.call(commands, name)) throw new CliError(`unknown command "${name}" (try: ${Object.keys(commands).join(", ")})`, 2);
  const command = commands[name]();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${name}: ${(e as Error).message.split("\n")[0]}`, 2);
  }
  return command.run(parsed as Parameters<Command["run"]>[0], io);
}

if (require.main === module) {
  // a reader that stops early (| head, | grep -m1) closes the pipe: that ends the output, it is not an error
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIO = {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
    warn: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
    progress: (t) => {
      if (process.stderr.isTTY || process.env.PLANBOOK_PROGRESS === "1") process.stderr.write(t.endsWith("\n") ? t : t + "\n");
    },
    env: process.env,
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`planbook: ${message.split("\n")[0]}\n`);
      if (process.env.PLANBOOK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err instanceof CliError ? err.code : 1;
    },
  );
}
