/**
 * Documents written in layouts none of the other fixtures use (test/fixtures/unseen/, made by
 * scripts/make-unseen-fixtures.ts), each compared field by field with its hand-written answer key:
 * region, kind, period, chapters, every indicator row (values as printed, unit, category, seq,
 * parent, attribute, flags, cells), every box, group and project, every annual target and, for the
 * 统计公报, every figure of the year.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, parseText } from "../generator/parse";
import type { Plan } from "../generator/model";
import type { AnswerKey } from "./helpers/answer-keys";
import { keyWithoutFile, planAsKey } from "./helpers/answer-keys";

const UNSEEN = join(__dirname, "fixtures", "unseen");

type UnseenKey = AnswerKey & { what?: string; lastYearResults?: Array<{ metric: string; raw: string }> };

function readKey(file: string): UnseenKey {
  return JSON.parse(readFileSync(join(UNSEEN, file), "utf8")) as UnseenKey;
}

/** The plan in the key's shape, with the year's figures when the key lists them. */
function asKey(plan: Plan, key: UnseenKey) {
  const out: Record<string, unknown> = { ...planAsKey(plan, key) };
  if (key.lastYearResults) out.lastYearResults = plan.lastYearResults.map((t) => ({ metric: t.metric, raw: t.raw }));
  return out;
}

function expected(key: UnseenKey) {
  const { what: _what, ...rest } = keyWithoutFile(key) as UnseenKey;
  return rest;
}

/**
 * Documents the parser does not read in full yet, and what it does instead: each table read
 * exactly, one not read named in a warning. None now (U5 as a PDF, its table printed without
 * rules over three pages, the first holding two rows, is read in full since branch pdf-unruled).
 */
const KNOWN_GAPS: Record<string, string> = {};

const keys = readdirSync(UNSEEN).filter((f) => /^U\d.*\.json$/.test(f)).sort();

test("the seven unseen documents are here, in five formats", () => {
  expect(keys).toHaveLength(7);
  expect(new Set(keys.map((k) => readKey(k).file.replace(/^.*\./, ""))).size).toBe(5);
});

describe("unseen documents: every field of their answer keys", () => {
  test.each(keys.filter((k) => !KNOWN_GAPS[k]))("%s", async (keyFile) => {
    const key = readKey(keyFile);
    const plan = await parseDocument(readFileSync(join(UNSEEN, key.file)), key.file);
    expect(asKey(plan, key)).toEqual(expected(key));
    // nothing here is doubtful: a warning would be a false alarm a clerk has to chase
    expect(plan.warnings).toEqual([]);
  });

  test("U5 from its web page (category rows across the table, a 其中： sub-row): every field", async () => {
    const key = readKey("U5_longji_15fyp.json");
    const plan = await parseDocument(readFileSync(join(UNSEEN, "src", "U5_longji_15fyp.html")), "U5_longji_15fyp.html");
    expect(asKey(plan, key)).toEqual(expected(key));
    expect(plan.warnings).toEqual([]);
  });

  // registered while some document has a known gap (jest refuses test.each over no documents)
  const gapKeys = Object.keys(KNOWN_GAPS);
  if (gapKeys.length) test.each(gapKeys)("%s: all but the known gap exact, and the gap is a warning, never a wrong row", async (keyFile) => {
    const key = readKey(keyFile);
    const plan = await parseDocument(readFileSync(join(UNSEEN, key.file)), key.file);
    const got = asKey(plan, key);
    const want = expected(key);
    expect({ ...got, indicatorTables: null }).toEqual({ ...want, indicatorTables: null });
    // each table read is exactly the key's; one not read is named in a table-* warning
    const wantTables = new Map(want.indicatorTables.map((t) => [t.title, t]));
    for (const t of got.indicatorTables as AnswerKey["indicatorTables"]) expect(t).toEqual(wantTables.get(t.title));
    const missing = want.indicatorTables.filter((t) => !(got.indicatorTables as AnswerKey["indicatorTables"]).some((g) => g.title === t.title));
    for (const t of missing) expect(plan.warnings.some((w) => /^table-/.test(w.code) && w.message.includes(t.title))).toBe(true);
  });
});

const parse = (text: string) => parseText(text, { path: "t.txt", sha256: "t", encoding: "utf-8", bytes: text.length });

