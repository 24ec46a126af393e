/**
 * Reads and checks a jobs file (reports.yml). Every mistake is reported against the job's name
 * and the key, because the person fixing it sees the YAML, not our data structures.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import { Cron } from "croner";
import { parseDocument } from "yaml";
import type { PlanKind } from "../model/plan";
import { resolveTemplate as resolveRenderTemplate } from "../render";
import { jobsFileSchema } from "./jobs-schema";
import { isKnownTimeZone, unknownPlaceholders } from "./naming";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
export const DEFAULT_SUBJECT = "{job}：{region}{period}（{date}）";
export const DEFAULT_BODY = "附件为 Planbook 于 {date} 生成的报表：{job}（{region} {period}）。";

export interface PlanSelector {
  region?: string;
  period?: string;
  kind?: PlanKind;
  ids?: string[];
  /** absolute paths: each is ingested into the library before the run, so its latest text is used */
  files?: string[];
}

export interface EmailSpec {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** the body template's text, already read from its file */
  body: string;
  bodyIsHtml: boolean;
  onlyIfChanged: boolean;
}

export interface JobSpec {
  name: string;
  schedule: string;
  timeZone: string;
  plans: PlanSelector;
  /** a built-in template name, or an absolute .xlsx path */
  template: string;
  /** an absolute path pattern with placeholders */
  output: string;
  /** previous outputs kept besides the current one; null keeps all */
  keep: number | null;
  email: EmailSpec | null;
}

export interface SmtpSpec {
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  /** the environment variable that holds the password: passwords stay out of the jobs file */
  passwordEnv: string;
  from?: string;
  tlsRejectUnauthorized?: boolean;
  /** sends after the first that fails */
  retries: number;
  /** seconds before the first retry; doubled for each next one */
  retryDelaySeconds: number;
  timeoutSeconds: number;
}

export interface JobsFile {
  path: string;
  /** relative paths in the file are read from here, so OS schedulers may start us in any directory */
  baseDir: string;
  smtp: SmtpSpec;
  jobs: JobSpec[];
}

export class JobsFileError extends Error {
  constructor(
    readonly file: string,
    readonly job: string | null,
    readonly key: string | null,
    readonly reason: string,
  ) {
    super(`${file}：${job !== null ? `任务“${job}”：` : ""}${key ? `${key}：` : ""}${reason}`);
  }
}

export interface LoadOptions {
  /** how template names are checked; the renderer's by default */
  resolveTemplate?: (nameOrPath: string) => string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile(jobsFileSchema);

export function loadJobsFile(path: string, options: LoadOptions = {}): JobsFile {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "文件不存在" : code === "EACCES" || code === "EPERM" ? "没有读取权限" : (code ?? (e as Error).message);
    throw new JobsFileError(path, null, null, `无法读取任务文件（${why}）；用 --jobs FILE 指定，或在 reports.yml 所在的文件夹中运行`);
  }
  return parseJobsFile(text, file, options);
}

export function parseJobsFile(text: string, file: string, options: LoadOptions = {}): JobsFile {
  const shown = basename(file);
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos ? `${first.linePos[0].line}:${first.linePos[0].col}` : "";
    throw new JobsFileError(`${shown}${where ? `:${where}` : ""}`, null, null, `不是有效的 YAML：${first.message.split("\n")[0]}`);
  }
  const raw: unknown = doc.toJS();
  if (!validateShape(raw)) throw shapeError(shown, raw, validateShape.errors ?? []);
  const data = raw as RawJobsFile;
  const baseDir = dirname(file);
  const defaultZone = data.timezone ?? DEFAULT_TIME_ZONE;
  if (!isKnownTimeZone(defaultZone)) throw new JobsFileError(shown, null, "timezone", `不认识的时区 "${defaultZone}"（例如 Asia/Shanghai）`);
  const seen = new Set<string>();
  const jobs = data.jobs.map((rawJob) => {
    if (seen.has(rawJob.name)) throw new JobsFileError(shown, rawJob.name, "name", "有两个任务同名；任务名不能重复");
    seen.add(rawJob.name);
    return checkJob(rawJob, { shown, baseDir, defaultZone, resolveTemplate: options.resolveTemplate ?? resolveRenderTemplate });
  });
  return { path: file, baseDir, smtp: smtpSpec(data.smtp ?? {}), jobs };
}

