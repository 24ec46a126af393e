import ExcelJS from "exceljs";
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { loadJobsFile } from "../generator/schedule/jobs";
import { dateAndTimeIn } from "../generator/schedule/naming";
import { lockPathFor, runJob, type RunContext } from "../generator/schedule/run";
import { RunStore } from "../generator/schedule/run-store";
import { startScheduler } from "../generator/schedule/scheduler";
import { deadPid, jingmenJob, JINGMEN_PLAN, SMTP_PASSWORD, startSmtp, waitFor, workspace, type TestSmtp, type Workspace } from "./schedule-support";

const JOB = "荆门-十四五-月报";
let ws: Workspace;
let smtp: TestSmtp | null;
let library: Library;
let documentPath: string;
let logs: string[];

beforeEach(async () => {
  ws = workspace();
  smtp = null;
  logs = [];
  documentPath = join(ws.dir, "docs", "jingmen.txt");
  mkdirSync(join(ws.dir, "docs"));
  copyFileSync(JINGMEN_PLAN, documentPath);
  library = openLibrary(ws.libraryPath);
  await library.ingestFile(documentPath);
  ws.write("templates/mail/monthly.txt", "各位好：\n附件为{region}{period}规划指标月报（{date}），任务 {job}。\n");
});

afterEach(async () => {
  library.close();
  await smtp?.close();
  ws.remove();
});

function writeJobs(extra: { job?: string; email?: string; smtp?: string } = {}): string {
  return ws.write(
    "reports.yml",
    `smtp:
  retries: 2
  retry_delay: 0.01
  from: "规划科 <plan@example.gov.cn>"
${extra.smtp ?? ""}
jobs:
${jingmenJob(JOB, { extra: extra.job, to: "[planning@example.gov.cn, director@example.gov.cn]", body: "templates/mail/monthly.txt" })}${extra.email ?? "      only_if_changed: true"}
`,
  );
}

function context(overrides: Partial<RunContext> = {}): RunContext {
  return {
    library,
    jobsFile: loadJobsFile(join(ws.dir, "reports.yml")),
    env: smtp ? { PLANBOOK_SMTP_URL: smtp.url } : {},
    trigger: "manual",
    log: (line) => logs.push(line),
    ...overrides,
  };
}

async function run(overrides: Partial<RunContext> = {}) {
  const ctx = context(overrides);
  return runJob(ctx.jobsFile.jobs[0], ctx);
}

test("a run renders the library's plan, mails it with a templated subject and body, and records the run", async () => {
  smtp = await startSmtp();
  writeJobs();
  const { record } = await run();
  const { date } = dateAndTimeIn("Asia/Shanghai", new Date(record.startedAt));
  const fileName = `荆门市-十四五-${date}.xlsx`;

  expect(record).toMatchObject({ job: JOB, status: "ok", emailStatus: "sent", error: null, output: join(ws.dir, "out", fileName) });
  expect(record.emailedTo).toEqual(["planning@example.gov.cn", "director@example.gov.cn"]);
  expect(record.contentHash).toMatch(/^[0-9a-f]{64}$/);
  expect(record.plans).toEqual([expect.stringMatching(/^[0-9a-f]{16}@1$/)]);
  expect(record.finishedAt).not.toBeNull();
  expect(existsSync(record.output!)).toBe(true);

  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0];
  expect(mail.recipients).toEqual(["planning@example.gov.cn", "director@example.gov.cn"]);
  expect(mail.parsed.subject).toBe(`荆门市十四五规划指标月报（${date}）`);
  expect(mail.parsed.text).toContain(`附件为荆门市十四五规划指标月报（${date}），任务 ${JOB}。`);
  expect(mail.raw.toString("latin1")).toContain("filename*0*=utf-8''");
  const [attachment] = mail.parsed.attachments;
  expect(attachment.filename).toBe(fileName);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(attachment.content as unknown as ArrayBuffer);
  const texts = workbook.worksheets.flatMap((sheet) => {
    const values: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.text))));
    return values;
  });
  expect(workbook.worksheets.length).toBeGreaterThan(0);
  expect(texts.join("\n")).toContain("荆门市");
  expect(texts.some((t) => t.includes("地区生产总值（GDP）增长"))).toBe(true);
  expect(logs.join("\n")).not.toContain(SMTP_PASSWORD);
});

