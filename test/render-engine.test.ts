/**
 * The template engine's promises: a clerk's restyled template keeps its styling and grows its
 * formulas, ranges and print titles with the data; output is reproducible and atomic; document
 * text never becomes a formula; template mistakes name template!sheet!cell.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import JSZip from "jszip";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../generator/model";
import { parseQuantity } from "../generator/parse";
import { renderToFile, resolveTemplate } from "../generator/render";
import { exceljsTransformer } from "../generator/render/exceljs";
import type { Transformer } from "../generator/render/sheet-model";
import { indicatorTableView, primaryTable, projectRows } from "../generator/render/views";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { ANSWER_KEYS, hostilePlan, planFromAnswerKey } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-engine-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = () => planFromAnswerKey(ANSWER_KEYS[0]);

/**
 * What a clerk does in Excel to plan-report's 主要指标 sheet: its band of column meanings is row 3,
 * the header row 4, the repeated data row 5; columns A–E (类别 序号 指标 单位 属性) are fixed, F repeats
 * once per value column of the table, G is 说明. The clerk's own column I lands right of 说明.
 */
async function restyledTemplate(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(resolveTemplate("plan-report"));
  const ws = wb.getWorksheet("主要指标")!;
  ws.getCell("C4").font = { name: "黑体", size: 12, bold: true, color: { argb: "FFFFFF00" } };
  ws.getCell("C5").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  ws.getColumn(3).width = 50;
  ws.getCell("I4").value = "序号翻倍";
  ws.getCell("I5").value = { formula: "B5*2" } as ExcelJS.CellFormulaValue;
  ws.getCell("A6").value = "合计";
  ws.getCell("B6").value = { formula: "SUM(B5)" } as ExcelJS.CellFormulaValue;
  ws.getCell("B6").font = { bold: true };
  ws.addConditionalFormatting({ ref: "B5", rules: [{ type: "cellIs", operator: "greaterThan", priority: 2, formulae: ["100"], style: { font: { italic: true } } }] });
  (ws as unknown as { dataValidations: { add(r: string, v: unknown): void } }).dataValidations.add("E5", { type: "list", allowBlank: true, formulae: ['"预期性,约束性"'] });
  ws.pageSetup.printTitlesRow = "1:4";
  const path = join(dir, "house-style.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

const col = (n: number) => String.fromCharCode(64 + n);

test("a restyled template fills correctly and keeps fonts, fills, widths, formulas, conditional formats, validations and print titles", async () => {
  const template = await restyledTemplate();
  const out = join(dir, "restyled.xlsx");
  const p = plan();
  await renderToFile([p], { template, out, generatedAt: AT });
  const n = primaryTable(p)!.indicators.length;
  const values = indicatorTableView(primaryTable(p)).columns.length;
  expect(n).toBeGreaterThan(3);
  expect(values).toBeGreaterThan(1);
  const first = 5;
  const last = 4 + n;
  const note = col(7 + values - 1); // 说明, after the value columns
  const own = col(9 + values - 1); // the clerk's column I
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("主要指标")!;
  expect(ws.getCell("C4").font).toMatchObject({ name: "黑体", bold: true });
  expect(ws.getCell(`${note}4`).value).toBe("说明");
  expect(ws.getCell(`${own}4`).value).toBe("序号翻倍");
  for (let r = first; r <= last; r++) {
    expect(ws.getCell(`C${r}`).value).toBe(primaryTable(p)!.indicators[r - first].name);
    expect(ws.getCell(`C${r}`).fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect(ws.getCell(`${own}${r}`).formula).toBe(`B${r}*2`);
  }
  expect(ws.getColumn(3).width).toBe(50);
  expect(ws.getCell(`A${last + 1}`).value).toBe("合计");
  expect(ws.getCell(`B${last + 1}`).formula).toBe(`SUM(B5:B${last})`);
  expect(ws.getCell(`B${last + 1}`).font).toMatchObject({ bold: true });
  const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae?: string[] }> }> }).conditionalFormattings;
  expect(cfs.map((c) => c.ref)).toEqual(expect.arrayContaining([`A5:${note}${last}`, `B5:B${last}`]));
  expect(cfs.find((c) => c.ref === `A5:${note}${last}`)!.rules[0].formulae).toEqual(['$E5="约束性"']);
  const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  for (let r = first; r <= last; r++) expect(dv[`E${r}`]).toMatchObject({ type: "list" });
  expect(ws.pageSetup.printTitlesRow).toBe("1:4");
  const [table] = Object.values((ws as unknown as { tables: Record<string, { table: { tableRef: string; name: string } }> }).tables);
  expect(table.table.tableRef).toBe(`A4:${note}${last}`);
  expect(table.table.name).toBe(`主要指标_${p.region!.replace(/[市县区]$/u, "")}_${p.period.label}`);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  // notes sit under the table, below the SUM row
  expect(ws.getCell(`A${last + 2}`).value).toBe(primaryTable(p)!.notes[0]);

  if (sofficeAvailable()) {
    const profile = newProfile();
    try {
      const csv = sheetsAsCsv(out, profile.dir).get("主要指标")!;
      const seqs = primaryTable(p)!.indicators.map((i) => Number(i.seq ?? 0));
      expect(Number(csv[last][1])).toBeCloseTo(seqs.reduce((a, b) => a + b, 0), 6);
      expect(Number(csv[first - 1][9 + values - 2])).toBeCloseTo(2 * seqs[0], 6);
    } finally {
      profile.dispose();
    }
  }
});

