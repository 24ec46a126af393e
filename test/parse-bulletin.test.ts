/** 统计公报: recognised by its title, its figures read as levels and yearly changes with unit and line. */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { parseFile, parseText } from "../generator/parse";

const FIXTURES = join(__dirname, "fixtures", "monitoring");

function parse(text: string) {
  return parseText(text, { path: "公报.txt", sha256: createHash("sha256").update(text).digest("hex"), encoding: "utf-8", bytes: text.length });
}

test("the brief's sentence: a level and a rate, each with its unit and line", () => {
  const plan = parse("荆门市2020年国民经济和社会发展统计公报\n\n荆门市统计局\n\n一、综合\n\n全年地区生产总值1906.4亿元，比上年增长6.7%。\n");
  expect(plan).toMatchObject({ kind: "statistical-bulletin", title: "荆门市2020年国民经济和社会发展统计公报", region: "荆门市", period: { label: "2020年", start: 2020, end: 2020 } });
  expect(plan.lastYearResults).toEqual([
    { metric: "地区生产总值", raw: "1906.4亿元", year: 2020, line: 7, text: "全年地区生产总值1906.4亿元，比上年增长6.7%", value: { raw: "1906.4亿元", value: 1906.4, comparator: "=", cumulative: false, text: null, unit: "亿元", kind: "level" } },
    { metric: "地区生产总值增长", raw: "6.7%", year: 2020, line: 7, text: "全年地区生产总值1906.4亿元，比上年增长6.7%", value: { raw: "6.7%", value: 6.7, comparator: "=", cumulative: false, text: null, unit: "%", kind: "rate" } },
  ]);
  expect(plan.annualTargets).toEqual([]);
});

test("a bulletin's paragraphs: subjects carried to the change that follows, ratios and rankings left out", async () => {
  const plan = await parseFile(join(FIXTURES, "qinghe-2023-statistical-bulletin.txt"));
  expect(plan).toMatchObject({ kind: "statistical-bulletin", region: "青禾市", period: { start: 2023 } });
  const read = plan.lastYearResults.map((t) => `${t.line} ${t.metric} ${t.value.value} ${t.value.unit} ${t.value.kind}`);
  expect(read).toEqual([
    "9 地区生产总值 1248.6 亿元 level",
    "9 地区生产总值增长 6.7 % rate",
    "9 第一产业增加值 142.3 亿元 level",
    "9 第一产业增加值增长 3.9 % rate",
    "9 第二产业增加值 521.8 亿元 level",
    "9 第二产业增加值增长 7.6 % rate",
    "9 第三产业增加值 584.5 亿元 level",
    "9 第三产业增加值增长 6.6 % rate",
    "11 常住人口 312.46 万人 level",
    "11 常住人口减少 0.52 万人 rate",
    "11 常住人口城镇化率 61.2 % level",
    "11 常住人口城镇化率提高 1 个百分点 cumulative",
    "13 城镇新增就业 5.02 万人 level",
    "13 城镇调查失业率 5.3 % level",
    "15 居民消费价格上涨 0.4 % rate",
    "19 粮食总产量 180.2 万吨 level",
    "19 粮食总产量下降 1.1 % rate",
    "23 全体居民人均可支配收入 35620 元 level",
    "23 全体居民人均可支配收入增长 6.9 % rate",
  ]);
  expect(plan.warnings).toEqual([]);
});

test("a work report is not taken for a bulletin", async () => {
  const report = await parseFile(join(FIXTURES, "qinghe-2024-government-work-report.txt"));
  expect(report.kind).toBe("work-report");
});
