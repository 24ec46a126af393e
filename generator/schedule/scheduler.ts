/**
 * The long-lived face of scheduling (`planbook schedule`): one croner timer per job, each tick a
 * full run on a freshly opened library (so edits by other processes are seen and no handle is
 * held between runs).
 */
import { Cron } from "croner";
import type { Library } from "../library";
import type { JobsFile } from "./jobs";
import { resolveMailSettings } from "./mailer";
import { runJob, type RunOutcome } from "./run";

export interface SchedulerOptions {
  openLibrary: () => Library;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  version?: string;
  /** told of every finished run (the CLI prints a line; tests wait on it) */
  onRun?: (outcome: RunOutcome) => void;
}

export interface Scheduler {
  /** each job with its next fire time */
  upcoming(): Array<{ job: string; next: Date | null; timeZone: string }>;
  /** stops the timers and waits for runs in progress to finish */
  stop(): Promise<void>;
}

export function startScheduler(jobsFile: JobsFile, options: SchedulerOptions): Scheduler {
  // A typo in the SMTP settings should stop the process now, not surface on the 25th.
  if (jobsFile.jobs.some((j) => j.email)) resolveMailSettings(jobsFile.smtp, options.env);
  const inFlight = new Set<Promise<void>>();
  const timers = jobsFile.jobs.map(
    (job) =>
      new Cron(
        job.schedule,
        {
          timezone: job.timeZone,
          // the lock file stops overlap between processes; this stops it inside ours without touching the disk
          protect: () => options.log(`${job.name}：已跳过：上一次运行还没有结束`),
        },
        async () => {
          const run = (async () => {
            let library: Library | null = null;
            try {
              library = options.openLibrary();
              const outcome = await runJob(job, { library, jobsFile, env: options.env, trigger: "schedule", log: options.log, version: options.version });
              options.onRun?.(outcome);
            } catch (e) {
              // a library that cannot be opened must not kill the timers of the other jobs
              options.log(`${job.name}：失败：${(e as Error).message.split("\n")[0]}`);
            } finally {
              library?.close();
            }
          })();
          inFlight.add(run);
          try {
            await run;
          } finally {
            inFlight.delete(run);
          }
        },
      ),
  );
  return {
    upcoming: () => jobsFile.jobs.map((job, i) => ({ job: job.name, next: timers[i].nextRun(), timeZone: job.timeZone })),
    async stop() {
      for (const timer of timers) timer.stop();
      await Promise.all([...inFlight]);
    },
  };
}
