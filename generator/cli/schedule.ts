import { resolve } from "node:path";
import { openLibrary, resolveLibraryPath } from "../library";
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
    if (e instanceof JobsFileError) throw new CliError(`${command}: ${e.message}`, 2);
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
  summary: "run the jobs of a jobs file (reports.yml) on their cron schedules until stopped",
  usage: [
    "usage: planbook schedule [JOBS_FILE] [--library PATH]",
    "",
    "  JOBS_FILE       the jobs file (default: reports.yml in the current directory)",
    "  --library PATH  the plan library (default: $PLANBOOK_LIBRARY or .planbook/library.db)",
    "",
    "Runs until interrupted (Ctrl-C, SIGTERM); a run in progress is finished first.",
    "Each run is logged on stdout and recorded in the library (planbook runs).",
    "SMTP: PLANBOOK_SMTP_URL (smtps://user:pass@host:465) or the jobs file's smtp: section.",
  ].join("\n"),
  options: { library: { type: "string", short: "l" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new CliError("schedule: give one jobs file", 2);
    const jobsFile = loadJobsForCli(positionals[0], io, "schedule");
    const libraryPath = libraryPathForCli(values.library, io);
    // open once now so a missing or newer-format library fails at start, not at the first tick
    openLibrary(libraryPath).close();
    const log = (line: string) => io.out(stampedLine(line));
    let scheduler;
    try {
      scheduler = startScheduler(jobsFile, { openLibrary: () => openLibrary(libraryPath), env: io.env, log, version: planbookVersion() });
    } catch (e) {
      if (e instanceof MailConfigError) throw new CliError(`schedule: ${e.message}`, 2);
      throw e;
    }
    // shown on the job's own clock: "08:00 Asia/Shanghai" is what the jobs file says, whatever the server's zone
    for (const { job, next, timeZone } of scheduler.upcoming()) log(`${job}: next run ${next ? zonedTime(next, timeZone) : "never"}`);
    log(`scheduling ${jobsFile.jobs.length} job${jobsFile.jobs.length === 1 ? "" : "s"} from ${jobsFile.path} into ${libraryPath}; Ctrl-C stops`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        done();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    log("stopping: waiting for runs in progress");
    await scheduler.stop();
    log("stopped");
    return 0;
  },
};
