import ExcelJS from "exceljs";
import { join } from "node:path";
import type { SmtpSpec } from "../generator/schedule/jobs";
import { redact, resolveMailSettings, sendWithRetry, DeliveryError } from "../generator/schedule/mailer";
import { SMTP_PASSWORD, startSmtp, workspace, type TestSmtp, type Workspace } from "./schedule-support";

const baseSpec: SmtpSpec = { passwordEnv: "PLANBOOK_SMTP_PASSWORD", retries: 2, retryDelaySeconds: 0.01, timeoutSeconds: 5 };

let ws: Workspace;
let smtp: TestSmtp | null = null;
beforeEach(() => {
  ws = workspace();
});
afterEach(async () => {
  await smtp?.close();
  smtp = null;
  ws.remove();
});

async function smallWorkbook(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("主要指标").getCell("A1").value = "地区生产总值";
  const path = join(ws.dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

test("a workbook with a Chinese file name arrives attached, named per RFC 2231", async () => {
  smtp = await startSmtp();
  const file = await smallWorkbook("荆门市-十四五-2025-01-25.xlsx");
  const settings = resolveMailSettings(baseSpec, { PLANBOOK_SMTP_URL: smtp.url, PLANBOOK_SMTP_FROM: "规划科 <plan@example.gov.cn>" });
  const delivery = await sendWithRetry(
    settings,
    { to: ["a@example.gov.cn"], cc: ["b@example.gov.cn"], bcc: [], subject: "荆门市十四五规划指标月报", body: "您好", bodyIsHtml: false, attachmentPath: file },
    () => undefined,
  );
  expect(delivery).toMatchObject({ accepted: ["a@example.gov.cn", "b@example.gov.cn"], rejected: [], attempts: 1 });
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0];
  expect(mail.parsed.from?.value[0]).toMatchObject({ address: "plan@example.gov.cn", name: "规划科" });
  expect(mail.raw.toString("latin1")).toMatch(/filename\*0\*=utf-8''%E8%8D%86%E9%97%A8/);
  const attachment = mail.parsed.attachments[0];
  expect(attachment.filename).toBe("荆门市-十四五-2025-01-25.xlsx");
  expect(attachment.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(attachment.content as unknown as ArrayBuffer);
  expect(wb.getWorksheet("主要指标")?.getCell("A1").value).toBe("地区生产总值");
});

test("a refusing server is tried once plus each retry, with doubling waits, then the failure names the server without its password", async () => {
  smtp = await startSmtp("data");
  const file = await smallWorkbook("月报.xlsx");
  const settings = resolveMailSettings(baseSpec, { PLANBOOK_SMTP_URL: smtp.url });
  const waits: number[] = [];
  const retries: string[] = [];
  const failure = await sendWithRetry(
    settings,
    { to: ["a@example.gov.cn"], cc: [], bcc: [], subject: "s", body: "b", bodyIsHtml: false, attachmentPath: file },
    (attempt, waitMs, reason) => retries.push(`${attempt} ${waitMs} ${reason}`),
    async (ms) => {
      waits.push(ms);
    },
  ).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(DeliveryError);
  expect((failure as DeliveryError).attempts).toBe(3);
  expect(smtp.attempts).toBe(3);
  expect(waits).toEqual([10, 20]);
  expect(retries[0]).toMatch(/try again later/);
  const message = (failure as Error).message;
  expect(message).toMatch(/失败（共尝试 3 次）/);
  expect(message).toContain(`127.0.0.1:${smtp.port}`);
  expect(message).not.toContain(SMTP_PASSWORD);
  expect(message).not.toContain(encodeURIComponent(SMTP_PASSWORD));
});

test("settings: the environment URL wins, the password is redacted, host settings read the password from the environment", () => {
  const fromEnv = resolveMailSettings({ ...baseSpec, url: "smtp://file@file.example:25" }, { PLANBOOK_SMTP_URL: "smtps://u%40x.cn:p%40ss@mail.example.gov.cn:465" });
  expect(fromEnv.shown).toBe("smtps://u%40x.cn:***@mail.example.gov.cn:465");
  expect(fromEnv.from).toBe("u@x.cn");
  expect(redact("auth failed for p@ss and p%40ss", fromEnv.secrets)).toBe("auth failed for *** and ***");

  const fromHost = resolveMailSettings({ ...baseSpec, host: "mail.example.gov.cn", port: 465, user: "clerk", from: "plan@example.gov.cn" }, { PLANBOOK_SMTP_PASSWORD: "hunter2" });
  expect(fromHost.transport).toMatchObject({ host: "mail.example.gov.cn", port: 465, secure: true, auth: { user: "clerk", pass: "hunter2" } });
  expect(fromHost.shown).toBe("smtps://clerk:***@mail.example.gov.cn:465");
  expect(fromHost.shown).not.toContain("hunter2");

  expect(() => resolveMailSettings(baseSpec, {})).toThrow(/PLANBOOK_SMTP_URL/);
  expect(() => resolveMailSettings(baseSpec, { PLANBOOK_SMTP_URL: "http://x" })).toThrow(/smtp:\/\/ 或 smtps:\/\//);
});
