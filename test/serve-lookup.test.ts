/**
 * POST /api/lookup over the real service and a library of the seed documents: the answers the
 * worksheet functions get (exact values, units, comparators, kinds), how names are matched, what
 * errors say, and what the route refuses. Also the search hits' rows (unit, target, 属性).
 */
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import type { IndicatorsResponse, Lookup, LookupResponse, LookupResult, SearchResponse, TargetsResponse } from "../generator/model";
import { startServer, type RunningServer } from "../generator/serve";
import { tempDir } from "./library-support";

const ROOT = join(__dirname, "..");
const SEEDS = ["jingmen-14th-five-year-plan.txt", "jingmen-2024-government-work-report.txt", "xianning-15th-five-year-plan.txt", "ezhou-14th-five-year-plan.txt"];

const tmp = tempDir("lookup");
let library: Library;
let server: RunningServer;
const requests: string[] = [];
let jingmen: string;

beforeAll(async () => {
  library = openLibrary(join(tmp.dir, "library.db"));
  for (const seed of SEEDS) await library.ingestFile(join(ROOT, "seeds", seed));
  jingmen = library.listPlans({ region: "荆门市", period: "十四五" })[0].id;
  server = await startServer({ library, port: 0, http: true, onRequest: (method, url) => requests.push(`${method} ${url}`) });
});
afterAll(async () => {
  await server?.close();
  library?.close();
  tmp.remove();
});

