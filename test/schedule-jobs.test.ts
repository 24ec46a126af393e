import { join } from "node:path";
import { loadJobsFile, JobsFileError } from "../generator/schedule/jobs";
import { dateAndTimeIn, fillOutputPath, fillHtmlTemplate, fillTemplate } from "../generator/schedule/naming";
import { workspace, type Workspace } from "./schedule-support";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
  ws.write("templates/mail/monthly.txt", "各位好：\n附件为{region}{period}规划指标月报（{date}）。\n");
});
afterEach(() => ws.remove());

const validJob = `
  - name: 荆门-十四五-月报
    schedule: "0 8 25 * *"
    plans: { region: 荆门市, period: 十四五 }
    template: plan-report
    output: out/{region}-{period}-{date}.xlsx
    keep: 12
    email:
      to: [planning@example.gov.cn]
      subject: "{region}{period}规划指标月报（{date}）"
      body: templates/mail/monthly.txt
      only_if_changed: true
`;

function load(yaml: string) {
  return loadJobsFile(ws.write("reports.yml", yaml));
}

function errorOf(yaml: string): JobsFileError {
  try {
    load(yaml);
  } catch (e) {
    if (e instanceof JobsFileError) return e;
    throw e;
  }
  throw new Error("expected the jobs file to be refused");
}

test("a valid jobs file reads with defaults, paths taken from the jobs file's folder", () => {
  const file = load(`jobs:${validJob}`);
  const [job] = file.jobs;
  expect(job).toMatchObject({
    name: "荆门-十四五-月报",
    schedule: "0 8 25 * *",
    timeZone: "Asia/Shanghai",
    plans: { region: "荆门市", period: "十四五" },
    template: "plan-report",
    output: join(ws.dir, "out/{region}-{period}-{date}.xlsx"),
    keep: 12,
  });
  expect(job.email).toMatchObject({ to: ["planning@example.gov.cn"], onlyIfChanged: true, bodyIsHtml: false });
  expect(job.email?.body).toContain("附件为{region}{period}规划指标月报");
  expect(file.smtp).toMatchObject({ retries: 3, retryDelaySeconds: 5, passwordEnv: "PLANBOOK_SMTP_PASSWORD" });
});

test("an invalid cron expression names the job and the key", () => {
  const e = errorOf(`jobs:${validJob.replace('"0 8 25 * *"', '"0 8 32 * *"')}`);
  expect(e.job).toBe("荆门-十四五-月报");
  expect(e.key).toBe("schedule");
  expect(e.message).toMatch(/^reports\.yml：任务“荆门-十四五-月报”：schedule：无效的 cron 表达式 "0 8 32 \* \*"/);
});

test("an unknown template names the job and the key", () => {
  const e = errorOf(`jobs:${validJob.replace("template: plan-report", "template: no-such-template")}`);
  expect(e.message).toMatch(/任务“荆门-十四五-月报”：template：.*no-such-template/);
  const missingFile = errorOf(`jobs:${validJob.replace("template: plan-report", "template: templates/missing.xlsx")}`);
  expect(missingFile.key).toBe("template");
});

test.each([
  ["an unknown key", validJob.replace("keep: 12", "kep: 12"), "kep", /不认识的键/],
  ["a missing key", validJob.replace("    template: plan-report\n", ""), "template", /缺少/],
  ["a wrong type", validJob.replace("keep: 12", "keep: twelve"), "keep", /integer/],
  ["a nested key", validJob.replace("only_if_changed: true", "only_if_changed: yes please"), "email.only_if_changed", /boolean/],
  ["a bad address", validJob.replace("[planning@example.gov.cn]", "[planning.example.gov.cn]"), "email.to", /不是电子邮件地址/],
  ["an unknown placeholder", validJob.replace("{date}.xlsx", "{month}.xlsx"), "output", /不认识的占位符 \{month\}/],
  ["a missing body file", validJob.replace("templates/mail/monthly.txt", "templates/mail/none.txt"), "email.body", /无法读取/],
  ["an unknown time zone", validJob.replace("    keep: 12\n", "    keep: 12\n    timezone: Asia/Wuhan\n"), "timezone", /不认识的时区/],
  ["no plan selection", validJob.replace("{ region: 荆门市, period: 十四五 }", "{}"), "plans", /请说明用哪些规划/],
])("%s is reported against the job and the key", (_what, job, key, reason) => {
  const e = errorOf(`jobs:${job}`);
  expect(e.job).toBe("荆门-十四五-月报");
  expect(e.key).toBe(key);
  expect(e.reason).toMatch(reason);
});

test("file-level mistakes: YAML syntax with its line, duplicate names, no jobs", () => {
  expect(errorOf("jobs:\n  - name: [unclosed\n").message).toMatch(/^reports\.yml:\d+:\d+：不是有效的 YAML/);
  expect(errorOf(`jobs:${validJob}${validJob}`).message).toMatch(/任务“荆门-十四五-月报”：name：有两个任务同名/);
  expect(errorOf("jobs: []\n").message).toMatch(/^reports\.yml：jobs：/);
  expect(errorOf(`smtp: { port: 99999 }\njobs:${validJob}`).key).toBe("smtp.port");
  expect(errorOf(`jobs:${validJob.replace("name: 荆门-十四五-月报", "name: 周报")}`.replace("schedule: \"0 8 25 * *\"", "schedule: nonsense")).message).toMatch(/任务“周报”：schedule：/);
});

test("a missing jobs file says so", () => {
  expect(() => loadJobsFile(join(ws.dir, "absent.yml"))).toThrow(/无法读取任务文件（文件不存在）/);
});

test("placeholders fill names; values from documents cannot add folders", () => {
  const values = { region: "荆门/市", period: "十四五", date: "2025-01-25", time: "080000", job: "月报" };
  expect(fillOutputPath("/out/{region}-{period}-{date}.xlsx", values)).toBe("/out/荆门_市-十四五-2025-01-25.xlsx");
  // a value made of dots, padded with spaces, must not climb out of the output folder
  for (const region of [" ..", "..", ". .", "a.", "a. ", "  "]) {
    const path = fillOutputPath("/out/{region}/report.xlsx", { ...values, region });
    expect(path.split("/")).not.toContain("..");
    expect(path.split("/")[2]).not.toMatch(/^\.|[. ]$|^$/);
  }
  expect(fillTemplate("{region}{period}（{date}）{unknown}", values)).toBe("荆门/市十四五（2025-01-25）{unknown}");
  // an HTML body takes document text as text, never as markup
  expect(fillHtmlTemplate("<p>{region}</p>", { ...values, region: `<img src=x onerror="a()">&'` })).toBe("<p>&lt;img src=x onerror=&quot;a()&quot;&gt;&amp;&#39;</p>");
  // 2025-01-24 17:30 UTC is already the 25th in Shanghai
  expect(dateAndTimeIn("Asia/Shanghai", new Date("2025-01-24T17:30:00Z"))).toEqual({ date: "2025-01-25", time: "013000" });
});
