/**
 * What clerks put in templates survives (issue 12): charts over the template row grow to every copy,
 * charts elsewhere stay, a chart on another sheet follows the area it shows; pictures are kept in
 * both writers and move down with the rows below a grown area; a clerk's own notes stay. Checked in
 * the package, and by LibreOffice: it re-saves the output, and the values it caches for each chart
 * series are the cells it read — one per indicator, equal to the targets.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile } from "../generator/render";
import { addExcelDrawing } from "../bench/fixtures/excel-drawing";
import { newProfile, sofficeAvailable } from "./helpers/libreoffice";
import { CHART_TARGETS, chartPlan } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
const TARGETS = CHART_TARGETS;
const plan = chartPlan;
const n = TARGETS.length;

let dir: string;
beforeAll(() => (dir = process.env.PLANBOOK_KEEP_TEST_OUTPUT ?? mkdtempSync(join(tmpdir(), "render-carry-"))));
afterAll(() => process.env.PLANBOOK_KEEP_TEST_OUTPUT || rmSync(dir, { recursive: true, force: true }));

/** The indicator sheet of the test templates: rows 4 repeated, a total under them, a static table on the chart sheet. */
async function baseBook(withTable: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标");
  ws.getCell("A1").value = "{{plan.title}}";
  ws.getRow(3).values = ["指标", "目标"];
  ws.getCell("A3").note = "这一列是指标名称（科员注）";
  ws.getCell("A4").value = "{{item.name}}";
  ws.getCell("A4").note = '科员:\njx:each(items="plan.indicators.rows" var="item" lastCell="B4")';
  ws.getCell("B4").value = "{{item.targetNumber}}";
  ws.getCell("A5").value = "合计";
  ws.getCell("B5").value = { formula: "SUM(B4)" } as ExcelJS.CellFormulaValue;
  ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", horizontalCentered: true, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const charts = wb.addWorksheet("图表");
  charts.getCell("A20").value = "固定";
  ["甲", "乙", "丙"].forEach((k, i) => {
    charts.getCell(`A${21 + i}`).value = k;
    charts.getCell(`B${21 + i}`).value = (i + 1) * 10;
  });
  if (withTable) {
    const t = wb.addWorksheet("表");
    t.addTable({ name: "Clerk", ref: "A1", headerRow: true, columns: [{ name: "甲", filterButton: true }, { name: "乙", filterButton: true }], rows: [[1, 2]] });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A template with what Excel writes for charts and pictures. */
async function excelTemplate(withTable: boolean): Promise<string> {
  let bytes = await baseBook(withTable);
  bytes = await addExcelDrawing(
    bytes,
    "xl/worksheets/sheet1.xml",
    [{ name: "'指标'!$B$3", categories: "'指标'!$A$4", values: "'指标'!$B$4", from: [3, 2], to: [11, 16] }],
    [
      { name: "标志", from: [12, 0], to: [13, 1] },
      { name: "印章", from: [0, 6], to: [2, 9], editAs: "oneCell" },
    ],
    1,
  );
  bytes = await addExcelDrawing(
    bytes,
    "xl/worksheets/sheet2.xml",
    [
      { name: "'指标'!$B$3", categories: "指标!$A$4", values: "指标!$B$4", from: [0, 0], to: [8, 15] },
      { name: "图表!$A$20", categories: "图表!$A$21:$A$23", values: "图表!$B$21:$B$23", from: [9, 0], to: [15, 15] },
    ],
    [],
    2,
  );
  const path = join(dir, `excel-${withTable ? "table" : "plain"}.xlsx`);
  writeFileSync(path, bytes);
  return path;
}

async function part(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const f = zip.file(name);
  if (!f) throw new Error(`${name} is not in ${file}: ${Object.keys(zip.files).join(", ")}`);
  return f.async("string");
}

async function chartsOf(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort()) out.set(name, await zip.file(name)!.async("string"));
  return out;
}

const refs = (xml: string) => [...xml.matchAll(/<(?:c:)?f>([^<]*)<\/(?:c:)?f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
const anchorsOf = (xml: string) =>
  [...xml.matchAll(/<xdr:from><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>.*?<\/xdr:from>(?:<xdr:to><xdr:col>(\d+)<\/xdr:col>.*?<xdr:row>(\d+)<\/xdr:row>)?/g)].map((m) => m.slice(1).map(Number));

describe.each([
  ["streamed (no Table)", false],
  ["in memory (with a Table)", true],
])("a template with charts and pictures made in Excel, %s", (_label, withTable) => {
  let out: string;
  let warnings: string[];
  beforeAll(async () => {
    out = join(dir, `excel-out-${withTable}.xlsx`);
    ({ warnings } = await renderToFile([plan()], { template: await excelTemplate(withTable), out, generatedAt: AT }));
  });

  test("every chart is kept; a series over the template row covers every copy, one elsewhere stays; the template's cached points are gone", async () => {
    expect(warnings).toEqual([]);
    const charts = [...(await chartsOf(out)).values()];
    expect(charts).toHaveLength(3);
    const all = charts.map(refs);
    const last = 3 + n;
    expect(all).toEqual(
      expect.arrayContaining([
        ["'指标'!$B$3", `'指标'!$A$4:$A$${last}`, `'指标'!$B$4:$B$${last}`],
        ["'指标'!$B$3", `指标!$A$4:$A$${last}`, `指标!$B$4:$B$${last}`],
        ["图表!$A$20", "图表!$A$21:$A$23", "图表!$B$21:$B$23"],
      ]),
    );
    for (const xml of charts) expect(xml).not.toMatch(/numCache|strCache|\{\{/);
  });

  test("pictures are kept; the one below the area moves down with the rows, the one above stays; the chart beside the area stretches with it", async () => {
    const sheetRels = await part(out, "xl/worksheets/_rels/sheet1.xml.rels");
    const drawingPart = /Target="\.\.\/(drawings\/[^"]+)"/.exec(sheetRels.match(/<Relationship[^>]*relationships\/drawing"[^>]*>/)![0])![1];
    const anchors = anchorsOf(await part(out, `xl/${drawingPart}`));
    expect(anchors).toEqual([
      [3, 2, 11, 16 + n - 1], // the chart: top-left stays, bottom-right moved with the rows (Excel's "move and size with cells")
      [12, 0, 13, 1], // the logo above the area
      [0, 6 + n - 1, 2, 9 + n - 1], // the stamp under the total, moved as a whole
    ]);
    expect(await part(out, "xl/worksheets/sheet1.xml")).toMatch(/<drawing r:id="[^"]+"\/>/);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.values(zip.files).filter((f) => !f.dir && f.name.startsWith("xl/media/"))).toHaveLength(2);
    expect(await part(out, "[Content_Types].xml")).toMatch(/Extension="png"/);
  });

  test("a clerk's own note stays; the command's note is the engine's and goes; page set-up survives", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("指标")!;
    const text = (note: unknown) => (typeof note === "string" ? note : ((note as { texts?: Array<{ text: string }> })?.texts ?? []).map((t) => t.text).join(""));
    expect(text(ws.getCell("A3").note)).toBe("这一列是指标名称（科员注）");
    expect(ws.getCell("A4").note).toBeUndefined();
    expect(ws.getCell("A4").value).toBe("指标1");
    expect(await part(out, "xl/worksheets/sheet1.xml")).toMatch(/<printOptions horizontalCentered="1"\/>/);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });
});

