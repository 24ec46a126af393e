/**
 * Every value says what it is (a level, a yearly rate, a cumulative change, words) and keeps every
 * figure it printed, each with its unit and subject. Asserted on the seeds, value by value.
 */
import type { Indicator, Quantity, Target } from "../generator/model";
import { parseQuantity } from "../generator/parse/quantity";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";

const table = (path: string, role: "targets" | "review") => parseFixture(path).indicatorTables.find((t) => t.role === role)!;
const row = (rows: Indicator[], name: string) => {
  const found = rows.find((r) => r.name === name);
  if (!found) throw new Error(`no indicator ${name}`);
  return found;
};
const target = (list: Target[], metric: string) => {
  const found = list.find((t) => t.metric === metric);
  if (!found) throw new Error(`no target ${metric}`);
  return found;
};
const parts = (q: Quantity) => q.parts?.map((p) => ({ value: p.value, unit: p.unit, subject: p.subject }));

describe("quantities as printed", () => {
  test("a range keeps both ends; several figures keep every one, each with its unit", () => {
    expect(parseQuantity("10-20年一遇")).toMatchObject({ value: 10, upper: 20, unit: "年一遇", text: null, kind: "level" });
    expect(parseQuantity("75%和93%")).toMatchObject({ value: 75, unit: "%", text: null, parts: [{ value: 75, unit: "%" }, { value: 93, unit: "%" }] });
    expect(parts(parseQuantity("生猪270万头、家禽3700万羽")!)).toEqual([
      { value: 270, unit: "万头", subject: "生猪" },
      { value: 3700, unit: "万羽", subject: "家禽" },
    ]);
    // a unit printed once, after the last figure, belongs to all of them
    expect(parts(parseQuantity("75、93%")!)).toEqual([
      { value: 75, unit: "%", subject: null },
      { value: 93, unit: "%", subject: null },
    ]);
    // a negative number is not a range
    expect(parseQuantity("-5")).toMatchObject({ value: -5 });
    expect(parseQuantity("-5")!.upper).toBeUndefined();
    expect(parseQuantity("与GDP增长同步")).toMatchObject({ value: null, kind: "text", text: "与GDP增长同步" });
  });
});

describe("indicator tables: the column and the name say what a figure is", () => {
  test("000: 地区生产总值（GDP）增长's 2020年 -5 is that year's growth, a rate; its 年均 7 a rate; [4] cumulative; 65 a level", () => {
    const rows = table(SEEDS.jingmen, "targets").indicators;
    const gdp = row(rows, "地区生产总值（GDP）增长");
    expect(gdp.baseline).toMatchObject({ value: -5, kind: "rate" });
    expect(gdp.rate).toMatchObject({ value: 7, kind: "rate" });
    const urban = row(rows, "常住人口城镇化率");
    expect(urban.baseline).toMatchObject({ value: 60.1, kind: "level" });
    expect(urban.target).toMatchObject({ value: 65, kind: "level" });
    expect(urban.rate).toMatchObject({ value: 4, kind: "cumulative" });
  });

  test("000 review: the actual 年均 columns hold rates, the actual year columns of a 增速 indicator too, levels stay levels", () => {
    const rows = table(SEEDS.jingmen, "review").indicators;
    const gdp = row(rows, "地区生产总值（GDP）");
    expect(gdp.target).toMatchObject({ value: 2048, kind: "level" });
    expect(gdp.cells["实际完成情况 2020年"]).toMatchObject({ value: 1906.4, kind: "level" });
    expect(gdp.cells["实际完成情况 2016-2019年均[累计]"]).toMatchObject({ value: 7.9, kind: "rate" });
    expect(gdp.cells["实际完成情况 十三五年均[累计]"]).toMatchObject({ value: 5.2, kind: "rate" });
    const industry = row(rows, "规模以上工业增加值增速");
    expect(industry.cells["实际完成情况 2019年"]).toMatchObject({ value: 7.8, kind: "rate" });
    expect(industry.cells["实际完成情况 2020年"]).toMatchObject({ value: -6.2, kind: "rate" });
  });
});

describe("prose and annual targets", () => {
  test("001: 增长7% and 涨幅3%左右 are rates, 5.5万人以上 and 58亿斤以上 levels, words are text", () => {
    const list = parseFixture(SEEDS.report).annualTargets;
    expect(target(list, "地区生产总值增长").value).toMatchObject({ value: 7, unit: "%", kind: "rate" });
    expect(target(list, "居民消费价格涨幅").value).toMatchObject({ value: 3, comparator: "≈", kind: "rate" });
    expect(target(list, "城镇新增就业").value).toMatchObject({ value: 5.5, unit: "万人", kind: "level" });
    expect(target(list, "粮食总产").value).toMatchObject({ value: 58, unit: "亿斤", kind: "level" });
    expect(target(list, "居民收入增长").value).toMatchObject({ value: null, kind: "text" });
  });

  test("001: 城乡低保标准 keeps both figures, 城镇 800元/月 and 农村 610元/月; a quarter's 累计增长 is still a rate", () => {
    const results = parseFixture(SEEDS.report).lastYearResults;
    const floor = target(results, "城乡低保标准分别");
    expect(floor.value).toMatchObject({ value: 800, unit: "元/月", kind: "level" });
    expect(parts(floor.value)).toEqual([
      { value: 800, unit: "元/月", subject: "城镇" },
      { value: 610, unit: "元/月", subject: "农村" },
    ]);
    expect(target(results, "GDP一季度累计增长").value).toMatchObject({ value: 4.7, kind: "rate" });
  });

  test("002: 城乡居民人均可支配收入 52236元、28036元 for 城镇 and 农村; 达到2.5% a level", () => {
    const goals = parseFixture(SEEDS.digest).targets;
    expect(parts(target(goals, "城乡居民人均可支配收入分别").value)).toEqual([
      { value: 52236, unit: "元", subject: "城镇" },
      { value: 28036, unit: "元", subject: "农村" },
    ]);
    expect(target(goals, "研发经费投入强度").value).toMatchObject({ value: 2.5, kind: "level" });
  });

  test("000: 75%和93% belong to the two rates the clause names; 10-20年一遇 keeps both ends", () => {
    const goals = parseFixture(SEEDS.jingmen).targets;
    const livestock = target(goals, "畜禽养殖规模化率和畜禽粪污资源化利用率分别");
    expect(parts(livestock.value)).toEqual([
      { value: 75, unit: "%", subject: "畜禽养殖规模化率" },
      { value: 93, unit: "%", subject: "畜禽粪污资源化利用率" },
    ]);
    expect(target(goals, "重点中小河流防洪标准").value).toMatchObject({ value: 10, upper: 20, unit: "年一遇" });
    expect(target(goals, "主要湖泊防洪标准").value).toMatchObject({ value: 10, upper: 50 });
    expect(target(goals, "高新技术产业增加值占GDP比重").value).toMatchObject({ value: 23, kind: "level" });
  });

  test("003: 生猪 270万头 and each animal after it keep their own figure and unit", () => {
    const goals = parseFixture(SEEDS.xianning).targets;
    const stock = goals.find((t) => t.raw.startsWith("270万头"))!;
    expect(parts(stock.value)).toEqual([
      { value: 270, unit: "万头", subject: null },
      { value: 3700, unit: "万羽", subject: "家禽" },
      { value: 2, unit: "万头", subject: "牛" },
      { value: 22, unit: "万只", subject: "羊" },
    ]);
  });
});
