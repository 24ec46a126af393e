/**
 * The worksheet functions' parts that need no browser: the batcher (one request per burst of
 * calls, session cache, failures not kept), the client's timeout, the per-table grid and the
 * formula writer (office-addin-mock over the fake workbook).
 */
import { OfficeMockObject } from "office-addin-mock";
import { ApiError, PlanbookApi } from "../addin/api/client";
import { valueFormula, writeFormulaAtSelection } from "../addin/excel/formula";
import { tableGrid, targetsGrid } from "../addin/excel/grids";
import { toSheetValues } from "../addin/excel/grid";
import { LookupBatcher } from "../addin/functions/batch";
import type { IndicatorsResponse, Lookup, LookupResponse, Quantity, TargetsResponse } from "../generator/model";
import { createFakeExcel } from "./addin-fake-excel";

const value = (indicator: string): Lookup => ({ fn: "value", region: "荆门市", plan: "十四五", indicator });
const settle = () => new Promise((r) => setTimeout(r, 5));

function service(fail = false) {
  const sent: Lookup[][] = [];
  const send = async (lookups: Lookup[]): Promise<LookupResponse> => {
    sent.push(lookups);
    if (fail) throw new ApiError("无法连接 Planbook 服务", null, "unreachable");
    return { generation: 1, plans: {}, results: lookups.map((l) => ({ ok: true, plan: "p", field: "target", value: (l as { indicator: string }).indicator, source: { name: "", table: "", line: 1 } })) };
  };
  return { sent, send };
}

describe("LookupBatcher", () => {
  test("calls made together go in one request, in order; the same lookup twice is asked once", async () => {
    const { sent, send } = service();
    const batcher = new LookupBatcher(send);
    const names = Array.from({ length: 200 }, (_, i) => `指标${i % 150}`);
    const answers = await Promise.all(names.map((n) => batcher.request(value(n))));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(150);
    expect(answers.map((a) => a.result.ok && "value" in a.result && a.result.value)).toEqual(names);
    expect(batcher.stats).toMatchObject({ calls: 200, requests: 1, lookupsSent: 150, cacheHits: 50 });
  });

  test("answers are kept for the session until cleared or stale; more than maxBatch go in several requests", async () => {
    let now = 0;
    const { sent, send } = service();
    const batcher = new LookupBatcher(send, { maxBatch: 100, ttlMs: 1000, now: () => now });
    await Promise.all(Array.from({ length: 250 }, (_, i) => batcher.request(value(`指标${i}`))));
    expect(sent.map((b) => b.length)).toEqual([100, 100, 50]);
    await batcher.request(value("指标1"));
    expect(sent).toHaveLength(3);
    now = 1500;
    await batcher.request(value("指标1"));
    expect(sent).toHaveLength(4);
    batcher.clear();
    await batcher.request(value("指标1"));
    expect(sent).toHaveLength(5);
  });

  test("a failed request rejects every call of its batch and is not kept: the next calculation asks again", async () => {
    const failing = service(true);
    const batcher = new LookupBatcher(failing.send);
    const calls = [batcher.request(value("甲")), batcher.request(value("乙"))];
    for (const call of calls) await expect(call).rejects.toThrow("无法连接");
    await settle();
    await expect(batcher.request(value("甲"))).rejects.toThrow("无法连接");
    expect(failing.sent).toHaveLength(2);
  });
});

