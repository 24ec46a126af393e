/**
 * One run of one job: lock, select plans, render, publish atomically, prune old outputs, mail,
 * record. A run never throws for a failure of its own work: the failure is recorded, logged and
 * returned, so `schedule` keeps going and `run-job` can choose its exit code.
 */
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Library } from "../library";
import { renderToFile } from "../render";
import { hashWorkbookContent } from "./content-hash";
import type { JobSpec, JobsFile } from "./jobs";
import { acquireLock } from "./lock";
import { redact, resolveMailSettings, sendWithRetry, type Sleep } from "./mailer";
import { dateAndTimeIn, fillOutputPath, fillHtmlTemplate, fillTemplate, safeForFileName, type NameValues } from "./naming";
import { pruneOutputs } from "./retention";
import { RunStore, type EmailStatus, type RunRecord } from "./run-store";
import { monitoringForSelection } from "./monitoring";
import { selectPlans } from "./select";
import { stampScrubber } from "./stamp";

export type Trigger = "schedule" | "manual";

export interface RunContext {
  library: Library;
  jobsFile: JobsFile;
  env: Record<string, string | undefined>;
  trigger: Trigger;
  /** one line per event; the CLI decides where it goes */
  log: (line: string) => void;
  /** Planbook's version, written into the workbook by the renderer */
  version?: string;
  now?: () => Date;
  sleep?: Sleep;
  /** false renders and records but sends nothing (run-job --no-email) */
  sendEmail?: boolean;
}

export interface RunOutcome {
  record: RunRecord;
  warnings: string[];
}

/** Locks live beside the library: every process that records runs in it sees the same locks. */
export function lockPathFor(library: Library, job: string): string {
  const dir = library.path === ":memory:" ? join(tmpdir(), "planbook-locks") : `${library.path}.locks`;
  const digest = createHash("sha256").update(job).digest("hex").slice(0, 10);
  return join(dir, `${safeForFileName(job)}-${digest}.lock`);
}

export async function runJob(job: JobSpec, ctx: RunContext): Promise<RunOutcome> {
  const now = ctx.now ?? (() => new Date());
  const store = new RunStore(ctx.library.db);
  const startedAt = now();
  const lock = await acquireLock(lockPathFor(ctx.library, job.name), job.name);
  if (!lock.acquired) {
    const reason = `skipped: the previous run is still going (pid ${lock.heldBy.pid} on ${lock.heldBy.host}, since ${lock.heldBy.acquiredAt})`;
    ctx.log(`${job.name}: ${reason}`);
    const id = store.start(job.name, ctx.trigger, startedAt);
    store.finish(id, { status: "skipped", error: reason, finishedAt: now() });
    return { record: store.get(id)!, warnings: [] };
  }
  try {
    if (lock.tookOverFrom) {
      const who = `pid ${lock.tookOverFrom.pid} on ${lock.tookOverFrom.host}`;
      ctx.log(`${job.name}: took over a stale lock left by ${who}, which is no longer running`);
      store.markInterrupted(job.name, `interrupted: ${who} stopped before the run finished`);
    }
    const id = store.start(job.name, ctx.trigger, startedAt);
    const { warnings, finish } = await produce(job, ctx, store, id, startedAt);
    store.finish(id, { ...finish, finishedAt: now() });
    return { record: store.get(id)!, warnings };
  } finally {
    await lock.release();
  }
}

type Finish = Parameters<RunStore["finish"]>[1];

async function produce(job: JobSpec, ctx: RunContext, store: RunStore, runId: number, startedAt: Date): Promise<{ warnings: string[]; finish: Finish }> {
  const warnings: string[] = [];
  let output: string | null = null;
  let refs: string[] = [];
  let contentHash: string | null = null;
  try {
    const selection = await selectPlans(ctx.library, job.plans);
    refs = selection.refs;
    const values: NameValues = { region: selection.region, period: selection.period, job: job.name, ...dateAndTimeIn(job.timeZone, startedAt) };
    output = fillOutputPath(job.output, values);
    await mkdir(dirname(output), { recursive: true });
    // renderToFile publishes through util/atomic's withAtomicPath: readers and mail never see half a workbook
    const rendered = await renderToFile(selection.plans, {
      template: job.template,
      out: output,
      generatedAt: startedAt,
      version: ctx.version,
      // only a template that shows monitoring asks for it
      monitoring: () => monitoringForSelection(ctx.library, selection.plans),
    });
    warnings.push(...rendered.warnings);
    for (const w of rendered.warnings) ctx.log(`${job.name}: render: ${w}`);
    contentHash = await hashWorkbookContent(output, { stamp: stampScrubber(startedAt, job.timeZone) });
    ctx.log(`${job.name}: wrote ${output} (${selection.plans.length} plan${selection.plans.length === 1 ? "" : "s"})`);

    const removed = await pruneOutputs(store.previousOutputs(job.name, runId), output, job.keep);
    for (const path of removed) ctx.log(`${job.name}: removed old output ${path} (keep ${job.keep})`);

    const mail = await deliver(job, ctx, store, output, contentHash, values);
    return {
      warnings,
      finish: {
        status: mail.error ? "failed" : "ok",
        output,
        contentHash,
        plans: refs,
        emailStatus: mail.status,
        emailedTo: mail.emailedTo,
        error: mail.error,
      },
    };
  } catch (e) {
    const error = (e as Error).message.split("\n")[0];
    ctx.log(`${job.name}: failed: ${error}`);
    return { warnings, finish: { status: "failed", output, contentHash, plans: refs, emailStatus: null, error } };
  }
}

async function deliver(
  job: JobSpec,
  ctx: RunContext,
  store: RunStore,
  output: string,
  contentHash: string,
  values: NameValues,
): Promise<{ status: EmailStatus; emailedTo: string[]; error: string | null }> {
  const email = job.email;
  if (!email || ctx.sendEmail === false) return { status: "off", emailedTo: [], error: null };
  if (email.onlyIfChanged && store.lastEmailedHash(job.name) === contentHash) {
    ctx.log(`${job.name}: not mailed: the workbook is the same as the one last sent`);
    return { status: "unchanged", emailedTo: [], error: null };
  }
  let secrets: string[] = [];
  try {
    const settings = resolveMailSettings(ctx.jobsFile.smtp, ctx.env);
    secrets = settings.secrets;
    const delivery = await sendWithRetry(
      settings,
      {
        to: email.to,
        cc: email.cc,
        bcc: email.bcc,
        subject: fillTemplate(email.subject, values),
        body: email.bodyIsHtml ? fillHtmlTemplate(email.body, values) : fillTemplate(email.body, values),
        bodyIsHtml: email.bodyIsHtml,
        attachmentPath: output,
      },
      (attempt, waitMs, reason) => ctx.log(`${job.name}: send attempt ${attempt} failed (${reason}); retrying in ${Math.round(waitMs / 100) / 10} s`),
      ctx.sleep,
    );
    const refused = delivery.rejected.length ? `; refused: ${delivery.rejected.join(", ")}` : "";
    ctx.log(`${job.name}: mailed to ${delivery.accepted.join(", ")} via ${settings.shown}${refused}`);
    return {
      status: "sent",
      emailedTo: delivery.accepted,
      error: delivery.rejected.length ? `email: the server refused ${delivery.rejected.join(", ")}` : null,
    };
  } catch (e) {
    const error = `email: ${redact((e as Error).message.split("\n")[0], secrets)}`;
    ctx.log(`${job.name}: ${error} (the workbook is kept at ${output})`);
    return { status: "failed", emailedTo: [], error };
  }
}
