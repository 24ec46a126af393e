#!/usr/bin/env node
/**
 * The one place that reads argv, prints progress and sets exit codes (DESIGN.md).
 * Each command lives in generator/cli/<name>.ts and is registered below.
 */
import { parseArgs } from "node:util";
import { CliError, type CliIO, type Command } from "./cli/command";
import { parseCommand } from "./cli/parse";

const commands: Command[] = [parseCommand];

function usage(): string {
  const lines = ["usage: planbook <command> [options]", "", "commands:"];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
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
    io.out(require("../package.json").version);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`unknown command "${name}" (try: ${commands.map((c) => c.name).join(", ")})`, 2);
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