test("only_if_changed: an unchanged second run sends nothing; a revised plan is sent again", async () => {
  smtp = await startSmtp();
  writeJobs();
  const first = (await run()).record;
  // a later run stamps a different generated-at into the workbook; the content hash must not see it
  const second = (await run({ now: () => new Date(Date.now() + 3_600_000) })).record;
  expect(second).toMatchObject({ status: "ok", emailStatus: "unchanged", emailedTo: [] });
  expect(second.contentHash).toBe(first.contentHash);
  expect(smtp.mails).toHaveLength(1);

  const text = readFileSync(documentPath, "utf8");
  const edited = text.replace("地区生产总值（GDP）增长（%）\t-5\t-\t7\t", "地区生产总值（GDP）增长（%）\t-5\t-\t7.5\t");
  expect(edited).not.toBe(text);
  writeFileSync(documentPath, edited);
  expect((await library.ingestFile(documentPath)).status).toBe("revised");

  const third = (await run()).record;
  expect(third).toMatchObject({ status: "ok", emailStatus: "sent", plans: [expect.stringMatching(/@2$/)] });
  expect(third.contentHash).not.toBe(first.contentHash);
  expect(smtp.mails).toHaveLength(2);
});

test.each([
  ["rcpt" as const, 1, "失败：550"],
  ["data" as const, 3, "失败（共尝试 3 次）：451"],
])("a server refusing at %s is retried only when it says 'later' (4xx), then the run is recorded failed and the workbook kept", async (stage, attempts, failure) => {
  smtp = await startSmtp(stage);
  writeJobs();
  const { record } = await run();
  // 550 (no such mailbox) is final; 451 (try later) is worth the retries
  expect(smtp.attempts).toBe(attempts);
  expect(record).toMatchObject({ status: "failed", emailStatus: "failed", emailedTo: [] });
  expect(record.error).toMatch(new RegExp(`^邮件：发送到 smtp://clerk:\\*\\*\\*@127\\.0\\.0\\.1:\\d+ ${failure}`));
  expect(existsSync(record.output!)).toBe(true);
  expect(logs.filter((l) => l.includes("秒后重试"))).toHaveLength(attempts - 1);
  expect(logs.some((l) => l.includes("工作簿保留在"))).toBe(true);
  expect([...logs, record.error].join("\n")).not.toContain(SMTP_PASSWORD);
  // a failed send is not "the last emailed": the next run tries again even with only_if_changed
  await smtp.close();
  smtp = await startSmtp();
  expect((await run()).record.emailStatus).toBe("sent");
});

test("two runs of one job at the same time: one runs, the other is recorded as skipped", async () => {
  smtp = await startSmtp();
  writeJobs();
  const outcomes = await Promise.all([run(), run()]);
  expect(outcomes.map((o) => o.record.status).sort()).toEqual(["ok", "skipped"]);
  const skipped = outcomes.find((o) => o.record.status === "skipped")!.record;
  expect(skipped.error).toMatch(new RegExp(`上一次运行还没有结束（.* pid ${process.pid}`));
  expect(smtp.mails).toHaveLength(1);
  expect(existsSync(lockPathFor(library, JOB))).toBe(false);
});

test("a stale lock from a dead process is taken over and its unfinished run closed", async () => {
  writeJobs({ job: "", email: "      only_if_changed: false" });
  const store = new RunStore(library.db);
  const crashed = store.start(JOB, "schedule", new Date("2025-01-25T00:00:00Z"));
  const pid = await deadPid();
  const lockPath = lockPathFor(library, JOB);
  mkdirSync(join(lockPath, ".."), { recursive: true });
  writeFileSync(lockPath, JSON.stringify({ pid, host: hostname(), job: JOB, acquiredAt: "2025-01-25T00:00:00.000Z", token: "crashed" }));

  const { record } = await run({ sendEmail: false });
  expect(record).toMatchObject({ status: "ok", emailStatus: "off" });
  expect(store.get(crashed)).toMatchObject({ status: "failed", error: expect.stringContaining(`pid ${pid}`) });
  expect(logs.some((l) => l.includes(`接管了 ${hostname()} 上的进程 pid ${pid} 留下的锁`))).toBe(true);
  expect(existsSync(lockPath)).toBe(false);
});

