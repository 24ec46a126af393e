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
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MailConfigError(`${envUrl ? "PLANBOOK_SMTP_URL" : "smtp.url"} is not a URL (expected smtps://user:pass@host:465)`);
    }
    if (!/^smtps?:$/.test(parsed.protocol)) throw new MailConfigError(`${envUrl ? "PLANBOOK_SMTP_URL" : "smtp.url"} must start with smtp:// or smtps://`);
    const password = decodeURIComponent(parsed.password);
    const user = decodeURIComponent(parsed.username);
    return {
      transport: { ...common, url },
      from: spec.from ?? env.PLANBOOK_SMTP_FROM ?? defaultFrom(user, parsed.hostname),
      shown: redactUrl(url),
      secrets: password ? [password, parsed.password] : [],
      ...retry,
    };
  }
  if (!spec.host) throw new MailConfigError("no SMTP server: set PLANBOOK_SMTP_URL or add smtp: { host: … } to the jobs file");
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
    secrets: password ? [password, encodeURIComponent(password)] : [],
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
    return "(unparseable SMTP URL)";
  }
}

/** Removes every secret from a text that may reach a log, the terminal or the run record. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("***");
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
 * Sends once, then `retries` more times with doubling waits. Every failure is retried: a mail
 * server's 4xx (try later) and 5xx (refused) are told apart inconsistently in practice, and a
 * few extra attempts cost little next to a monthly report that silently never arrives.
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
        const reason = redact(describeSmtpError(e), settings.secrets);
        if (attempt >= attempts) throw new DeliveryError(`sending to ${settings.shown} failed after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${reason}`, attempt);
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

function describeSmtpError(e: unknown): string {
  const error = e as Error & { responseCode?: number; code?: string; response?: string };
  const detail = error.response ?? error.message ?? String(e);
  return `${error.code ? `${error.code} ` : ""}${detail}`.split("\n")[0];
}
