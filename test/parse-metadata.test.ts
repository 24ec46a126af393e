import { parseText } from "../generator/parse";
import type { Plan } from "../generator/model";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";

const parse = (text: string, path = "doc.txt"): Plan => parseText(text, { path, sha256: "test", encoding: "utf-8", bytes: text.length });
const meta = (p: Plan) => ({ region: p.region, kind: p.kind, period: p.period });
const codes = (p: Plan) => p.warnings.map((w) => w.code);

const BODY = "一、总体要求\n全市上下坚持稳中求进工作总基调，推动高质量发展。\n";
const plan = (n: string, start: number) => ({ kind: "five-year-plan", period: { label: n, start, end: start + 4 } });

describe("regions of every level, read from the title", () => {
  test.each([
    ["湖北省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n湖北省人民政府\n二〇二一年四月", "湖北省"],
    ["内蒙古自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "内蒙古自治区"],
    ["广西壮族自治区国民经济和社会发展第十四个五年规划纲要", "广西壮族自治区"],
    ["北京市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "北京市"],
    ["香港特别行政区国民经济和社会发展第十四个五年规划纲要", "香港特别行政区"],
    ["恩施土家族苗族自治州国民经济和社会发展第十四个五年规划纲要", "恩施土家族苗族自治州"],
    ["恩施州国民经济和社会发展第十四个五年规划纲要", "恩施州"],
    ["大兴安岭地区国民经济和社会发展第十四个五年规划纲要", "大兴安岭地区"],
    ["锡林郭勒盟国民经济和社会发展第十四个五年规划纲要", "锡林郭勒盟"],
    ["云梦县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "云梦县"],
    ["长阳土家族自治县国民经济和社会发展第十四个五年规划纲要", "长阳土家族自治县"],
    ["鄂托克前旗国民经济和社会发展第十四个五年规划纲要", "鄂托克前旗"],
    ["海淀区国民经济和社会发展第十四个五年规划纲要", "海淀区"],
    ["浦东新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "浦东新区"],
    // a chain names the most specific place; a level inside a name stays in it
    ["湖北省荆门市东宝区国民经济和社会发展第十四个五年规划纲要", "东宝区"],
    ["荆州市沙市区国民经济和社会发展第十四个五年规划纲要", "沙市区"],
    ["郑州市国民经济和社会发展第十四个五年规划纲要", "郑州市"],
    ["荆 门 市 国 民 经 济 和 社 会 发 展 第 十 四 个 五 年 规 划 纲 要", "荆门市"],
    ["荆门市人民政府关于印发荆门市国民经济和社会发展第十四个五年规划纲要的通知", "荆门市"],
  ])("%s → %s", (title, region) => {
    const p = parse(`${title}\n${BODY}`);
    expect(meta(p)).toEqual({ region, ...plan("十四五", 2021) });
    expect(codes(p)).not.toContain("region-inferred");
  });
});

describe("regions read from the issuing body, the session and the party committee", () => {
  test("a work report: 政府工作报告, then the session line", () => {
    const p = parse("政府工作报告\n——2025年1月15日在云梦县第十九届人民代表大会第五次会议上\n云梦县人民政府县长 张三\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n");
    expect(meta(p)).toEqual({ region: "云梦县", kind: "work-report", period: { label: "2025年", start: 2025, end: 2025 } });
    expect(p.title).toBe("政府工作报告");
  });
  test("the date in Chinese numerals gives the year", () => {
    const p = parse("政府工作报告\n——二〇二六年一月十日在海淀区第十七届人民代表大会第六次会议上\n各位代表：\n");
    expect(meta(p)).toEqual({ region: "海淀区", kind: "work-report", period: { label: "2026年", start: 2026, end: 2026 } });
  });
  test("the issuing body on a line of its own", () => {
    const p = parse("政府工作报告\n鄂尔多斯市人民政府市长\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2024年工作回顾\n");
    expect(meta(p)).toEqual({ region: "鄂尔多斯市", kind: "work-report", period: { label: "2025年", start: 2025, end: 2025 } });
  });
  test("中共…委 citing the proposal in a plan's preamble", () => {
    const p = parse("根据《中共云梦县委关于制定全县国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》编制本纲要。\n第一章 发展基础\n");
    expect(meta(p)).toEqual({ region: "云梦县", ...plan("十四五", 2021) });
  });
});

describe("never a region from a verb or a phrase", () => {
  test("开展高新区, 以上县（市、区）, 我代表市人民政府, 加快市委党校: null with a warning", () => {
    const p = parse(
      "政府工作报告\n各位代表：\n规模以上县（市、区）要开展高新区建设。开展高新区评估。开展高新区申报。以上县（市、区）完成任务。\n我代表市人民政府向大会报告。加快市委党校建设。落实市委决策部署。开展高新区考核。\n",
    );
    expect(p.kind).toBe("work-report");
    expect(p.region).toBeNull();
    const w = p.warnings.find((x) => x.code === "region-unknown");
    expect(w).toBeDefined();
    expect(w!.message).toMatch(/地区/);
    expect(w!.line).toBe(1);
    // a text of no known kind is left to the not-a-plan check
    expect(codes(parse("关于开展高新区建设的实施意见\n各县（市、区）人民政府：\n开展高新区建设。\n"))).not.toContain("region-unknown");
  });
  test("a city's report that ranks itself in its province is not the province's", () => {
    const text = ["各位代表：", ...Array.from({ length: 6 }, (_, i) => `荆门高新区第${i}个项目开工，健康荆门建设加快，荆门石化增长，增幅居全省第${i}位，湖北省支持我市发展。`)].join("\n");
    expect(parse(text).region).toBe("荆门市");
  });
});

describe("hostile heads", () => {
  test("lines full of levels (市县市县…) are read in a moment: no pattern backtracks over a chain of places", () => {
    // each of these took minutes when a place chain was one lazy regex per title, session and party line
    const heads = [
      `${"市".repeat(40)}规划`,
      `政府工作报告\n——2025年1月15日在${"市县".repeat(140)}第十届人民代表大会第四次会议上\n各位代表：\n`,
      `中共${"市县".repeat(140)}\n第一章 总则\n`,
      `${"县区".repeat(25)}人民政府\n各位代表：\n`,
    ];
    for (const h of heads) expect(parse(h).schemaVersion).toBe(1);
  });
});

describe("a region guessed from the body says so", () => {
  test("001 (no title, no body line): 荆门市 from the names printed as places, with a warning naming the line", () => {
    const p = parseFixture(SEEDS.report);
    expect(p.region).toBe("荆门市");
    const w = p.warnings.find((x) => x.code === "region-inferred")!;
    expect(w.message).toMatch(/推断为荆门市/);
    expect(w.line).toBeGreaterThan(0);
  });
  test("002 (a digest whose headline names 荆州): 荆州市, with a warning", () => {
    const p = parseFixture(SEEDS.digest);
    expect(p.region).toBe("荆州市");
    expect(codes(p)).toContain("region-inferred");
  });
  test.each([SEEDS.jingmen, SEEDS.xianning, SEEDS.ezhou, "test/fixtures/samples/A1_qinglan_14fyp.txt", "test/fixtures/samples/A2_songling_15fyp.txt", "test/fixtures/samples/A3_dongzhu_report2025.txt"])(
    "%s states its region: no guess",
    (file) => {
      expect(codes(parseFixture(file))).not.toContain("region-inferred");
      expect(codes(parseFixture(file))).not.toContain("region-unknown");
    },
  );
});

describe("kinds and periods", () => {
  test.each([
    ["第十五个五年规划 in the title", "松陵市国民经济和社会发展\n第十五个五年规划纲要（征求意见稿）", "松陵市", "十五五", 2026],
    ["a year range in the title", "青澜县国民经济和社会发展规划纲要（2026—2030年）", "青澜县", "十五五", 2026],
    ["“十四五” in the title", "青澜县“十四五”现代综合交通运输体系发展规划", "青澜县", "十四五", 2021],
    ["第十五个五年规划和二〇三五年远景目标纲要", "东渚市国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要", "东渚市", "十五五", 2026],
  ])("five-year plan: %s", (_what, title, region, label, start) => {
    const p = parse(`${title}\n${BODY}`);
    expect(meta(p)).toEqual({ region, ...plan(label, start) });
    expect(codes(p)).not.toContain("period-inferred");
  });
  test("a statistical bulletin: kind, title, region, period", () => {
    const p = parse("荆门市2023年国民经济和社会发展统计公报\n荆门市统计局\n2024年3月20日\n一、综合\n全年全市地区生产总值2300亿元，比上年增长6.2%。\n");
    expect(meta(p)).toEqual({ region: "荆门市", kind: "statistical-bulletin", period: { label: "2023年", start: 2023, end: 2023 } });
    expect(p.title).toBe("荆门市2023年国民经济和社会发展统计公报");
    const cn = parse("湖北省二〇二三年国民经济和社会发展统计公报\n湖北省统计局\n二〇二四年三月\n");
    expect(meta(cn)).toEqual({ region: "湖北省", kind: "statistical-bulletin", period: { label: "2023年", start: 2023, end: 2023 } });
  });
  test("a work report's year from its title, and a digest's", () => {
    expect(meta(parse("2025年东渚市政府工作报告\n各位代表：\n"))).toEqual({ region: "东渚市", kind: "work-report", period: { label: "2025年", start: 2025, end: 2025 } });
    const d = parse("图解：2025年松陵市政府工作报告\n今年主要预期目标：地区生产总值增长6%左右。\n");
    expect(meta(d)).toEqual({ region: "松陵市", kind: "work-report-digest", period: { label: "2025年", start: 2025, end: 2025 } });
  });
  test("a fragment of a report without its opening is a work report by its content, and says so", () => {
    const p = parse(
      "二、2025年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；城镇新增就业4万人。\n过去一年，我们主要做了以下工作。今年要继续努力。今年的任务很重。\n",
    );
    expect(p.kind).toBe("work-report");
    expect(p.period).toEqual({ label: "2025年", start: 2025, end: 2025 });
    expect(codes(p)).toEqual(expect.arrayContaining(["kind-inferred", "region-unknown"]));
    expect(p.annualTargets.map((t) => t.metric)).toEqual(["地区生产总值增长", "城镇新增就业"]);
  });
  test("a plan without a title: its kind and period from the body, both reported", () => {
    const p = parse("第一章 发展基础\n“十三五”时期，全市经济发展取得显著成效。\n第二章 总体要求\n“十四五”时期是重要窗口期。本规划期内，“十四五”发展目标如下。“十四五”时期要加快发展。\n专栏1 重点项目\n");
    expect(meta(p)).toEqual({ region: null, ...plan("十四五", 2021) });
    expect(codes(p)).toEqual(expect.arrayContaining(["kind-inferred", "period-inferred", "region-unknown"]));
  });
  test("the seeds and samples keep their metadata", () => {
    const got = [SEEDS.jingmen, SEEDS.report, SEEDS.digest, SEEDS.xianning, SEEDS.ezhou].map((f) => meta(parseFixture(f)));
    expect(got).toEqual([
      { region: "荆门市", ...plan("十四五", 2021) },
      { region: "荆门市", kind: "work-report", period: { label: "2024年", start: 2024, end: 2024 } },
      { region: "荆州市", kind: "work-report-digest", period: { label: "2021年", start: 2021, end: 2021 } },
      { region: "咸宁市", ...plan("十五五", 2026) },
      { region: "鄂州市", ...plan("十四五", 2021) },
    ]);
  });
  test("metadata warnings are in Chinese and name a line", () => {
    for (const f of [SEEDS.report, SEEDS.digest, SEEDS.ezhou]) {
      for (const w of parseFixture(f).warnings.filter((x) => /region|kind|period/.test(x.code))) {
        expect(w.message).toMatch(/[\u4e00-\u9fff]/u);
        expect(w.line).toEqual(expect.any(Number));
      }
    }
  });
});
