/**
 * The add-in's 规划实施监测: the grid builder (what the writers put in), its words against the
 * monitoring workbook's, and the kinds-registry entry end to end over the real service and the fake
 * workbook — insert, status colours, the newer-data badge after a report's new revision and an
 * import, refresh in place, and a failed refresh that keeps the old data.
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PlanbookApi } from "../addin/api/client";
import { toSheetValues } from "../addin/excel/grid";
import { monitoringGrid, monitoringSources, STATUS_STYLES } from "../addin/excel/monitoring-grid";
import { readProvenance } from "../addin/excel/provenance";
import { EXCELAPI_1_1 } from "../addin/excel/write";
import { insertQuery, refreshAll } from "../addin/taskpane/actions";
import type { ExcelHost } from "../addin/taskpane/host";
import { describeQuery, INSERT_KINDS, monitoringQuery, planOfQuery, queryKey, sourcesOfQuery } from "../addin/taskpane/kinds";
import { sourceChanges, staleness } from "../addin/taskpane/views/tables";
import { openLibrary, type Library } from "../generator/library";
import { storeActuals } from "../generator/library/actuals";
import { findMonitoringSources } from "../generator/library/monitoring";
import type { Monitoring, Plan } from "../generator/model";
import { computeMonitoring } from "../generator/monitor";
import { parseFile } from "../generator/parse";
import { monitoringView } from "../generator/render/monitoring";
import { startServer, type RunningServer } from "../generator/serve";
import { createFakeExcel, createFakeSettings } from "./addin-fake-excel";
import { tempDir } from "./library-support";

const FIXTURES = join(__dirname, "fixtures", "monitoring");
const letters = (i: number): string => (i < 26 ? "" : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));
const SEEDS = join(__dirname, "..", "seeds");

async function fixtureMonitoring(): Promise<Monitoring> {
  const plans: Plan[] = await Promise.all(readdirSync(FIXTURES).filter((f) => f.endsWith(".txt")).map((f) => parseFile(join(FIXTURES, f))));
  const plan = plans.find((p) => p.kind === "five-year-plan")!;
  return computeMonitoring({ plan, revision: 1, documents: plans.filter((p) => p !== plan).map((p) => ({ plan: p, revision: 1 })), actuals: [] });
}

describe("monitoringGrid", () => {
  let m: Monitoring;
  beforeAll(async () => {
    m = await fixtureMonitoring();
  });
  const years = [2021, 2022, 2023, 2024, 2025];

  test("one row per indicator; per year its target, actual and their sources; status, progress, reason, verdicts, notes, plan line", () => {
    const grid = monitoringGrid(m);
    expect(grid.headers).toEqual([
      "序号", "指标", "单位", "属性", "监测方式", "基期值（2020年）", "规划目标（2025年）",
      ...years.flatMap((y) => [`${y}年目标`, `${y}年实际`, `${y}年来源`]),
      "状态", "进度", "依据", "各年对照", "说明", `规划出处（${m.plan.title}）`,
    ]);
    expect(grid.kinds).toEqual(["text", "text", "text", "text", "text", "number", "text", ...years.flatMap(() => ["number", "number", "text"]), "text", "text", "text", "text", "text", "text"]);
    expect(grid.rows).toHaveLength(m.indicators.length);
    const col = (h: string) => grid.headers.indexOf(h);
    const row = (name: string) => grid.rows.find((r) => r[1] === name)!;

    const gdp = row("地区生产总值增长");
    expect(gdp.slice(0, 7)).toEqual(["1", "地区生产总值增长", "%", "预期性", "年均增速", 3.5, "年均6.5%"]);
    // 2022: the 2022 report's 6.5%左右 and the 2023 report's 6.0; 2023: the bulletin's 初步核算 6.7 chosen over the 2024 report's 6.8
    expect(gdp.slice(col("2022年目标"), col("2022年来源") + 1)).toEqual(["≈6.5", 6, "目标：2022年政府工作报告第23行；实际：2023年政府工作报告第13行"]);
    expect(gdp.slice(col("2023年目标"), col("2023年来源") + 1)).toEqual([7, 6.7, "目标：2023年政府工作报告第23行；实际：青禾市2023年国民经济和社会发展统计公报第9行（预计数）"]);
    expect(gdp[col("状态")]).toBe("已完成");
    expect(gdp[col("各年对照")]).toContain("2022年：低于年均目标，未完成年度目标");
    expect(gdp[col("说明")]).toContain("2024年政府工作报告第13行为6.8，与采用的青禾市2023年国民经济和社会发展统计公报第9行6.7不一致");
    expect(m.plan.title).toMatch(/^青禾市.*纲要$/);
    expect(gdp[col(`规划出处（${m.plan.title}）`)]).toBe("第20行");

    // 34.6亿斤 in 2025 is 173万吨, below >175: a 约束性 indicator behind, in words and in colour
    const grain = row("粮食总产量");
    expect([grain[col("2025年实际")], grain[col("状态")]]).toEqual([173, "滞后·约束性"]);
    expect(grid.highlight!.column).toBe(col("状态"));
    expect(grid.highlight!.styles[grid.rows.indexOf(grain)]).toEqual({ fill: "#C00000", font: "#FFFFFF", bold: true });
    expect(grid.highlight!.styles.map((s, k) => [grid.rows[k][col("状态")], s])).toEqual(grid.rows.map((r) => [r[col("状态")], STATUS_STYLES[r[col("状态")] as keyof typeof STATUS_STYLES]]));

    // a growth rate where the plan tracks a level: the words as printed, and text in Excel (not 0.082)
    const retail = row("社会消费品零售总额");
    expect([retail[col("2021年实际")], retail[col("状态")]]).toEqual(["增长8.2%", "无法比较"]);
    expect(toSheetValues(grid)[grid.rows.indexOf(retail) + 1][col("2021年实际")]).toBe("'增长8.2%");
    // no source names the indicator: every year blank, the reason says so
    const life = row("人均预期寿命");
    expect(years.flatMap((y) => [life[col(`${y}年目标`)], life[col(`${y}年实际`)], life[col(`${y}年来源`)]]).every((c) => c === "")).toBe(true);
    expect([life[col("状态")], life[col("依据")]]).toEqual(["无数据", "各年报告、统计公报和导入值中都没有该指标"]);
  });

  test("the words are the monitoring workbook's, indicator by indicator and year by year", () => {
    const grid = monitoringGrid(m);
    const view = monitoringView(m);
    const col = (h: string) => grid.headers.indexOf(h);
    m.indicators.forEach((i, k) => {
      const cells = grid.rows[k];
      const shown = view.rows[k];
      expect([cells[col("监测方式")], cells[col("规划目标（2025年）")], cells[col("状态")]]).toEqual([shown.measure, shown.target, shown.status]);
      expect(cells[col("进度")] || (i.status === "无数据" ? "" : i.reason)).toBe(shown.progress);
      for (const y of years) {
        const yearRow = view.yearRows.find((r) => r.name === i.name && r.year === y)!;
        expect(cells[col(`${y}年目标`)]).toBe(yearRow.yearTarget ?? "");
        expect(cells[col(`${y}年实际`)]).toBe(yearRow.actual ?? "");
        if (yearRow.source) expect(cells[col(`${y}年来源`)]).toContain(`实际：${yearRow.source}`);
        if (yearRow.yearTargetSource) expect(cells[col(`${y}年来源`)]).toContain(`目标：${yearRow.yearTargetSource}`);
        if (yearRow.verdict) expect(cells[col("各年对照")]).toContain(`${y}年：${yearRow.verdict}`);
      }
    });
  });

  test("on the seeds: 荆门's 十四五 with its 2024 report — GDP增长 2023 6.7 against 年均7, 滞后; every other indicator 无数据", async () => {
    const plan = await parseFile(join(SEEDS, "jingmen-14th-five-year-plan.txt"));
    const report = await parseFile(join(SEEDS, "jingmen-2024-government-work-report.txt"));
    const grid = monitoringGrid(computeMonitoring({ plan, documents: [{ plan: report, revision: 1 }] }));
    const col = (h: string) => grid.headers.indexOf(h);
    const gdp = grid.rows.find((r) => r[1] === "地区生产总值（GDP）增长")!;
    expect([gdp[col("规划目标（2025年）")], gdp[col("2023年实际")], gdp[col("2023年来源")], gdp[col("2024年目标")], gdp[col("状态")]]).toEqual(["年均7%", 6.7, "实际：荆门市2024年政府工作报告第9行", 7, "滞后"]);
    const others = grid.rows.filter((r) => r !== gdp);
    expect(others).toHaveLength(19);
    expect(new Set(others.map((r) => r[col("状态")]))).toEqual(new Set(["无数据"]));
  });

  test("monitoringSources: the plan, each document with its revision, each imported workbook with its latest import", () => {
    const withImport: Monitoring = JSON.parse(JSON.stringify(m));
    const year = withImport.indicators[0].years[0];
    year.others.push({ ...year.actual!, source: { type: "import", file: "监测.xlsx", sheet: "年度数据", cell: "F7", importedAt: "2026-02-01T00:00:00Z" } });
    withImport.unmatched.push({ year: 2021, metric: "某项", raw: "1", unit: null, source: { type: "import", file: "监测.xlsx", sheet: "年度数据", cell: "F9", importedAt: "2026-03-01T00:00:00Z" } });
    const stamps = monitoringSources(withImport);
    expect(stamps[0]).toEqual({ key: m.plan.id, label: m.plan.title, version: "1", type: "document" });
    expect(stamps.filter((s) => s.type === "document")).toHaveLength(1 + m.documents.length);
    expect(stamps.filter((s) => s.type === "import")).toEqual([{ key: "import:监测.xlsx", label: "导入 监测.xlsx", version: "2026-03-01T00:00:00Z", type: "import" }]);
    expect(stamps.find((s) => s.label === "青禾市2023年国民经济和社会发展统计公报")).toBeDefined();
  });

  test("sourceChanges names what changed in the clerk's words", () => {
    const doc = (key: string, version: string) => ({ key, label: `文件${key}`, version, type: "document" as const });
    const imp = (version: string) => ({ key: "import:a.xlsx", label: "导入 a.xlsx", version, type: "import" as const });
    expect(sourceChanges([doc("1", "1"), doc("2", "1")], [doc("1", "1"), doc("2", "1")])).toEqual([]);
    expect(sourceChanges([doc("1", "1"), doc("2", "1"), imp("t1")], [doc("1", "1"), doc("2", "2"), doc("3", "1"), imp("t2")])).toEqual(["文件2 第 2 版", "新文件 文件3", "导入 a.xlsx（再次导入）"]);
    expect(sourceChanges([doc("1", "1")], [doc("1", "1"), imp("t1")])).toEqual(["导入 a.xlsx"]);
    expect(sourceChanges([doc("1", "1"), doc("2", "1")], [doc("1", "1")])).toEqual(["文件2 已不在规划库中"]);
  });
});

describe("the monitoring kind in the registry, over the real service and the fake workbook", () => {
  const tmp = tempDir("addin-monitoring");
  let library: Library;
  let server: RunningServer;
  let api: PlanbookApi;
  let planId: string;
  const fake = createFakeExcel();
  const host: ExcelHost = { canWrite: true, label: "测试", run: (cb) => fake.run(cb), settings: createFakeSettings(), capabilities: EXCELAPI_1_1 };

  beforeAll(async () => {
    library = openLibrary(join(tmp.dir, "library.db"));
    for (const f of readdirSync(FIXTURES)) {
      copyFileSync(join(FIXTURES, f), join(tmp.dir, f));
      await library.ingestFile(join(tmp.dir, f));
    }
    server = await startServer({ library, port: 0, http: true });
    api = new PlanbookApi(server.url);
    planId = library.listPlans({ region: "青禾市", kind: "five-year-plan" })[0].id;
  });
  afterAll(async () => {
    await server?.close();
    library?.close();
    tmp.remove();
  });

  const monitoringNow = () => computeMonitoring(findMonitoringSources(library, { region: "青禾市", plan: planId }));
  const statusColumn = (values: unknown[][]) => (values[0] as string[]).indexOf("状态");

  test("a five-year plan's query; the entry fetches, describes and stamps its sources", async () => {
    const summary = library.listPlans({ region: "青禾市", kind: "five-year-plan" })[0];
    const query = monitoringQuery(summary)!;
    expect(query).toEqual({ kind: "monitoring", region: "青禾市", plan: planId, period: "十四五" });
    expect(monitoringQuery({ ...summary, kind: "work-report" })).toBeNull();
    expect(monitoringQuery({ ...summary, region: null })).toBeNull();
    const fetched = await INSERT_KINDS.monitoring.fetch(api, query);
    expect(fetched.grid).toEqual(monitoringGrid(monitoringNow()));
    expect(fetched).toMatchObject({ title: "青禾市“十四五”规划实施监测", sheetName: "青禾市十四五 实施监测", revision: 1 });
    expect(fetched.sources).toEqual(monitoringSources(monitoringNow()));
    expect(describeQuery(query)).toBe("规划实施监测：青禾市 十四五");
    expect(planOfQuery(query)).toBeNull(); // stale by its sources, not by one plan's revision
    expect(await sourcesOfQuery(api, query)).toEqual(fetched.sources);
    expect(sourcesOfQuery(api, { kind: "compare", indicator: "GDP" })).toBeNull();
  });

  test("insert, the badge after a report's new revision and an import, refresh in place, a failed refresh keeps the data", async () => {
    const query = monitoringQuery(library.listPlans({ region: "青禾市", kind: "five-year-plan" })[0])!;
    const inserted = await insertQuery(api, host, query, "newSheet");
    expect(inserted).toMatchObject({ status: "inserted", sheetName: "青禾市十四五 实施监测", rowCount: 13 });
    const [table] = fake.tables();
    expect(table.name).toMatch(/^实施监测_/);
    const values = () => fake.tableValues(table.id);
    const grid = monitoringGrid(monitoringNow());
    expect(values()).toEqual([grid.headers, ...grid.rows]);
    const status = statusColumn(values());
    const styleOf = (name: string) => {
      const r = values().findIndex((row) => row[1] === name);
      return fake.cellStyles(table.sheet, `${letters(table.column + status)}${table.row + r + 1}`)[0][0];
    };
    expect(styleOf("粮食总产量")).toEqual({ fill: "#C00000", font: "#FFFFFF", bold: true });
    expect(styleOf("研究与试验发展经费投入强度")).toEqual({ fill: "#FFC7CE", font: "#9C0006", bold: true });
    expect(styleOf("人均预期寿命")).toEqual({ fill: "#EDEDED", font: "#595959", bold: false });

    const record = () => readProvenance(host.settings)[0];
    const current = async () => new Map([[queryKey(query), (await sourcesOfQuery(api, query))!]]);
    const latest = new Map<string, number>(); // plans' revisions: not what this table follows
    expect(staleness(record(), latest, await current())).toEqual({ state: "current" });

    // the 2026 report revised (粮食 34.6 → 35.4亿斤 = 177万吨, above >175) and a clerk's figure imported
    const file = join(tmp.dir, "qinghe-2026-government-work-report.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("粮食总产量34.6亿斤", "粮食总产量35.4亿斤"));
    expect((await library.ingestFile(file)).status).toBe("revised");
    expect(staleness(record(), latest, await current())).toEqual({ state: "newer", text: "有新数据：2026年政府工作报告 第 2 版", detail: "2026年政府工作报告 第 2 版" });
    storeActuals(library, [{ region: "青禾市", periodLabel: "十四五", indicator: "森林覆盖率", year: 2024, raw: "41.2", value: 41.2, unit: "%", file: "监测.xlsx", sheet: "年度数据", cell: "H70", importedAt: "2026-01-01T00:00:00Z" }]);
    expect(staleness(record(), latest, await current())).toEqual({ state: "newer", text: "有新数据：2026年政府工作报告 第 2 版 等 2 项", detail: "2026年政府工作报告 第 2 版；导入 监测.xlsx" });
    // the badge is not shown while the library's state is unknown
    expect(staleness(record(), null, await current())).toBeNull();

    const summary = await refreshAll(api, host);
    expect(summary).toMatchObject({ refreshed: 1, failed: 0 });
    const fresh = monitoringGrid(monitoringNow());
    expect(values()).toEqual([fresh.headers, ...fresh.rows]);
    const grain = values().find((r) => r[1] === "粮食总产量")!;
    // the target year reached and the floor met: 已完成
    expect([grain[(values()[0] as string[]).indexOf("2025年实际")], grain[status]]).toEqual([177, "已完成"]);
    expect(values().find((r) => r[1] === "森林覆盖率")![(values()[0] as string[]).indexOf("2024年来源")]).toBe("实际：导入：监测.xlsx 年度数据!H70");
    expect(styleOf("粮食总产量")).toEqual({ fill: "#C6EFCE", font: "#006100", bold: false });
    expect(staleness(record(), latest, await current())).toEqual({ state: "current" });

    await server.close();
    const before = values();
    const failed = await refreshAll(api, host);
    expect(failed).toMatchObject({ refreshed: 0, failed: 1 });
    expect(values()).toEqual(before);
    expect(record().lastError).toContain("无法连接");
    expect(record().sources).toEqual(monitoringSources(monitoringNow())); // still what the data shown came from
    server = await startServer({ library, port: 0, http: true });
  });
});
