/**
 * Delivering a workbook by SMTP (nodemailer). Settings come from PLANBOOK_SMTP_URL or the jobs
 * file's smtp: section; the password is only ever handed to nodemailer, and anything we log or
 * store passes through `redact` first.
 */
import { basename } from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { EmailSpec, SmtpSpec } from "./jobs";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface MailSettings {
  transport: SMTPTransport.Options;
  from: string;
  /** where mail goes, with the password replaced by *** (for logs and errors) */
  shown: string;
  /** strings that must never reach a log: the password, raw and URL-encoded */
  secrets: string[];
  retries: number;
  retryDelayMs: number;
}

export class MailConfigError extends Error {}

/** decodeURIComponent that says which part of the URL holds a bad % escape, before anything is rendered. */
function decodeUrlPart(text: string, what: string, source: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MailConfigError(`${source} 的${what}中有无效的 % 转义（% 后应是两位十六进制数）：@ 写作 %40，: 写作 %3A，% 本身写作 %25`);
  }
}

/**
 * Every form in which the password may come back in a server's reply or an error: as written,
 * percent-encoded, and base64 as AUTH PLAIN and AUTH LOGIN send it.
 */
function secretForms(user: string, password: string): string[] {
  if (!password) return [];
  const b64 = (t: string) => Buffer.from(t, "utf8").toString("base64");
  return [...new Set([password, encodeURIComponent(password), b64(password), b64(`\u0000${user}\u0000${password}`), b64(`${user}\u0000${user}\u0000${password}`)])];
}

export function resolveMailSettings(spec: SmtpSpec, env: Record<string, string | undefined>): MailSettings {
  const envUrl = env.PLANBOOK_SMTP_URL?.trim();
  const url = envUrl || spec.url;
  const timeoutMs = spec.timeoutSeconds * 1000;
  const common: SMTPTransport.Options = {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(spec.tlsRejectUnauthorized === false ? { tls: { rejectUnauthorized: false } } : {}),
  };
  const retry = { retries: spec.retries, retryDelayMs: spec.retryDelaySeconds * 1000 };
  if (url) {
    const source = envUrl ? "PLANBOOK_SMTP_URL" : "jobs 文件的 smtp.url";
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MailConfigError(`${source} 不是有效的地址（应形如 smtps://用户名:密码@服务器:465）`);
    }
    if (!/^smtps?:$/.test(parsed.protocol)) throw new MailConfigError(`${source} 应以 smtp:// 或 smtps:// 开头`);
    if (!parsed.hostname) throw new MailConfigError(`${source} 没有写邮件服务器（应形如 smtps://用户名:密码@服务器:465）`);
    const user = decodeUrlPart(parsed.username, "用户名", source);
    const password = decodeUrlPart(parsed.password, "密码", source);
    return {
      transport: { ...common, url },
      from: spec.from ?? env.PLANBOOK_SMTP_FROM ?? defaultFrom(user, parsed.hostname),
      shown: redactUrl(url),
      secrets: password ? [...secretForms(user, password), parsed.password] : [],
      ...retry,
    };
  }
  if (!spec.host) throw new MailConfigError("没有设置邮件服务器：请设置 PLANBOOK_SMTP_URL，或在 jobs 文件中加入 smtp: { host: … }");
  const password = env[spec.passwordEnv];
  const secure = spec.secure ?? spec.port === 465;
  const port = spec.port ?? (secure ? 465 : 587);
  return {
    transport: {
      ...common,
      host: spec.host,
      port,
      secure,
      ...(spec.user ? { auth: { user: spec.user, pass: password ?? "" } } : {}),
    },
    from: spec.from ?? env.PLANBOOK_SMTP_FROM ?? defaultFrom(spec.user ?? "", spec.host),
    shown: `${secure ? "smtps" : "smtp"}://${spec.user ? `${spec.user}${password ? ":***" : ""}@` : ""}${spec.host}:${port}`,
    secrets: password ? secretForms(spec.user ?? "", password) : [],
    ...retry,
  };
}

function defaultFrom(user: string, host: string): string {
  return user.includes("@") ? user : `planbook@${host}`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "（无法解析的 SMTP 地址）";
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Removes every secret from a text that may reach a log, the terminal or the run record. Only
 * the secret itself is replaced, where it stands on its own (not inside a longer word): a
 * one-letter password must not blank out that letter everywhere else in the message.
 */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length === 0) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, "gu"), "***");
  }
  return out;
}

/** A job's mail with its placeholders filled, and the workbook to attach. */
export interface OutgoingMail extends Pick<EmailSpec, "to" | "cc" | "bcc" | "subject" | "body" | "bodyIsHtml"> {
  attachmentPath: string;
}

