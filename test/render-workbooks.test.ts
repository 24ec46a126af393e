/**
 * Issue 11 on the seeds, read back from the written workbooks: every value in its own column under
 * its own header, with its unit and kind; places not counted as projects; a work report's own
 * layout; the cover's counts those of the sheets (and of the task pane).
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../generator/model";
import { planCounts } from "../generator/library";
import { renderToFile } from "../generator/render";
import { layoutRows, planView, projectRows } from "../generator/render/views";
import { parseFixture, SEEDS } from "./helpers/parse-fixture";

const AT = new Date("2026-01-01T00:00:00Z");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-workbooks-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(plans: Plan[], template: string, name: string): Promise<ExcelJS.Workbook> {
  const out = join(dir, `${name}.xlsx`);
  await renderToFile(plans, { template, out, generatedAt: AT, version: "test" });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb;
}

/** Rows under a header row as objects keyed by header; `columns` lists the header texts in order. */
function read(ws: ExcelJS.Worksheet, headerRow: number): { columns: string[]; rows: Array<Record<string, unknown>> } {
  const columns: string[] = [];
  ws.getRow(headerRow).eachCell({ includeEmpty: true }, (c, i) => (columns[i - 1] = c.value === null ? "" : String(c.value)));
  const rows: Array<Record<string, unknown>> = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row: Record<string, unknown> = {};
    let any = false;
    columns.forEach((h, i) => {
      const v = ws.getCell(r, i + 1).value;
      if (h) row[h] = v ?? null;
      if (v !== null && v !== undefined) any = true;
    });
    if (!any) break;
    rows.push(row);
  }
  return { columns, rows };
}

const coverValue = (wb: ExcelJS.Workbook, label: string) => {
  const ws = wb.getWorksheet("封面")!;
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return String(ws.getCell(r, 2).value);
  return null;
};

describe("000 荆门 十四五", () => {
  let wb: ExcelJS.Workbook;
  const plan = () => parseFixture(SEEDS.jingmen);
  beforeAll(async () => (wb = await render([plan()], "plan-report", "jingmen")));

  test("the 十三五 review table: every column its own, headed as printed, the band saying which is the target and which the actual", () => {
    const ws = wb.getWorksheet("上期完成情况")!;
    const { columns, rows } = read(ws, 4);
    expect(columns).toEqual([
      "类别", "序号", "指标", "单位", "属性",
      "规划目标 2020年", "规划目标 年均[累计]", "实际完成情况 2019年", "实际完成情况 2020年", "实际完成情况 2016-2019年均[累计]", "实际完成情况 十三五年均[累计]",
      "说明",
    ]);
    const band = columns.map((_, i) => ws.getCell(3, i + 1).value);
    expect(band.slice(5, 11)).toEqual(["规划目标", "规划年均/累计", "实际完成", "实际完成", "实际完成", "实际完成"]);
    const gdp = rows.find((r) => r["指标"] === "地区生产总值（GDP）")!;
    expect(gdp).toMatchObject({ 单位: "亿元", "规划目标 2020年": 2048, "规划目标 年均[累计]": "8%", "实际完成情况 2019年": 2033.8, "实际完成情况 2020年": 1906.4, "实际完成情况 2016-2019年均[累计]": "7.9%", "实际完成情况 十三五年均[累计]": "5.2%" });
    // nothing squeezed into 说明
    for (const r of rows) expect(String(r["说明"] ?? "")).not.toMatch(/实际完成|\d{4}年：/u);
    expect(rows).toHaveLength(plan().indicatorTables.find((t) => t.role === "review")!.indicators.length);
  });

  test("the 十四五 table keeps its own columns; 序号 are numbers; the table is named after the plan", () => {
    const ws = wb.getWorksheet("主要指标")!;
    const { columns, rows } = read(ws, 4);
    expect(columns.slice(5, 7)).toEqual(["2020年", "2025年"]);
    expect(rows.map((r) => r["序号"])).toEqual(plan().indicatorTables.find((t) => t.role === "targets")!.indicators.map((i) => Number(i.seq)));
    expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toEqual(["主要指标_荆门_十四五"]);
  });

  test("places and directions are not projects: 布局与方向 holds the layout boxes, and the cover counts each as its sheet does", () => {
    const projects = read(wb.getWorksheet("项目库")!, 3).rows;
    const layouts = read(wb.getWorksheet("布局与方向")!, 3).rows;
    expect(projects.map((r) => r["项目名称"])).toEqual(projectRows(plan()).map((p) => p.name));
    expect(layouts.map((r) => r["名称"])).toEqual(layoutRows(plan()).map((p) => p.name));
    const layoutBoxes = new Set(plan().projectBoxes.filter((b) => b.kind === "layout").map((b) => b.label));
    for (const r of projects) expect(layoutBoxes.has(String(r["专栏"]))).toBe(false);
    expect(layouts.map((r) => r["名称"])).toEqual(expect.arrayContaining(["荆门高新技术产业开发区"]));
    expect(coverValue(wb, "重点项目")).toBe(`${projects.length} 个（另有布局与方向 ${layouts.length} 处，不计入项目）`);
    // the cover's indicator count is the one the library stores and the task pane shows, table by table
    expect(coverValue(wb, "指标")).toBe(`${planCounts(plan()).indicatorCount} 项（主要指标 20 项，上期完成情况 52 项）`);
  });

  test("the 规划目标 sheet: a unit column, the kind, each figure of several on a row of its own, duplicates with their lines", () => {
    const { columns, rows } = read(wb.getWorksheet("规划目标")!, 3);
    expect(columns).toEqual(["指标", "表述", "数值", "单位", "类型", "分项", "上限", "年份", "原文", "行号"]);
    const livestock = rows.filter((r) => r["指标"] === "畜禽养殖规模化率和畜禽粪污资源化利用率分别");
    expect(livestock.map((r) => [r["分项"], r["数值"], r["单位"]])).toEqual([["畜禽养殖规模化率", 75, "%"], ["畜禽粪污资源化利用率", 93, "%"]]);
    expect(rows.find((r) => r["指标"] === "重点中小河流防洪标准")).toMatchObject({ 数值: 10, 上限: 20, 单位: "年一遇" });
    const water = rows.filter((r) => r["指标"] === "农田灌溉水有效利用系数");
    expect(water.length).toBe(2);
    expect(new Set(water.map((r) => r["行号"])).size).toBe(2);
    expect(rows.find((r) => r["指标"] === "高新技术产业增加值占GDP比重")).toMatchObject({ 数值: 23, 单位: "%", 类型: "水平值" });
  });
});