test("the same inputs and generated-at give byte-identical files, in memory and streamed", async () => {
  for (const template of ["plan-report", "project-register"]) {
    const a = join(dir, `a-${template}.xlsx`);
    const b = join(dir, `b-${template}.xlsx`);
    await renderToFile([plan()], { template, out: a, generatedAt: AT });
    await new Promise((r) => setTimeout(r, 2100)); // a zip timestamp has two-second resolution
    await renderToFile([plan()], { template, out: b, generatedAt: AT });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const core = await (await JSZip.loadAsync(readFileSync(a))).file("docProps/core.xml")!.async("string");
    expect(core).toContain("2025-03-01T08:00:00Z");
  }
});

test("a failure mid-write leaves the previous file intact and no temp files behind", async () => {
  const out = join(dir, "atomic", "report.xlsx");
  rmSync(join(dir, "atomic"), { recursive: true, force: true });
  require("node:fs").mkdirSync(join(dir, "atomic"));
  writeFileSync(out, "previous report");
  const failing: Transformer = {
    ...exceljsTransformer,
    async write(book, path, options) {
      await exceljsTransformer.write(book, path, options);
      writeFileSync(path, "half a workbook");
      throw new Error("disk full");
    },
  };
  await expect(renderToFile([plan()], { template: "plan-report", out, generatedAt: AT }, failing)).rejects.toThrow("disk full");
  expect(readFileSync(out, "utf8")).toBe("previous report");
  expect(readdirSync(join(dir, "atomic"))).toEqual(["report.xlsx"]);
});