interface RawJobsFile {
  timezone?: string;
  smtp?: Record<string, unknown>;
  jobs: RawJob[];
}

interface RawJob {
  name: string;
  schedule: string;
  timezone?: string;
  plans: PlanSelector;
  template: string;
  output: string;
  keep?: number;
  email?: {
    to: string | string[];
    cc?: string | string[];
    bcc?: string | string[];
    subject?: string;
    body?: string;
    body_text?: string;
    only_if_changed?: boolean;
  };
}

interface JobContext {
  shown: string;
  baseDir: string;
  defaultZone: string;
  resolveTemplate: (nameOrPath: string) => string;
}

function checkJob(raw: RawJob, ctx: JobContext): JobSpec {
  const fail = (key: string, reason: string) => new JobsFileError(ctx.shown, raw.name, key, reason);
  const timeZone = raw.timezone ?? ctx.defaultZone;
  if (!isKnownTimeZone(timeZone)) throw fail("timezone", `不认识的时区 "${timeZone}"（例如 Asia/Shanghai）`);
  try {
    new Cron(raw.schedule, { timezone: timeZone, paused: true }).stop();
  } catch (e) {
    throw fail("schedule", `无效的 cron 表达式 "${raw.schedule}"（${(e as Error).message}）；格式为 分 时 日 月 星期，如 "0 8 25 * *"`);
  }

  const plans = raw.plans;
  const byFilter = plans.region !== undefined || plans.period !== undefined || plans.kind !== undefined;
  const ways = [byFilter, plans.ids !== undefined, plans.files !== undefined].filter(Boolean).length;
  if (ways === 0) throw fail("plans", "请说明用哪些规划：region/period/kind、ids 或 files");
  if (ways > 1) throw fail("plans", "region/period/kind、ids、files 只能用其中一种");
  const files = plans.files?.map((f) => resolve(ctx.baseDir, f));
  for (const [i, f] of (files ?? []).entries()) if (!existsSync(f)) throw fail(`plans.files[${i}]`, `文件不存在：${plans.files![i]}`);

  const template = looksLikePath(raw.template) ? resolve(ctx.baseDir, raw.template) : raw.template;
  try {
    ctx.resolveTemplate(template);
  } catch (e) {
    throw fail("template", (e as Error).message.split("\n")[0]);
  }

  const unknownInOutput = unknownPlaceholders(raw.output);
  if (unknownInOutput.length) throw fail("output", `不认识的占位符 ${unknownInOutput.join("、")}（可用：{region} {period} {date} {time} {job}）`);
  if (extname(raw.output).toLowerCase() !== ".xlsx") throw fail("output", "应以 .xlsx 结尾");

  return {
    name: raw.name,
    schedule: raw.schedule,
    timeZone,
    plans: { ...plans, ...(files ? { files } : {}) },
    template,
    output: resolve(ctx.baseDir, raw.output),
    keep: raw.keep ?? null,
    email: raw.email ? checkEmail(raw.email, ctx, fail) : null,
  };
}

function checkEmail(raw: NonNullable<RawJob["email"]>, ctx: JobContext, fail: (key: string, reason: string) => JobsFileError): EmailSpec {
  if (raw.body !== undefined && raw.body_text !== undefined) throw fail("email.body", "body（一个文件）和 body_text 只能给一个");
  let body = raw.body_text ?? DEFAULT_BODY;
  let bodyIsHtml = false;
  if (raw.body !== undefined) {
    const bodyFile = resolve(ctx.baseDir, raw.body);
    try {
      body = readFileSync(bodyFile, "utf8").replace(/^\uFEFF/, "");
    } catch {
      throw fail("email.body", `无法读取正文模板 ${raw.body}`);
    }
    bodyIsHtml = /\.html?$/i.test(bodyFile);
  }
  const subject = raw.subject ?? DEFAULT_SUBJECT;
  for (const [key, text] of [["email.subject", subject], [raw.body !== undefined ? "email.body" : "email.body_text", body]] as const) {
    const unknown = unknownPlaceholders(text);
    if (unknown.length) throw fail(key, `不认识的占位符 ${unknown.join("、")}（可用：{region} {period} {date} {time} {job}）`);
  }
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const to = list(raw.to);
  for (const [key, addresses] of [["email.to", to], ["email.cc", list(raw.cc)], ["email.bcc", list(raw.bcc)]] as const) {
    const bad = addresses.find((a) => !/^[^@\s]+@[^@\s]+$/.test(a.replace(/^.*<(.*)>\s*$/, "$1")));
    if (bad !== undefined) throw fail(key, `不是电子邮件地址："${bad}"`);
  }
  return { to, cc: list(raw.cc), bcc: list(raw.bcc), subject, body, bodyIsHtml, onlyIfChanged: raw.only_if_changed ?? false };
}

