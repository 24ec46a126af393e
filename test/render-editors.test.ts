/**
 * Templates from every editor (issue 12): one written by a script (openpyxl: default-namespace
 * drawings, plain notes, absolute part names), the same saved again by LibreOffice Calc (its own
 * chart XML, tables without a style), Excel's note with its author line and a threaded comment's
 * legacy text; and templates that cannot be read, refused with one Chinese line naming the file and
 * the part. WPS-saved templates are not covered: there is no WPS on this machine to make one.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile, resolveTemplate } from "../generator/render";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { CHART_TARGETS, chartPlan } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
const n = CHART_TARGETS.length;
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-editors-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The template as a clerk's script writes it with openpyxl: a chart over the template row, notes, a Table, print options. */
const OPENPYXL = String.raw`
import sys, openpyxl
from openpyxl.comments import Comment
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.table import Table
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "指标"
ws["A1"] = "{{plan.title}}"
ws["A3"] = "指标"; ws["B3"] = "目标"
ws["A3"].comment = Comment("这一列是指标名称", "科员")
ws["A4"] = "{{item.name}}"; ws["B4"] = "{{item.targetNumber}}"
ws["A4"].comment = Comment('jx:each(items="plan.indicators.rows" var="item" lastCell="B4")', "科员")
ws["A5"] = "合计"; ws["B5"] = "=SUBTOTAL(109,B4)"
ws.add_table(Table(displayName="Indicators", ref="A3:B5", totalsRowCount=1))
ws.print_options.horizontalCentered = True
ws.page_setup.orientation = "landscape"
chart = BarChart()
chart.add_data(Reference(ws, min_col=2, min_row=3, max_row=4), titles_from_data=True)
chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=4))
ws.add_chart(chart, "D3")
wb.save(sys.argv[1])
`;

function openpyxlTemplate(): string {
  const path = join(dir, "openpyxl.xlsx");
  execFileSync("/usr/bin/python3", ["-c", OPENPYXL, path]);
  return path;
}

function libreOfficeSaved(template: string): string {
  const profile = newProfile();
  const outDir = mkdtempSync(join(dir, "lo-"));
  try {
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${profile.dir}`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, template], { stdio: "pipe", timeout: 120_000 });
    return join(outDir, template.split("/").pop()!);
  } finally {
    profile.dispose();
  }
}

async function chartRefs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  const refs: string[] = [];
  for (const c of charts) for (const m of (await zip.file(c)!.async("string")).matchAll(/<(?:c:)?f>([^<]*)<\/(?:c:)?f>/g)) refs.push(m[1].replace(/&apos;/g, "'"));
  return refs;
}

/** The filled indicator sheet, read by openpyxl (exceljs cannot read a drawing without the xdr: prefix, as openpyxl writes it). */
async function expectFilled(out: string, warnings: string[]): Promise<void> {
  expect(warnings).toEqual([]);
  const script = `import openpyxl,sys,json
ws=openpyxl.load_workbook(sys.argv[1])["指标"]
print(json.dumps({"rows":[[ws.cell(r,1).value,ws.cell(r,2).value] for r in range(4,4+int(sys.argv[2]))],"note":ws["A3"].comment.text if ws["A3"].comment else None,"a4":ws["A4"].comment is not None}))`;
  const read = JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, out, String(n)], { encoding: "utf8" })) as { rows: unknown[][]; note: string | null; a4: boolean };
  expect(read.rows).toEqual(CHART_TARGETS.map((t, i) => [`指标${i + 1}`, t]));
  expect(read.note).toContain("这一列是指标名称");
  expect(read.a4).toBe(false);
  const last = 3 + n;
  expect(await chartRefs(out)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^'?指标'?!\\$B\\$4:\\$B\\$${last}$`)), expect.stringMatching(new RegExp(`^'?指标'?!\\$A\\$4:\\$A\\$${last}$`))]));
}