// both writers carry the same chart parts (checked above): LibreOffice reads them once, from the streamed output
test("LibreOffice reads each grown chart with a point per indicator, valued as the targets", async () => {
  if (!sofficeAvailable()) return;
  const out = join(dir, "excel-out-lo.xlsx");
  await renderToFile([plan()], { template: await excelTemplate(false), out, generatedAt: AT });
  const cached = libreOfficeChartValues(out);
  const grown = cached.filter((c) => c.length === n);
  expect(grown).toHaveLength(2);
  for (const values of grown) expect(values).toEqual(TARGETS);
  expect(cached.find((c) => c.length === 3)).toEqual([10, 20, 30]);
});

/** LibreOffice opens the workbook and saves it again; the values it caches for each series are those it read from the cells. */
function libreOfficeChartValues(xlsx: string): number[][] {
  const profile = newProfile();
  const outDir = mkdtempSync(join(tmpdir(), "lo-resave-"));
  try {
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${profile.dir}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, xlsx], { stdio: "pipe", timeout: 120_000 });
    const saved = readFileSync(join(outDir, xlsx.split("/").pop()!));
    const script = `import zipfile,re,sys,json
z=zipfile.ZipFile(sys.argv[1]);out=[]
for n in sorted(x for x in z.namelist() if re.match(r'xl/charts/chart\\d+\\.xml$',x)):
  xml=z.read(n).decode()
  for val in re.findall(r'<c:val>(.*?)</c:val>',xml,re.S):
    out.append([float(v) for v in re.findall(r'<c:v>([^<]*)</c:v>',val)])
print(json.dumps(out))`;
    const path = join(outDir, "resaved.xlsx");
    writeFileSync(path, saved);
    return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, path], { encoding: "utf8" })) as number[][];
  } finally {
    profile.dispose();
    rmSync(outDir, { recursive: true, force: true });
  }
}

