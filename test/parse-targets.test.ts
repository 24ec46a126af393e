import { joinParagraphs } from "../generator/parse/paragraphs";
import { extractWorkReport } from "../generator/parse/targets";
import { answerKey, contextOf, parseFixture, readText, SEEDS } from "./helpers/parse-fixture";

const pairs = (ts: Array<{ metric: string; raw: string }>) => ts.map((t) => ({ metric: t.metric, raw: t.raw }));

describe("work report targets", () => {
  test("A3: the answer key's annual targets, one per clause", () => {
    const plan = parseFixture("test/fixtures/samples/A3_dongzhu_report2025.txt");
    expect(pairs(plan.annualTargets)).toEqual(answerKey("A3_dongzhu_report2025").annualTargets);
    expect(plan.annualTargets.every((t) => t.year === 2025)).toBe(true);
  });

  test("001: the seven 主要预期目标 exactly, with their quantities", () => {
    const targets = parseFixture(SEEDS.report).annualTargets;
    expect(pairs(targets)).toEqual([
      { metric: "地区生产总值增长", raw: "7%" },
      { metric: "城镇新增就业", raw: "5.5万人以上" },
      { metric: "居民消费价格涨幅", raw: "控制在3%左右" },
      { metric: "居民收入增长", raw: "与经济增长基本同步" },
      { metric: "生态环境质量", raw: "巩固提升" },
      { metric: "节能减排", raw: "完成省定目标" },
      { metric: "粮食总产", raw: "保持在58亿斤以上" },
    ]);
    expect(targets[1].value).toMatchObject({ value: 5.5, comparator: "≥", unit: "万人" });
    expect(targets[2].value).toMatchObject({ value: 3, comparator: "≈" });
    expect(targets[3].value).toMatchObject({ value: null, text: "与经济增长基本同步" });
  });

  test("001: last year's achieved figures and this year's quantified tasks", () => {
    const plan = parseFixture(SEEDS.report);
    expect(pairs(plan.lastYearResults)).toEqual(expect.arrayContaining([
      { metric: "规模以上工业增加值增长", raw: "10.2%" },
      { metric: "固定资产投资增长", raw: "6.8%" },
      { metric: "城镇新增就业", raw: "5.5万人" },
    ]));
    expect(plan.lastYearResults.every((t) => t.year === 2023 && t.value.value !== null)).toBe(true);
    expect(pairs(plan.tasks)).toEqual(expect.arrayContaining([
      { metric: "新增高新技术企业", raw: "70家" },
      { metric: "新增科技型中小企业", raw: "200家" },
      { metric: "新改建农村公路", raw: "700公里" },
    ]));
  });

  test("001: every achieved figure reads on its own — a period or an attribute takes the subject before it", () => {
    const plan = parseFixture(SEEDS.report);
    expect(pairs(plan.lastYearResults)).toEqual([
      { metric: "GDP一季度累计增长", raw: "4.7%" },
      { metric: "GDP二季度累计增长", raw: "6.3%" },
      { metric: "GDP三季度累计增长", raw: "6.6%" },
      { metric: "GDP全年累计增长", raw: "6.7%" },
      { metric: "规模以上工业增加值增长", raw: "10.2%" },
      { metric: "固定资产投资增长", raw: "6.8%" },
      { metric: "地方一般公共预算收入增长", raw: "19%" },
      { metric: "社会消费品零售总额增长", raw: "7.5%" },
      { metric: "粮食总产", raw: "58.7亿斤" },
      { metric: "新能源动力电池产业产值", raw: "突破600亿元" },
      { metric: "整车下线", raw: "12万辆" },
      { metric: "省级重点成长型产业集群", raw: "13个" },
      { metric: "城镇新增就业", raw: "5.5万人" },
      { metric: "引进高校毕业生", raw: "3.2万人" },
      { metric: "财政民生支出占比", raw: "80%" },
      { metric: "城乡低保标准分别", raw: "800元/月、610元/月" },
      { metric: "完成大气重点治理项目", raw: "412个" },
      { metric: "办结满意率", raw: "99.67%" },
    ]);
    expect(plan.lastYearResults[3]).toMatchObject({ text: "全年累计增长6.7%", value: { value: 6.7 } });
    // a task counted on the work named in the clause before it
    expect(pairs(plan.tasks)).toEqual(expect.arrayContaining([{ metric: "废弃矿山修复工程完成治理", raw: "1570亩" }]));
    for (const t of [...plan.lastYearResults, ...plan.tasks]) {
      expect(t.metric).not.toMatch(/^(?:(?:全年|[一二三四]季度)?累计)?(?:增长|下降)$|^(?:总产|产值|完成治理)$|、$/u);
      // a value, not a ranking or a remark after it ("13个、数量全省第一")
      expect(t.raw).toMatch(/^(?:突破|超过)?\d[^第]*$/u);
    }
  });

  test("A3: last year's results, a 居民 subject included", () => {
    expect(pairs(parseFixture("test/fixtures/samples/A3_dongzhu_report2025.txt").lastYearResults)).toEqual([
      { metric: "地区生产总值", raw: "1286.5亿元" },
      { metric: "地区生产总值增长", raw: "5.6%" },
      { metric: "规模以上工业增加值增长", raw: "7.4%" },
      { metric: "固定资产投资增长", raw: "5.1%" },
      { metric: "社会消费品零售总额增长", raw: "6.2%" },
      { metric: "一般公共预算收入", raw: "96.3亿元" },
      { metric: "一般公共预算收入增长", raw: "3.8%" },
      { metric: "城乡居民人均可支配收入分别增长", raw: "4.9%和6.3%" },
    ]);
  });

  test("002 (digest): annual targets from the re-flowed clause list", () => {
    const plan = parseFixture(SEEDS.digest);
    expect(pairs(plan.annualTargets)).toEqual([
      { metric: "地区生产总值增长", raw: "11%以上" },
      { metric: "规模以上工业增加值增长", raw: "12%" },
      { metric: "固定资产投资增长", raw: "12%" },
      { metric: "社会消费品零售总额增长", raw: "15%" },
      { metric: "地方一般公共预算收入增长", raw: "25.6%" },
      { metric: "城乡居民收入增长", raw: "与经济增长基本同步" },
      { metric: "城镇调查失业率", raw: "控制在5%以内" },
      { metric: "节能减排任务", raw: "全面完成省下达的节能减排任务" },
    ]);
    expect(plan.tasks.find((t) => t.metric === "改造老旧小区")).toMatchObject({ raw: "97个", value: { value: 97 } });
  });

  test("002 (digest): the ● plan goals, bullets wrapped over narrow columns joined", () => {
    const report = extractWorkReport(contextOf(readText(SEEDS.digest), SEEDS.digest));
    expect(pairs(report.targets)).toEqual([
      { metric: "城乡居民人均可支配收入分别", raw: "52236元、28036元" },
      { metric: "研发经费投入强度", raw: "2.5%" },
      { metric: "常住人口城镇化率", raw: "62%" },
      { metric: "经济总量", raw: "突破4000亿元" },
    ]);
    expect(report.targets[3].value).toMatchObject({ value: 4000, comparator: ">" });
  });
});