async function post(body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }): Promise<Response> {
  return fetch(`${server.url}/api/lookup`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}
async function lookup(...lookups: Lookup[]): Promise<LookupResponse> {
  const response = await post({ lookups });
  expect(response.status).toBe(200);
  return (await response.json()) as LookupResponse;
}
const value = (region: string, plan: string, indicator: string, field?: string): Lookup => ({ fn: "value", region, plan, indicator, ...(field ? { field } : {}) });
const ok = (r: LookupResult) => {
  if (!r.ok) throw new Error(`lookup failed: ${r.message}`);
  return r as Extract<LookupResult, { ok: true; value: unknown }>;
};

describe("=PLANBOOK.VALUE answers", () => {
  test("a figure as a number, its qualifier, unit and kind in their own fields", async () => {
    const { results } = await lookup(
      value("荆门市", "十四五", "地区生产总值（GDP）增长", "年均"),
      value("荆门", "十四五", "GDP增长", "rate"), // region without 市, a synonym, an English field name
      value("荆门市", "十四五", "全员劳动生产率增长", "年均"),
      value("荆门市", "十四五", "全员劳动生产率增长", "比较"),
      value("荆门市", "十四五", "常住人口城镇化率"),
      value("荆门市", "十四五", "常住人口城镇化率", "基期"),
      value("荆门市", "十四五", "常住人口城镇化率", "年均"),
      value("荆门市", "十四五", "常住人口城镇化率", "年均类型"),
      value("荆门市", "十四五", "常住人口城镇化率", "类型"),
      value("荆门市", "十四五", "常住人口城镇化率", "单位"),
      value("荆门市", "十四五", "常住人口城镇化率", "属性"),
      value("荆门市", "十四五", "常住人口城镇化率", "目标年"),
      value("荆门市", "十四五", "居民人均可支配收入增长", "年均"),
      value("咸宁市", "十五五", "常住人口城镇化率"),
      value("咸宁市", "十五五", "常住人口城镇化率", "比较"),
    );
    expect(results.map((r) => ok(r).value)).toEqual([7, 7, 7, ">", 65, 60.1, 4, "累计", "水平值", "%", "预期性", 2025, "与GDP增长同步", 65, "≈"]);
    const first = ok(results[0]);
    expect(first.field).toBe("rate");
    expect(first.source).toEqual({ name: "地区生产总值（GDP）增长", table: "“十四五”时期全市经济社会发展主要指标", line: expect.any(Number) });
    expect(first.plan).toBe(jingmen);
  });

  test("a plan by id, and a work report by its year", async () => {
    const response = await lookup(
      value("荆门市", jingmen, "森林覆盖率"),
      value("荆门市", "2024年", "城镇新增就业"),
      value("荆门市", "2024", "城镇新增就业", "比较"),
      value("荆门市", "2024年", "城镇新增就业", "单位"),
      value("荆门市", "2024年", "居民收入增长"),
    );
    expect(response.results.map((r) => ok(r).value)).toEqual([32.05, 5.5, "≥", "万人", "与经济增长基本同步"]);
    const report = ok(response.results[1]).plan;
    expect(response.plans[report]).toMatchObject({ kind: "work-report", region: "荆门市", period: { label: "2024年" } });
    expect(ok(response.results[1]).source.table).toBe("主要预期目标");
  });

  test("the review of the previous plan is never taken for the plan's own targets; 实际 reads it, latest year", async () => {
    const { results } = await lookup(value("荆门市", "十四五", "地区生产总值"), value("荆门市", "十四五", "地区生产总值", "实际"));
    expect(results[0]).toEqual({ ok: false, error: "not-found", message: expect.stringContaining("未找到指标：地区生产总值") });
    expect(ok(results[1]).value).toBe(1906.4); // 实际完成情况 2020年, not 2019年 (2033.8) nor a 年均 column
  });

  test("errors say what was not found, and which words a field may be", async () => {
    const { results } = await lookup(
      value("荆门市", "十四五", "不存在的指标"),
      value("荆门市", "十四五", "森林覆盖率", "颜色"),
      value("荆门市", "十九五", "森林覆盖率"),
      value("火星市", "十四五", "森林覆盖率"),
      value("荆门市", "十四五", "地区生产总值（GDP）增长"), // its 目标 cell is empty: the figure is in 年均, and the message says so
      value("", "十四五", "森林覆盖率"),
      value("荆门市", "明年", "森林覆盖率"),
    );
    expect(results).toEqual([
      { ok: false, error: "not-found", message: expect.stringMatching(/^未找到指标：不存在的指标/) },
      { ok: false, error: "bad-field", message: expect.stringContaining("不认识的字段“颜色”") },
      { ok: false, error: "not-found", message: expect.stringContaining("有：") },
      { ok: false, error: "not-found", message: expect.stringContaining("没有火星市") },
      { ok: false, error: "not-found", message: expect.stringContaining("年均/累计栏是“7”，请用字段“年均”") },
      { ok: false, error: "bad-lookup", message: expect.stringContaining("地区") },
      { ok: false, error: "bad-lookup", message: expect.stringContaining("不是规划期") },
    ]);
  });

  test("200 lookups in one request: one answer each, in order, from one request at the service", async () => {
    const indicators = library.getPlan(jingmen)!.indicatorTables.find((t) => t.role === "targets")!.indicators;
    const lookups = Array.from({ length: 200 }, (_, i) => value("荆门市", "十四五", indicators[i % indicators.length].name, i % 2 ? "属性" : "单位"));
    const before = requests.length;
    const response = await lookup(...lookups);
    expect(requests.slice(before)).toEqual(["POST /api/lookup"]);
    expect(response.results).toHaveLength(200);
    response.results.forEach((r, i) => {
      const indicator = indicators[i % indicators.length];
      expect(ok(r).value).toBe(i % 2 ? indicator.attribute : indicator.unit);
    });
  });
});

describe("tables, projects and targets: spilled rows, header first", () => {
  type Spill = Extract<LookupResult, { rows: unknown }>;
  const spill = (r: LookupResult): Spill => {
    if (!r.ok || !("rows" in r)) throw new Error(`not a spill: ${JSON.stringify(r)}`);
    return r;
  };
  const rectangular = (rows: unknown[][]) => expect(new Set(rows.map((r) => r.length)).size).toBe(1);

  test("the plan's own targets table by default, the review by 回顾, by number or title words; cells as printed", async () => {
    const plan = library.getPlan(jingmen)!;
    const { results } = await lookup(
      { fn: "table", region: "荆门市", plan: "十四五" },
      { fn: "table", region: "荆门市", plan: "十四五", table: "回顾" },
      { fn: "table", region: "荆门市", plan: "十四五", table: "1" },
      { fn: "table", region: "荆门市", plan: "十四五", table: "十三五" },
      { fn: "table", region: "荆门市", plan: "2024年" },
    );
    const own = plan.indicatorTables.find((t) => t.role === "targets")!;
    const review = plan.indicatorTables.find((t) => t.role === "review")!;
    expect(results.slice(0, 4).map((r) => spill(r).title)).toEqual([own.title, review.title, plan.indicatorTables[0].title, review.title]);
    expect(results[4]).toMatchObject({ ok: false, error: "not-found" });

    const rows = spill(results[0]).rows;
    expect(rows).toHaveLength(own.indicators.length + 1);
    rectangular(rows);
    expect(rows[0]).toEqual(["类别", "序号", "指标名称", "单位", "2020年", "2025年", "年均增速[累计]", "属性"]);
    const byName = new Map(rows.slice(1).map((r) => [r[2], r]));
    expect(byName.get("地区生产总值（GDP）增长")!.slice(3)).toEqual(["%", -5, "", 7, "预期性"]);
    expect(byName.get("全员劳动生产率增长")!.slice(3)).toEqual(["%", "", "", ">7", "预期性"]); // the qualifier stays
    expect(byName.get("常住人口城镇化率")!.slice(3)).toEqual(["%", "60.1*", 65, "[4]", "预期性"]); // flagged and cumulative figures as printed

    const reviewRows = spill(results[1]).rows;
    expect(reviewRows[0]).toEqual(["类型", "序号", "指标名称", "单位", ...review.columns.slice(3)]); // every column, actual ones included
    expect(reviewRows).toHaveLength(review.indicators.length + 1);
    rectangular(reviewRows);
  });

  test("projects of a plan or one box; a work report's 主要预期目标", async () => {
    const plan = library.getPlan(jingmen)!;
    const box = plan.projectBoxes.find((b) => b.groups.some((g) => g.projects.length > 0))!;
    const { results } = await lookup(
      { fn: "projects", region: "荆门市", plan: "十四五" },
      { fn: "projects", region: "荆门市", plan: "十四五", box: box.label },
      { fn: "targets", region: "荆门市", year: "2024" },
      { fn: "targets", region: "荆门市", year: "2030" },
    );
    // the whole register is the works; a layout box's places come only when their box is asked for
    const total = plan.projectBoxes.reduce((n, b) => (b.kind === "projects" ? n + b.groups.reduce((m, g) => m + g.projects.length, 0) : n), 0);
    expect(plan.projectBoxes.some((b) => b.kind === "layout" && b.groups.some((g) => g.projects.length))).toBe(true);
    expect(spill(results[0]).rows).toHaveLength(total + 1);
    const inBox = box.groups.reduce((n, g) => n + g.projects.length, 0);
    expect(spill(results[1]).rows.slice(1).map((r) => r[0])).toEqual(Array(inBox).fill(box.label));
    rectangular(spill(results[0]).rows);
    const report = (await (await fetch(`${server.url}/api/plans/${spill(results[2]).plan}/targets`)).json()) as TargetsResponse;
    const targets = spill(results[2]).rows;
    expect(targets[0]).toEqual(["指标", "数值", "比较", "单位", "原文", "出处", "行"]);
    expect(targets.slice(1).map((r) => r[0])).toEqual(report.annualTargets.map((t) => t.metric));
    expect(targets.find((r) => r[0] === "城镇新增就业")!.slice(1, 5)).toEqual([5.5, "≥", "万人", "5.5万人以上"]);
    expect(targets.find((r) => r[0] === "居民收入增长")!.slice(1, 5)).toEqual(["与经济增长基本同步", "", "", "与经济增长基本同步"]);
    expect(results[3]).toMatchObject({ ok: false, error: "not-found" });
  });
});

describe("what the route refuses", () => {
  test("GET, another content type, a body that is not lookups, too many, too large", async () => {
    expect((await fetch(`${server.url}/api/lookup`)).status).toBe(405);
    expect((await post({ lookups: [] }, { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ lookup: [] })).status).toBe(400);
    expect((await post({ lookups: [{ fn: "drop" }] })).status).toBe(400);
    expect((await post({ lookups: [{ fn: "value", region: "荆门市", plan: "十四五" }] })).status).toBe(400);
    expect((await post({ lookups: [{ fn: "value", region: "荆门市", plan: "十四五", indicator: "长".repeat(101) }] })).status).toBe(400);
    expect((await post({ lookups: Array(1001).fill(value("荆门市", "十四五", "森林覆盖率")) })).status).toBe(400);
    const big = await post({ lookups: [], pad: "x".repeat(1100 * 1024) });
    expect(big.status).toBe(413);
    const error = (await (await post({ lookups: 1 })).json()) as { error: string; message: string };
    expect(error).toEqual({ error: "bad-lookup", message: expect.any(String) });
  });

  test("is in the OpenAPI description", async () => {
    const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, { post?: unknown }> };
    expect(openapi.paths["/api/lookup"].post).toBeDefined();
  });
});

