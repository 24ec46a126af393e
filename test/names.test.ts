/**
 * One name normaliser with a synonym list a clerk can extend, used by the comparison workbook, the
 * library's compare and search (and through the service by the add-in). Asserted on the seeds:
 * the pairs the issue found unmatched are one row, each with the rule that matched it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SYNONYMS_TEXT, NameMatcher, normalizeIndicatorName, parseSynonyms, SynonymError, type Plan } from "../generator/model";
import { openLibrary } from "../generator/library";
import { comparisonView } from "../generator/render/comparison";
import { loadSynonyms, SynonymFileError } from "../generator/util/synonyms";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";
import { tempDir } from "./library-support";

const seeds = (): Plan[] => [SEEDS.ezhou, SEEDS.jingmen, SEEDS.report, SEEDS.digest, SEEDS.xianning].map(parseFixture);

describe("the normaliser", () => {
  const m = new NameMatcher();

  test("printing marks, units, brackets and full-width forms go; Ⅲ is III", () => {
    expect(m.key("地区生产总值（GDP）增长")).toBe(m.key("GDP增长"));
    expect(m.key("GDP增速")).toBe(m.key("地区生产总值增长"));
    expect(m.key("地表水达到或好于Ⅲ类水体比例")).toBe(m.key("地表水达到或好于III类水体比例"));
    expect(m.match("森林覆盖率※", "全市森林覆盖率")).toEqual({ rule: "normalised", synonyms: [] });
    expect(m.match("森林覆盖率", "森林覆盖率")).toEqual({ rule: "exact", synonyms: [] });
    // the parser keeps 分别 as printed; it says the figures are several, not what is measured
    expect(m.match("城乡居民人均可支配收入分别增长", "城乡居民人均可支配收入增长")).toEqual({ rule: "normalised", synonyms: [] });
    expect(m.key("城乡低保标准分别")).toBe(m.key("城乡低保标准"));
    // normalizeIndicatorName keeps working for everyone who calls it
    expect(normalizeIndicatorName("地区生产总值（GDP）增长")).toBe(m.key("GDP增长"));
  });

  test("every pair the issue found unmatched matches, through the synonym it needs", () => {
    const pairs: Array<[string, string, string]> = [
      ["单位GDP二氧化碳排放降低", "单位GDPCO2排放降低", "CO2 ↔ 二氧化碳"],
      ["单位GDP能耗降低", "单位地区生产总值能源消耗降低", "地区生产总值 ↔ GDP"],
      ["每千人口拥有执业（助理）医师数", "每千人拥有执业（助理）医师数", "每千人 ↔ 每千人口"],
      ["城市空气质量优良天数比例", "城市空气质量优良天数比率", "比率 ↔ 比例"],
      ["研发经费投入增长", "全社会研发经费投入增长", "全社会研发经费 ↔ 研发经费"],
      ["空气优良天数比例", "城市空气质量优良天数比率", "城市空气质量优良天数比例 ↔ 空气优良天数比例"],
    ];
    for (const [a, b, rule] of pairs) {
      const match = m.match(a, b);
      expect({ a, b, match }).toEqual({ a, b, match: { rule: "synonym", synonyms: expect.arrayContaining([rule]) } });
    }
    // different indicators stay apart
    expect(m.match("城镇登记失业率", "城镇调查失业率")).toBeNull();
    expect(m.match("粮食总产", "粮食综合生产能力")).toBeNull();
  });

  test("search spellings: a query and its synonyms' forms", () => {
    expect(m.expand("GDP增长")).toEqual(expect.arrayContaining(["GDP增长", "地区生产总值增长"]));
  });

  test("the synonym file: groups by ↔, [词语] and [名称] sections, an unreadable line named by its number", () => {
    const list = parseSynonyms("# 注释\n[词语]\nA ↔ B = C\n[名称]\n甲 ↔ 乙\n");
    expect(list).toEqual({ terms: [["A", "B", "C"]], names: [["甲", "乙"]] });
    expect(() => parseSynonyms("[词语]\n只有一个")).toThrow(SynonymError);
    expect(() => parseSynonyms("[词语]\n只有一个")).toThrow("第2行");
    // the shipped file is the built-in list
    expect(parseSynonyms(DEFAULT_SYNONYMS_TEXT).terms.length).toBeGreaterThan(10);
  });
});

describe("comparison of the seeds", () => {
  test("the issue's unmatched pairs are one row each, with a cell for both plans", () => {
    const view = comparisonView(seeds());
    const col = (header: string) => view.columns.findIndex((c) => c.header === header);
    const [ezhou, jingmen, xianning] = [col("鄂州市 十四五"), col("荆门市 十四五"), col("咸宁市 十五五")];
    const row = (name: string) => view.rows.filter((r) => r.name === name);
    // GDP ↔ 地区生产总值, 增长率 ↔ 增长: every plan and report in one row of yearly rates
    const gdp = row("地区生产总值（GDP）增长率");
    expect(gdp).toHaveLength(1);
    expect(gdp[0].kind).toBe("年增速");
    expect(gdp[0].cells.map((c) => c.number)).toEqual([7, 7, 7, 11, 6]);
    // a 7 beside a 7%: one form, the unit in the row
    expect(gdp[0].unit).toBe("%");
    expect(gdp[0].cells[2].value).toBe(7);
    for (const [name, a, b] of [
      ["单位GDPCO2排放降低", jingmen, xianning],
      ["每千人口拥有执业（助理）医师数", ezhou, jingmen],
      ["地表水达到或好于Ⅲ类水体比", ezhou, jingmen],
      ["研发经费投入增长", ezhou, xianning],
      ["空气优良天数比例", ezhou, jingmen],
    ] as const) {
      const r = view.rows.find((x) => x.name === name);
      expect({ name, found: !!r }).toEqual({ name, found: true });
      const printed = view.matches.filter((x) => x.name === name).map((x) => x.header);
      expect(printed).toEqual(expect.arrayContaining([view.columns[a].header, view.columns[b].header]));
    }
    expect(view.unmatched.length).toBeLessThan(29);
    const rules = view.matches.map((x) => x.rule);
    expect(rules).toEqual(expect.arrayContaining(["名称相同", "同义词：CO2 ↔ 二氧化碳"]));
  });

  test("a user's synonym file extends the list: its groups match, its mistakes name the file and line", () => {
    const tmp = tempDir("synonyms");
    try {
      const path = join(tmp.dir, "synonyms.txt");
      writeFileSync(path, `${DEFAULT_SYNONYMS_TEXT}\n[名称]\n城镇调查失业率 ↔ 城镇登记失业率\n`);
      const view = comparisonView(seeds(), loadSynonyms(path));
      const jobless = view.rows.filter((r) => r.name === "城镇登记失业率");
      expect(jobless.length).toBeGreaterThan(0);
      expect(view.matches.filter((x) => x.name === "城镇登记失业率").map((x) => x.rule)).toContain("同义词：城镇登记失业率 ↔ 城镇调查失业率");
      writeFileSync(path, "[词语]\nGDP\n");
      expect(() => loadSynonyms(path)).toThrow(SynonymFileError);
      expect(() => loadSynonyms(path)).toThrow(`${path}:2:`);
    } finally {
      tmp.remove();
    }
  });
});

describe("the library", () => {
  test("a changed synonym list re-keys what is stored: compare finds by the new list, no stale keys", () => {
    const tmp = tempDir("names-index");
    try {
      const path = join(tmp.dir, "library.db");
      const plans = seeds();
      let library = openLibrary(path, { synonyms: parseSynonyms("[词语]\n增长 ↔ 增速\n") });
      for (const p of plans) library.ingestPlan(p);
      // without the 每千人 synonym, the two spellings are two indicators
      expect(new Set(library.compare("每千人拥有执业（助理）医师数").rows.map((r) => r.region))).toEqual(new Set(["荆门市"]));
      const generation = library.generation();
      library.close();
      library = openLibrary(path, { synonyms: parseSynonyms(DEFAULT_SYNONYMS_TEXT) });
      try {
        const rows = library.compare("每千人拥有执业（助理）医师数").rows;
        expect(new Set(rows.map((r) => r.region))).toEqual(new Set(["荆门市", "鄂州市"]));
        expect(rows.find((r) => r.region === "鄂州市")!.match).toEqual({ rule: "synonym", synonyms: ["每千人 ↔ 每千人口"] });
        expect(library.generation()).toBeGreaterThan(generation);
        // search finds by the key too: "地区生产总值增长" is inside neither "地区生产总值（GDP）增长率" nor "GDP增长"
        const hits = library.search("地区生产总值增长", "indicator", 100).map((h) => `${h.region}:${h.name}`);
        expect(hits).toEqual(expect.arrayContaining(["鄂州市:地区生产总值（GDP）增长率", "荆门市:地区生产总值（GDP）增长", "咸宁市:地区生产总值（GDP）增长"]));
      } finally {
        library.close();
      }
    } finally {
      tmp.remove();
    }
  });

  test("a review table's figures are the period it reviews, every figure with its unit", () => {
    const tmp = tempDir("compare-review");
    const library = openLibrary(join(tmp.dir, "library.db"));
    try {
      library.ingestPlan(parseFixture(SEEDS.jingmen));
      const rows = library.compare("森林覆盖率").rows;
      expect(rows.map((r) => [r.role, r.period.label, r.targetYear])).toEqual([
        ["review", "十三五", 2020],
        ["targets", "十四五", 2025],
      ]);
      expect(rows[0].period).toEqual({ label: "十三五", start: 2016, end: 2020 });
      expect(rows[1].indicator.target).toMatchObject({ value: 32.05, unit: "%" });
      const gdp = library.compare("地区生产总值").rows.find((r) => r.role === "review")!;
      // the level in 亿元, its yearly rate in %
      expect([gdp.indicator.target?.unit, gdp.indicator.rate?.unit]).toEqual(["亿元", "%"]);
    } finally {
      library.close();
      tmp.remove();
    }
  });
});
