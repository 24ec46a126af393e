/** The seeds: 荆门's 十四五 plan beside its 2024 work report, parsed from the real documents. */
import { join } from "node:path";
import type { Monitoring } from "../generator/model";
import { computeMonitoring, sourceLabel } from "../generator/monitor";
import { parseFile } from "../generator/parse";

const SEEDS = join(__dirname, "..", "seeds");
let m: Monitoring;

beforeAll(async () => {
  const plan = await parseFile(join(SEEDS, "jingmen-14th-five-year-plan.txt"));
  const report = await parseFile(join(SEEDS, "jingmen-2024-government-work-report.txt"));
  m = computeMonitoring({ plan, revision: 1, documents: [{ plan: report, revision: 1 }] });
});

test("GDP增长: the 2023 actual 6.7 % (the report's line 9) against the plan's 年均 7: 滞后", () => {
  const gdp = m.indicators.find((i) => i.name === "地区生产总值（GDP）增长")!;
  expect(gdp).toMatchObject({ measure: "annual-rate", measureUnit: "%", status: "滞后", rate: { value: 7, raw: "7" }, attribute: "预期性" });
  const y2023 = gdp.years.find((y) => y.year === 2023)!;
  expect(y2023.actual).toMatchObject({
    metric: "GDP全年累计增长",
    value: 6.7,
    unit: "%",
    comparable: true,
    figureKind: "growth",
    source: { type: "document", kind: "work-report", title: "荆门市2024年政府工作报告", line: 9 },
  });
  expect(y2023.actual!.text).toContain("全年累计增长6.7%");
  expect(sourceLabel(y2023.actual!.source)).toBe("荆门市2024年政府工作报告第9行");
  expect(y2023.verdict.metPlan).toBe(false);
  expect(gdp.progress).toMatchObject({ kind: "annual-rate", target: 7, yearsCounted: [2023], averageSoFar: 6.7, requiredRate: null });
  // the 2024 report's own target for 2024, line 49
  expect(gdp.years.find((y) => y.year === 2024)!.target).toMatchObject({ metric: "地区生产总值增长", value: 7, unit: "%", source: { line: 49 } });
  // the quarterly figures of the same sentence are not 2023's result
  expect(gdp.years.flatMap((y) => y.others)).toEqual([]);
});

test("every other indicator of the plan's table is 无数据: the report names none of them", () => {
  const others = m.indicators.filter((i) => i.name !== "地区生产总值（GDP）增长");
  expect(others).toHaveLength(19);
  for (const i of others) {
    expect({ name: i.name, status: i.status, actuals: i.years.filter((y) => y.actual).length }).toEqual({ name: i.name, status: "无数据", actuals: 0 });
  }
  expect(m.summary).toEqual({ 已完成: 0, 进度正常: 0, 滞后: 1, 无数据: 19, 定性: 0, 无法比较: 0 });
  expect(m.asOf).toBe(2023);
  expect(m.years).toEqual([2021, 2022, 2023, 2024, 2025]);
});

test("the report's other figures are listed as unmatched, with their lines, not dropped", () => {
  expect(m.unmatched.map((u) => `${u.metric} ${u.raw}`)).toEqual(
    expect.arrayContaining(["规模以上工业增加值增长 10.2%", "城镇新增就业 5.5万人", "粮食总产 58.7亿斤"]),
  );
  expect(m.unmatched.every((u) => u.year === 2023 && u.source.type === "document")).toBe(true);
});
