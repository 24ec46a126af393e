import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseFile } from "../generator/parse";
import { renderToFile } from "../generator/render";
import { hashWorkbookContent } from "../generator/schedule/content-hash";
import { stampScrubber } from "../generator/schedule/stamp";
import { EZHOU_PLAN, JINGMEN_PLAN, workspace, type Workspace } from "./schedule-support";

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.remove());

const bytesHash = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

test("the content hash ignores the generated-at stamp that changes every run, and sees the plan change", async () => {
  const jingmen = await parseFile(JINGMEN_PLAN);
  const early = new Date("2025-01-25T00:00:00Z");
  const late = new Date("2025-02-25T00:00:37Z");
  const a = join(ws.dir, "a.xlsx");
  const b = join(ws.dir, "b.xlsx");
  const c = join(ws.dir, "c.xlsx");
  await renderToFile([jingmen], { template: "plan-report", out: a, generatedAt: early });
  await renderToFile([jingmen], { template: "plan-report", out: b, generatedAt: late });
  await renderToFile([await parseFile(EZHOU_PLAN)], { template: "plan-report", out: c, generatedAt: late });

  // the premise: the files' bytes differ run to run
  expect(bytesHash(a)).not.toBe(bytesHash(b));
  const hashA = await hashWorkbookContent(a, { stamp: stampScrubber(early, "Asia/Shanghai") });
  const hashB = await hashWorkbookContent(b, { stamp: stampScrubber(late, "Asia/Shanghai") });
  const hashC = await hashWorkbookContent(c, { stamp: stampScrubber(late, "Asia/Shanghai") });
  expect(hashA).toBe(hashB);
  expect(hashC).not.toBe(hashB);
  // without scrubbing, the stamp would make every run look changed
  expect(await hashWorkbookContent(a)).not.toBe(await hashWorkbookContent(b));
});

test("scrubbing replaces only the stamp, so the rest of a stamped cell still counts", async () => {
  const at = new Date("2025-01-25T00:00:37Z");
  const scrub = stampScrubber(at, "Asia/Shanghai");
  expect(scrub.text("共 12 个项目 · 生成于 2025-01-25 00:00:37 UTC")).toBe("共 12 个项目 · 生成于 «generated-at» UTC");
  expect(scrub.text("生成时间 2025-01-25 08:00:37")).toBe("生成时间 «generated-at»");
  expect(scrub.text("2025-01-25 地区生产总值")).toBe("2025-01-25 地区生产总值");

  const write = async (name: string, count: number) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("项目").getCell("A1").value = `共 ${count} 个项目 · 生成于 2025-01-25 00:00:37 UTC`;
    await wb.xlsx.writeFile(join(ws.dir, name));
    return hashWorkbookContent(join(ws.dir, name), { stamp: scrub });
  };
  expect(await write("x.xlsx", 12)).not.toBe(await write("y.xlsx", 13));
});
