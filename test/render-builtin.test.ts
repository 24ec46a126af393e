/**
 * Every seed and sample through every built-in template, read back with exceljs and (for a bounded
 * set) with LibreOffice. Assertions compare the workbook with the Plan it came from, so they hold
 * as the parser learns to read more.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeIndicatorName, type IndicatorTable, type Plan } from "../generator/model";
import { builtInTemplates, renderToFile } from "../generator/render";
import { displayQuantity, indicatorTableView, layoutRows, planView, primaryTable, projectRows, type ProjectRow } from "../generator/render/views";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { allPlans, type LabelledPlan } from "./render-plans";
import { parseDocument } from "../generator/parse";

const GENERATED_AT = new Date("2025-03-01T08:00:00Z");
let dir: string;
let plans: LabelledPlan[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "render-builtin-"));
  plans = await allPlans();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sheet's table under its header row (row 3, or 4 under a band of column meanings) as objects keyed by header text. */
function tableRows(ws: ExcelJS.Worksheet, headerRow = 3): Array<Record<string, unknown>> {
  const headers: string[] = [];
  ws.getRow(headerRow).eachCell((c, i) => (headers[i] = String(c.value)));
  const rows: Array<Record<string, unknown>> = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row: Record<string, unknown> = {};
    let any = false;
    headers.forEach((h, i) => {
      if (!h) return;
      const v = ws.getCell(r, i).value;
      row[h] = v;
      if (v !== null && v !== undefined) any = true;
    });
    if (!any) break;
    rows.push(row);
  }
  return rows;
}

const shown = (v: unknown) => (v === undefined ? null : v);

/** The sheets plan-report makes for a Plan: those with something to show, in the template's order. */
function expectedSheets(plan: Plan): string[] {
  const v = planView(plan);
  return [
    ["封面", true],
    ["主要指标", v.indicators.rows.length > 0],
    ["主要预期目标", v.lists.annual.rows.length > 0],
    ["上年完成情况", v.lists.results.rows.length > 0],
    ["重点任务", v.lists.tasks.rows.length > 0],
    ["项目库", v.projects.length > 0],
    ["布局与方向", v.layouts.length > 0],
    ["规划目标", v.lists.goals.rows.length > 0],
    ["上期完成情况", v.review.rows.length > 0],
    ["其他指标表", v.otherIndicatorTables.length > 0],
    ["目录", v.outline.length > 0],
  ].filter(([, show]) => show).map(([name]) => name as string);
}

/** Every value column of the table, headed as printed, holds that column's values, row by row. */
function expectIndicators(ws: ExcelJS.Worksheet, table: IndicatorTable): void {
  const view = indicatorTableView(table);
  const rows = tableRows(ws, 4);
  expect(rows).toHaveLength(table.indicators.length);
  const headers = Object.keys(rows[0] ?? {});
  expect(headers).toEqual(["类别", "序号", "指标", "单位", "属性", ...view.columns.map((c) => c.header), "说明"]);
  // the band above the header says what each column holds
  const band = view.columns.map((_, i) => ws.getCell(3, 6 + i).value);
  expect(band).toEqual(view.columns.map((c) => c.meaning));
  table.indicators.forEach((ind, i) => {
    const row = rows[i];
    expect(row["指标"]).toBe(ind.name);
    expect(shown(row["属性"])).toEqual(ind.attribute);
    view.columns.forEach((c, j) => expect(shown(row[c.header])).toEqual(view.rows[i].values[j].value));
    if (ind.seq && /^\d+$/.test(ind.seq)) expect(row["序号"]).toBe(Number(ind.seq));
  });
  if (table.targetYear && table.role === "targets" && table.indicators.some((i) => i.target)) expect(headers).toContain(`${table.targetYear}年`);
}

function expectProjects(ws: ExcelJS.Worksheet, rows: ProjectRow[], nameHeader = "项目名称"): void {
  const got = tableRows(ws);
  expect(got.map((r) => r[nameHeader])).toEqual(rows.map((p) => p.name));
  expect(got.map((r) => shown(r["专栏"]))).toEqual(rows.map((p) => p.boxLabel));
}

