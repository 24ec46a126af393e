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
  /**
   * Registers a synchronous clean-up for a process that has to stop mid-run (the CLI's
   * onAbandon): the run's record is closed as failed and its lock released. Returns the unregister.
   */
  onAbandon?: (cleanup: () => void) => () => void;
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
    const reason = `已跳过：上一次运行还没有结束（${lock.heldBy.host} 上的进程 pid ${lock.heldBy.pid}，开始于 ${lock.heldBy.acquiredAt}）`;
    ctx.log(`${job.name}：${reason}`);
    const id = store.start(job.name, ctx.trigger, startedAt);
    store.finish(id, { status: "skipped", error: reason, finishedAt: now() });
    return { record: store.get(id)!, warnings: [] };
  }
  let unregister: (() => void) | undefined;
  try {
    if (lock.tookOverFrom) {
      const who = `${lock.tookOverFrom.host} 上的进程 pid ${lock.tookOverFrom.pid}`;
      ctx.log(`${job.name}：接管了 ${who} 留下的锁（该进程已不在运行）`);
      store.markInterrupted(job.name, `中断：${who} 在运行结束前停止了`);
    }
    const id = store.start(job.name, ctx.trigger, startedAt);
    // a process stopped mid-run (a write that never ends, Ctrl-C) still closes its record and frees the job
    unregister = ctx.onAbandon?.(() => {
      store.finish(id, { status: "failed", error: "中断：运行没有完成（有一个写入没有结束，常见原因是磁盘已满）；已有的输出未被改动", finishedAt: new Date() });
      lock.releaseSync();
    });
    const { warnings, finish } = await produce(job, ctx, store, id, startedAt);
    store.finish(id, { ...finish, finishedAt: now() });
    return { record: store.get(id)!, warnings };
  } finally {
    unregister?.();
    await lock.release();
  }
}

/** A failure while writing, in words: a full disk says so, and that the previous output is kept. */
function describeFailure(e: unknown, output: string | null): string {
  const err = e as NodeJS.ErrnoException;
  const first = (err?.message ?? String(e)).split("\n")[0];
  if (err?.code === "ENOSPC" || err?.code === "EDQUOT") return `写入 ${output ?? "输出"} 失败：磁盘空间已满；已有的输出未被改动，请清理磁盘后重试（${first}）`;
  if (err?.code === "EROFS") return `写入 ${output ?? "输出"} 失败：该位置是只读的；请在 jobs 文件中换一个 output 位置`;
  if (err?.code === "EACCES" || err?.code === "EPERM") return `写入 ${output ?? "输出"} 失败：没有权限（${first}）`;
  return first;
}

type Finish = Parameters<RunStore["finish"]>[1];

async function produce(job: JobSpec, ctx: RunContext, store: RunStore, runId: number, startedAt: Date): Promise<{ warnings: string[]; finish: Finish }> {
  const warnings: string[] = [];
  let output: string | null = null;
  let refs: string[] = [];
  let contentHash: string | null = null;
  try {
    // a mistake in the mail settings is found before anything is rendered
    if (job.email && ctx.sendEmail !== false) resolveMailSettings(ctx.jobsFile.smtp, ctx.env);
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
    for (const w of rendered.warnings) ctx.log(`${job.name}：生成提示：${w}`);
    contentHash = await hashWorkbookContent(output, { stamp: stampScrubber(startedAt, job.timeZone) });
    ctx.log(`${job.name}：已写入 ${output}（${selection.plans.length} 个规划）`);

    const removed = await pruneOutputs(store.previousOutputs(job.name, runId), output, job.keep);
    for (const path of removed) ctx.log(`${job.name}：已删除旧的输出 ${path}（保留 ${job.keep} 个）`);

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
    const error = describeFailure(e, output);
    ctx.log(`${job.name}：失败：${error}`);
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
    ctx.log(`${job.name}：未发送邮件：工作簿与上次发送的相同`);
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
      (attempt, waitMs, reason) => ctx.log(`${job.name}：第 ${attempt} 次发送失败（${reason}）；${Math.round(waitMs / 100) / 10} 秒后重试`),
      ctx.sleep,
    );
    const refused = delivery.rejected.length ? `；被拒收：${delivery.rejected.join(", ")}` : "";
    ctx.log(`${job.name}：已通过 ${settings.shown} 发送给 ${delivery.accepted.join(", ")}${refused}`);
    return {
      status: "sent",
      emailedTo: delivery.accepted,
      error: delivery.rejected.length ? `邮件：服务器拒收了 ${delivery.rejected.join(", ")}` : null,
    };
  } catch (e) {
    const error = `邮件：${redact((e as Error).message.split("\n")[0], secrets)}`;
    ctx.log(`${job.name}：${error}（工作簿保留在 ${output}）`);
    return { status: "failed", emailedTo: [], error };
  }
}
