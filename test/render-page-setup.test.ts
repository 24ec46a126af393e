/**
 * Page set-up survives every writer path (issue 12): the same template rendered by the streaming
 * writer (no Table) and the in-memory one (a Table on another sheet) prints the same way — the sheet
 * properties, print options (centred on the page, gridlines, headings), margins, page set-up,
 * header and footer, print titles and print area are the template's, in both.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile } from "../generator/render";
import { CHART_TARGETS, chartPlan } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-page-setup-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function template(withTable: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标", { properties: { tabColor: { argb: "FFC00000" } } });
  ws.getRow(3).values = ["指标", "目标"];
  ws.getCell("A4").value = "{{item.name}}";
  ws.getCell("A4").note = 'jx:each(items="plan.indicators.rows" var="item" lastCell="B4")';
  ws.getCell("B4").value = "{{item.targetNumber}}";
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    verticalCentered: true,
    showGridLines: true,
    showRowColHeaders: true,
    blackAndWhite: true,
    firstPageNumber: 3,
    pageOrder: "overThenDown",
    margins: { left: 0.4, right: 0.4, top: 0.9, bottom: 0.8, header: 0.3, footer: 0.35 },
    printTitlesRow: "3:3",
    printArea: "A1:B4",
  };
  ws.headerFooter = { differentFirst: true, oddHeader: "&L&\"宋体\"&9&A", oddFooter: "&C第 &P 页，共 &N 页", firstFooter: "&C首页" };
  if (withTable) wb.addWorksheet("表").addTable({ name: "T", ref: "A1", headerRow: true, columns: [{ name: "甲" }], rows: [[1]] });
  const path = join(dir, `page-${withTable}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

/** The sheet's printing elements, attribute order normalised (the two writers order attributes differently). */
async function printing(file: string): Promise<Record<string, string | null>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const element = (xml: string, tag: string) => {
    const m = new RegExp(`<${tag}\\b([^>]*?)(/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);
    if (!m) return null;
    const attrs = [...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => `${a[1]}=${a[2]}`).sort().join(" ");
    return `${attrs}|${m[3] ?? ""}`;
  };
  const names = [...workbook.matchAll(/<definedName name="(_xlnm\.[^"]+)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => `${m[1]}=${m[2].replace(/&apos;/g, "'")}`).sort();
  return {
    sheetPr: element(sheet, "sheetPr"),
    printOptions: element(sheet, "printOptions"),
    pageMargins: element(sheet, "pageMargins"),
    pageSetup: element(sheet, "pageSetup"),
    headerFooter: element(sheet, "headerFooter"),
    names: names.join(";"),
  };
}

test("the streaming and the in-memory writer print a sheet alike, as the template says", async () => {
  const results = [];
  for (const withTable of [false, true]) {
    const out = join(dir, `page-out-${withTable}.xlsx`);
    await renderToFile([chartPlan()], { template: await template(withTable), out, generatedAt: AT });
    results.push(await printing(out));
  }
  const [streamed, inMemory] = results;
  expect(streamed).toEqual(inMemory);
  const last = 3 + CHART_TARGETS.length;
  expect(streamed.printOptions).toBe("gridLines=1 headings=1 horizontalCentered=1 verticalCentered=1|");
  expect(streamed.pageMargins).toBe("bottom=0.8 footer=0.35 header=0.3 left=0.4 right=0.4 top=0.9|");
  expect(streamed.pageSetup).toMatch(/blackAndWhite=1.*firstPageNumber=3.*fitToHeight=0 fitToWidth=1 .*orientation=landscape pageOrder=overThenDown paperSize=9/);
  expect(streamed.sheetPr).toMatch(/tabColor rgb="FFC00000"/);
  expect(streamed.sheetPr).toMatch(/pageSetUpPr fitToPage="1"/);
  expect(streamed.headerFooter).toContain("<firstFooter>&amp;C首页</firstFooter>");
  expect(streamed.headerFooter).toMatch(/^differentFirst=1\|/);
  expect(streamed.names).toBe(`_xlnm.Print_Area='指标'!$A$1:$B$${last};_xlnm.Print_Titles='指标'!$3:$3`);
});