test("the built-in templates are plan-report, project-register and comparison", () => {
  expect(builtInTemplates()).toEqual(expect.arrayContaining(["comparison", "plan-report", "project-register"]));
});

test("plan-report: every seed, sample and answer key fills its sheets from its Plan, and only the sheets with something to show", async () => {
  for (const { label, plan } of plans) {
    const out = join(dir, `${label.replace(/[:.]/g, "_")}.xlsx`);
    const { warnings } = await renderToFile([plan], { template: "plan-report", out, generatedAt: GENERATED_AT, version: "9.9.9" });
    expect(warnings).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expectedSheets(plan));
    const cover = wb.getWorksheet("封面")!;
    expect(cover.getCell("A1").value).toBe(plan.title);
    const coverText = JSON.stringify(cover.getSheetValues());
    expect(coverText).toContain(plan.source.sha256);
    // 08:00 UTC is 16:00 in Beijing
    expect(coverText).toContain("2025年3月1日 16:00（北京时间）");
    expect(coverText).toContain("9.9.9");
    const view = planView(plan);
    const primary = primaryTable(plan);
    if (primary) expectIndicators(wb.getWorksheet("主要指标")!, primary);
    if (view.projects.length) expectProjects(wb.getWorksheet("项目库")!, view.projects);
    if (view.layouts.length) expectProjects(wb.getWorksheet("布局与方向")!, view.layouts, "名称");
    for (const [sheet, list] of [["主要预期目标", view.lists.annual], ["上年完成情况", view.lists.results], ["重点任务", view.lists.tasks], ["规划目标", view.lists.goals]] as const) {
      if (!list.rows.length) continue;
      const rows = tableRows(wb.getWorksheet(sheet)!);
      expect(rows.map((r) => [r["指标"], r["表述"], shown(r["数值"]), shown(r["单位"]), r["类型"], r["行号"]])).toEqual(list.rows.map((t) => [t.metric, t.raw, t.value, t.unit, t.kind, t.line]));
    }
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.headerFooter.oddFooter).toContain("&P");
      // numbered through the workbook: no sheet restarts at page 1
      expect((ws.pageSetup as { useFirstPageNumber?: boolean }).useFirstPageNumber).toBe(false);
    }
    if (primary) expect(wb.getWorksheet("主要指标")!.pageSetup.printTitlesRow).toBe("3:4");
  }
});