function smtpSpec(raw: Record<string, unknown>): SmtpSpec {
  return {
    url: raw.url as string | undefined,
    host: raw.host as string | undefined,
    port: raw.port as number | undefined,
    secure: raw.secure as boolean | undefined,
    user: raw.user as string | undefined,
    passwordEnv: (raw.password_env as string | undefined) ?? "PLANBOOK_SMTP_PASSWORD",
    from: raw.from as string | undefined,
    tlsRejectUnauthorized: raw.tls_reject_unauthorized as boolean | undefined,
    retries: (raw.retries as number | undefined) ?? 3,
    retryDelaySeconds: (raw.retry_delay as number | undefined) ?? 5,
    timeoutSeconds: (raw.timeout as number | undefined) ?? 60,
  };
}

function looksLikePath(template: string): boolean {
  return isAbsolute(template) || /[\\/]/.test(template) || /\.xlsx$/i.test(template);
}

/** Turns ajv's first complaint into "job "X": email.to: …" so it points at the line to fix. */
function shapeError(shown: string, raw: unknown, errors: ErrorObject[]): JobsFileError {
  const error = pickMostSpecific(errors);
  const segments = error.instancePath.split("/").slice(1).map(decodePointer);
  let job: string | null = null;
  let keySegments = segments;
  if (segments[0] === "jobs" && segments.length >= 2) {
    const index = Number(segments[1]);
    const name = (raw as { jobs?: Array<{ name?: unknown }> }).jobs?.[index]?.name;
    job = typeof name === "string" ? name : `#${index + 1}`;
    keySegments = segments.slice(2);
  }
  let reason = ajvReason(error);
  if (error.keyword === "additionalProperties") {
    keySegments = [...keySegments, String(error.params.additionalProperty)];
    reason = "不认识的键（检查拼写；可用的键见 docs/schedule.md）";
  } else if (error.keyword === "required") {
    keySegments = [...keySegments, String(error.params.missingProperty)];
    reason = "缺少这个键";
  }
  const key = keySegments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
  return new JobsFileError(shown, job, key || null, reason);
}

const TYPE_NAMES: Record<string, string> = { string: "文字（string）", integer: "整数（integer）", number: "数字（number）", boolean: "布尔值（true 或 false，boolean）", array: "列表（array）", object: "键值表（object）" };

/** ajv's complaint in the clerk's language (ajv speaks English). */
function ajvReason(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `应为${String(p.type).split(",").map((t) => TYPE_NAMES[t] ?? t).join("或")}`;
    case "enum":
      return `应为以下之一：${(p.allowedValues as unknown[]).join("、")}`;
    case "anyOf":
      return "应为一个地址或地址列表";
    case "minLength":
      return "不能为空";
    case "minItems":
      return `至少要有 ${String(p.limit)} 项`;
    case "minimum":
      return `不能小于 ${String(p.limit)}`;
    case "maximum":
      return `不能大于 ${String(p.limit)}`;
    case "exclusiveMinimum":
      return `应大于 ${String(p.limit)}`;
    default:
      return error.message ?? "无效";
  }
}

/** With allErrors, an anyOf also reports each branch's complaint; the anyOf's own line reads best, so its branches are dropped. */
function pickMostSpecific(errors: ErrorObject[]): ErrorObject {
  const anyOfPaths = errors.filter((e) => e.keyword === "anyOf").map((e) => e.schemaPath);
  const kept = errors.filter((e) => !anyOfPaths.some((p) => e.schemaPath !== p && e.schemaPath.startsWith(p.replace(/\/anyOf$/, "/anyOf/"))));
  return [...kept].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}
