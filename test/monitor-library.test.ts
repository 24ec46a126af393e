/** The library side of monitoring, on a real SQLite file: finding a plan's documents, revisions, a clerk's actuals. */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { listActuals, storeActuals } from "../generator/library/actuals";
import { findMonitoringSources, MonitoringNotFoundError } from "../generator/library/monitoring";
import { computeMonitoring } from "../generator/monitor";
import { tempDir } from "./library-support";

const FIXTURES = join(__dirname, "fixtures", "monitoring");
const tmp = tempDir("monitor-lib");
let library: Library;

beforeAll(async () => {
  library = openLibrary(join(tmp.dir, "lib.db"));
  for (const f of readdirSync(FIXTURES)) {
    copyFileSync(join(FIXTURES, f), join(tmp.dir, f));
    await library.ingestFile(join(tmp.dir, f));
  }
  // another region's report of the same years is not this plan's
  const other = readFileSync(join(FIXTURES, "qinghe-2024-government-work-report.txt"), "utf8").replace(/青禾市/g, "白石市");
  writeFileSync(join(tmp.dir, "baishi-2024.txt"), other);
  await library.ingestFile(join(tmp.dir, "baishi-2024.txt"));
});
afterAll(() => {
  library.close();
  tmp.remove();
});

const monitor = () => computeMonitoring(findMonitoringSources(library, { region: "青禾市", plan: "十四五" }));

test("finds the plan's latest revision and the region's reports and bulletins of its years", () => {
  const sources = findMonitoringSources(library, { region: "青禾市", plan: "十四五" });
  expect(sources.plan.kind).toBe("five-year-plan");
  expect(sources.revision).toBe(1);
  expect(sources.documents.map((d) => `${d.plan.kind} ${d.plan.period.label} r${d.revision}`).sort()).toEqual([
    "statistical-bulletin 2023年 r1",
    "work-report 2022年 r1",
    "work-report 2023年 r1",
    "work-report 2024年 r1",
    "work-report 2025年 r1",
    "work-report 2026年 r1",
  ]);
  // the plan can also be named by its id
  expect(findMonitoringSources(library, { region: "青禾市", plan: sources.plan.id }).plan.id).toBe(sources.plan.id);
  expect(monitor().summary).toEqual({ 已完成: 3, 进度正常: 1, 滞后: 4, 无数据: 2, 定性: 1, 无法比较: 2 });
});

test("a plan that is not there: one sentence saying what is", () => {
  expect(() => findMonitoringSources(library, { region: "青禾市", plan: "十五五" })).toThrow(new MonitoringNotFoundError("找不到青禾市的“十五五”规划；库中青禾市的五年规划有：十四五"));
  expect(() => findMonitoringSources(library, { region: "黑水市", plan: "十四五" })).toThrow(/库中没有黑水市的五年规划/);
});

test("a report ingested again as a new revision updates the monitoring", async () => {
  const file = join(tmp.dir, "qinghe-2025-government-work-report.txt");
  const before = monitor().indicators.find((i) => i.name === "研究与试验发展经费投入强度")!.years.find((y) => y.year === 2024)!;
  expect(before.actual).toMatchObject({ value: 2.25, source: { revision: 1 } });
  writeFileSync(file, readFileSync(file, "utf8").replace("研发经费投入强度达到2.25%", "研发经费投入强度达到2.4%"));
  expect((await library.ingestFile(file)).status).toBe("revised");
  const after = monitor().indicators.find((i) => i.name === "研究与试验发展经费投入强度")!;
  expect(after.years.find((y) => y.year === 2024)!.actual).toMatchObject({ value: 2.4, source: { revision: 2, line: 13 } });
  // 2.4 beat 2024's path value 2.36; 2025 (2.3, from the 2026 report) still decides the status
  expect(after.years.find((y) => y.year === 2024)!.verdict.metPlan).toBe(true);
  expect(after.status).toBe("滞后");
});

test("a clerk's actuals are stored, replaced by a later import, and move the library's generation", () => {
  const generation = library.generation();
  const base = { region: "青禾市", periodLabel: "十四五", indicator: "人均预期寿命", unit: "岁", file: "监测.xlsx", sheet: "年度数据", importedAt: "2026-02-01T00:00:00.000Z" };
  storeActuals(library, [{ ...base, year: 2023, raw: "79", value: 79, cell: "F40" }]);
  storeActuals(library, [{ ...base, year: 2023, raw: "79.2", value: 79.2, cell: "F41" }, { ...base, year: 2024, raw: "79.3", value: 79.3, cell: "F42" }]);
  expect(listActuals(library, "青禾市", "十四五").map((a) => `${a.year} ${a.value} ${a.cell}`)).toEqual(["2023 79.2 F41", "2024 79.3 F42"]);
  expect(library.generation()).toBe(generation + 2);
  const life = monitor().indicators.find((i) => i.name === "人均预期寿命")!;
  // path 2024: 78.5 + 1 × 4/5 = 79.3, reached exactly
  expect(life).toMatchObject({ status: "进度正常", progress: { latest: 79.3, expectedByNow: 79.3 } });
  expect(life.years.find((y) => y.year === 2023)!.actual!.source).toEqual({ type: "import", file: "监测.xlsx", sheet: "年度数据", cell: "F41", importedAt: base.importedAt });
});