test("project-register: the projects of all Plans in one filterable sheet; places and directions in a sheet of their own", async () => {
  const out = join(dir, "register.xlsx");
  await renderToFile(plans.map((p) => p.plan), { template: "project-register", out, generatedAt: GENERATED_AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("项目登记")!;
  const rows = tableRows(ws);
  const expected = plans.flatMap((p) => projectRows(p.plan));
  expect(rows.map((r) => r["项目名称"])).toEqual(expected.map((p) => p.name));
  expect(rows.map((r) => shown(r["地区"]))).toEqual(expected.map((p) => p.region));
  const n = Math.max(1, expected.length);
  expect(ws.autoFilter).toMatch(new RegExp(`^A3:[A-Z]+${3 + n}$`));
  const layouts = plans.flatMap((p) => layoutRows(p.plan));
  expect(layouts.length).toBeGreaterThan(0);
  expect(tableRows(wb.getWorksheet("布局与方向")!).map((r) => r["名称"])).toEqual(layouts.map((p) => p.name));
});

test("comparison: an indicator shared by Plans is one row with a column per Plan; the rest are listed as unmatched", async () => {
  const chosen = plans.filter((p) => p.label.startsWith("key:")).map((p) => p.plan);
  const out = join(dir, "comparison.xlsx");
  await renderToFile(chosen, { template: "comparison", out, generatedAt: GENERATED_AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const main = tableRows(wb.getWorksheet("指标对比")!);
  const unmatched = wb.getWorksheet("未匹配指标") ? tableRows(wb.getWorksheet("未匹配指标")!) : [];
  const headers = Object.keys(main[0]);
  for (const p of chosen) expect(headers).toContain(`${p.region} ${p.period.label}`);
  const listed = new Set([...main.map((r) => normalizeIndicatorName(String(r["指标"]))), ...unmatched.map((r) => normalizeIndicatorName(String(r["指标"])))]);
  for (const p of chosen) for (const ind of p.indicatorTables.find((t) => t.role === "targets")?.indicators ?? []) expect(listed).toContain(normalizeIndicatorName(ind.name));
  const table = wb.getWorksheet("指标对比")!.getTable("指标对比") as unknown as { table: { tableRef: string } };
  expect(table.table.tableRef).toBe(`A3:${String.fromCharCode(68 + chosen.length)}${3 + main.length}`);
});

const lo = sofficeAvailable() ? test : test.skip;
lo("LibreOffice reads the numbers in 主要指标 and every project in 项目库, the register and the comparison", async () => {
  const profile = newProfile();
  try {
    const richest = plans.filter((p) => p.label.startsWith("key:")).slice(0, 1).concat(plans.filter((p) => !p.label.startsWith("key:")).sort((a, b) => (primaryTable(b.plan)?.indicators.length ?? 0) - (primaryTable(a.plan)?.indicators.length ?? 0)).slice(0, 1));
    for (const { label, plan } of richest) {
      const out = join(dir, `lo-${label.replace(/[:.]/g, "_")}.xlsx`);
      await renderToFile([plan], { template: "plan-report", out, generatedAt: GENERATED_AT });
      const sheets = sheetsAsCsv(out, profile.dir);
      const indicators = sheets.get("主要指标")!;
      const header = indicators[3];
      const table = primaryTable(plan);
      const nameCol = header.indexOf("指标");
      const targetCol = header.indexOf(indicatorTableView(table).columns.find((c) => c.meaning === "目标")?.header ?? "");
      (table?.indicators ?? []).forEach((ind, i) => {
        const row = indicators[4 + i];
        expect(row[nameCol]).toBe(ind.name);
        const want = displayQuantity(ind.target);
        expect(row[targetCol]).toBe(want === null ? "" : String(want));
      });
      const projects = sheets.get("项目库")!;
      const nameAt = projects[2].indexOf("项目名称");
      expect(projects.slice(3, 3 + projectRows(plan).length).map((r) => r[nameAt])).toEqual(projectRows(plan).map((p) => p.name));
    }
    const register = join(dir, "lo-register.xlsx");
    await renderToFile(plans.map((p) => p.plan), { template: "project-register", out: register, generatedAt: GENERATED_AT });
    const reg = sheetsAsCsv(register, profile.dir).get("项目登记")!;
    const expected = plans.flatMap((p) => projectRows(p.plan));
    expect(reg.slice(3, 3 + expected.length).map((r) => r[6])).toEqual(expected.map((p) => p.name));
    const comparison = join(dir, "lo-comparison.xlsx");
    await renderToFile(plans.map((p) => p.plan), { template: "comparison", out: comparison, generatedAt: GENERATED_AT });
    const cmp = sheetsAsCsv(comparison, profile.dir);
    expect(cmp.get("指标对比")![2].slice(0, 2)).toEqual(["指标", "单位"]);
    expect(cmp.has("未匹配指标")).toBe(true);
  } finally {
    profile.dispose();
  }
});

test("a cumulative figure's note names the brackets it is printed in, and claims no period", async () => {
  const plan = await parseDocument(readFileSync(join(__dirname, "fixtures", "unseen2", "V2_fengdu_15fyp.docx")), "V2_fengdu_15fyp.docx");
  const rows = indicatorTableView(primaryTable(plan)).rows;
  const urban = rows.find((r) => r.name === "常住人口城镇化率")!;
  expect(urban.rate).toBe("〔5.3〕");
  expect(urban.note).toBe("〔 〕内为累计数");
  // a yearly rate has no such note
  expect(rows.find((r) => r.name === "地区生产总值")!.note).toBeNull();
});