test("every request ends: a service that never answers is an ApiError after the timeout", async () => {
  const api = new PlanbookApi("https://planbook.test", (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")))));
  api.timeoutMs = 50;
  const started = Date.now();
  const error = await api.lookup([value("甲")]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe("timeout");
  expect((error as ApiError).message).toContain("没有应答");
  expect(Date.now() - started).toBeLessThan(2000);
});

const q = (raw: string, value: number | null, kind: Quantity["kind"] = "level"): Quantity => ({ raw, value, comparator: value === null ? null : "=", cumulative: kind === "cumulative", text: value === null ? raw : null, unit: null, kind });

describe("tableGrid: one indicator table with its own columns", () => {
  const response = {
    plan: {} as IndicatorsResponse["plan"],
    tables: [
      {
        title: "回顾", role: "review", baseYear: null, targetYear: 2020, line: 1, notes: [],
        columns: ["指标名称", "2020年", "实际完成情况 2020年", "完成情况"],
        columnInfo: [{ header: "指标名称", meaning: "name", year: null }, { header: "2020年", meaning: "target", year: 2020 }, { header: "实际完成情况 2020年", meaning: "actual", year: 2020 }, { header: "完成情况", meaning: "completion", year: null }],
        indicators: [{ category: null, seq: "1", name: "地区生产总值", unit: "亿元", parent: null, baseline: null, target: q("2048", 2048), rate: null, attribute: "预期性", flags: [], line: 10, cells: { "实际完成情况 2020年": q("1906.4", 1906.4), 完成情况: q("未完成", null, "text") } }],
      },
      {
        title: "主要指标", role: "targets", baseYear: 2020, targetYear: 2025, line: 20, notes: [],
        columns: ["指标名称", "2020年", "2025年", "年均增速[累计]"],
        columnInfo: [{ header: "指标名称", meaning: "name", year: null }, { header: "2020年", meaning: "baseline", year: 2020 }, { header: "2025年", meaning: "target", year: 2025 }, { header: "年均增速[累计]", meaning: "rate", year: null }],
        indicators: [
          { category: "经济", seq: "1", name: "=GDP增长", unit: "%", parent: null, baseline: q("-5", -5), target: null, rate: q("7", 7, "rate"), attribute: "预期性", flags: [], line: 21, cells: {} },
          { category: "经济", seq: "2", name: "城镇化率", unit: "%", parent: null, baseline: q("60.1*", 60.1), target: q("65", 65), rate: q("[4]", 4, "cumulative"), attribute: "预期性", flags: ["*"], line: 22, cells: {} },
        ],
      },
    ],
  } as unknown as IndicatorsResponse;

  test("only that table; each figure column as number, as printed, and for 年均/累计 its kind", () => {
    const grid = tableGrid(response, "主要指标");
    expect(grid.headers).toEqual([
      "类别", "序号", "指标名称", "单位", "基期 2020年", "基期 2020年（原文）", "目标 2025年", "目标 2025年（原文）",
      "年均/累计 年均增速[累计]", "年均/累计 年均增速[累计]（原文）", "年均/累计 年均增速[累计]（类型）", "属性", "标注", "原文行号",
    ]);
    expect(grid.rows).toEqual([
      ["经济", "1", "=GDP增长", "%", -5, "-5", "", "", 7, "7", "年增速", "预期性", "", 21],
      ["经济", "2", "城镇化率", "%", 60.1, "60.1*", 65, "65", 4, "[4]", "累计", "预期性", "*", 22],
    ]);
    expect(toSheetValues(grid)[1][2]).toBe("'=GDP增长"); // still guarded
  });

  test("a review table brings its actual and completion columns; one row when asked for one indicator", () => {
    const grid = tableGrid(response, "回顾", { indicator: "地区生产总值" });
    expect(grid.headers).toEqual(["类别", "序号", "指标名称", "单位", "目标 2020年", "目标 2020年（原文）", "实际完成情况 2020年", "实际完成情况 2020年（原文）", "完成情况（原文）", "属性", "标注", "原文行号"]);
    expect(grid.rows).toEqual([["", "1", "地区生产总值", "亿元", 2048, "2048", 1906.4, "1906.4", "未完成", "预期性", "", 10]]);
    expect(() => tableGrid(response, "没有这张表")).toThrow("没有“没有这张表”");
  });

  test("targets: one list or all, same columns", () => {
    const target = (metric: string) => ({ metric, raw: "7%", year: 2024, value: q("7%", 7), text: `${metric}7%`, line: 3 });
    const response = { plan: {}, targets: [], annualTargets: [target("GDP增长")], lastYearResults: [target("GDP")], tasks: [] } as unknown as TargetsResponse;
    expect(targetsGrid(response).rows.map((r) => r[0])).toEqual(["年度预期目标", "上年完成情况"]);
    expect(targetsGrid(response, "annualTargets").rows.map((r) => r[1])).toEqual(["GDP增长"]);
    expect(targetsGrid(response, "annualTargets").headers).toEqual(targetsGrid(response).headers);
  });
});

describe("a live =PLANBOOK.VALUE in the selected cell", () => {
  test("arguments are string literals, quotes doubled: document text cannot become formula syntax", () => {
    expect(valueFormula("荆门市", "十四五", '城镇化率"),CMD("x', "目标")).toBe('=PLANBOOK.VALUE("荆门市","十四五","城镇化率""),CMD(""x","目标")');
    expect(valueFormula("荆门市", "2024年", "GDP")).toBe('=PLANBOOK.VALUE("荆门市","2024年","GDP")');
  });

  test("written into an empty cell; an occupied one is left alone unless the clerk agrees", async () => {
    const fake = createFakeExcel();
    const excel = new OfficeMockObject({ run: (callback: (ctx: unknown) => Promise<unknown>) => callback(fake.context) }) as unknown as { run<T>(cb: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> };
    fake.select("Sheet1", "C4");
    const formula = valueFormula("荆门市", "十四五", "森林覆盖率", "目标");
    expect(await excel.run((ctx) => writeFormulaAtSelection(ctx, formula))).toEqual({ status: "written", sheetName: "Sheet1", address: "C4" });
    expect(fake.cellValues("Sheet1", "C4")).toEqual([[`FORMULA:${formula}`]]);
    fake.setCell("Sheet1", "D4", "我的数据");
    fake.select("Sheet1", "D4");
    expect(await excel.run((ctx) => writeFormulaAtSelection(ctx, formula))).toMatchObject({ status: "occupied", address: "D4" });
    expect(fake.cellValues("Sheet1", "D4")).toEqual([["我的数据"]]);
    expect(await excel.run((ctx) => writeFormulaAtSelection(ctx, formula, true))).toMatchObject({ status: "written" });
    expect(fake.cellValues("Sheet1", "D4")).toEqual([[`FORMULA:${formula}`]]);
  });
});
