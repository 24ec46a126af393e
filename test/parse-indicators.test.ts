import { join } from "node:path";
import { parseFile } from "../generator/parse";
import type { Indicator, Plan } from "../generator/model";
import { planSchemaErrors } from "../generator/model/validate";
import { answerKeys, asKeyRow, SEEDS_DIR, seedFiles } from "./helpers/answer-keys";

const seed = (name: string) => join(SEEDS_DIR, name);
const plans = new Map<string, Plan>();
async function plan(path: string): Promise<Plan> {
  if (!plans.has(path)) plans.set(path, await parseFile(path));
  return plans.get(path)!;
}
const byName = (list: Indicator[], name: string) => {
  const found = list.filter((i) => i.name === name);
  expect(found).toHaveLength(1);
  return asKeyRow(found[0]);
};

describe("answer keys of the samples", () => {
  for (const { txt, key } of answerKeys()) {
    describe(key.file, () => {
      test("metadata", async () => {
        const p = await plan(txt);
        expect({ region: p.region, kind: p.kind, period: p.period }).toEqual({ region: key.region, kind: key.kind, period: key.period });
        const chapters = p.outline.flatMap((n) => (/章$/.test(n.label) ? [n] : n.children.filter((c) => /章$/.test(c.label))));
        expect(chapters.length || null).toBe(key.chapters);
      });
      test("indicator tables, field by field", async () => {
        const p = await plan(txt);
        expect(p.indicatorTables).toHaveLength(key.indicatorTables.length);
        key.indicatorTables.forEach((expected, t) => {
          const got = p.indicatorTables[t];
          expect({ title: got.title, role: got.role, baseYear: got.baseYear, targetYear: got.targetYear, notes: got.notes }).toEqual({
            title: expected.title,
            role: expected.role,
            baseYear: expected.baseYear,
            targetYear: expected.targetYear,
            notes: expected.notes,
          });
          expect(got.indicators.map(asKeyRow)).toEqual(expected.indicators);
        });
      });
    });
  }
});

describe("seed 000 (荆门 十四五, tab-separated, header repeated after page breaks)", () => {
  const file = seed("jingmen-14th-five-year-plan.txt");
  test("52 review rows and 20 target rows", async () => {
    const p = await plan(file);
    expect(p.indicatorTables.map((t) => [t.role, t.indicators.length])).toEqual([
      ["review", 52],
      ["targets", 20],
    ]);
    expect(p.indicatorTables[0]).toMatchObject({ title: "荆门市“十三五”规划主要指标完成情况", baseYear: null, targetYear: 2020 });
    expect(p.indicatorTables[1]).toMatchObject({ title: "“十四五”时期全市经济社会发展主要指标", baseYear: 2020, targetYear: 2025 });
  });
  test("review rows: flags, sub-rows, category carried across page breaks, other columns in cells", async () => {
    const review = (await plan(file)).indicatorTables[0].indicators;
    expect(byName(review, "规模以上工业增加值增速")).toEqual({
      category: "经济发展", seq: "2", name: "规模以上工业增加值增速", unit: "%", parent: null, baseline: null, target: null, rate: "8.1%", attribute: "预期性", flags: ["※", "▲"],
      cells: { "实际完成情况 2019年": "7.8", "实际完成情况 2020年": "-6.2%", "实际完成情况 2016-2019年均[累计]": "8.3%", "实际完成情况 十三五年均[累计]": "5.3%" },
    });
    expect(byName(review, "户籍人口城镇化率")).toMatchObject({ category: "经济发展", seq: null, unit: "%", parent: "城镇化率", target: "40", rate: "[11.2]", attribute: "约束性" });
    expect(byName(review, "常住人口城镇化率")).toMatchObject({ parent: "城镇化率", unit: "%", target: "62", rate: "[7.8]" });
    expect(review.some((i) => i.name === "城镇化率")).toBe(false); // a parent that prints no values is not an indicator
    expect(byName(review, "二氧化硫")).toMatchObject({ category: "生态环境", parent: "主要污染物排放总量减少", unit: "%", rate: "控制在省下达指标内", cells: { "实际完成情况 2019年": "18.74", "实际完成情况 2020年": "9.88" } });
    expect(byName(review, "农村常住居民人均可支配收入")).toMatchObject({ parent: "居民人均可支配收入", target: "24244", rate: "10.50%" });
    expect(byName(review, "农村自来水普及率")).toMatchObject({ seq: "41", category: "人民生活", unit: "%", rate: "完成省下达指标", attribute: "约束性" });
    expect(byName(review, "服务业增加值占GDP比重")).toMatchObject({ seq: "8", unit: "%", target: "37", rate: "[4]" });
  });
  test("target rows", async () => {
    const targets = (await plan(file)).indicatorTables[1].indicators;
    expect(byName(targets, "地区生产总值（GDP）增长")).toEqual({ category: "经济发展", seq: "1", name: "地区生产总值（GDP）增长", unit: "%", parent: null, baseline: "-5", target: null, rate: "7", attribute: "预期性", flags: [], cells: {} });
    expect(byName(targets, "常住人口城镇化率")).toMatchObject({ baseline: "60.1*", target: "65", rate: "[4]", flags: ["*"] });
    expect(byName(targets, "全员劳动生产率增长")).toMatchObject({ rate: ">7", baseline: null });
    expect(byName(targets, "粮食综合生产能力")).toMatchObject({ category: "安全保障", unit: "万吨", baseline: "286.8", target: ">285", attribute: "约束性" });
    expect(byName(targets, "能源综合生产能力")).toMatchObject({ seq: "20", unit: "万吨标准煤", baseline: "105", target: "210" });
    const gdp = targets[0];
    expect(gdp.rate).toEqual({ raw: "7", value: 7, comparator: "=", cumulative: false, text: null, unit: null, kind: "rate" });
  });
});