test("keep: only the newest outputs stay", async () => {
  writeJobs({ job: "    keep: 1" });
  const yaml = readFileSync(join(ws.dir, "reports.yml"), "utf8").replace("{date}.xlsx", "{date}-{time}.xlsx");
  writeFileSync(join(ws.dir, "reports.yml"), yaml);
  const base = Date.parse("2025-01-25T00:00:00Z");
  for (let i = 0; i < 3; i++) await run({ sendEmail: false, now: () => new Date(base + i * 1000) });
  expect(readdirSync(join(ws.dir, "out")).sort()).toEqual(["荆门市-十四五-2025-01-25-080001.xlsx", "荆门市-十四五-2025-01-25-080002.xlsx"]);
  expect(logs.filter((l) => l.includes("已删除旧的输出"))).toHaveLength(1);
});

test("plans given as files are re-read each run, so an edited document is reported without a manual ingest", async () => {
  writeJobs();
  const yaml = readFileSync(join(ws.dir, "reports.yml"), "utf8").replace("{ region: 荆门市, period: 十四五 }", "{ files: [docs/jingmen.txt] }");
  writeFileSync(join(ws.dir, "reports.yml"), yaml);
  const first = (await run({ sendEmail: false })).record;
  expect(first).toMatchObject({ status: "ok", plans: [expect.stringMatching(/@1$/)] });
  expect(first.output).toContain("荆门市-十四五-");

  writeFileSync(documentPath, readFileSync(documentPath, "utf8").replace("地区生产总值（GDP）增长（%）\t-5\t-\t7\t", "地区生产总值（GDP）增长（%）\t-5\t-\t6\t"));
  const second = (await run({ sendEmail: false })).record;
  expect(second.plans).toEqual([expect.stringMatching(/@2$/)]);
  expect(second.contentHash).not.toBe(first.contentHash);
});

test("a job whose plans are not in the library fails with a reason and no output", async () => {
  writeJobs();
  writeFileSync(join(ws.dir, "reports.yml"), readFileSync(join(ws.dir, "reports.yml"), "utf8").replace("region: 荆门市", "region: 武汉市"));
  const { record } = await run({ sendEmail: false });
  expect(record).toMatchObject({ status: "failed", output: null, error: expect.stringContaining("规划库中没有符合 地区 武汉市、规划期 十四五 的规划") });
});

test("the scheduler fires a job on its cron time and stops within bounds", async () => {
  smtp = await startSmtp();
  writeJobs();
  writeFileSync(join(ws.dir, "reports.yml"), readFileSync(join(ws.dir, "reports.yml"), "utf8").replace('"0 8 25 * *"', '"* * * * * *"'));
  const jobsFile = loadJobsFile(join(ws.dir, "reports.yml"));
  const finished: string[] = [];
  const scheduler = startScheduler(jobsFile, {
    openLibrary: () => openLibrary(ws.libraryPath),
    env: { PLANBOOK_SMTP_URL: smtp.url },
    log: (line) => logs.push(line),
    onRun: (outcome) => finished.push(outcome.record.status),
  });
  const next = scheduler.upcoming()[0].next!;
  expect(next.getTime() - Date.now()).toBeLessThanOrEqual(1000);
  try {
    await waitFor(() => finished.length >= 1, 4000, "the first scheduled run");
  } finally {
    // stop() must resolve; a hang fails the test at jest's timeout
    await scheduler.stop();
  }
  expect(finished[0]).toBe("ok");
  const runs = new RunStore(library.db).list({ job: JOB });
  expect(runs.length).toBeGreaterThanOrEqual(1);
  expect(runs.every((r) => r.trigger === "schedule")).toBe(true);
  expect(smtp.mails.length).toBeGreaterThanOrEqual(1);
});
