/**
 * The arithmetic of docs/monitoring.md, on hand-made Plans, each figure computed by hand (the
 * comments show the sums). Every status, every kind of target, units and sources.
 */
import type { MonitoredIndicator, Monitoring } from "../generator/model";
import { computeMonitoring, sourceLabel } from "../generator/monitor";
import { bulletin, fiveYearPlan, workReport, type Row } from "./monitor-support";

function monitor(rows: Row[], reports: Array<ReturnType<typeof workReport>>, actuals: Parameters<typeof computeMonitoring>[0]["actuals"] = []): Monitoring {
  return computeMonitoring({ plan: fiveYearPlan(rows), documents: reports.map((plan) => ({ plan, revision: 1 })), actuals });
}

function only(m: Monitoring, name: string): MonitoredIndicator {
  const found = m.indicators.filter((i) => i.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

const actualOf = (i: MonitoredIndicator, year: number) => i.years.find((y) => y.year === year)!.actual;

describe("a level: share of the way, the straight path, the change still needed", () => {
  const row: Row = { name: "常住人口城镇化率", unit: "%", baseline: "60.1", target: "65", rate: "[4.9]" };
  const reports = (v2023: string) => [
    workReport(2022, ["常住人口城镇化率61.0%"]),
    workReport(2023, ["常住人口城镇化率61.8%"]),
    workReport(2024, [`常住人口城镇化率${v2023}%`]),
  ];

  it("behind the path: 62.5 in 2023 where the path stands at 63.04 (滞后)", () => {
    const i = only(monitor([row], reports("62.5")), "常住人口城镇化率");
    expect(i.measure).toBe("level");
    // path: 60.1 + (65 − 60.1) × (2023 − 2020) / (2025 − 2020) = 60.1 + 4.9 × 3/5 = 63.04
    // share: (62.5 − 60.1) / (65 − 60.1) = 2.4 / 4.9 = 0.4898; still needed: (65 − 62.5) / 2 = 1.25 a year
    expect(i.progress).toEqual({ kind: "level", latestYear: 2023, latest: 62.5, share: expect.any(Number), expectedByNow: 63.04, requiredAnnualChange: 1.25, remainingYears: 2 });
    expect((i.progress as { share: number }).share).toBeCloseTo(2.4 / 4.9, 10);
    expect(i.status).toBe("滞后");
    expect(i.years.map((y) => y.expected)).toEqual([61.08, 62.06, 63.04, 64.02, 65]);
    expect(i.years.slice(0, 3).map((y) => y.verdict.metPlan)).toEqual([false, false, false]);
  });

  it("on the path (进度正常) and at the target (已完成)", () => {
    expect(only(monitor([row], reports("63.5")), "常住人口城镇化率").status).toBe("进度正常");
    expect(only(monitor([row], reports("65.2")), "常住人口城镇化率").status).toBe("已完成");
  });

  it("a falling level is on track when it falls fast enough", () => {
    const falling: Row = { name: "单位面积用水量", unit: "立方米", baseline: "100", target: "80" };
    // path 2022: 100 − 20 × 2/5 = 92; 91 is below it, so ahead
    const m = monitor([falling], [workReport(2023, ["单位面积用水量91立方米"])]);
    const i = only(m, "单位面积用水量");
    expect(i).toMatchObject({ status: "进度正常", progress: { expectedByNow: 92 } });
    // (80 − 91) / (2025 − 2022)
    expect((i.progress as { requiredAnnualChange: number }).requiredAnnualChange).toBeCloseTo(-11 / 3, 9);
  });

  it("without a baseline there is no path: 无法比较, with the reason", () => {
    const i = only(monitor([{ name: "森林蓄积量", unit: "万立方米", target: "2500" }], [workReport(2022, ["森林蓄积量2400万立方米"])]), "森林蓄积量");
    expect(i.status).toBe("无法比较");
    expect(i.reason).toMatch(/未给基期值/);
  });
});

describe("an annual rate: each year against the target, the geometric average, the rate still needed", () => {
  const gdp: Row = { name: "地区生产总值（GDP）增长", unit: "%", baseline: "-5", rate: "7" };

  it("8, 6 and 7 average 6.9969 (not 7): 滞后, and 2024–2025 need 7.0047", () => {
    const m = monitor([gdp], [workReport(2022, ["地区生产总值增长8%"]), workReport(2023, ["地区生产总值增长6%"]), workReport(2024, ["GDP全年累计增长7%"])]);
    const i = only(m, "地区生产总值（GDP）增长");
    expect(i.measure).toBe("annual-rate");
    expect(i.measureUnit).toBe("%");
    // (1.08 × 1.06 × 1.07)^(1/3) − 1 = 1.224936^(1/3) − 1 = 6.99688%
    // (1.07^5 / 1.224936)^(1/2) − 1 = 7.00467%
    const p = i.progress as Extract<MonitoredIndicator["progress"], { kind: "annual-rate" }>;
    expect(p.yearsCounted).toEqual([2021, 2022, 2023]);
    expect(p.averageSoFar).toBeCloseTo(6.996884644, 8);
    expect(p.requiredRate).toBeCloseTo(7.004673203, 8);
    expect(p.remainingYears).toBe(2);
    expect(i.status).toBe("滞后");
    expect(i.years.slice(0, 3).map((y) => y.verdict.metPlan)).toEqual([true, false, true]);
  });

  it("five years at or above the target: 已完成; a year's own target is checked too", () => {
    const m = monitor([gdp], [2022, 2023, 2024, 2025, 2026].map((y, n) => workReport(y, [`地区生产总值增长${[7.5, 7, 7.2, 7, 7.1][n]}%`], [`地区生产总值增长${y === 2024 ? 7.5 : 7}%`])));
    const i = only(m, "地区生产总值（GDP）增长");
    expect(i.status).toBe("已完成");
    expect(i.progress).toMatchObject({ yearsCounted: [2021, 2022, 2023, 2024, 2025], requiredRate: null, remainingYears: 0 });
    // 2024's own target (from the 2024 report) was 7.5; 2024 achieved 7 (from the 2025 report)
    const y2024 = i.years.find((y) => y.year === 2024)!;
    expect(y2024.target).toMatchObject({ value: 7.5, unit: "%", source: { title: "测试市2024年政府工作报告", line: 100 } });
    expect(y2024.actual).toMatchObject({ value: 7, source: { title: "测试市2025年政府工作报告", line: 1 } });
    expect(y2024.verdict).toEqual({ metPlan: true, metYearTarget: false });
  });

  it("a fall printed as 下降 is a negative growth", () => {
    const i = only(monitor([gdp], [workReport(2021, []), workReport(2022, ["地区生产总值下降2%"])]), "地区生产总值（GDP）增长");
    expect(actualOf(i, 2021)).toMatchObject({ value: -2, comparable: true });
    expect(i.notes.join("")).toContain("按增长-2计");
    expect(i.status).toBe("滞后");
  });

  it("a gap is said, and no remaining rate is invented across it", () => {
    const i = only(monitor([gdp], [workReport(2024, ["地区生产总值增长7.5%"])]), "地区生产总值（GDP）增长");
    expect(i.status).toBe("进度正常");
    expect(i.progress).toMatchObject({ averageSoFar: 7.5, requiredRate: null });
    expect(i.notes[0]).toMatch(/^2021年、2022年无数据/);
  });

  it("a ceiling rate (居民消费价格涨幅 ≤3) is met from below", () => {
    const cpi: Row = { name: "居民消费价格涨幅", unit: "%", rate: "≤3" };
    expect(only(monitor([cpi], [workReport(2022, ["居民消费价格涨幅2.1%"])]), "居民消费价格涨幅")).toMatchObject({ measure: "annual-rate", status: "进度正常" });
    expect(only(monitor([cpi], [workReport(2022, ["居民消费价格涨幅3.4%"])]), "居民消费价格涨幅").status).toBe("滞后");
  });
});

describe("a cumulative change: so far against the five-year total", () => {
  it("from levels and the baseline: 5.9 − 5.0 = 0.9 of [2] by 2022, where the path is 0.8 (进度正常)", () => {
    const row: Row = { name: "数字经济核心产业增加值占GDP比重", unit: "%", baseline: "5.0", rate: "[2]" };
    const i = only(monitor([row], [workReport(2022, ["数字经济核心产业增加值占GDP比重5.3%"]), workReport(2023, ["数字经济核心产业增加值占GDP比重5.9%"])]), "数字经济核心产业增加值占GDP比重");
    expect(i.measure).toBe("cumulative");
    // so far 5.9 − 5.0 = 0.9; path 2 × (2022 − 2020)/5 = 0.8; share 0.45
    expect(i.progress).toEqual({ kind: "cumulative", total: 2, latestYear: 2022, soFar: 0.9, share: 0.45, expectedByNow: 0.8, method: "level-minus-baseline" });
    expect(i.status).toBe("进度正常");
  });

  it("from yearly flows: 6.2 + 5.8 + 6.1 = 18.1 of [30] by 2023, path 18 (进度正常)", () => {
    const row: Row = { name: "城镇新增就业", unit: "万人", rate: "[30]" };
    const i = only(monitor([row], [2022, 2023, 2024].map((y, n) => workReport(y, [`城镇新增就业${[6.2, 5.8, 6.1][n]}万人`]))), "城镇新增就业");
    expect(i.progress).toMatchObject({ soFar: 18.1, expectedByNow: 18, method: "sum-of-changes" });
    expect((i.progress as { share: number }).share).toBeCloseTo(18.1 / 30, 10);
    expect(i.status).toBe("进度正常");
    expect(i.notes).toEqual(["规划未给基期值：各年实际按当年新增量累加"]);
  });

  it("from yearly reductions, compounded: 3.0, 2.8, 3.1 % make 8.6388 % of [14] (path 8.4)", () => {
    const row: Row = { name: "单位GDP能源消耗降低", unit: "%", rate: "[14]", attribute: "约束性" };
    const i = only(monitor([row], [2022, 2023, 2024].map((y, n) => workReport(y, [`单位GDP能耗下降${[3.0, 2.8, 3.1][n]}%`]))), "单位GDP能源消耗降低");
    // 1 − 0.97 × 0.972 × 0.969 = 0.0863880 (a plain sum would say 8.9)
    expect(i.progress).toMatchObject({ method: "compound-rates", expectedByNow: 8.4 });
    expect((i.progress as { soFar: number }).soFar).toBeCloseTo(8.638804, 8);
    expect(i.status).toBe("进度正常");
  });

  it("a missing year stops the sum: 无法比较, naming the year", () => {
    const row: Row = { name: "城镇新增就业", unit: "万人", rate: "[30]" };
    const i = only(monitor([row], [workReport(2022, ["城镇新增就业6.2万人"]), workReport(2024, ["城镇新增就业6.1万人"])]), "城镇新增就业");
    expect(i.status).toBe("无法比较");
    expect(i.reason).toBe("缺2022年的年度数据，累计变化无法算出");
  });
});

describe("a ceiling or a floor: met or not, each year", () => {
  it("城镇调查失业率 <6: 5.5 met, 6.1 missed, 5.8 met: 进度正常, the missed year noted", () => {
    const i = only(monitor([{ name: "城镇调查失业率", unit: "%", rate: "<6" }], [2022, 2023, 2024].map((y, n) => workReport(y, [`城镇调查失业率${[5.5, 6.1, 5.8][n]}%`]))), "城镇调查失业率");
    expect(i.measure).toBe("ceiling");
    expect(i.progress).toEqual({ kind: "bound", bound: 6, comparator: "<", latestYear: 2023, latest: 5.8, yearsMet: [2021, 2023], yearsMissed: [2022] });
    expect(i.status).toBe("进度正常");
    expect(i.notes).toEqual(["2022年未达到<6"]);
  });

  it("粮食综合生产能力 >285 万吨 against 58.7亿斤: converted exactly (1亿斤 = 5万吨) to 293.5", () => {
    const i = only(monitor([{ name: "粮食综合生产能力", unit: "万吨", baseline: "286.8", target: ">285", attribute: "约束性" }], [workReport(2024, ["粮食综合生产能力58.7亿斤"])]), "粮食综合生产能力");
    expect(i.measure).toBe("floor");
    expect(actualOf(i, 2023)).toMatchObject({ value: 293.5, unit: "亿斤", comparable: true, conversion: "原文单位亿斤，按1亿斤=5万吨换算" });
    expect(i.status).toBe("进度正常");
    expect(i.notes).toEqual(["2023年实际：原文单位亿斤，按1亿斤=5万吨换算"]);
  });

  it("a 约束性 floor missed in the latest year is 滞后 and marked", () => {
    const i = only(monitor([{ name: "粮食综合生产能力", unit: "万吨", baseline: "286.8", target: ">285", attribute: "约束性" }], [workReport(2024, ["粮食综合生产能力280万吨"])]), "粮食综合生产能力");
    expect(i).toMatchObject({ status: "滞后", constrained: true, constrainedBehind: true });
  });
});

describe("what cannot be judged is said so", () => {
  it("a qualitative target is shown beside the actual text, without a verdict (定性)", () => {
    const i = only(monitor([{ name: "居民人均可支配收入增长", unit: "%", rate: "与GDP增长同步" }], [workReport(2024, ["居民人均可支配收入增长6.5%"])]), "居民人均可支配收入增长");
    expect(i.measure).toBe("qualitative");
    expect(i.status).toBe("定性");
    expect(i.progress).toEqual({ kind: "qualitative", text: "与GDP增长同步", latestText: "2023年：居民人均可支配收入增长6.5%" });
    expect(i.years[2].verdict).toEqual({ metPlan: null, metYearTarget: null });
  });

  it("a level against a growth rate is 无法比较, never a status", () => {
    const i = only(monitor([{ name: "社会消费品零售总额", unit: "亿元", baseline: "779", target: "1100" }], [workReport(2024, ["社会消费品零售总额增长7.5%"])]), "社会消费品零售总额");
    expect(i.status).toBe("无法比较");
    expect(i.reason).toBe("原文是增速（%）（社会消费品零售总额增长7.5%），规划指标按目标水平值监测，两者不能相比");
    expect(actualOf(i, 2023)).toMatchObject({ comparable: false, value: null, quantity: { value: 7.5 } });
    expect(i.years[2].shown).toBe("增长7.5%");
  });

  it("a unit with no exact conversion is 无法比较, naming both units", () => {
    const i = only(monitor([{ name: "每千名老年人口养老床位数", unit: "张", baseline: "35", target: "40" }], [workReport(2024, ["每千名老年人口养老床位数36个"])]), "每千名老年人口养老床位数");
    expect(i.status).toBe("无法比较");
    expect(i.reason).toBe("单位不同：原文为个，规划为张，两者没有确定的换算关系（每千名老年人口养老床位数36个）");
  });

  it("an indicator nobody reports is 无数据", () => {
    const m = monitor([{ name: "人均预期寿命", unit: "岁", baseline: "78.7", target: "79.5" }], [workReport(2024, ["地区生产总值增长6.7%"])]);
    expect(only(m, "人均预期寿命")).toMatchObject({ status: "无数据", progress: { kind: "none" } });
    expect(m.unmatched).toEqual([expect.objectContaining({ year: 2023, metric: "地区生产总值增长", raw: "6.7%", source: expect.objectContaining({ line: 1 }) })]);
  });
});

describe("sources", () => {
  const gdp: Row = { name: "地区生产总值（GDP）增长", unit: "%", rate: "7" };

  it("a bulletin's figure is preferred to the work report's, and the disagreement is noted", () => {
    const m = computeMonitoring({
      plan: fiveYearPlan([gdp]),
      documents: [{ plan: workReport(2024, ["地区生产总值增长6.7%"]) }, { plan: bulletin(2023, ["地区生产总值增长6.6%"]) }],
    });
    const i = only(m, "地区生产总值（GDP）增长");
    expect(actualOf(i, 2023)).toMatchObject({ value: 6.6, source: { kind: "statistical-bulletin", line: 1 } });
    expect(i.notes).toContain("2023年：测试市2024年政府工作报告第1行为6.7，与采用的测试市2023年国民经济和社会发展统计公报第1行6.6不一致");
  });

  it("a clerk's import wins over both and names the file and cell", () => {
    const m = computeMonitoring({
      plan: fiveYearPlan([gdp]),
      documents: [{ plan: workReport(2024, ["地区生产总值增长6.7%"]) }],
      actuals: [{ region: "测试市", periodLabel: "十四五", indicator: "地区生产总值（GDP）增长", year: 2023, raw: "6.8", value: 6.8, unit: "%", file: "监测.xlsx", sheet: "年度数据", cell: "F4", importedAt: "2025-01-01T00:00:00Z" }],
    });
    const a = actualOf(only(m, "地区生产总值（GDP）增长"), 2023)!;
    expect(a).toMatchObject({ value: 6.8, comparable: true, source: { type: "import", file: "监测.xlsx", cell: "F4" } });
    expect(sourceLabel(a.source)).toBe("监测.xlsx 年度数据!F4");
  });

  it("a quarter's figure and several years' total are not a year's result (listed, not used); a name matched through the normaliser's synonyms is", () => {
    const energy: Row = { name: "单位GDP能源消耗降低", unit: "%", rate: "[14]" };
    const m = monitor([gdp, energy, { name: "研究与试验发展经费投入强度", unit: "%", baseline: "1.75", target: "2.5" }], [workReport(2024, ["GDP一季度累计增长4.7%", "单位GDP能耗累计下降9.5%", "研发经费投入强度2.2%"])]);
    expect(only(m, "地区生产总值（GDP）增长").status).toBe("无数据");
    expect(only(m, "单位GDP能源消耗降低").status).toBe("无数据");
    expect(actualOf(only(m, "研究与试验发展经费投入强度"), 2023)).toMatchObject({ metric: "研发经费投入强度", value: 2.2 });
    expect(m.unmatched.map((u) => `${u.metric} ${u.raw}`)).toEqual(["GDP一季度累计增长 4.7%", "单位GDP能耗累计下降 9.5%"]);
  });

  it("a report of another region is not used, and said so", () => {
    const m = computeMonitoring({ plan: fiveYearPlan([gdp]), documents: [{ plan: workReport(2024, ["地区生产总值增长6.7%"], [], "别的市") }] });
    expect(only(m, "地区生产总值（GDP）增长").status).toBe("无数据");
    expect(m.warnings).toEqual([{ code: "other-region", message: "别的市2024年政府工作报告属于别的市，不是测试市，未采用" }]);
  });
});
