/** Shared by the test/schedule*.test.ts suites: a real SMTP server in-process and temp workspaces. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export const SEEDS = join(__dirname, "..", "seeds");
export const JINGMEN_PLAN = join(SEEDS, "jingmen-14th-five-year-plan.txt");
export const EZHOU_PLAN = join(SEEDS, "ezhou-14th-five-year-plan.txt");

export interface ReceivedMail {
  from: string;
  recipients: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  /** smtp://user:password@127.0.0.1:port */
  url: string;
  mails: ReceivedMail[];
  /** messages the client tried to send, refused ones included */
  attempts: number;
  close(): Promise<void>;
}

export const SMTP_USER = "clerk";
export const SMTP_PASSWORD = "Sekr3t-口令";

/** refuse: "rcpt" answers 550 to every recipient, "data" answers 451 after the message. */
export async function startSmtp(refuse: "rcpt" | "data" | null = null): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const state = { attempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error("bad credentials"));
    },
    onMailFrom(_address, _session, callback) {
      state.attempts++;
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (refuse === "rcpt") {
        const error = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse === "data") {
          const error = new Error("try again later") as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              recipients: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
    mails,
    get attempts() {
      return state.attempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Workspace {
  dir: string;
  libraryPath: string;
  write(relative: string, text: string): string;
  remove(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "planbook-schedule-"));
  return {
    dir,
    libraryPath: join(dir, "library", "plans.db"),
    write(relative, text) {
      const path = join(dir, relative);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Waits for a condition, failing after a bound so a broken scheduler cannot hang the suite. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A pid that surely belongs to no process: one that ran and exited. */
export async function deadPid(): Promise<number> {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise((resolve) => child.on("exit", resolve));
  return pid;
}

/** The job most tests run: 荆门's 十四五 plan through plan-report, named by date, mailed with a templated subject. */
export function jingmenJob(name: string, parts: { extra?: string; to: string; body?: string }): string {
  return `  - name: ${name}
    schedule: "0 8 25 * *"
    plans: { region: 荆门市, period: 十四五 }
    template: plan-report
    output: out/{region}-{period}-{date}.xlsx
${parts.extra ?? ""}
    email:
      to: ${parts.to}
      subject: "{region}{period}规划指标月报（{date}）"
${parts.body ? `      body: ${parts.body}\n` : ""}`;
}