describe("prose targets of plans", () => {
  test("000: 到2025年 … 达到23%, one per clause, with the target year", () => {
    const targets = parseFixture(SEEDS.jingmen).targets;
    expect(targets).toEqual(expect.arrayContaining([
      expect.objectContaining({ metric: "高新技术产业增加值占GDP比重", raw: "23%", year: 2025 }),
      expect.objectContaining({ metric: "服务业增加值占GDP比重", raw: "45%左右", year: 2025 }),
    ]));
  });

  test("A1: forward-looking clauses only; the review's figures are not targets", () => {
    const targets = parseFixture("test/fixtures/samples/A1_qinglan_14fyp.txt").targets;
    expect(pairs(targets)).toEqual([
      { metric: "规模以上工业企业", raw: "260家" },
      { metric: "产值超10亿元企业", raw: "8家" },
      { metric: "港口吞吐能力", raw: "800万吨" },
    ]);
  });
});

describe("joinParagraphs", () => {
  const L = (texts: string[]) => texts.map((text, i) => ({ no: i + 1, text }));

  test("a hard-wrapped paragraph is joined; a page break inside a sentence is bridged", () => {
    const ps = joinParagraphs(L(["进一步建好中心城区。推动新城扩容提质，高标准规划建设关沮新", "城、城北片区。改造老旧小区97个、棚户区", "", "房屋1799套。", "", "聚焦宜居宜业宜游", "", "实施产业园区提升工程。有序推进荆州开发", "区融合发展。"]));
    expect(ps.map((p) => [p.text, p.start, p.end])).toEqual([
      ["进一步建好中心城区。推动新城扩容提质，高标准规划建设关沮新城、城北片区。改造老旧小区97个、棚户区房屋1799套。", 1, 4],
      ["聚焦宜居宜业宜游", 6, 6],
      ["实施产业园区提升工程。有序推进荆州开发区融合发展。", 8, 9],
    ]);
  });

  test("never across headings, captions or table lines; Word paragraphs stay apart", () => {
    const ps = joinParagraphs(L(["第二节 发展环境", "当前和今后一个时期，我县发展仍处于重要战略机遇期，区域交通格局深刻调整，沿江产业转移和消费升级加速推进", "", "专栏 3-1  先进制造业重点项目", "项目名称\t建设内容\t总投资（亿元）", "甲\t乙\t1"]));
    expect(ps.map((p) => p.start)).toEqual([1, 2, 4, 5, 6]);
  });

  test("spaces a PDF put between characters go; spaces between Latin words stay", () => {
    const ps = joinParagraphs(L(["●城乡居民人均可", "支 配 收 入 分 别 达 到", "52236元", "", "● Mini LED 显示"]));
    expect(ps.map((p) => p.text)).toEqual(["●城乡居民人均可支配收入分别达到52236元", "●Mini LED显示"]);
  });
});
