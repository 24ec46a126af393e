/**
 * Issue 13 item 12 and issue 11's command line on mail: bad settings are found before anything
 * is rendered; a host that does not resolve or refuses fails at once with a clear reason, only
 * temporary failures are retried; the password is redacted exactly, and a server's reply to AUTH
 * (which may echo the credentials) is never kept.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { main } from "../generator/cli";
import { CliError, type CliIO } from "../generator/cli/command";
import { openLibrary } from "../generator/library";
import type { SmtpSpec } from "../generator/schedule/jobs";
import { DeliveryError, redact, resolveMailSettings, sendWithRetry, MailConfigError } from "../generator/schedule/mailer";
import { jingmenJob, JINGMEN_PLAN, workspace, type Workspace } from "./schedule-support";

const spec: SmtpSpec = { passwordEnv: "PLANBOOK_SMTP_PASSWORD", retries: 3, retryDelaySeconds: 30, timeoutSeconds: 10 };
const mail = (attachmentPath: string) => ({ to: ["a@example.gov.cn"], cc: [], bcc: [], subject: "s", body: "b", bodyIsHtml: false, attachmentPath });

/** A port nothing listens on: one that was just open and is closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.remove());

describe("a mail server that cannot be reached", () => {
  it.each([
    ["does not resolve", async () => "smtp://clerk:pw@no-such-host.invalid:25", /找不到邮件服务器 no-such-host\.invalid（域名无法解析）/],
    ["refuses the connection", async () => `smtp://clerk:pw@127.0.0.1:${await closedPort()}`, /拒绝连接；请检查端口号/],
  ])("%s: fails on the first attempt, with no wait, saying what to check", async (_what, url, reason) => {
    const settings = resolveMailSettings(spec, { PLANBOOK_SMTP_URL: await url() });
    const waits: number[] = [];
    const failure = await sendWithRetry(settings, mail(JINGMEN_PLAN), () => undefined, async (ms) => {
      waits.push(ms);
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).attempts).toBe(1);
    expect(waits).toEqual([]);
    expect((failure as Error).message).toMatch(reason);
  });

  it("run-job with an unresolvable host and 30 s retry waits: fails in seconds, exit 1, the reason in one line", async () => {
    mkdirSync(join(ws.dir, "docs"));
    copyFileSync(JINGMEN_PLAN, join(ws.dir, "docs", "jingmen.txt"));
    const library = openLibrary(ws.libraryPath);
    await library.ingestFile(join(ws.dir, "docs", "jingmen.txt"));
    library.close();
    ws.write("reports.yml", `smtp: { retries: 3, retry_delay: 30 }\njobs:\n${jingmenJob("月报", { to: "planning@example.gov.cn" })}`);
    const warn: string[] = [];
    const io: CliIO = { out: () => {}, warn: (t) => warn.push(t), progress: () => {}, env: { PLANBOOK_SMTP_URL: "smtps://clerk:pw@mail.no-such-host.invalid:465" }, cwd: ws.dir };
    const started = Date.now();
    const e = await main(["run-job", "月报", "--library", ws.libraryPath], io).then(() => null, (err: unknown) => err);
    // three retries with 30 s, 60 s and 120 s waits would take minutes
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).code).toBe(1);
    expect((e as CliError).message).toMatch(/^run-job：月报：邮件：发送到 smtps:\/\/clerk:\*\*\*@mail\.no-such-host\.invalid:465 失败：EDNS 找不到邮件服务器/);
    expect(warn.join("\n")).not.toMatch(/秒后重试/);
  });
});

describe("mail settings checked before anything is rendered", () => {
  it("a bad % escape in PLANBOOK_SMTP_URL: exit 2, nothing written, nothing recorded", async () => {
    ws.write("reports.yml", `jobs:\n${jingmenJob("月报", { to: "planning@example.gov.cn" })}`);
    const io: CliIO = { out: () => {}, warn: () => {}, progress: () => {}, env: { PLANBOOK_SMTP_URL: "smtps://clerk:50%off@mail.example.gov.cn:465" }, cwd: ws.dir };
    const e = await main(["run-job", "月报", "--library", ws.libraryPath], io).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).code).toBe(2);
    expect((e as CliError).message).toMatch(/PLANBOOK_SMTP_URL 的密码中有无效的 % 转义.*%25/);
    expect((e as CliError).message).not.toContain("50%off");
    expect(existsSync(join(ws.dir, "out")) ? readdirSync(join(ws.dir, "out")) : []).toEqual([]);
    expect(existsSync(ws.libraryPath)).toBe(false);
    expect(() => resolveMailSettings(spec, { PLANBOOK_SMTP_URL: "smtp://%E4%ZZ:pw@host:25" })).toThrow(MailConfigError);
  });
});

describe("secrets in what is logged and recorded", () => {
  it("redacts the exact secret only: a one-letter password does not blank that letter elsewhere", () => {
    const settings = resolveMailSettings(spec, { PLANBOOK_SMTP_URL: "smtp://admin:a@mail.example.gov.cn:25" });
    expect(settings.shown).toBe("smtp://admin:***@mail.example.gov.cn:25");
    expect(redact("Authentication failed for admin: a is wrong (a)", settings.secrets)).toBe("Authentication failed for admin: *** is wrong (***)");
    expect(redact("user p@ss:p@ss@host", ["p@ss"])).toBe("user ***:***@host");
  });

  it("never keeps a server's reply to AUTH, which may echo the credentials", async () => {
    const password = "Sekr3t-口令";
    const echo = new SMTPServer({
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onAuth(auth, _session, callback) {
        const sent = Buffer.from(`\u0000${auth.username}\u0000${auth.password ?? ""}`).toString("base64");
        const error = new Error(`authentication failed for ${sent} (${(auth.password ?? "").slice(0, 5)}…)`) as Error & { responseCode: number };
        error.responseCode = 535;
        callback(error);
      },
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", () => resolve()));
    const port = (echo.server.address() as AddressInfo).port;
    try {
      const settings = resolveMailSettings({ ...spec, retries: 2, retryDelaySeconds: 0.01 }, { PLANBOOK_SMTP_URL: `smtp://clerk:${encodeURIComponent(password)}@127.0.0.1:${port}` });
      const failure = (await sendWithRetry(settings, mail(JINGMEN_PLAN), () => undefined).catch((e: unknown) => e)) as DeliveryError;
      expect(failure).toBeInstanceOf(DeliveryError);
      // a wrong password is not temporary
      expect(failure.attempts).toBe(1);
      expect(failure.message).toMatch(/EAUTH 邮件服务器拒绝了登录（535）；请检查 SMTP 用户名和密码/);
      expect(failure.message).not.toMatch(/authentication failed for|AGNsZXJr|Sekr3/);
    } finally {
      await new Promise<void>((resolve) => echo.close(() => resolve()));
    }
  });
});
