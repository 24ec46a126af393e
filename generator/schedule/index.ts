/** Scheduled reports: jobs file, runs, locks, mail. See docs/schedule.md. */
export { loadJobsFile, parseJobsFile, JobsFileError, DEFAULT_TIME_ZONE } from "./jobs";
export type { JobsFile, JobSpec, EmailSpec, PlanSelector, SmtpSpec } from "./jobs";
export { runJob, lockPathFor } from "./run";
export type { RunContext, RunOutcome, Trigger } from "./run";
export { startScheduler } from "./scheduler";
export type { Scheduler, SchedulerOptions } from "./scheduler";
export { RunStore, migrateRunStore } from "./run-store";
export type { RunRecord, RunStatus, EmailStatus } from "./run-store";
export { MailConfigError, resolveMailSettings, redact, redactUrl } from "./mailer";
export { acquireLock, isProcessAlive } from "./lock";
export { hashWorkbookContent } from "./content-hash";
