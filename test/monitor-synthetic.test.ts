/**
 * A synthetic region, 青禾市, from text documents through the real parser: a 十四五 plan, the work
 * reports of 2022–2026 (each reviewing the year before) and a 2023 统计公报. Every kind of target and
 * every status, a name that matches only through the normaliser's synonyms, figures in other units.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { MonitoredIndicator, Monitoring } from "../generator/model";
import { computeMonitoring, sourceLabel } from "../generator/monitor";
import { parseFile } from "../generator/parse";

const DIR = join(__dirname, "fixtures", "monitoring");
let m: Monitoring;

beforeAll(async () => {
  const plans = await Promise.all(readdirSync(DIR).filter((f) => f.endsWith(".txt")).map((f) => parseFile(join(DIR, f))));
  const plan = plans.find((p) => p.kind === "five-year-plan")!;
  m = computeMonitoring({ plan, documents: plans.filter((p) => p !== plan).map((p) => ({ plan: p, revision: 1 })) });
});

const ind = (name: string): MonitoredIndicator => m.indicators.find((i) => i.name === name)!;
const year = (name: string, y: number) => ind(name).years.find((x) => x.year === y)!;

test("the documents used: five work reports and the bulletin, in year order", () => {
  expect(m.documents.map((d) => `${d.year} ${d.kind}`)).toEqual([
    "2022 work-report",
    "2023 statistical-bulletin",
    "2023 work-report",
    "2024 work-report",
    "2025 work-report",
    "2026 work-report",
  ]);
  expect(m.summary).toEqual({ 已完成: 3, 进度正常: 1, 滞后: 4, 无数据: 2, 定性: 1, 无法比较: 2 });
  expect(m.asOf).toBe(2025);
  expect(m.warnings).toEqual([]);
});

test("annual rate, five years in: 7, 6, 6.7, 6.4, 6.6 average 6.539 % ≥ 6.5: 已完成; the bulletin's 2023 figure preferred to the report's", () => {
  const gdp = ind("地区生产总值增长");
  expect(gdp).toMatchObject({ measure: "annual-rate", status: "已完成", progress: { yearsCounted: [2021, 2022, 2023, 2024, 2025] } });
  // (1.07 × 1.06 × 1.067 × 1.064 × 1.066)^(1/5) − 1
  expect((gdp.progress as { averageSoFar: number }).averageSoFar).toBeCloseTo(6.539481537, 8);
  expect(gdp.years.map((y) => y.shown)).toEqual([7, 6, 6.7, 6.4, 6.6]);
  expect(year("地区生产总值增长", 2023).actual).toMatchObject({ value: 6.7, estimated: true, source: { kind: "statistical-bulletin", line: 9 } });
  expect(gdp.notes).toContain("2023年：2024年政府工作报告第13行为6.8，与采用的青禾市2023年国民经济和社会发展统计公报第9行6.7不一致");
  // each year's own target from that year's report: 2022 6.5左右, 2023 7, 2024 6.5, 2025 6.5
  expect(gdp.years.map((y) => y.target?.value ?? null)).toEqual([null, 6.5, 7, 6.5, 6.5]);
  expect(gdp.years.map((y) => y.verdict.metYearTarget)).toEqual([null, false, false, false, true]);
  // the level figures (地区生产总值1100亿元 …) meet the name but not the kind: kept beside, never used
  expect(year("地区生产总值增长", 2021).others).toEqual([expect.objectContaining({ metric: "地区生产总值", comparable: false, figureKind: "level" })]);
});

test("levels: 城镇化率 reaches 63 (已完成); 研发 — matched only through the synonym 研究与试验发展 = 研发 — ends at 2.3 of 2.5 (滞后)", () => {
  expect(ind("常住人口城镇化率")).toMatchObject({ measure: "level", status: "已完成", progress: { latestYear: 2025, latest: 63.1 } });
  const rd = ind("研究与试验发展经费投入强度");
  expect(year("研究与试验发展经费投入强度", 2024).actual).toMatchObject({ metric: "研发经费投入强度", value: 2.25, unit: "%" });
  expect(rd).toMatchObject({ status: "滞后", progress: { latest: 2.3, expectedByNow: 2.5 } });
  expect(rd.years.map((y) => y.expected)).toEqual([1.94, 2.08, 2.22, 2.36, 2.5]);
});

test("cumulative changes: from levels (进度正常), from yearly flows (滞后), from compounded yearly reductions (约束性, 滞后)", () => {
  expect(ind("数字经济核心产业增加值占GDP比重")).toMatchObject({ status: "进度正常", progress: { method: "level-minus-baseline", latestYear: 2023, soFar: 2, expectedByNow: 1.8 } });
  // 4.8 + 4.9 + 5.02 (bulletin) + 4.7 + 4.9
  expect(ind("城镇新增就业")).toMatchObject({ status: "滞后", progress: { method: "sum-of-changes", soFar: 24.32, total: 25 } });
  const energy = ind("单位地区生产总值能源消耗降低");
  expect(energy).toMatchObject({ status: "滞后", constrained: true, constrainedBehind: true, progress: { method: "compound-rates", total: 13.5 } });
  // 1 − 0.971 × 0.974 × 0.973 × 0.975 × 0.974
  expect((energy.progress as { soFar: number }).soFar).toBeCloseTo(12.611436662, 8);
  expect(year("单位地区生产总值能源消耗降低", 2022).actual).toMatchObject({ metric: "单位地区生产总值能耗下降", value: 2.6 });
});

test("bounds: the unemployment ceiling met in 2025 with 2022 missed (已完成); grain in 亿斤 converted to 万吨, missed in 2025 (约束性, 滞后)", () => {
  expect(ind("城镇调查失业率")).toMatchObject({ measure: "ceiling", status: "已完成", progress: { yearsMissed: [2022] }, notes: ["2022年未达到<5.5"] });
  const grain = ind("粮食总产量");
  expect(grain).toMatchObject({ measure: "floor", status: "滞后", constrainedBehind: true });
  expect(grain.years.map((y) => y.shown)).toEqual([181, 182, 180.2, 179, 173]);
  expect(year("粮食总产量", 2025).actual).toMatchObject({ unit: "亿斤", quantity: { value: 34.6 }, value: 173, conversion: "原文单位亿斤，按1亿斤=5万吨换算" });
  expect(sourceLabel(year("粮食总产量", 2025).actual!.source)).toBe("2026年政府工作报告第13行");
  expect(grain.notes[0]).toBe("2021年、2022年、2024年、2025年实际：原文单位亿斤，按1亿斤=5万吨换算");
});

test("no verdict where none can be given: qualitative (定性), wrong kind and wrong unit (无法比较), nothing reported (无数据)", () => {
  expect(ind("居民人均可支配收入增长")).toMatchObject({ status: "定性", progress: { text: "与地区生产总值增长同步", latestText: "2025年：居民人均可支配收入增长6.3%" } });
  expect(ind("社会消费品零售总额")).toMatchObject({ status: "无法比较", reason: "原文是增速（%）（社会消费品零售总额增长6.5%），规划指标按目标水平值监测，两者不能相比" });
  expect(ind("每千名老年人口养老床位数")).toMatchObject({ status: "无法比较", reason: "单位不同：原文为个，规划为张，两者没有确定的换算关系（每千名老年人口养老床位数32个）" });
  expect(ind("森林覆盖率")).toMatchObject({ status: "无数据", constrained: true, constrainedBehind: false });
  expect(ind("人均预期寿命").status).toBe("无数据");
});

test("figures that name no indicator are listed with their sources", () => {
  const names = m.unmatched.map((u) => `${u.year} ${u.metric}`);
  expect(names).toEqual(expect.arrayContaining(["2021 规模以上工业增加值增长", "2023 居民消费价格上涨", "2023 全体居民人均可支配收入增长"]));
  expect(names).not.toContain("2023 地区生产总值增长");
});
