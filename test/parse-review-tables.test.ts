import { parseText } from "../generator/parse";
import type { IndicatorTable, Plan } from "../generator/model";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";

/*
 * Review tables (上期规划完成情况) and what every column of an indicator table holds: the target is
 * the column that says 目标, never an estimate or an actual of the same year beside it; those and
 * the 完成情况 verdict are kept in cells and named in columnInfo.
 */

const parse = (text: string): Plan => parseText(text, { path: "plan.txt", sha256: "test", encoding: "utf-8", bytes: text.length });
const tsv = (rows: string[][]) => rows.map((r) => r.join("\t")).join("\n");
const PLAN = "云梦县国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n";
const tableOf = (caption: string, rows: string[][]): IndicatorTable => {
  const p = parse(`${PLAN}${caption}\n${tsv(rows)}\n\n第二章 总体要求\n`);
  expect(p.indicatorTables).toHaveLength(1);
  return p.indicatorTables[0];
};
const meanings = (t: IndicatorTable) => t.columnInfo.map((c) => [c.header, c.meaning, c.year]);
const row = (t: IndicatorTable, i: number) => {
  const r = t.indicators[i];
  return { name: r.name, baseline: r.baseline?.raw ?? null, target: r.target?.raw ?? null, rate: r.rate?.raw ?? null, cells: Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, v?.raw ?? null])) };
};

describe("review tables: the target is the target column", () => {
  test("2015年 | 2020年目标 | 2020年预计 | 完成情况", () => {
    const t = tableOf("云梦县“十三五”规划主要指标完成情况", [
      ["序号", "指标名称", "单位", "2015年", "2020年目标", "2020年预计", "完成情况", "属性"],
      ["1", "地区生产总值", "亿元", "250", "400", "386", "基本完成", "预期性"],
      ["2", "森林覆盖率", "%", "38", "[40]", "40.5", "完成", "约束性"],
    ]);
    expect({ role: t.role, baseYear: t.baseYear, targetYear: t.targetYear }).toEqual({ role: "review", baseYear: 2015, targetYear: 2020 });
    expect(meanings(t)).toEqual([
      ["序号", "seq", null],
      ["指标名称", "name", null],
      ["单位", "unit", null],
      ["2015年", "baseline", 2015],
      ["2020年目标", "target", 2020],
      ["2020年预计", "estimate", 2020],
      ["完成情况", "completion", null],
      ["属性", "attribute", null],
    ]);
    expect(row(t, 0)).toEqual({ name: "地区生产总值", baseline: "250", target: "400", rate: null, cells: { "2020年预计": "386", 完成情况: "基本完成" } });
    expect(t.indicators[1].target).toMatchObject({ value: 40, cumulative: true });
    expect(t.indicators[1].cells["完成情况"]).toMatchObject({ value: null, text: "完成" });
  });

  test("2020年目标 | 2020年实际 | 完成情况, a caption that does not say 完成情况", () => {
    const t = tableOf("“十三五”时期主要指标", [
      ["指标名称", "单位", "2020年目标", "2020年实际", "完成情况", "属性"],
      ["地区生产总值", "亿元", "400", "386", "基本完成", "预期性"],
    ]);
    expect(t.role).toBe("review");
    expect(meanings(t).map((m) => m[1])).toEqual(["name", "unit", "target", "actual", "completion", "attribute"]);
    expect(row(t, 0)).toEqual({ name: "地区生产总值", baseline: null, target: "400", rate: null, cells: { "2020年实际": "386", 完成情况: "基本完成" } });
  });

  test("a year over 目标 | 实际 on a second header row", () => {
    const t = tableOf("“十三五”规划主要指标完成情况", [
      ["序号", "指标名称", "单位", "2020年", "", "属性"],
      ["", "", "", "目标", "实际", ""],
      ["1", "地区生产总值", "亿元", "400", "386", "预期性"],
      ["2", "粮食产量", "万吨", "60", "61.2", "约束性"],
    ]);
    expect(t.columns).toEqual(["序号", "指标名称", "单位", "2020年目标", "2020年实际", "属性"]);
    expect(meanings(t).slice(3, 5)).toEqual([
      ["2020年目标", "target", 2020],
      ["2020年实际", "actual", 2020],
    ]);
    expect(t.indicators.map((i) => [i.name, i.target?.raw, i.cells["2020年实际"]?.raw])).toEqual([
      ["地区生产总值", "400", "386"],
      ["粮食产量", "60", "61.2"],
    ]);
  });

  test("groups over their years and rates on the row below the names: 规划目标 | 实现情况", () => {
    const t = tableOf("“十三五”规划主要指标完成情况", [
      ["指标", "单位", "2015年基数", "规划目标", "", "实现情况", "", "属性"],
      ["", "", "", "2020年", "年均增长", "2020年", "年均增长", ""],
      ["地区生产总值", "亿元", "250", "400", "8%", "386", "7.5%", "预期性"],
    ]);
    expect(meanings(t)).toEqual([
      ["指标", "name", null],
      ["单位", "unit", null],
      ["2015年基数", "baseline", 2015],
      ["规划目标 2020年", "target", 2020],
      ["规划目标 年均增长", "rate", null],
      ["实现情况 2020年", "actual", 2020],
      ["实现情况 年均增长", "actual", null],
      ["属性", "attribute", null],
    ]);
    expect(row(t, 0)).toEqual({ name: "地区生产总值", baseline: "250", target: "400", rate: "8%", cells: { "实现情况 2020年": "386", "实现情况 年均增长": "7.5%" } });
    expect({ role: t.role, baseYear: t.baseYear, targetYear: t.targetYear }).toEqual({ role: "review", baseYear: 2015, targetYear: 2020 });
  });
});

