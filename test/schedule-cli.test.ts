import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../generator/cli";
import { CliError, type CliIO } from "../generator/cli/command";
import { openLibrary } from "../generator/library";
import { jingmenJob, JINGMEN_PLAN, SMTP_PASSWORD, startSmtp, waitFor, workspace, type TestSmtp, type Workspace } from "./schedule-support";

const JOB = "荆门-十四五-月报";
let ws: Workspace;
let smtp: TestSmtp;

beforeEach(async () => {
  ws = workspace();
  smtp = await startSmtp();
  mkdirSync(join(ws.dir, "docs"));
  copyFileSync(JINGMEN_PLAN, join(ws.dir, "docs", "jingmen.txt"));
  const library = openLibrary(ws.libraryPath);
  await library.ingestFile(join(ws.dir, "docs", "jingmen.txt"));
  library.close();
  ws.write(
    "reports.yml",
    `smtp: { retries: 1, retry_delay: 0.01 }
jobs:
${jingmenJob(JOB, { to: "planning@example.gov.cn" })}`,
  );
});

afterEach(async () => {
  await smtp.close();
  ws.remove();
});

function captureIO(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const warn: string[] = [];
  const io: CliIO = {
    out: (t) => out.push(t),
    warn: (t) => warn.push(t),
    progress: () => undefined,
    env: { PLANBOOK_SMTP_URL: smtp.url, ...env },
    cwd: ws.dir,
  };
  return { io, out, warn };
}

async function cliError(promise: Promise<number>): Promise<CliError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof CliError)) throw new Error(`expected a CliError, got ${String(e)}`);
  return e;
}

test("run-job delivers the workbook and runs lists the run", async () => {
  const { io, out, warn } = captureIO();
  expect(await main(["run-job", JOB, "--library", ws.libraryPath], io)).toBe(0);
  expect(out[0]).toMatch(/^运行 1 成功：.*荆门市-十四五-\d{4}-\d{2}-\d{2}\.xlsx，邮件已发送：planning@example\.gov\.cn$/);
  expect(warn.join("\n")).toContain("已通过 smtp://clerk:***@127.0.0.1");
  expect(warn.join("\n")).not.toContain(SMTP_PASSWORD);
  expect(smtp.mails).toHaveLength(1);

  const listing = captureIO();
  expect(await main(["runs", "--library", ws.libraryPath], listing.io)).toBe(0);
  const [header, row] = listing.out[0].split("\n");
  expect(header).toMatch(/^编号\s+任务\s+状态\s+开始/);
  expect(row).toMatch(new RegExp(`^1\\s+${JOB}\\s+成功\\s+.*已发送 planning@example\\.gov\\.cn`));

  const json = captureIO();
  expect(await main(["runs", "--json", "--job", JOB, "--library", ws.libraryPath], json.io)).toBe(0);
  expect(JSON.parse(json.out[0])).toEqual([expect.objectContaining({ id: 1, job: JOB, status: "ok", emailedTo: ["planning@example.gov.cn"] })]);
});

test("run-job exits 1 with the reason when mail cannot be delivered, and keeps the workbook", async () => {
  await smtp.close();
  smtp = await startSmtp("rcpt");
  const { io } = captureIO();
  const e = await cliError(main(["run-job", JOB, "--jobs", "reports.yml", "--library", ws.libraryPath], io));
  expect(e.code).toBe(1);
  expect(e.message).toMatch(new RegExp(`^run-job：${JOB}：邮件：发送到 .* 失败：550`));
  expect(e.message).not.toContain(SMTP_PASSWORD);
  const listing = captureIO();
  await main(["runs", "--json", "--library", ws.libraryPath], listing.io);
  const [record] = JSON.parse(listing.out[0]);
  expect(record).toMatchObject({ status: "failed", emailStatus: "failed" });
  expect(existsSync(record.output)).toBe(true);
});

test("jobs file mistakes and unknown jobs are one-line errors with exit code 2", async () => {
  const yaml = readFileSync(join(ws.dir, "reports.yml"), "utf8");
  writeFileSync(join(ws.dir, "reports.yml"), yaml.replace('"0 8 25 * *"', '"61 8 * * *"'));
  const badCron = await cliError(main(["run-job", JOB, "--library", ws.libraryPath], captureIO().io));
  expect(badCron.code).toBe(2);
  expect(badCron.message).toMatch(new RegExp(`^run-job：reports\\.yml：任务“${JOB}”：schedule：无效的 cron 表达式 "61 8 \\* \\* \\*"`));

  writeFileSync(join(ws.dir, "reports.yml"), yaml.replace("template: plan-report", "template: plan-reprot"));
  const badTemplate = await cliError(main(["schedule", "--library", ws.libraryPath], captureIO().io));
  expect(badTemplate.message).toMatch(new RegExp(`^schedule：reports\\.yml：任务“${JOB}”：template：unknown template "plan-reprot"`));

  writeFileSync(join(ws.dir, "reports.yml"), yaml);
  const unknown = await cliError(main(["run-job", "周报", "--library", ws.libraryPath], captureIO().io));
  expect(unknown).toMatchObject({ code: 2, message: expect.stringContaining(`没有任务“周报”`) });

  const noSmtp = await cliError(main(["schedule", "--library", ws.libraryPath], captureIO({ PLANBOOK_SMTP_URL: undefined }).io));
  expect(noSmtp).toMatchObject({ code: 2, message: expect.stringContaining("没有设置邮件服务器") });
});

test("schedule runs jobs on time until it is told to stop", async () => {
  const yaml = readFileSync(join(ws.dir, "reports.yml"), "utf8");
  writeFileSync(join(ws.dir, "reports.yml"), yaml.replace('"0 8 25 * *"', '"* * * * * *"'));
  const before = new Set(process.listeners("SIGTERM"));
  const { io, out } = captureIO();
  const running = main(["schedule", "reports.yml", "--library", ws.libraryPath], io);
  try {
    await waitFor(() => out.some((l) => l.includes("发送给 planning@example.gov.cn")), 5000, "a scheduled run to mail");
  } finally {
    // what SIGTERM from systemd or Ctrl-C does, without signalling the test process itself
    for (const listener of process.listeners("SIGTERM")) if (!before.has(listener)) (listener as () => void)();
  }
  expect(await running).toBe(0);
  expect(out[0]).toMatch(new RegExp(`${JOB}：下次运行 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} Asia/Shanghai`));
  expect(out.at(-1)).toMatch(/已停止$/);
  expect(out.join("\n")).not.toContain(SMTP_PASSWORD);
  // the command leaves no signal handlers behind
  expect(process.listeners("SIGTERM").filter((l) => !before.has(l))).toHaveLength(0);
});
