import { resolve } from "node:path";
import { openLibrary, resolveLibraryPath } from "../library";
import { errorLine } from "./errors";
import { oneLine } from "./terminal";
import { JobsFileError, loadJobsFile, MailConfigError, startScheduler, type JobsFile } from "../schedule";
import { dateAndTimeIn } from "../schedule/naming";
import { planbookVersion } from "../version";
import { CliError, type CliIO, type Command } from "./command";

export const DEFAULT_JOBS_FILE = "reports.yml";

/** Shared by schedule and run-job: a jobs file problem is one line naming the job and the key. */
export function loadJobsForCli(path: string | undefined, io: CliIO, command: string): JobsFile {
  try {
    return loadJobsFile(resolve(io.cwd, path ?? DEFAULT_JOBS_FILE));
  } catch (e) {
    if (e instanceof JobsFileError) throw new CliError(`${command}：${oneLine(e.message)}`, 2);
    throw e;
  }
}

export function libraryPathForCli(flag: unknown, io: CliIO): string {
  return resolveLibraryPath(typeof flag === "string" ? flag : undefined, io.env, io.cwd);
}

/** Log lines of a long-lived process carry their time, since they end up in a journal or a file. */
export function stampedLine(line: string, at = new Date()): string {
  return `${localTime(at)} ${line}`;
}

/** The server's wall-clock time, "2025-01-25 08:00:00": what a clerk reading the log expects. */
export function localTime(at: Date): string {
  return new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 19).replace("T", " ");
}

function zonedTime(at: Date, timeZone: string): string {
  const { date, time } = dateAndTimeIn(timeZone, at);
  return `${date} ${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)} ${timeZone}`;
}

export const scheduleCommand: Command = {
  name: "schedule",
  summary: "按任务文件（reports.yml）中的 cron 时间表运行任务，直到停止",
  usage: [
    "用法：planbook schedule [JOBS_FILE] [--library PATH]",
    "",
    "  JOBS_FILE       任务文件（默认当前文件夹中的 reports.yml）",
    "  --library PATH  规划库（默认 $PLANBOOK_LIBRARY 或 .planbook/library.db）",
    "",
    "一直运行到被中断（Ctrl-C、SIGTERM）；正在进行的运行会先完成。",
    "每次运行都输出一行日志，并记录在规划库中（planbook runs）。",
    "邮件服务器：PLANBOOK_SMTP_URL（smtps://用户名:密码@服务器:465）或任务文件的 smtp: 部分。",
  ].join("\n"),
  options: { library: { type: "string", short: "l" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new CliError("schedule：只能给一个任务文件", 2);
    const jobsFile = loadJobsForCli(positionals[0], io, "schedule");
    const libraryPath = libraryPathForCli(values.library, io);
    // open once now so a missing or newer-format library fails at start, not at the first tick
    try {
      openLibrary(libraryPath).close();
    } catch (e) {
      throw new CliError(`schedule：${errorLine(e, `打开规划库 ${libraryPath} `)}`);
    }
    const log = (line: string) => io.out(stampedLine(line));
    let scheduler;
    try {
      scheduler = startScheduler(jobsFile, { openLibrary: () => openLibrary(libraryPath), env: io.env, log, version: planbookVersion() });
    } catch (e) {
      if (e instanceof MailConfigError) throw new CliError(`schedule：${e.message}`, 2);
      throw e;
    }
    // shown on the job's own clock: "08:00 Asia/Shanghai" is what the jobs file says, whatever the server's zone
    for (const { job, next, timeZone } of scheduler.upcoming()) log(`${job}：下次运行 ${next ? zonedTime(next, timeZone) : "（不再运行）"}`);
    log(`已按 ${jobsFile.path} 安排 ${jobsFile.jobs.length} 个任务，规划库 ${libraryPath}；按 Ctrl-C 停止`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    log("正在停止：等待进行中的运行完成");
    await scheduler.stop();
    log("已停止");
    return 0;
  },
};