describe("targets tables: what each column holds", () => {
  test("an earlier year's actual printed before the target is the baseline, and the table is the plan's own", () => {
    const t = tableOf("云梦县“十四五”时期经济社会发展主要指标", [
      ["类别", "序号", "指标名称", "2020年实际", "2025年目标", "年均增长", "属性"],
      ["经济发展", "1", "地区生产总值（亿元）", "386", "560", "7左右", "预期性"],
    ]);
    expect({ role: t.role, baseYear: t.baseYear, targetYear: t.targetYear }).toEqual({ role: "targets", baseYear: 2020, targetYear: 2025 });
    expect(meanings(t).slice(3, 6).map((m) => m[1])).toEqual(["baseline", "target", "rate"]);
    expect(row(t, 0)).toEqual({ name: "地区生产总值", baseline: "386", target: "560", rate: "7左右", cells: {} });
  });
  test("a 2035 远景 column beside the plan's end year: the target is the plan's year, 2035 kept in cells", () => {
    const t = tableOf("主要指标", [
      ["序号", "指标名称", "单位", "2020年", "2025年", "2035年", "属性"],
      ["1", "地区生产总值", "亿元", "386", "560", "1000", "预期性"],
    ]);
    expect({ baseYear: t.baseYear, targetYear: t.targetYear }).toEqual({ baseYear: 2020, targetYear: 2025 });
    expect(row(t, 0)).toEqual({ name: "地区生产总值", baseline: "386", target: "560", rate: null, cells: { "2035年": "1000" } });
    expect(t.columnInfo[5]).toEqual({ header: "2035年", meaning: "other", year: 2035 });
  });
});

describe("the seeds", () => {
  test("000: 荆门's 十三五 completion table — 规划目标 feeds the target, 实际完成情况 are actuals in cells", () => {
    const [review, targets] = parseFixture(SEEDS.jingmen).indicatorTables;
    expect({ role: review.role, baseYear: review.baseYear, targetYear: review.targetYear }).toEqual({ role: "review", baseYear: null, targetYear: 2020 });
    expect(meanings(review)).toEqual([
      ["类型", "category", null],
      ["序号", "seq", null],
      ["指标名称", "name", null],
      ["规划目标 2020年", "target", 2020],
      ["规划目标 年均[累计]", "rate", null],
      ["规划目标 属性", "attribute", null],
      ["实际完成情况 2019年", "actual", 2019],
      ["实际完成情况 2020年", "actual", 2020],
      ["实际完成情况 2016-2019年均[累计]", "actual", null],
      ["实际完成情况 十三五年均[累计]", "actual", null],
    ]);
    const gdp = review.indicators[0];
    expect([gdp.name, gdp.target?.raw, gdp.cells["实际完成情况 2020年"]?.raw]).toEqual(["地区生产总值（GDP）", "2048", "1906.4"]);
    expect(targets.role).toBe("targets");
    expect(meanings(targets).map((m) => m[1])).toEqual(["category", "seq", "name", "baseline", "target", "rate", "attribute"]);
  });
  test("004: 鄂州's 2020年预计 is the base year's estimate, the baseline of the 十四五 table", () => {
    const [t] = parseFixture(SEEDS.ezhou).indicatorTables;
    expect(t.role).toBe("targets");
    expect(t.columnInfo[3]).toEqual({ header: "2020年预计", meaning: "baseline", year: 2020 });
    expect(t.columnInfo[4]).toEqual({ header: "2025年", meaning: "target", year: 2025 });
    expect(t.indicators.find((i) => i.name === "常住人口城镇化率")).toMatchObject({ baseline: { raw: "66.8" }, target: { raw: "70" }, cells: {} });
  });
  test("every table of every seed says what every column holds", () => {
    for (const f of Object.values(SEEDS)) {
      for (const t of parseFixture(f).indicatorTables) {
        expect(t.columnInfo.map((c) => c.header)).toEqual(t.columns);
        expect(t.columnInfo.filter((c) => c.meaning === "target")).toHaveLength(1);
        expect(t.columnInfo.filter((c) => c.meaning === "name")).toHaveLength(1);
      }
    }
  });
});
