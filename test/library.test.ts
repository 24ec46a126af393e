import Database from "better-sqlite3";
import { join } from "node:path";
import { openLibrary, resolveLibraryPath, SCHEMA_LATEST, type Library } from "../generator/library";
import { planRefOf } from "../generator/library/read";
import { normalizeIndicatorName, type Plan } from "../generator/model";
import { parseFile } from "../generator/parse";
import { allDocuments, syntheticPlan, tempDir } from "./library-support";

describe("resolveLibraryPath", () => {
  it("prefers --library, then PLANBOOK_LIBRARY, then .planbook/library.db under cwd", () => {
    expect(resolveLibraryPath("x/lib.db", { PLANBOOK_LIBRARY: "/env/lib.db" }, "/work")).toBe("/work/x/lib.db");
    expect(resolveLibraryPath(undefined, { PLANBOOK_LIBRARY: "/env/lib.db" }, "/work")).toBe("/env/lib.db");
    expect(resolveLibraryPath(undefined, {}, "/work")).toBe("/work/.planbook/library.db");
    expect(resolveLibraryPath("", { PLANBOOK_LIBRARY: " " }, "/w")).toBe("/w/.planbook/library.db");
  });
});

describe("opening a library", () => {
  const tmp = tempDir("open");
  afterAll(() => tmp.remove());

  it("creates the file and its folder, in WAL mode with foreign keys on, migrated to the latest schema", () => {
    const path = join(tmp.dir, "nested", "lib.db");
    const library = openLibrary(path);
    expect(library.path).toBe(path);
    expect(library.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(library.db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(library.db.pragma("user_version", { simple: true })).toBe(SCHEMA_LATEST);
    library.ingestPlan(syntheticPlan({ id: "keep-me", region: "甲市" }));
    library.close();
    const again = openLibrary(path);
    expect(again.listPlans().map((p) => p.id)).toEqual(["keep-me"]);
    again.close();
  });

  it("refuses a file written by a newer schema", () => {
    const path = join(tmp.dir, "newer.db");
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_LATEST + 1}`);
    db.close();
    expect(() => openLibrary(path)).toThrow(/更新版本的 Planbook/);
  });

  it("leaves room for neighbours' tables in the same file", () => {
    const library = openLibrary(join(tmp.dir, "shared.db"));
    library.db.exec("CREATE TABLE IF NOT EXISTS job_runs (id INTEGER PRIMARY KEY, job TEXT)");
    library.db.prepare("INSERT INTO job_runs (job) VALUES (?)").run("weekly");
    expect(library.db.prepare("SELECT count(*) AS n FROM job_runs").get()).toEqual({ n: 1 });
    library.close();
  });
});

describe("a library holding every seed and sample", () => {
  const tmp = tempDir("seeds");
  let library: Library;
  const parsed = new Map<string, Plan>();

  beforeAll(async () => {
    library = openLibrary(join(tmp.dir, "library.db"));
    for (const file of allDocuments()) {
      const plan = await parseFile(file);
      parsed.set(plan.id, plan);
      const result = await library.ingestFile(file);
      expect(result).toMatchObject({ planId: plan.id, revision: 1, status: "new", path: file });
    }
  });
  afterAll(() => {
    library.close();
    tmp.remove();
  });

  it("stores one plan per document identity, each as parsed", () => {
    const summaries = library.listPlans();
    expect(summaries.map((s) => s.id).sort()).toEqual([...parsed.keys()].sort());
    for (const summary of summaries) {
      const plan = parsed.get(summary.id)!;
      expect(library.getPlan(summary.id)).toEqual(plan);
      expect(summary).toMatchObject({
        revision: 1,
        region: plan.region,
        kind: plan.kind,
        period: plan.period,
        title: plan.title,
        sha256: plan.source.sha256,
        indicatorCount: plan.indicatorTables.reduce((n, t) => n + t.indicators.length, 0),
        // works only: a layout box's places are not projects
        projectCount: plan.projectBoxes.reduce((n, b) => (b.kind === "projects" ? n + b.groups.reduce((m, g) => m + g.projects.length, 0) : n), 0),
      });
      expect(library.getSummary(summary.id)).toEqual(summary);
    }
    expect(library.countPlans()).toBe(parsed.size);
  });

  it("re-ingesting the same bytes changes nothing", async () => {
    const before = library.generation();
    for (const file of allDocuments()) expect((await library.ingestFile(file)).status).toBe("unchanged");
    expect(library.generation()).toBe(before);
    expect(library.listPlans().every((p) => p.revision === 1)).toBe(true);
  });

  it("filters plans by region, kind and period", () => {
    for (const plan of parsed.values()) {
      const expected = [...parsed.values()].filter((p) => p.region === plan.region && p.kind === plan.kind && p.period.label === plan.period.label);
      const found = library.listPlans({ region: plan.region ?? undefined, kind: plan.kind, period: plan.period.label });
      expect(found.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    }
    const kinds = new Set([...parsed.values()].map((p) => p.kind));
    for (const kind of kinds) expect(library.listPlans({ kind }).length).toBe([...parsed.values()].filter((p) => p.kind === kind).length);
    expect(library.listPlans({ region: "不存在市" })).toEqual([]);
  });

  it("finds 森林覆盖率 in every plan that has it, and only those", () => {
    const has = [...parsed.values()].filter((p) => p.indicatorTables.some((t) => t.indicators.some((i) => i.name.includes("森林覆盖率"))));
    const hits = library.search("森林覆盖率", "indicator", 500);
    expect(new Set(hits.map((h) => h.planId))).toEqual(new Set(has.map((p) => p.id)));
    for (const hit of hits) expect(hit.name).toContain("森林覆盖率");
    // substring: the middle of the word finds the same plans
    expect(new Set(library.search("林覆盖", "indicator", 500).map((h) => h.planId))).toEqual(new Set(has.map((p) => p.id)));
  });

  it("finds a project by a substring of its name", () => {
    const projects = [...parsed.values()].flatMap((plan) => plan.projectBoxes.flatMap((b) => b.groups.flatMap((g) => g.projects.map((p) => ({ plan, name: p.name })))));
    const candidate = projects.find((p) => [...p.name].length >= 6);
    // the seeds print project registers: a parse that finds none is a failure, not a reason to skip
    expect(candidate).toBeDefined();
    const { plan, name } = candidate!;
    const chars = [...name];
    const middle = chars.slice(1, chars.length - 1).join("");
    const hits = library.search(middle, "project", 500);
    expect(hits.some((h) => h.planId === plan.id && h.name === name && h.type === "project")).toBe(true);
    expect(hits.every((h) => h.name.includes(middle))).toBe(true);
  });

  it("compares 地区生产总值增长 across every plan that prints it", () => {
    const key = normalizeIndicatorName("地区生产总值增长");
    const has = [...parsed.values()].filter(
      (p) =>
        p.indicatorTables.some((t) => t.indicators.some((i) => normalizeIndicatorName(i.name) === key)) ||
        [...p.targets, ...p.annualTargets].some((t) => normalizeIndicatorName(t.metric) === key),
    );
    const compared = library.compare("地区生产总值增长");
    expect(compared.normalized).toBe(key);
    expect(new Set(compared.rows.map((r) => r.planId))).toEqual(new Set(has.map((p) => p.id)));
    for (const row of compared.rows) expect(normalizeIndicatorName(row.indicator.name)).toBe(key);
  });
});

describe("search and compare on plans written by hand", () => {
  const tmp = tempDir("synthetic");
  let library: Library;
  beforeAll(() => {
    library = openLibrary(join(tmp.dir, "library.db"));
    library.ingestPlan(
      syntheticPlan({
        id: "plan-a",
        region: "甲市",
        indicators: [
          { name: "地区生产总值（GDP）增长", unit: "%", rate: "7左右" },
          { name: "森林覆盖率", unit: "%", baseline: "40", target: "42" },
        ],
        projects: { "专栏 1": ["甲市长江大桥及接线工程", "甲市第二水库"], "专栏 2": ["100%绿色_园区"] },
      }),
    );
    library.ingestPlan(syntheticPlan({ id: "plan-b", region: "乙市", indicators: [{ name: "GDP增速", unit: "%", rate: "6.5" }, { name: "全市森林覆盖率", target: "50" }] }));
    library.ingestPlan(syntheticPlan({ id: "plan-c", region: "丙市", kind: "work-report", period: "2024年", annualTargets: [{ metric: "地区生产总值增长", raw: "6%左右" }] }));
    library.ingestPlan(syntheticPlan({ id: "plan-d", region: "丁市", indicators: [{ name: "常住人口城镇化率", target: "60" }] }));
  });
  afterAll(() => {
    library.close();
    tmp.remove();
  });

  it("finds a CJK substring in every plan that has it, ranked", () => {
    const hits = library.search("森林覆盖率");
    expect(hits.map((h) => h.planId).sort()).toEqual(["plan-a", "plan-b"]);
    expect(hits[0]).toMatchObject({ type: "indicator", name: "森林覆盖率", region: "甲市", context: "甲市主要指标" });
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
  });

  it("finds projects by part of their name, and short queries too", () => {
    expect(library.search("长江大桥", "project")).toEqual([expect.objectContaining({ planId: "plan-a", name: "甲市长江大桥及接线工程", context: "专栏 1" })]);
    expect(library.search("水库").map((h) => h.name)).toEqual(["甲市第二水库"]);
    expect(library.search("库").map((h) => h.name)).toEqual(["甲市第二水库"]);
    expect(library.search("大桥", "indicator")).toEqual([]);
  });

  it("treats search text literally", () => {
    expect(library.search("%").map((h) => h.name)).toEqual(["100%绿色_园区"]);
    expect(library.search("_").map((h) => h.name)).toEqual(["100%绿色_园区"]);
    expect(library.search('"森林 OR x')).toEqual([]);
    expect(library.search("   ")).toEqual([]);
    expect(library.search("森林覆盖率", undefined, 1)).toHaveLength(1);
  });

  it("compares an indicator under its different printings, table rows and work-report targets alike", () => {
    const compared = library.compare("地区生产总值增长");
    // ordered by region
    expect(compared.rows.map((r) => [r.planId, r.indicator.name, r.source])).toEqual([
      ["plan-c", "地区生产总值增长", "target"],
      ["plan-b", "GDP增速", "indicator"],
      ["plan-a", "地区生产总值（GDP）增长", "indicator"],
    ]);
    const a = compared.rows.find((r) => r.planId === "plan-a")!;
    expect(a).toMatchObject({ baseYear: 2020, targetYear: 2025, region: "甲市", revision: 1, role: "targets" });
    expect(a.indicator.rate).toMatchObject({ raw: "7左右", value: 7, comparator: "≈" });
    expect(library.compare("森林覆盖率").rows.map((r) => r.planId).sort()).toEqual(["plan-a", "plan-b"]);
    expect(library.compare("不存在的指标").rows).toEqual([]);
  });

  it("names a plan alike in summaries, search hits and compare rows", () => {
    const period = { label: "2024年", start: 2024, end: 2024 };
    expect(planRefOf({ plan_id: "p", revision: 3, region: null, kind: "work-report", period_json: JSON.stringify(period) })).toEqual({
      planId: "p",
      revision: 3,
      region: null,
      kind: "work-report",
      period,
    });
    for (const id of ["plan-a", "plan-b"]) {
      const { id: planId, revision, region, kind, period: summaryPeriod } = library.getSummary(id)!;
      const ref = { planId, revision, region, kind, period: summaryPeriod };
      expect(library.search("森林覆盖率").find((h) => h.planId === id)).toMatchObject(ref);
      expect(library.compare("森林覆盖率").rows.find((r) => r.planId === id)).toMatchObject(ref);
    }
  });

  it("refuses a plan whose id could not travel in a URL, storing nothing", () => {
    const before = library.generation();
    expect(() => library.ingestPlan(syntheticPlan({ id: "../etc", region: "戊市" }))).toThrow(/not a valid id/);
    expect(library.generation()).toBe(before);
    expect(library.listPlans({ region: "戊市" })).toEqual([]);
  });
});