describe("a template written by openpyxl, and the same saved by LibreOffice Calc", () => {
  let openpyxl: string;
  beforeAll(() => (openpyxl = openpyxlTemplate()));

  test("openpyxl's template renders: its notes are read, its chart grows, its Table keeps its total row outside the filter", async () => {
    const out = join(dir, "openpyxl-out.xlsx");
    const { warnings } = await renderToFile([chartPlan()], { template: openpyxl, out, generatedAt: AT });
    await expectFilled(out, warnings);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    const last = 3 + n;
    expect(table).toMatch(new RegExp(`ref="A3:B${last + 1}"`));
    expect(table).toMatch(new RegExp(`<autoFilter ref="A3:B${last}"`));
    expect(table).not.toMatch(/hiddenButton="1"/);
    expect(table).toMatch(/totalsRowCount="1"/);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toMatch(/<printOptions horizontalCentered="1"\/>/);
  });

  test("LibreOffice's re-save renders too, and LibreOffice computes its total", async () => {
    if (!sofficeAvailable()) return;
    const saved = libreOfficeSaved(openpyxl);
    const out = join(dir, "lo-out.xlsx");
    const { warnings } = await renderToFile([chartPlan()], { template: saved, out, generatedAt: AT });
    await expectFilled(out, warnings);
    const profile = newProfile();
    try {
      const csv = sheetsAsCsv(out, profile.dir).get("指标")!;
      expect(Number(csv[3 + n][1])).toBeCloseTo(CHART_TARGETS.reduce((s, t) => s + t, 0), 6);
    } finally {
      profile.dispose();
    }
  });

  test("the built-in plan-report, saved by LibreOffice (its Tables then have no style), renders", async () => {
    if (!sofficeAvailable()) return;
    const copy = join(dir, "plan-report.xlsx");
    copyFileSync(resolveTemplate("plan-report"), copy);
    const saved = libreOfficeSaved(copy);
    const out = join(dir, "lo-plan-report-out.xlsx");
    await renderToFile([chartPlan()], { template: saved, out, generatedAt: AT });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("主要指标")!.getCell("C5").value).toBe("指标1");
  });
});

async function noteTemplate(note: string, field = "{{item.name}}"): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标");
  ws.getCell("A4").value = field;
  ws.getCell("A4").note = note;
  ws.getCell("B4").value = "{{item.targetNumber}}";
  const path = join(dir, `note-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

const EACH = 'jx:each(items="plan.indicators.rows" var="item" lastCell="B4")';
const THREADED = `[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    ${EACH}\nReply:\n    好的，已改`;

test.each([
  ["Excel's note with its author line", `科员:\n${EACH}`],
  ["a threaded comment's legacy text, replies and all", THREADED],
])("%s is read as the command", async (_label, note) => {
  const out = join(dir, `note-out-${Math.random().toString(36).slice(2)}.xlsx`);
  await renderToFile([chartPlan()], { template: await noteTemplate(note), out, generatedAt: AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("指标")!;
  expect(Array.from({ length: n }, (_, i) => ws.getCell(`B${4 + i}`).value)).toEqual(CHART_TARGETS);
  expect(ws.getCell("A4").note).toBeUndefined();
});

test("an unknown field names the template cell and the command it is filled from", async () => {
  const template = await noteTemplate(`科员:\n${EACH}`, "{{item.nmae}}");
  await expect(renderToFile([chartPlan()], { template, out: join(dir, "never.xlsx"), generatedAt: AT })).rejects.toThrow(
    /note-\w+\.xlsx!指标!A4: unknown field "item\.nmae"（这个单元格由 note-\w+\.xlsx!指标!A4 的 jx:each\(items="plan\.indicators\.rows" var="item"\) 填写）/,
  );
});

describe("a template that cannot be read is one line naming the file and the part", () => {
  async function broken(name: string, edit: (zip: JSZip) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("指标").getCell("A1").value = "{{plan.title}}";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    edit(zip);
    const path = join(dir, name);
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    return path;
  }
  const render = (template: string) => renderToFile([chartPlan()], { template, out: join(dir, "never.xlsx"), generatedAt: AT });

  test("a sheet that is not well-formed XML", async () => {
    const template = await broken("bad-xml.xlsx", (zip) => zip.file("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row></sheetData></worksheet>"));
    await expect(render(template)).rejects.toThrow(/^模板 bad-xml\.xlsx 无法读取：其中的 xl\/worksheets\/sheet1\.xml 有误（第 1 行不是完好的 XML：/);
  });

  test("a part exceljs cannot make sense of", async () => {
    const template = await broken("bad-table.xlsx", (zip) => zip.file("xl/worksheets/sheet1.xml", '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>'));
    await expect(render(template)).rejects.toThrow(/^模板 bad-table\.xlsx 无法读取/);
  });

  test("a part that inflates past the cap is stopped by the bytes inflated, not the size declared", async () => {
    const template = await broken("bomb.xlsx", (zip) => zip.file("xl/media/huge.bin", Buffer.alloc(65 * 1024 * 1024)));
    await expect(render(template)).rejects.toThrow(/^模板 bomb\.xlsx 无法读取（压缩包中的 xl\/media\/huge\.bin 解压后超过 64 MB/);
  });

  test("not a zip at all", async () => {
    const path = join(dir, "not-a-zip.xlsx");
    writeFileSync(path, "这不是工作簿");
    await expect(render(path)).rejects.toThrow(/^模板 not-a-zip\.xlsx 无法读取（不是完好的 zip 压缩包/);
  });
});
