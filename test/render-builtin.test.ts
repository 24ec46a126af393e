/**
 * Every seed and sample through every built-in template, read back with exceljs and (for a bounded
 * set) with LibreOffice. Assertions compare the workbook with the Plan it came from, so they hold
 * as the parser learns to read more.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeIndicatorName, type Plan } from "../generator/model";
import { builtInTemplates, renderToFile } from "../generator/render";
import { displayQuantity, primaryTable, projectRows } from "../generator/render/views";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { allPlans, type LabelledPlan } from "./render-plans";

const GENERATED_AT = new Date("2025-03-01T08:00:00Z");
let dir: string;
let plans: LabelledPlan[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "render-builtin-"));
  plans = await allPlans();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sheet's table under its header row (row 3 in every built-in) as objects keyed by header text. */
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

function expectIndicators(ws: ExcelJS.Worksheet, plan: Plan): void {
  const table = primaryTable(plan);
  const rows = tableRows(ws);
  const indicators = table?.indicators ?? [];
  expect(rows).toHaveLength(indicators.length);
  const headers = Object.keys(rows[0] ?? {});
  if (table?.targetYear && rows.length) expect(headers).toContain(`${table.targetYear}年`);
  indicators.forEach((ind, i) => {
    const row = rows[i];
    expect(row["指标"]).toBe(ind.name);
    expect(shown(row[table?.targetYear ? `${table.targetYear}年` : "目标年"])).toEqual(displayQuantity(ind.target));
    expect(shown(row["年均/累计"])).toEqual(displayQuantity(ind.rate));
    expect(shown(row["目标数值"])).toEqual(ind.target?.value ?? null);
    expect(shown(row["属性"])).toEqual(ind.attribute);
  });
}

function expectProjects(ws: ExcelJS.Worksheet, plan: Plan): void {
  const rows = tableRows(ws);
  const expected = projectRows(plan);
  expect(rows.map((r) => r["项目名称"])).toEqual(expected.map((p) => p.name));
  expect(rows.map((r) => shown(r["专栏"]))).toEqual(expected.map((p) => p.boxLabel));
}

test("the built-in templates are plan-report, project-register and comparison", () => {
  expect(builtInTemplates()).toEqual(expect.arrayContaining(["comparison", "plan-report", "project-register"]));
});

test("plan-report: every seed, sample and answer key fills 封面, 主要指标, 项目库, 目标 and 目录 from its Plan", async () => {
  for (const { label, plan } of plans) {
    const out = join(dir, `${label.replace(/[:.]/g, "_")}.xlsx`);
    const { warnings } = await renderToFile([plan], { template: "plan-report", out, generatedAt: GENERATED_AT, version: "9.9.9" });
    expect(warnings).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["封面", "主要指标", "项目库", "目标", "目录", "其他指标表"]);
    const cover = wb.getWorksheet("封面")!;
    expect(cover.getCell("A1").value).toBe(plan.title);
    const coverText = JSON.stringify(cover.getSheetValues());
    expect(coverText).toContain(plan.source.sha256);
    expect(coverText).toContain("2025-03-01 08:00:00 UTC");
    expect(coverText).toContain("9.9.9");
    expectIndicators(wb.getWorksheet("主要指标")!, plan);
    expectProjects(wb.getWorksheet("项目库")!, plan);
    const targets = tableRows(wb.getWorksheet("目标")!);
    expect(targets).toHaveLength(plan.targets.length + plan.annualTargets.length + plan.lastYearResults.length + plan.tasks.length);
    const ind = wb.getWorksheet("主要指标")!;
    expect(ind.pageSetup.orientation).toBe("landscape");
    expect(ind.pageSetup.paperSize).toBe(9);
    expect(ind.pageSetup.printTitlesRow).toBe("3:3");
    expect(ind.headerFooter.oddFooter).toContain("&P");
  }
});

test("project-register: all projects of all Plans in one filterable sheet", async () => {
  const out = join(dir, "register.xlsx");
  await renderToFile(plans.map((p) => p.plan), { template: "project-register", out, generatedAt: GENERATED_AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.worksheets[0];
  const rows = tableRows(ws);
  const expected = plans.flatMap((p) => projectRows(p.plan));
  expect(rows.map((r) => r["项目名称"])).toEqual(expected.map((p) => p.name));
  expect(rows.map((r) => shown(r["地区"]))).toEqual(expected.map((p) => p.region));
  const n = Math.max(1, expected.length);
  expect(ws.autoFilter).toBe(`A3:L${3 + n}`);
});

test("comparison: an indicator shared by Plans is one row with a column per Plan; the rest are listed as unmatched", async () => {
  const chosen = plans.filter((p) => p.label.startsWith("key:")).map((p) => p.plan);
  const out = join(dir, "comparison.xlsx");
  await renderToFile(chosen, { template: "comparison", out, generatedAt: GENERATED_AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const main = tableRows(wb.getWorksheet("指标对比")!);
  const unmatched = tableRows(wb.getWorksheet("未匹配指标")!);
  const headers = Object.keys(main[0]);
  for (const p of chosen) expect(headers).toContain(`${p.region} ${p.period.label}`);
  const listed = new Set([...main.map((r) => normalizeIndicatorName(String(r["指标"]))), ...unmatched.map((r) => normalizeIndicatorName(String(r["指标"])))]);
  for (const p of chosen) for (const ind of primaryTable(p)?.indicators ?? []) expect(listed).toContain(normalizeIndicatorName(ind.name));
  const table = wb.getWorksheet("指标对比")!.getTable("Comparison") as unknown as { table: { tableRef: string } };
  expect(table.table.tableRef).toBe(`A3:${String.fromCharCode(66 + chosen.length)}${3 + main.length}`);
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
      const header = indicators[2];
      const table = primaryTable(plan);
      const nameCol = header.indexOf("指标");
      const targetCol = header.indexOf(table?.targetYear ? `${table.targetYear}年` : "目标年");
      (table?.indicators ?? []).forEach((ind, i) => {
        const row = indicators[3 + i];
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
    const reg = [...sheetsAsCsv(register, profile.dir).values()][0];
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