export interface Delivery {
  accepted: string[];
  rejected: string[];
  attempts: number;
  messageId: string;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends once, then up to `retries` more times with doubling waits — but only while the failure
 * is temporary (a timeout, a dropped connection, a 4xx "try later" reply). A host that does not
 * resolve, refuses the connection, or a 5xx refusal (wrong password, unknown mailbox) fails at
 * once: waiting would only delay the clerk learning that the settings are wrong.
 */
export async function sendWithRetry(
  settings: MailSettings,
  mail: OutgoingMail,
  onRetry: (attempt: number, waitMs: number, error: string) => void,
  sleep: Sleep = realSleep,
): Promise<Delivery> {
  const transporter = nodemailer.createTransport(settings.transport);
  const message = {
    from: settings.from,
    to: mail.to,
    cc: mail.cc.length ? mail.cc : undefined,
    bcc: mail.bcc.length ? mail.bcc : undefined,
    subject: mail.subject,
    ...(mail.bodyIsHtml ? { html: mail.body } : { text: mail.body }),
    // nodemailer writes a non-ASCII filename as RFC 2231 (filename*0*=utf-8''…) in Content-Disposition
    // and RFC 2047 in Content-Type's name, which together cover Outlook, Foxmail and webmail readers.
    attachments: [{ filename: basename(mail.attachmentPath), path: mail.attachmentPath, contentType: XLSX_MIME }],
  };
  const attempts = settings.retries + 1;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const info = await transporter.sendMail(message);
        return {
          accepted: info.accepted.map(addressText),
          rejected: info.rejected.map(addressText),
          attempts: attempt,
          messageId: info.messageId,
        };
      } catch (e) {
        const failure = describeSmtpError(e, settings);
        const reason = redact(failure.reason, settings.secrets);
        if (!failure.temporary || attempt >= attempts) {
          const tries = attempt === 1 ? "" : `（共尝试 ${attempt} 次）`;
          throw new DeliveryError(`发送到 ${settings.shown} 失败${tries}：${reason}`, attempt);
        }
        const waitMs = settings.retryDelayMs * 2 ** (attempt - 1);
        onRetry(attempt, waitMs, reason);
        await sleep(waitMs);
      }
    }
  } finally {
    transporter.close();
  }
}

function addressText(address: string | { address: string }): string {
  return typeof address === "string" ? address : address.address;
}

interface SmtpFailure {
  reason: string;
  /** worth another attempt later */
  temporary: boolean;
}

/**
 * What went wrong, in words, and whether trying again can help. A server's reply to AUTH is
 * never kept: some servers echo the credentials they were sent.
 */
export function describeSmtpError(e: unknown, settings: Pick<MailSettings, "secrets">): SmtpFailure {
  const error = e as Error & { responseCode?: number; code?: string; command?: string; response?: string; errno?: number };
  const message = (error.message ?? String(e)).split("\n")[0];
  const code = error.code ?? "";
  const reply = (error.response ?? "").split("\n")[0].trim();
  const status = error.responseCode;
  const duringAuth = code === "EAUTH" || /^AUTH\b/i.test(error.command ?? "");
  const echoes = settings.secrets.some((s) => s.length >= 4 && (reply.includes(s) || message.includes(s)));
  if (duringAuth || echoes) {
    return { reason: `EAUTH 邮件服务器拒绝了登录${status ? `（${status}）` : ""}；请检查 SMTP 用户名和密码（服务器的回复未保存，其中可能含有凭据）`, temporary: false };
  }
  if (code === "EDNS" || /ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME/.test(message)) {
    const host = /getaddrinfo \S+ (\S+)/.exec(message)?.[1] ?? "";
    return { reason: `EDNS 找不到邮件服务器 ${host}（域名无法解析）；请检查 PLANBOOK_SMTP_URL 或 smtp.host 中的服务器名，以及网络`, temporary: false };
  }
  if (/ECONNREFUSED/.test(message)) {
    const where = /ECONNREFUSED (\S+)/.exec(message)?.[1] ?? "";
    return { reason: `ECONNREFUSED 邮件服务器 ${where} 拒绝连接；请检查端口号（465 为 smtps，587/25 为 smtp）和服务器是否在运行`, temporary: false };
  }
  if (/CERT|SSL|TLS|self[- ]signed/i.test(message) && code !== "ETIMEDOUT") {
    return { reason: `ETLS 与邮件服务器的加密连接失败（${message}）；自签名证书可在 smtp: 中设 tls_reject_unauthorized: false`, temporary: false };
  }
  if (status !== undefined) {
    const text = (reply || message).replace(new RegExp(`^${status}[ -]?`), "");
    if (status >= 400 && status < 500) return { reason: `${status} 邮件服务器暂时不能接收：${text}`, temporary: true };
    return { reason: `${status} 邮件服务器拒绝：${text}`, temporary: false };
  }
  if (code === "ETIMEDOUT" || /timeout|timed out|ETIMEDOUT/i.test(message)) return { reason: `ETIMEDOUT 等待邮件服务器超时（${message}）`, temporary: true };
  if (/ECONNRESET|EPIPE|socket hang up|closed/i.test(message)) return { reason: `ECONNRESET 与邮件服务器的连接中断（${message}）`, temporary: true };
  return { reason: `${code ? `${code} ` : ""}${message}`, temporary: code === "ECONNECTION" || code === "ESOCKET" };
}