test("document text starting with =, +, -, @ lands as text, never as a formula", async () => {
  const out = join(dir, "hostile.xlsx");
  await renderToFile([hostilePlan()], { template: "plan-report", out, generatedAt: AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const cover = wb.getWorksheet("封面")!;
  expect(cover.getCell("A1").type).toBe(ExcelJS.ValueType.String);
  expect(cover.getCell("A1").value).toBe('=HYPERLINK("http://evil.example","点击")');
  const ind = wb.getWorksheet("主要指标")!;
  expect(ind.getCell("C5").value).toBe("-2+3");
  expect(ind.getCell("C6").value).toBe("@SUM(A1:A9)");
  expect(wb.getWorksheet("项目库")!.getCell("D4").value).toBe("=1+1");
  const zip = await JSZip.loadAsync(readFileSync(out));
  for (const f of Object.keys(zip.files).filter((f) => f.startsWith("xl/worksheets/sheet"))) {
    const xml = await zip.file(f)!.async("string");
    expect(xml).not.toMatch(/<f>[^<]*(HYPERLINK|1\+1|2\+3|SUM\(A1:A9\))/);
  }
});

async function templateWith(name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(resolveTemplate("plan-report"));
  edit(wb.getWorksheet("主要指标")!);
  const sub = mkdtempSync(join(dir, "tpl-"));
  const path = join(sub, name);
  await wb.xlsx.writeFile(path);
  return path;
}

test("an unknown field names template!sheet!cell", async () => {
  const template = await templateWith("plan-report.xlsx", (ws) => (ws.getCell("B5").value = "{{item.targt}}"));
  const out = join(dir, "never.xlsx");
  await expect(renderToFile([plan()], { template, out, generatedAt: AT })).rejects.toThrow('plan-report.xlsx!主要指标!B5: unknown field "item.targt"');
});

test("a malformed command names template!sheet!cell", async () => {
  const template = await templateWith("mine.xlsx", (ws) => (ws.getCell("A5").note = 'jx:each(items="plan.indicators.rows" var="item")'));
  await expect(renderToFile([plan()], { template, out: join(dir, "never.xlsx"), generatedAt: AT })).rejects.toThrow('mine.xlsx!主要指标!A5: jx:each needs lastCell="…"');
});

test("what the engine cannot carry over (sparklines, slicers) is a warning naming the sheet, and the render goes on", async () => {
  const zip = await JSZip.loadAsync(readFileSync(resolveTemplate("project-register")));
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const sparklines = '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups><x14:sparklineGroup/></x14:sparklineGroups></ext></extLst>';
  zip.file("xl/worksheets/sheet1.xml", sheet.replace("</worksheet>", `<drawing r:id="rIdD"/>${sparklines}</worksheet>`));
  const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string");
  const drawingRel = '<Relationship Id="rIdD" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/>';
  zip.file("xl/worksheets/_rels/sheet1.xml.rels", rels ? rels.replace("</Relationships>", `${drawingRel}</Relationships>`) : `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRel}</Relationships>`);
  const slicer = '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="地区"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" name="地区"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
  zip.file("xl/drawings/drawing1.xml", `<?xml version="1.0"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">${slicer}</xdr:wsDr>`);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace("</Types>", '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'));
  const template = join(dir, "with-slicer.xlsx");
  writeFileSync(template, await zip.generateAsync({ type: "nodebuffer" }));
  const out = join(dir, "slicer-out.xlsx");
  const { warnings } = await renderToFile([plan()], { template, out, generatedAt: AT });
  expect(warnings).toEqual([
    'sheet "项目登记": sparklines in the template cannot be carried over and will be missing from the output',
    'sheet "项目登记": a slicer in the template cannot be carried over and will be missing from the output',
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.getWorksheet("项目登记")!.getCell("G4").value).toBe(projectRows(plan())[0].name);
});

test("a column repeat grows a table to the right and its header names come from the data", async () => {
  const out = join(dir, "cmp.xlsx");
  const plans = ANSWER_KEYS.map(planFromAnswerKey);
  await renderToFile(plans, { template: "comparison", out, generatedAt: AT });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("指标对比")!;
  const headers = (ws.getRow(3).values as unknown[]).slice(1);
  expect(headers).toEqual(["指标", "单位", "类型", ...plans.map((p) => `${p.region} ${p.period.label}`), "说明"]);
  expect(ws.getColumn(4 + plans.length - 1).width).toBe(ws.getColumn(4).width);
});

/**
 * Groups of different sizes, one per Plan: an `each` over `p.projects` nested in an `each` over `plans`.
 * The header row's formulas point forward at its group's item rows, which the fill has not reached yet
 * (the walk looks one repetition ahead to learn them); the total row's point back at them; the 合计
 * row under the whole block covers every item. Subtotals sit in columns C and D, outside the item
 * column B, so the 合计 over B adds each item once.
 */
const GROUPS = [
  { region: "甲市", investments: [1, 2, 4], header: 2, items: "B3:B5", total: 6 },
  { region: "乙市", investments: [10], header: 7, items: "B8", total: 9 },
  { region: "丙市", investments: [], header: 10, items: "B11", total: 12 },
  { region: "丁市", investments: [100, 200], header: 13, items: "B14:B15", total: 16 },
];
const GRAND = { row: 17, items: "B3:B15" };

function groupPlan(region: string, investments: number[]): Plan {
  const p = planFromAnswerKey(ANSWER_KEYS[0]);
  p.region = region;
  const projects = investments.map((v, i) => ({ name: `${region}项目${i + 1}`, investment: parseQuantity(`${v}亿元`)! }));
  p.projectBoxes = [{ label: "专栏 1", title: "重大项目", kind: "projects", section: null, line: 1, groups: [{ name: null, projects }] }];
  return p;
}

/** An item row with a formula of its own gets a map per item; without one it writes into its group's: both must give the same ranges. */
async function renderGroups(itemFormula: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("分组");
  ws.getRow(1).values = ["地区 / 项目", "投资（亿元）", "小计", "项数", "万元"];
  ws.getCell("A2").value = "{{p.region}}";
  ws.getCell("A2").note = 'jx:each(items="plans" var="p" lastCell="E4")';
  ws.getCell("C2").value = { formula: "SUM(B3)" } as ExcelJS.CellFormulaValue;
  ws.getCell("D2").value = { formula: "COUNT(B3)" } as ExcelJS.CellFormulaValue;
  ws.getCell("A3").value = "{{item.name}}";
  ws.getCell("A3").note = 'jx:each(items="p.projects" var="item" lastCell="E3")';
  ws.getCell("B3").value = "{{item.investmentNumber}}";
  if (itemFormula) ws.getCell("E3").value = { formula: "B3*10000" } as ExcelJS.CellFormulaValue;
  ws.getCell("A4").value = "{{p.region}}小计";
  ws.getCell("C4").value = { formula: "SUM(B3)" } as ExcelJS.CellFormulaValue;
  ws.getCell("D4").value = { formula: "COUNT(B3)" } as ExcelJS.CellFormulaValue;
  ws.getCell("A5").value = "合计";
  ws.getCell("B5").value = { formula: "SUM(B3)" } as ExcelJS.CellFormulaValue;
  ws.getCell("D5").value = { formula: "COUNT(B3)" } as ExcelJS.CellFormulaValue;
  const sub = mkdtempSync(join(dir, "groups-"));
  const template = join(sub, "groups.xlsx");
  await wb.xlsx.writeFile(template);
  const out = join(sub, "out.xlsx");
  await renderToFile(GROUPS.map((g) => groupPlan(g.region, g.investments)), { template, out, generatedAt: AT });
  return out;
}

async function groupSheet(out: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return wb.getWorksheet("分组")!;
}

describe.each([
  ["plain item rows", false],
  ["item rows with a formula of their own", true],
])("groups of 3, 1, 0 and 2 items, %s", (_label, itemFormula) => {
  let out: string;
  beforeAll(async () => (out = await renderGroups(itemFormula)));

  test("a group header's formulas point forward at that group's item rows only", async () => {
    const ws = await groupSheet(out);
    for (const g of GROUPS) {
      expect(ws.getCell(`A${g.header}`).value).toBe(g.region);
      expect([ws.getCell(`C${g.header}`).formula, ws.getCell(`D${g.header}`).formula]).toEqual([`SUM(${g.items})`, `COUNT(${g.items})`]);
    }
    // the empty group still shows its item row once, blank, so its header sums an empty cell
    expect([ws.getCell("A11").value, ws.getCell("B11").value]).toEqual([null, null]);
    if (itemFormula) expect(ws.getCell("E11").formula).toBe("B11*10000");
  });

  test("a group total's formulas point back at that group's item rows; the 合计 under the block covers every item", async () => {
    const ws = await groupSheet(out);
    for (const g of GROUPS) {
      expect(ws.getCell(`A${g.total}`).value).toBe(`${g.region}小计`);
      expect([ws.getCell(`C${g.total}`).formula, ws.getCell(`D${g.total}`).formula]).toEqual([`SUM(${g.items})`, `COUNT(${g.items})`]);
    }
    expect(ws.getCell(`A${GRAND.row}`).value).toBe("合计");
    expect([ws.getCell(`B${GRAND.row}`).formula, ws.getCell(`D${GRAND.row}`).formula]).toEqual([`SUM(${GRAND.items})`, `COUNT(${GRAND.items})`]);
  });

  test("LibreOffice shows each group's subtotal and count in its header and total rows, and the grand total", () => {
    if (!sofficeAvailable()) return;
    const profile = newProfile();
    try {
      const csv = sheetsAsCsv(out, profile.dir).get("分组")!;
      const cell = (row: number, col: number) => csv[row - 1][col - 1];
      for (const g of GROUPS) {
        const sum = String(g.investments.reduce((s, v) => s + v, 0));
        const count = String(g.investments.length);
        expect([cell(g.header, 3), cell(g.header, 4), cell(g.total, 3), cell(g.total, 4)]).toEqual([sum, count, sum, count]);
      }
      expect([cell(GRAND.row, 2), cell(GRAND.row, 4)]).toEqual(["317", "6"]);
      if (itemFormula) expect([cell(3, 5), cell(15, 5)]).toEqual(["10000", "2000000"]);
    } finally {
      profile.dispose();
    }
  });
});

test("document text a spreadsheet could execute also gets the quote-prefix style, in memory and streamed (openpyxl reads it back)", async () => {
  const out = join(dir, "hostile-quoted.xlsx");
  const register = join(dir, "hostile-register.xlsx");
  await renderToFile([hostilePlan()], { template: "plan-report", out, generatedAt: AT });
  await renderToFile([hostilePlan()], { template: "project-register", out: register, generatedAt: AT });
  const read = (file: string, sheet: string, cells: string[]) =>
    JSON.parse(
      execFileSync("/usr/bin/python3", ["-c", `import openpyxl,json,sys\nws=openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]\nprint(json.dumps([[ws[a].value, ws[a].data_type, ws[a].quotePrefix] for a in sys.argv[3:]]))`, file, sheet, ...cells], { encoding: "utf8" }),
    ) as Array<[string, string, boolean]>;
  expect(read(out, "封面", ["A1"])).toEqual([['=HYPERLINK("http://evil.example","点击")', "s", true]]);
  expect(read(out, "主要指标", ["C5", "C6", "C7"])).toEqual([["-2+3", "s", true], ["@SUM(A1:A9)", "s", true], [expect.any(String), "s", false]]);
  const registerRow = read(register, "项目登记", ["A4", "G4"]);
  expect(registerRow).toEqual([["+1+1", "s", true], ["=1+1", "s", true]]);
});

test("a blank cell with only a style in the template row keeps it on every copy; a command may sit on an empty cell", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标");
  ws.getCell("A4").note = 'jx:each(items="plan.indicators.rows" var="item" lastCell="C4")';
  ws.getCell("B4").value = "{{item.name}}";
  ws.getCell("C4").border = { bottom: { style: "thin" }, right: { style: "thin" } };
  ws.getCell("C4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  const sub = mkdtempSync(join(dir, "blank-"));
  const template = join(sub, "blank.xlsx");
  await wb.xlsx.writeFile(template);
  const out = join(sub, "out.xlsx");
  await renderToFile([plan()], { template, out, generatedAt: AT });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const sheet = book.getWorksheet("指标")!;
  const names = primaryTable(plan())!.indicators.map((i) => i.name);
  names.forEach((name, i) => {
    expect(sheet.getCell(`B${4 + i}`).value).toBe(name);
    expect(sheet.getCell(`C${4 + i}`).border).toMatchObject({ bottom: { style: "thin" }, right: { style: "thin" } });
    expect(sheet.getCell(`C${4 + i}`).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
  });
});