test("search hits of indicators carry their row: unit, target, rate, 属性, the table's years", async () => {
  const search = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent("城镇化率")}&type=indicator`)).json()) as SearchResponse;
  expect(search.results.length).toBeGreaterThan(1);
  for (const hit of search.results) {
    const tables = ((await (await fetch(`${server.url}/api/plans/${hit.planId}/indicators`)).json()) as IndicatorsResponse).tables;
    const table = tables.find((t) => t.title === hit.context)!;
    const row = table.indicators.find((i) => i.name === hit.name)!;
    expect(hit.indicator).toEqual({ unit: row.unit, baseline: row.baseline, target: row.target, rate: row.rate, attribute: row.attribute, line: row.line, role: table.role, baseYear: table.baseYear, targetYear: table.targetYear });
  }
});

describe("cached answers go compressed to clients that accept it", () => {
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = require("node:http").get(`${server.url}${path}`, { headers }, (res: import("node:http").IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
    });

  test("br, gzip or identity; the same JSON; an ETag per encoding that revalidates to 304", async () => {
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const path = `/api/plans/${jingmen}/indicators`;
    const plain = await raw(path, {});
    const br = await raw(path, { "Accept-Encoding": "gzip, deflate, br" });
    const gzip = await raw(path, { "Accept-Encoding": "gzip" });
    const refused = await raw(path, { "Accept-Encoding": "br;q=0, gzip;q=0" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(br.body.length * 5).toBeLessThan(plain.body.length);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    expect(br.headers.vary).toContain("Accept-Encoding");
    const again = await raw(path, { "Accept-Encoding": "gzip, deflate, br", "If-None-Match": String(br.headers.etag) });
    expect(again.status).toBe(304);
    const health = await raw("/api/health", { "Accept-Encoding": "br" });
    expect(health.headers["content-encoding"]).toBeUndefined(); // too small to be worth it
  });
});
