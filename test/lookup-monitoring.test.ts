/**
 * =PLANBOOK.VALUE(…, "2023年实际") and the other monitoring fields, over the real service (POST
 * /api/lookup) and a library of the synthetic region 青禾市 (a plan, five work reports, a 统计公报)
 * and 荆门's seeds. Expected figures are read off the fixture texts by hand; every other answer is
 * checked against the monitoring workbook's own rows (generator/render/monitoring.ts), so the
 * formula, the workbook and the pane's table say the same.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { storeActuals } from "../generator/library/actuals";
import { monitoringFieldOf } from "../generator/library/lookup-monitoring";
import { findMonitoringSources } from "../generator/library/monitoring";
import type { Lookup, LookupResponse, LookupResult } from "../generator/model";
import { computeMonitoring } from "../generator/monitor";
import { monitoringView } from "../generator/render/monitoring";
import { startServer, type RunningServer } from "../generator/serve";
import { tempDir } from "./library-support";

const ROOT = join(__dirname, "..");
const FIXTURES = join(__dirname, "fixtures", "monitoring");
const tmp = tempDir("lookup-monitoring");
let library: Library;
let server: RunningServer;
const requests: string[] = [];

beforeAll(async () => {
  library = openLibrary(join(tmp.dir, "library.db"));
  for (const f of readdirSync(FIXTURES)) {
    copyFileSync(join(FIXTURES, f), join(tmp.dir, f));
    await library.ingestFile(join(tmp.dir, f));
  }
  for (const seed of ["jingmen-14th-five-year-plan.txt", "jingmen-2024-government-work-report.txt"]) await library.ingestFile(join(ROOT, "seeds", seed));
  server = await startServer({ library, port: 0, http: true, onRequest: (method, url) => requests.push(`${method} ${url}`) });
});
afterAll(async () => {
  await server?.close();
  library?.close();
  tmp.remove();
});

async function lookup(lookups: Lookup[]): Promise<LookupResult[]> {
  const response = await fetch(`${server.url}/api/lookup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lookups }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as LookupResponse).results;
}
const value = (region: string, plan: string, indicator: string, field: string): Lookup => ({ fn: "value", region, plan, indicator, field });
const answer = (r: LookupResult) => (r.ok && "value" in r ? r.value : { error: (r as { error?: string }).error, message: (r as { message?: string }).message });

describe("the words of a monitoring field", () => {
  test("a year before or after, in Chinese or English; plain 状态 and 依据; the plan's own fields are left alone", () => {
    expect(monitoringFieldOf("2023年实际")).toEqual({ field: "yearActual", year: 2023 });
    expect(monitoringFieldOf(" 2023 年 实际值 ")).toEqual({ field: "yearActual", year: 2023 });
    expect(monitoringFieldOf("２０２３年完成")).toEqual({ field: "yearActual", year: 2023 }); // full-width digits
    expect(monitoringFieldOf("2023 actual")).toEqual({ field: "yearActual", year: 2023 });
    expect(monitoringFieldOf("Actual 2023")).toEqual({ field: "yearActual", year: 2023 });
    expect(monitoringFieldOf("2024年目标")).toEqual({ field: "yearTarget", year: 2024 });
    expect(monitoringFieldOf("2024年目标原文")).toEqual({ field: "yearTargetRaw", year: 2024 });
    expect(monitoringFieldOf("2023年状态")).toEqual({ field: "yearVerdict", year: 2023 });
    expect(monitoringFieldOf("2023年来源")).toEqual({ field: "yearSource", year: 2023 });
    expect(monitoringFieldOf("status")).toEqual({ field: "status", year: null });
    expect(monitoringFieldOf("依据")).toEqual({ field: "reason", year: null });
    for (const own of ["目标", "实际", "基期", "年均比较", "出处", "", "2023年颜色", "2023"]) expect(monitoringFieldOf(own)).toBeNull();
  });
});

describe("answers from the monitoring, in one batched request", () => {
  test("figures read off the fixtures: actuals in the plan's unit, the year's own target, verdicts, sources, status", async () => {
    const before = requests.length;
    const results = await lookup([
      value("青禾市", "十四五", "地区生产总值增长", "2022年实际"), // 2023 report: 增长6.0%
      value("青禾市", "十四五", "GDP增长", "2023年实际"), // the bulletin's 6.7 (初步核算) wins over the 2024 report's 6.8
      value("青禾市", "十四五", "地区生产总值增长", "2023年来源"),
      value("青禾", "十四五", "地区生产总值增长", "2022年目标"), // 2022 report: 增长6.5%左右
      value("青禾市", "十四五", "地区生产总值增长", "2022年目标原文"),
      value("青禾市", "十四五", "地区生产总值增长", "2022年状态"), // 6.0 < 6.5 both ways
      value("青禾市", "十四五", "粮食总产量", "2025 actual"), // 34.6亿斤 = 173万吨
      value("青禾市", "十四五", "粮食总产量", "状态"),
      value("青禾市", "十四五", "城镇调查失业率", "2022年状态"), // 5.6 against <5.5 and 控制在5.5%以内
      value("荆门市", "十四五", "地区生产总值增长", "2023年实际"), // the seed: 全年累计增长6.7%
      value("荆门市", "十四五", "地区生产总值（GDP）增长", "状态"),
      value("荆门", "十四五", "GDP增长", "2023年来源"),
      value("荆门市", "十四五", "地区生产总值增长", "年均"), // a field of the plan's own row, in the same batch
    ]);
    expect(requests.slice(before)).toEqual(["POST /api/lookup"]);
    expect(results.map(answer)).toEqual([
      6,
      6.7,
      "青禾市2023年国民经济和社会发展统计公报第9行（预计数）",
      6.5,
      "6.5%左右",
      "低于年均目标，未完成年度目标",
      173,
      "滞后",
      "未达标，未完成年度目标",
      6.7,
      "滞后",
      "荆门市2024年政府工作报告第9行",
      7,
    ]);
    expect(results[9]).toMatchObject({ ok: true, field: "yearActual", source: { name: "地区生产总值（GDP）增长", table: "荆门市2024年政府工作报告第9行", line: 9 } });
  });

  test("missing figures are not-found (#N/A) with a Chinese sentence; bad fields bad-field (#VALUE!)", async () => {
    const results = await lookup([
      value("荆门市", "十四五", "森林覆盖率", "2023年实际"),
      value("荆门市", "十四五", "地区生产总值增长", "2022年实际"),
      value("荆门市", "十四五", "地区生产总值增长", "2019年实际"),
      value("荆门市", "十四五", "地区生产总值增长", "2023年目标"),
      value("荆门市", "十四五", "城镇新增就业", "2023年实际"), // a work-report metric, not a plan indicator
      value("荆门市", "十四五", "地区生产总值增长", "2023年颜色"),
      value("荆门市", "2024年", "地区生产总值增长", "2023年实际"),
      value("咸宁市", "十四五", "地区生产总值增长", "2023年实际"),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual(["not-found", "not-found", "not-found", "not-found", "not-found", "bad-field", "bad-lookup", "not-found"]);
    const message = (i: number) => (results[i] as { message: string }).message;
    expect(message(0)).toBe("未找到2023年实际：森林覆盖率在荆门市“十四五”各年政府工作报告、统计公报和导入的实际值中都没有2023年的数据");
    expect(message(2)).toBe("2019年不在荆门市“十四五”规划期（2021—2025年）内");
    expect(message(3)).toContain("2023年的政府工作报告没有提出地区生产总值（GDP）增长的年度目标");
    expect(message(4)).toMatch(/^未找到指标：城镇新增就业（荆门市“十四五”规划实施监测只含规划主要指标表中的指标）/);
    expect(message(5)).toContain("带年份的字段可写：2023年实际、2023年目标");
    expect(message(6)).toContain("取自五年规划的实施监测");
    expect(message(7)).toBe("规划库中没有咸宁市的文件");
  });

  test("every year of every indicator says what the monitoring workbook says", async () => {
    const m = computeMonitoring(findMonitoringSources(library, { region: "青禾市", plan: "十四五" }));
    const view = monitoringView(m);
    const asked = m.indicators.flatMap((i) => i.years.flatMap((y) => ["实际", "状态", "来源", "目标原文"].map((f) => ({ i, y, f }))));
    const results = await lookup(asked.map(({ i, y, f }) => value("青禾市", "十四五", i.name, `${y.year}年${f}`)));
    let compared = 0;
    asked.forEach(({ i, y, f }, n) => {
      const row = view.yearRows.find((r) => r.name === i.name && r.year === y.year)!;
      const got = results[n];
      const expected = { 实际: row.actual, 状态: row.verdict, 来源: row.source && `${row.source}${y.actual?.estimated ? "（预计数）" : ""}`, 目标原文: y.target?.quantity.raw }[f];
      if (expected === null || expected === undefined || expected === "") {
        expect(got.ok).toBe(false);
      } else {
        expect(answer(got)).toEqual(expected);
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(120);
    const statuses = await lookup(m.indicators.map((i) => value("青禾市", "十四五", i.name, "状态")));
    expect(statuses.map(answer)).toEqual(m.indicators.map((i) => i.status));
  });

  test("an import and a report's new revision are in the next answer", async () => {
    const forest = value("青禾市", "十四五", "森林覆盖率", "2024年实际");
    expect((await lookup([forest]))[0].ok).toBe(false);
    storeActuals(library, [{ region: "青禾市", periodLabel: "十四五", indicator: "森林覆盖率", year: 2024, raw: "41.2", value: 41.2, unit: "%", file: "监测.xlsx", sheet: "年度数据", cell: "H70", importedAt: "2026-01-01T00:00:00Z" }]);
    const [actual, source] = await lookup([forest, value("青禾市", "十四五", "森林覆盖率", "2024年来源")]);
    expect([answer(actual), answer(source)]).toEqual([41.2, "导入：监测.xlsx 年度数据!H70"]);

    const file = join(tmp.dir, "qinghe-2026-government-work-report.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("粮食总产量34.6亿斤", "粮食总产量35.4亿斤"));
    expect((await library.ingestFile(file)).status).toBe("revised");
    const grain = await lookup([value("青禾市", "十四五", "粮食总产量", "2025年实际"), value("青禾市", "十四五", "粮食总产量", "2025年来源"), value("青禾市", "十四五", "粮食总产量", "状态")]);
    expect(grain.map(answer)).toEqual([177, "2026年政府工作报告第13行（第2版）", "已完成"]);
  });
});