describe("seed 003 (咸宁 十五五, tab-separated box with sub-rows)", () => {
  const file = seed("xianning-15th-five-year-plan.txt");
  test("21 rows, sub-rows under a parent that prints no values", async () => {
    const [table] = (await plan(file)).indicatorTables;
    expect(table.indicators).toHaveLength(21);
    expect(table).toMatchObject({ title: "“十五五”时期全市经济社会发展主要指标", role: "targets", baseYear: 2025, targetYear: 2030 });
    expect(table.notes[0]).toBe("①带*的为2024年数据。");
    const rows = table.indicators;
    expect(byName(rows, "执业医师数")).toMatchObject({ parent: "每千人口拥有医护人员数", unit: "人", baseline: "3.65", target: "3.7", attribute: "预期性" });
    expect(byName(rows, "注册护士数")).toMatchObject({ parent: "每千人口拥有医护人员数", seq: null, unit: "人", baseline: "4.52", target: "5.1" });
    expect(byName(rows, "人均预期寿命")).toMatchObject({ seq: "13", category: "民生福祉", unit: "岁", baseline: "81.7", target: "82.8", attribute: "预期性" });
    expect(byName(rows, "地区生产总值（GDP）增长")).toMatchObject({ baseline: "6.2", rate: "6左右" });
    expect(byName(rows, "森林覆盖率")).toMatchObject({ category: "绿色低碳", baseline: "54.78*", target: "稳定在55左右", flags: ["*"], attribute: "约束性" });
    expect(byName(rows, "地级及以上城市细颗粒物（PM2.5）浓度")).toMatchObject({ unit: "微克/立方米", baseline: "35" });
    expect(rows.find((i) => i.name === "森林覆盖率")!.target).toMatchObject({ value: 55, comparator: "≈" });
  });
});

describe("seed 004 (鄂州 十四五, one cell per line, wrapped cells)", () => {
  const file = seed("ezhou-14th-five-year-plan.txt");
  test("19 rows with categories and values read from wrapped cells", async () => {
    const [table] = (await plan(file)).indicatorTables;
    expect(table.indicators).toHaveLength(19);
    expect(table).toMatchObject({ title: "“十四五”时期鄂州市经济社会发展主要指标", baseYear: 2020, targetYear: 2025, columns: ["类别", "序号", "指标名称", "2020年预计", "2025年", "年均增速", "属性"] });
    const rows = table.indicators;
    expect(byName(rows, "地区生产总值（GDP）增长率")).toEqual({ category: "经济发展", seq: "1", name: "地区生产总值（GDP）增长率", unit: "%", parent: null, baseline: null, target: null, rate: "7左右", attribute: "预期性", flags: [], cells: {} });
    expect(byName(rows, "常住人口城镇化率")).toMatchObject({ baseline: "66.8", target: "70", rate: null });
    expect(byName(rows, "数字经济核心产业增加值占GDP比重")).toMatchObject({ category: "创新能力", seq: "6", baseline: null, target: "10", rate: null });
    expect(byName(rows, "城镇登记失业率")).toMatchObject({ category: "民生福祉", baseline: "<3", target: "<5" });
    expect(byName(rows, "单位GDPCO2排放降低")).toMatchObject({ category: "生态环境", seq: "15", attribute: "约束性", rate: null });
    expect(byName(rows, "粮食综合生产能力")).toMatchObject({ category: "安全保障", unit: "亿斤", baseline: ">5", target: ">5" });
  });
});

describe("every document", () => {
  const all = [...seedFiles(), ...answerKeys().map((k) => k.txt)];
  test.each(all)("%s passes the Plan JSON Schema and keeps no export artifacts", async (file) => {
    const p = await plan(file);
    expect(planSchemaErrors(JSON.parse(JSON.stringify(p)))).toEqual([]);
    const json = JSON.stringify({ ...p, source: null });
    expect(json).not.toMatch(/\[bookmark|footnoteRef|_Toc\d/);
  });
  test("indicator names carry no unit, flag or footnote mark", async () => {
    for (const file of all) {
      for (const t of (await plan(file)).indicatorTables) {
        for (const i of t.indicators) {
          expect(i.name).not.toMatch(/[※▲*＊]|\[\d\]|[（(](%|亿元|万人|人|件|个|年|岁)[）)]$|\s/);
        }
      }
    }
  });
});