describe("001 荆门 2024 政府工作报告", () => {
  test("its own layout: 主要预期目标, 上年完成情况, 重点任务 — no empty sheet, no indicator table it does not have", async () => {
    const wb = await render([parseFixture(SEEDS.report)], "plan-report", "report");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["封面", "主要预期目标", "上年完成情况", "重点任务", "目录"]);
    for (const ws of wb.worksheets) expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/未找到指标表|\{\{/u);
    const annual = read(wb.getWorksheet("主要预期目标")!, 3).rows;
    expect(annual[0]).toMatchObject({ 指标: "地区生产总值增长", 表述: "7%", 数值: 7, 单位: "%", 类型: "年增速" });
    const floor = read(wb.getWorksheet("上年完成情况")!, 3).rows.filter((r) => r["指标"] === "城乡低保标准分别");
    expect(floor.map((r) => [r["分项"], r["数值"], r["单位"]])).toEqual([["城镇", 800, "元/月"], ["农村", 610, "元/月"]]);
    expect(coverValue(wb, "主要预期目标")).toBe(`${read(wb.getWorksheet("主要预期目标")!, 3).rows.length} 项`);
    expect(coverValue(wb, "生成时间")).toBe("2026年1月1日 08:00（北京时间）");
  });
});

describe("comparison of the seeds", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => (wb = await render([SEEDS.ezhou, SEEDS.jingmen, SEEDS.report, SEEDS.digest, SEEDS.xianning].map(parseFixture), "comparison", "comparison")));

  test("粮食综合生产能力: 荆门's 万吨 converted to the row's 亿斤 (1亿斤 = 5万吨), and the row says so", () => {
    const { rows } = read(wb.getWorksheet("指标对比")!, 3);
    const grain = rows.filter((r) => r["指标"] === "粮食综合生产能力");
    expect(grain).toHaveLength(1);
    expect(grain[0]).toMatchObject({ 单位: "亿斤", 类型: "水平值", "鄂州市 十四五": ">5", "荆门市 十四五": ">57", "咸宁市 十五五": "24.8左右" });
    expect(grain[0]["说明"]).toBe("荆门市 十四五 原文 >285（万吨），按 1亿斤 = 5万吨 换算");
  });

  test("a cumulative change is never beside a level: 数字经济核心产业增加值占GDP比重 is a row of levels and a row of 累计变化", () => {
    const { rows } = read(wb.getWorksheet("指标对比")!, 3);
    const digital = rows.filter((r) => r["指标"] === "数字经济核心产业增加值占GDP比重");
    expect(digital.map((r) => [r["类型"], r["鄂州市 十四五"], r["荆门市 十四五"], r["咸宁市 十五五"]])).toEqual([
      ["水平值", 10, null, 10],
      ["累计变化", null, "[2]", null],
    ]);
    // every row holds one kind: a rate row has no level in it and no bracketed total
    for (const r of rows.filter((x) => x["类型"] === "年增速")) for (const v of Object.values(r)) expect(String(v ?? "")).not.toMatch(/^\[/u);
  });

  test("7 and 7% in one row read alike; how each name matched is reported", () => {
    const { rows } = read(wb.getWorksheet("指标对比")!, 3);
    const gdp = rows.find((r) => r["指标"] === "地区生产总值（GDP）增长率")!;
    expect([gdp["荆门市 十四五"], gdp["荆门市 2024年"]]).toEqual([7, 7]);
    const matches = read(wb.getWorksheet("匹配说明")!, 3).rows;
    expect(matches.filter((m) => m["对比行"] === "地区生产总值（GDP）增长率").map((m) => m["规划"])).toEqual(["鄂州市 十四五", "荆门市 十四五", "荆门市 2024年", "荆州市 2021年", "咸宁市 十五五"]);
    expect(matches.find((m) => m["原文名称"] === "单位GDP二氧化碳排放降低")!["匹配方式"]).toBe("同义词：CO2 ↔ 二氧化碳");
  });
});

describe("002 鄂州 十四五", () => {
  test("目录: numbering and title apart; Word's \"1.\" chapters numbered by their order", async () => {
    const plan = parseFixture(SEEDS.ezhou);
    const wb = await render([plan], "plan-report", "ezhou");
    const { rows } = read(wb.getWorksheet("目录")!, 3);
    const chapters = rows.filter((r) => r["层级"] === 2).map((r) => r["编号"]);
    expect(chapters.slice(0, 4)).toEqual(["1.", "2.", "3.", "4."]);
    expect(new Set(chapters).size).toBe(chapters.length);
    for (const r of rows) expect(String(r["标题"]).trim().startsWith(String(r["编号"]))).toBe(false);
    expect(rows).toHaveLength(planView(plan).outline.length);
  });
});
