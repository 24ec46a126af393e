/** A scheduled job with the `monitoring` template: the mail carries the current table, and a new actual makes a new mail. */
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { storeActuals } from "../generator/library/actuals";
import { loadJobsFile } from "../generator/schedule/jobs";
import { runJob, type RunContext } from "../generator/schedule/run";
import { JINGMEN_PLAN, SEEDS, startSmtp, workspace, type TestSmtp, type Workspace } from "./schedule-support";

let ws: Workspace;
let smtp: TestSmtp;
let library: Library;

beforeAll(async () => {
  ws = workspace();
  smtp = await startSmtp();
  mkdirSync(join(ws.dir, "docs"));
  library = openLibrary(ws.libraryPath);
  for (const file of [JINGMEN_PLAN, join(SEEDS, "jingmen-2024-government-work-report.txt")]) {
    const copy = join(ws.dir, "docs", file.split("/").pop()!);
    copyFileSync(file, copy);
    await library.ingestFile(copy);
  }
  ws.write(
    "reports.yml",
    `smtp:
  from: "规划科 <plan@example.gov.cn>"
jobs:
  - name: 荆门-十四五-监测
    schedule: "0 8 25 * *"
    plans: { region: 荆门市, period: 十四五 }
    template: monitoring
    output: out/{region}-{period}-监测-{date}.xlsx
    email:
      to: planning@example.gov.cn
      subject: "{region}{period}规划实施监测（{date}）"
      only_if_changed: true
`,
  );
});
afterAll(async () => {
  library.close();
  await smtp.close();
  ws.remove();
});

function context(): RunContext {
  return { library, jobsFile: loadJobsFile(join(ws.dir, "reports.yml")), env: { PLANBOOK_SMTP_URL: smtp.url }, trigger: "manual", log: () => {} };
}

async function overviewOf(attachment: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(attachment as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("监测总表")!;
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: 14 }, (_, c) => row.getCell(c + 1).text));
  }
  return rows;
}

test("the mailed workbook is the plan's monitoring; unchanged data sends nothing; an imported actual sends the new table", async () => {
  const first = await runJob(context().jobsFile.jobs[0], context());
  expect(first.record).toMatchObject({ status: "ok", emailStatus: "sent", error: null });
  expect(smtp.mails).toHaveLength(1);
  const attachment = smtp.mails[0].parsed.attachments[0];
  expect(attachment.filename).toMatch(/^荆门市-十四五-监测-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = await overviewOf(attachment.content);
  expect(rows[2].slice(9)).toEqual(["2021年", "2022年", "2023年", "2024年", "2025年"]);
  const gdp = rows.find((r) => r[1] === "地区生产总值（GDP）增长")!;
  expect(gdp[7]).toBe("滞后");
  expect(gdp.slice(9)).toEqual(["", "", "6.7", "", ""]);

  const second = await runJob(context().jobsFile.jobs[0], context());
  expect(second.record.emailStatus).toBe("unchanged");
  expect(smtp.mails).toHaveLength(1);

  storeActuals(library, [{ region: "荆门市", periodLabel: "十四五", indicator: "常住人口城镇化率", year: 2023, raw: "62.5", value: 62.5, unit: "%", file: "监测.xlsx", sheet: "年度数据", cell: "H20", importedAt: "2026-01-01T00:00:00Z" }]);
  const third = await runJob(context().jobsFile.jobs[0], context());
  expect(third.record.emailStatus).toBe("sent");
  const urban = (await overviewOf(smtp.mails[1].parsed.attachments[0].content)).find((r) => r[1] === "常住人口城镇化率")!;
  // 60.1 → 65: path 2023 = 60.1 + 4.9 × 3/5 = 63.04; 62.5 is behind it
  expect(urban[7]).toBe("滞后");
  expect(urban[11]).toBe("62.5");
});
