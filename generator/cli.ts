#!/usr/bin/env node
/**
 * The one place that reads argv, prints progress and sets exit codes (DESIGN.md).
 * Each command lives in generator/cli/<name>.ts and is registered below.
 */
import { parseArgs } from "node:util";
import { CliError, type CliIO, type Command } from "./cli/command";
import { terminalSafe } from "./cli/terminal";
import { removeLiveTempFilesSync } from "./util/atomic";
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
  const lines = ["用法：planbook <命令> [选项]", "", "命令："];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${load().summary}`);
  lines.push("", "planbook <命令> --help 列出该命令的选项。");
  return lines.join("\n");
}

/** node:util's parseArgs complaints, in the clerk's language, with the command's help named. */
function argumentError(command: string, e: Error): CliError {
  const message = e.message.split("\n")[0];
  const code = (e as NodeJS.ErrnoException).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  const help = `（planbook ${command} --help 列出可用选项）`;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return new CliError(`${command}：没有选项 ${option ?? message}${help}`, 2);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return /argument missing/.test(message) ? new CliError(`${command}：选项 ${option ?? ""} 需要一个值${help}`, 2) : new CliError(`${command}：选项 ${option ?? ""} 不接受值${help}`, 2);
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return new CliError(`${command}：多余的参数${help}`, 2);
  return new CliError(`${command}：${message}${help}`, 2);
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
  if (!Object.prototype.hasOwnProperty.call(commands, name)) throw new CliError(`没有命令 "${name}"（可用：${Object.keys(commands).join("、")}；planbook --help 查看说明）`, 2);
  const command = commands[name]();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw argumentError(name, e as Error);
  }
  return command.run(parsed as Parameters<Command["run"]>[0], io);
}

/** What the process runs: streams, signals and exit codes live here and nowhere else. */
function runFromProcess(): void {
  // a reader that stops early (| head, | grep -m1) closes the pipe: that ends the output, it is not an error
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const line = (t: string) => {
    const safe = terminalSafe(t);
    return safe.endsWith("\n") ? safe : safe + "\n";
  };
  const abandonHooks = new Set<() => void>();
  const abandon = () => {
    for (const hook of abandonHooks) {
      try {
        hook();
      } catch {
        // the way out must not fail
      }
    }
    abandonHooks.clear();
    removeLiveTempFilesSync();
  };
  const io: CliIO = {
    out: (t) => process.stdout.write(line(t)),
    warn: (t) => process.stderr.write(line(t)),
    progress: (t) => {
      if (process.stderr.isTTY || process.env.PLANBOOK_PROGRESS === "1") process.stderr.write(line(t));
    },
    env: process.env,
    cwd: process.cwd(),
    onAbandon: (hook) => {
      abandonHooks.add(hook);
      return () => abandonHooks.delete(hook);
    },
  };
  let settled = false;
  // The event loop ran dry while the command still waited: some write or read will never finish
  // (a writer that swallowed its error on a full disk). Node would exit 0 having done nothing.
  process.on("beforeExit", () => {
    if (settled) return;
    settled = true;
    abandon();
    process.stderr.write("planbook：命令没有完成就停止了（有一个写入或读取没有结束，常见原因是磁盘已满）；已有的文件未被改动，请检查磁盘空间后重试\n");
    process.exitCode = 1;
  });
  process.on("exit", () => {
    if (!settled) abandon();
  });
  main(process.argv.slice(2), io).then(
    (code) => {
      settled = true;
      process.exitCode = code;
    },
    (err: unknown) => {
      settled = true;
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(line(`planbook：${message.split("\n")[0]}`));
      if (process.env.PLANBOOK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err instanceof CliError ? err.code : 1;
    },
  );
}

if (require.main === module) runFromProcess();
