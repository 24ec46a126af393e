/**
 * A pivot table over the template row (issue 12): kept, its cache's source grown to every copy and
 * marked to refresh on open, its own saved cells (the template's `{{fields}}`) left for the refresh
 * to rebuild — it never makes the render fail. LibreOffice, opening the output, shows the pivot of
 * the filled rows: a sum per category that matches the sums computed here.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile } from "../generator/render";
import { addExcelPivot } from "./helpers/excel-pivot";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { CHART_TARGETS, chartPlan } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
const CATEGORIES = ["经济发展", "经济发展", "创新驱动", "民生福祉", "民生福祉", "民生福祉", "绿色生态"];
const n = CHART_TARGETS.length;

let dir: string;
beforeAll(() => (dir = process.env.PLANBOOK_KEEP_TEST_OUTPUT ?? mkdtempSync(join(tmpdir(), "render-pivot-"))));
afterAll(() => process.env.PLANBOOK_KEEP_TEST_OUTPUT || rmSync(dir, { recursive: true, force: true }));

function plan() {
  const p = chartPlan();
  p.indicatorTables[0].indicators.forEach((ind, i) => (ind.category = CATEGORIES[i]));
  return p;
}

async function pivotTemplate(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标");
  ws.getRow(3).values = ["类别", "目标"];
  ws.getCell("A4").value = "{{item.category}}";
  ws.getCell("A4").note = 'jx:each(items="plan.indicators.rows" var="item" lastCell="B4")';
  ws.getCell("B4").value = "{{item.targetNumber}}";
  ws.getCell("A5").value = "合计";
  ws.getCell("B5").value = { formula: "SUM(B4)" } as ExcelJS.CellFormulaValue;
  const pv = wb.addWorksheet("透视");
  pv.getCell("A1").value = "按类别汇总";
  // the pivot's own cells as Excel saved them with the template
  pv.getCell("A3").value = "行标签";
  pv.getCell("B3").value = "求和项:目标";
  pv.getCell("A4").value = "{{item.category}}";
  pv.getCell("B4").value = 0;
  pv.getCell("A5").value = "总计";
  pv.getCell("B5").value = 0;
  let bytes: Buffer = Buffer.from(await wb.xlsx.writeBuffer());
  bytes = await addExcelPivot(bytes, { sourceSheet: "指标", sourceRef: "A3:B4", fields: ["类别", "目标"], pivotSheetPart: "xl/worksheets/sheet2.xml", location: "A3:B5", cached: ["{{item.category}}", "{{item.targetNumber}}"] });
  const path = join(dir, "pivot.xlsx");
  writeFileSync(path, bytes);
  return path;
}

describe("a pivot table over the template row", () => {
  let out: string;
  let warnings: string[];
  beforeAll(async () => {
    out = join(dir, "pivot-out.xlsx");
    ({ warnings } = await renderToFile([plan()], { template: await pivotTemplate(), out, generatedAt: AT }));
  });

  test("renders (the pivot's own cells are not fields) and keeps the pivot, its cache over every copy, refreshed on open", async () => {
    expect(warnings).toEqual([]);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const text = (name: string) => zip.file(name)!.async("string");
    const cache = await text("xl/pivotCache/pivotCacheDefinition1.xml");
    expect(cache).toMatch(new RegExp(`<worksheetSource ref="A3:B${3 + n}" sheet="指标"/>`));
    expect(cache).toMatch(/refreshOnLoad="1"/);
    expect(await text("xl/workbook.xml")).toMatch(/<pivotCaches><pivotCache cacheId="7" r:id="[^"]+"\/><\/pivotCaches>/);
    expect(await text("xl/_rels/workbook.xml.rels")).toMatch(/Target="pivotCache\/pivotCacheDefinition1\.xml"/);
    expect(await text("xl/worksheets/_rels/sheet2.xml.rels")).toMatch(/Target="\.\.\/pivotTables\/pivotTable1\.xml"/);
    expect(await text("[Content_Types].xml")).toMatch(/pivotTable\+xml/);
    expect(zip.file("xl/pivotCache/pivotCacheRecords1.xml")).not.toBeNull();
    const sheet = await text("xl/worksheets/sheet2.xml");
    expect(sheet).not.toContain("{{");
  });

  test("LibreOffice shows the pivot of the filled rows: the sum of each category", () => {
    if (!sofficeAvailable()) return;
    const profile = newProfile();
    try {
      const csv = sheetsAsCsv(out, profile.dir).get("透视")!;
      const sums = new Map<string, number>();
      CATEGORIES.forEach((c, i) => sums.set(c, (sums.get(c) ?? 0) + CHART_TARGETS[i]));
      const shown = new Map(csv.slice(3).filter((r) => sums.has(r[0])).map((r) => [r[0], Number(r[1])]));
      expect(shown).toEqual(sums);
    } finally {
      profile.dispose();
    }
  });
});