describe("the wordings behind the unseen documents' faults, in other words", () => {
  test.each([
    ["建议为", "今年全市经济社会发展的主要预期目标建议为：地区生产总值增长6%左右；城镇新增就业3万人。"],
    ["确定为", "综合考虑，今年主要预期目标确定为：地区生产总值增长6%左右；城镇新增就业3万人。"],
    ["安排如下", "今年全市经济社会发展的主要预期目标安排如下：地区生产总值增长6%左右，城镇新增就业3万人。"],
  ])("a lead with a verb before its colon (%s) is the year's lead", (_verb, lead) => {
    const plan = parse(`某某市政府工作报告\n\n各位代表：\n\n“十五五”时期，全市经济社会发展的主要目标是：地区生产总值年均增长5%以上；研发经费投入强度达到3%。\n\n${lead}\n`);
    expect(plan.annualTargets.map((t) => [t.metric, t.raw])).toEqual([
      ["地区生产总值增长", "6%左右"],
      ["城镇新增就业", "3万人"],
    ]);
  });

  test("a five-year period's goals are never taken for the year's, even under a heading that names the year", () => {
    const plan = parse("某某县人民政府工作报告\n\n各位代表：\n\n二、“十五五”时期主要目标和2026年工作安排\n\n“十五五”时期，全县经济社会发展的主要目标是：地区生产总值年均增长6%以上，一般公共预算收入年均增长5%，城乡居民人均可支配收入年均增长6.5%以上，森林覆盖率达到72%。\n\n2026年是开局之年。\n");
    expect(plan.annualTargets).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toContain("no-annual-targets");
  });

  test("a bulletin's 实现/完成 is the verb, not part of the metric", () => {
    const plan = parse("某某县2024年国民经济和社会发展统计公报\n\n某某县统计局\n\n一、综合\n\n全年全县地区生产总值实现150.2亿元，按不变价格计算，比上年增长5.1%。全年一般公共预算收入完成8.6亿元，同比增长3.4%。\n");
    expect(plan.lastYearResults.map((t) => [t.metric, t.raw, t.value.kind])).toEqual([
      ["地区生产总值", "150.2亿元", "level"],
      ["地区生产总值增长", "5.1%", "rate"],
      ["一般公共预算收入", "8.6亿元", "level"],
      ["一般公共预算收入增长", "3.4%", "rate"],
    ]);
  });

  test("a table's 表N / 附表N-N number is not its title; a category row across a tab table sets its rows' category", () => {
    const plan = parse(
      [
        "某某区国民经济和社会发展第十五个五年规划纲要",
        "",
        "附表1-1　某某区“十五五”时期主要指标",
        "",
        "序号\t指标\t单位\t2025年\t2030年\t年均增长\t属性",
        "一、经济发展\t\t\t\t\t\t",
        "1\t地区生产总值\t亿元\t100\t130\t5.5\t预期性",
        "二、绿色生态\t\t\t\t\t\t",
        "2\t森林覆盖率\t%\t40.1\t41\t[0.9]\t约束性",
        "",
      ].join("\n"),
    );
    expect(plan.indicatorTables.map((t) => t.title)).toEqual(["某某区“十五五”时期主要指标"]);
    expect(plan.indicatorTables[0].indicators.map((i) => [i.category, i.seq, i.name, i.unit, i.baseline?.raw, i.target?.raw, i.rate?.raw, i.attribute])).toEqual([
      ["经济发展", "1", "地区生产总值", "亿元", "100", "130", "5.5", "预期性"],
      ["绿色生态", "2", "森林覆盖率", "%", "40.1", "41", "[0.9]", "约束性"],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  test("a box's groups numbered （1） or 2、 are named without their numbers; a box read as nothing warns", () => {
    const plan = parse(
      [
        "某某县国民经济和社会发展第十五个五年规划纲要",
        "",
        "第一章　重大项目",
        "",
        "专栏1　重大项目",
        "（1）交通：甲乙高速公路、丙丁快速路。",
        "2、水利：戊己水库。",
        "",
        "第二章　规划实施",
        "",
        "专栏2　保障措施",
        "",
        "加强组织领导，健全规划实施机制，确保规划目标任务落到实处。",
        "",
      ].join("\n"),
    );
    expect(plan.projectBoxes.map((b) => [b.label, b.groups.map((g) => [g.name, g.projects.map((p) => p.name)])])).toEqual([
      ["专栏 1", [["交通", ["甲乙高速公路", "丙丁快速路"]], ["水利", ["戊己水库"]]]],
      ["专栏 2", []],
    ]);
    expect(plan.warnings.filter((w) => w.code === "box-unreadable").map((w) => w.line)).toEqual([11]);
  });
});
