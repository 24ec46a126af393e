/**
 * Formulas with Excel's copy semantics (issue 12): absolute and mixed references in the repeated
 * row, plain references to it from outside (first copy) against aggregate and range arguments (all
 * copies), totals under a two-row block, side-by-side areas, whole-column and cross-sheet references
 * and structured references. Templates are built here; LibreOffice recalculates the output and its
 * values are compared with sums computed in the test.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../generator/model";
import { parseQuantity } from "../generator/parse";
import { renderToFile } from "../generator/render";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { ANSWER_KEYS, planFromAnswerKey } from "./render-plans";

const AT = new Date("2025-03-01T08:00:00Z");
const TARGETS = [10, 20, 30, 40, 50];
const CONSTRAINED = [false, true, false, true, false];
const INVESTMENTS = [1, 2, 3, 4, 5, 6, 7, 8];
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-formulas-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plan(): Plan {
  const p = planFromAnswerKey(ANSWER_KEYS[0]);
  const table = p.indicatorTables.find((t) => t.role === "targets")!;
  table.indicators = TARGETS.map((t, i) => ({
    ...table.indicators[0],
    name: `指标${i + 1}`,
    target: parseQuantity(String(t)),
    attribute: CONSTRAINED[i] ? "约束性" : "预期性",
  }));
  p.indicatorTables = [table];
  const projects = INVESTMENTS.map((v, i) => ({ name: `项目${i + 1}`, investment: parseQuantity(`${v}亿元`)! }));
  p.projectBoxes = [{ label: "专栏 1", title: "重点项目", kind: "projects", section: null, line: 1, groups: [{ name: null, projects }] }];
  return p;
}

const f = (formula: string) => ({ formula }) as ExcelJS.CellFormulaValue;
const EACH = (lastCell: string, items = "plan.indicators.rows", v = "item") => `jx:each(items="${items}" var="${v}" lastCell="${lastCell}")`;

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

/** One workbook, a sheet per rule, so LibreOffice recalculates it all in one conversion. */
async function formulasTemplate(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("指标");
  ws.getCell("A1").value = "{{plan.title}}";
  ws.getRow(3).values = ["指标", "目标", "占首项", "累计", "两倍", "首项", "占合计", "属性", "名次", "占比"];
  ws.getCell("A4").value = "{{item.name}}";
  ws.getCell("A4").note = EACH("J4");
  ws.getCell("B4").value = "{{item.targetNumber}}";
  ws.getCell("C4").value = f("B4/$B$4");
  ws.getCell("D4").value = f("SUM($B$4:B4)");
  ws.getCell("E4").value = f("$B4*2");
  ws.getCell("F4").value = f("B$4+0");
  ws.getCell("G4").value = f("B4/$B$6");
  ws.getCell("H4").value = "{{item.attribute}}";
  ws.getCell("I4").value = f("RANK(B4,$B$4)");
  ws.getCell("J4").value = f("B4/SUM($B$4)");
  ws.getCell("A5").value = "合计";
  ws.getCell("B5").value = f("SUM(B4)");
  ws.getCell("C5").value = f("B4");
  ws.getCell("D5").value = f("AVERAGE(B4)");
  ws.getCell("E5").value = f("COUNT(B4)");
  ws.getCell("F5").value = f("MAX(B4)-MIN(B4)");
  ws.getCell("G5").value = f('SUMPRODUCT((B4>15)*B4)');
  ws.getCell("H5").value = f('COUNTIF(B4,">15")');
  ws.getCell("A6").value = "总计";
  ws.getCell("B6").value = f("SUM(B4)");
  ws.getCell("C6").value = f("INDEX(B4,2)");
  ws.getCell("D6").value = f('SUMIFS(B4,H4,"约束性")');
  ws.getCell("E6").value = f('"首项："&A4');
  ws.getCell("F6").value = f('VLOOKUP("指标3",A4:B4,2,FALSE)');
  ws.getCell("G6").value = f("COUNTA(A:A)");
  ws.getCell("H6").value = f("ROWS(4:4)");

  const other = wb.addWorksheet("其他");
  other.getCell("A1").value = f("指标!B5");
  other.getCell("A2").value = f("SUM(指标!B4)");
  other.getCell("A3").value = f("指标!B4");
  other.getCell("A4").value = f("COUNT(指标!B:B)");

  // a two-row block: a value row and a row doubling it; the 合计 adds the value rows only
  const block = wb.addWorksheet("两行");
  block.getCell("A3").value = "{{item.name}}";
  block.getCell("A3").note = EACH("D4");
  block.getCell("D3").value = "{{item.targetNumber}}";
  block.getCell("A4").value = "两倍";
  block.getCell("D4").value = f("D3*2");
  block.getCell("A5").value = "合计";
  block.getCell("B5").value = f("MAX(D3)");
  block.getCell("D5").value = f("SUM(D3)");
  block.getCell("E5").value = f("SUM(D3:D4)");
  block.getCell("F5").value = f("D3");
  block.getCell("G5").value = f("COUNT(D4)");

  // a two-row block whose second row has nothing in D: the copies of D3 join into one range
  const notes = wb.addWorksheet("说明行");
  notes.getCell("A3").value = "{{item.name}}";
  notes.getCell("A3").note = EACH("D4");
  notes.getCell("D3").value = "{{item.targetNumber}}";
  notes.getCell("A4").value = "说明：{{item.name}}的目标";
  notes.getCell("A5").value = "合计";
  notes.getCell("D5").value = f("SUM(D3)");

  // side by side: indicators in A:B, projects in E:F, each growing its own rows
  const side = wb.addWorksheet("并排");
  side.getRow(3).values = ["指标", "目标", "", "", "项目", "投资"];
  side.getCell("A4").value = "{{item.name}}";
  side.getCell("A4").note = EACH("B4");
  side.getCell("B4").value = "{{item.targetNumber}}";
  side.getCell("E4").value = "{{p.name}}";
  side.getCell("E4").note = EACH("F4", "plan.projects", "p");
  side.getCell("F4").value = "{{p.investmentNumber}}";
  side.getCell("A5").value = "合计";
  side.getCell("B5").value = f("SUM(B4)");
  side.getCell("C5").value = f("COUNT(B4)+COUNT(F4)");
  side.getCell("E5").value = "合计";
  side.getCell("F5").value = f("SUM(F4)");

  // a clerk's Table: a structured reference under it keeps working
  const table = wb.addWorksheet("表");
  table.addTable({ name: "Targets", ref: "A3", headerRow: true, columns: [{ name: "指标", filterButton: true }, { name: "目标", filterButton: true }], rows: [["{{item.name}}", "{{item.targetNumber}}"]] });
  table.getCell("A4").note = EACH("B4");
  table.getCell("D3").value = f("SUM(Targets[目标])");
  return save(wb, "formulas.xlsx");
}

describe("a template of formulas a clerk writes", () => {
  let out: string;
  let book: ExcelJS.Workbook;
  const n = TARGETS.length;
  beforeAll(async () => {
    out = join(dir, "formulas-out.xlsx");
    await renderToFile([plan()], { template: await formulasTemplate(), out, generatedAt: AT });
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
  });
  const formulaAt = (sheet: string, address: string) => book.getWorksheet(sheet)!.getCell(address).formula;

  test("absolute references in the repeated row stay, mixed ones move on their relative axis only, relative ones follow their row", () => {
    for (let i = 0; i < n; i++) {
      const r = 4 + i;
      expect([formulaAt("指标", `C${r}`), formulaAt("指标", `D${r}`), formulaAt("指标", `E${r}`), formulaAt("指标", `F${r}`), formulaAt("指标", `G${r}`)]).toEqual([
        `B${r}/$B$4`,
        `SUM($B$4:B${r})`,
        `$B${r}*2`,
        "B$4+0",
        `B${r}/$B$10`,
      ]);
      expect([formulaAt("指标", `I${r}`), formulaAt("指标", `J${r}`)]).toEqual([`RANK(B${r},$B$4:$B$${3 + n})`, `B${r}/SUM($B$4:$B$${3 + n})`]);
    }
  });

  test("outside the area an aggregate's or range argument covers every copy; a plain reference points at the first", () => {
    const last = 3 + n;
    expect(["B9", "C9", "D9", "E9", "F9", "G9", "H9"].map((a) => formulaAt("指标", a))).toEqual([
      `SUM(B4:B${last})`,
      "B4",
      `AVERAGE(B4:B${last})`,
      `COUNT(B4:B${last})`,
      `MAX(B4:B${last})-MIN(B4:B${last})`,
      `SUMPRODUCT((B4:B${last}>15)*B4:B${last})`,
      `COUNTIF(B4:B${last},">15")`,
    ]);
    expect(["C10", "D10", "E10", "F10", "G10", "H10"].map((a) => formulaAt("指标", a))).toEqual([
      `INDEX(B4:B${last},2)`,
      `SUMIFS(B4:B${last},H4:H${last},"约束性")`,
      '"首项："&A4',
      `VLOOKUP("指标3",A4:B${last},2,FALSE)`,
      "COUNTA(A:A)",
      "ROWS(4:4)",
    ]);
    expect(["A1", "A2", "A3", "A4"].map((a) => formulaAt("其他", a))).toEqual(["指标!B9", `SUM(指标!B4:B${last})`, "指标!B4", "COUNT(指标!B:B)"]);
  });

  test("a total under a two-row block adds exactly the copies of the cell it names; across rows with nothing in that column they join into a range", () => {
    const values = TARGETS.map((_, i) => `D${3 + 2 * i}`).join(",");
    const doubles = TARGETS.map((_, i) => `D${4 + 2 * i}`).join(",");
    const total = 3 + 2 * n;
    expect(["B", "D", "E", "F", "G"].map((c) => formulaAt("两行", `${c}${total}`))).toEqual([`MAX(${values})`, `SUM(${values})`, `SUM(D3:D${total - 1})`, "D3", `COUNT(${doubles})`]);
    expect(formulaAt("说明行", `D${total}`)).toBe(`SUM(D3:D${total - 2})`);
  });

  test("side-by-side areas each grow their own rows; the rows below move by the taller", () => {
    const ws = book.getWorksheet("并排")!;
    const rows = Math.max(TARGETS.length, INVESTMENTS.length);
    for (let i = 0; i < rows; i++) {
      expect(ws.getCell(`A${4 + i}`).value).toBe(i < TARGETS.length ? `指标${i + 1}` : null);
      expect(ws.getCell(`E${4 + i}`).value).toBe(`项目${i + 1}`);
    }
    const total = 4 + rows;
    expect([ws.getCell(`A${total}`).value, ws.getCell(`E${total}`).value]).toEqual(["合计", "合计"]);
    expect([formulaAt("并排", `B${total}`), formulaAt("并排", `C${total}`), formulaAt("并排", `F${total}`)]).toEqual([
      `SUM(B4:B${3 + TARGETS.length})`,
      `COUNT(B4:B${3 + TARGETS.length})+COUNT(F4:F${3 + INVESTMENTS.length})`,
      `SUM(F4:F${3 + INVESTMENTS.length})`,
    ]);
    expect(formulaAt("表", "D3")).toBe("SUM(Targets[目标])");
  });

  test("LibreOffice computes the values Excel's copy rules give", () => {
    if (!sofficeAvailable()) return;
    const profile = newProfile();
    try {
      const csv = sheetsAsCsv(out, profile.dir);
      const cell = (sheet: string, row: number, col: number) => csv.get(sheet)![row - 1][col - 1];
      const num = (sheet: string, row: number, col: number) => Number(cell(sheet, row, col));
      const total = sum(TARGETS);
      let running = 0;
      TARGETS.forEach((t, i) => {
        running += t;
        const r = 4 + i;
        expect([num("指标", r, 3), num("指标", r, 4), num("指标", r, 5), num("指标", r, 6), num("指标", r, 7)]).toEqual([t / TARGETS[0], running, 2 * t, TARGETS[0], expect.any(Number)]);
        expect(num("指标", r, 7)).toBeCloseTo(t / total, 10);
        expect(num("指标", r, 9)).toBe(TARGETS.filter((x) => x > t).length + 1);
        expect(num("指标", r, 10)).toBeCloseTo(t / total, 10);
      });
      const big = TARGETS.filter((t) => t > 15);
      expect([2, 3, 4, 5, 6, 7, 8].map((c) => num("指标", 9, c))).toEqual([total, TARGETS[0], total / n, n, Math.max(...TARGETS) - Math.min(...TARGETS), sum(big), big.length]);
      expect([num("指标", 10, 3), num("指标", 10, 4), cell("指标", 10, 5), num("指标", 10, 6), num("指标", 10, 7), num("指标", 10, 8)]).toEqual([
        TARGETS[1],
        sum(TARGETS.filter((_, i) => CONSTRAINED[i])),
        "首项：指标1",
        TARGETS[2],
        1 + 1 + n + 2, // title, header, the names, 合计 and 总计
        1,
      ]);
      expect([1, 2, 3, 4].map((r) => num("其他", r, 1))).toEqual([total, total, TARGETS[0], n + 2]);
      const blockTotal = 3 + 2 * n;
      expect([2, 4, 5, 6, 7].map((c) => num("两行", blockTotal, c))).toEqual([Math.max(...TARGETS), total, 3 * total, TARGETS[0], n]);
      expect(num("说明行", blockTotal, 4)).toBe(total);
      const sideTotal = 4 + Math.max(TARGETS.length, INVESTMENTS.length);
      expect([num("并排", sideTotal, 2), num("并排", sideTotal, 3), num("并排", sideTotal, 6)]).toEqual([total, TARGETS.length + INVESTMENTS.length, sum(INVESTMENTS)]);
      expect(num("表", 3, 4)).toBe(total);
    } finally {
      profile.dispose();
    }
  });
});

describe("layouts that cannot be filled faithfully are refused, naming the cells", () => {
  async function refused(edit: (ws: ExcelJS.Worksheet) => void): Promise<unknown> {
    const wb = new ExcelJS.Workbook();
    edit(wb.addWorksheet("表"));
    const template = await save(wb, `refused-${Math.random().toString(36).slice(2)}.xlsx`);
    return renderToFile([plan()], { template, out: join(dir, "never.xlsx"), generatedAt: AT });
  }

  test("a range-only argument over copies that are not contiguous", async () => {
    await expect(
      refused((ws) => {
        ws.getCell("A3").value = "{{item.name}}";
        ws.getCell("A3").note = EACH("D4");
        ws.getCell("D3").value = "{{item.targetNumber}}";
        ws.getCell("D4").value = f("D3*2");
        ws.getCell("D5").value = f('COUNTIF(D3,">15")');
      }),
    ).rejects.toThrow(/表!D5: COUNTIF\(D3\) 引用的单元格在重复区域中不相连（D3、D5、D7、D9…）/);
  });

  test("side-by-side areas that share some rows but not all", async () => {
    await expect(
      refused((ws) => {
        ws.getCell("A4").note = EACH("B4");
        ws.getCell("E4").note = EACH("F5", "plan.projects", "p");
      }),
    ).rejects.toThrow(/表!A4: 这个区域（A4:B4）与 .*表!E4 的区域（E4:F5）并排却不占同样的行/);
  });

  test("a value between side-by-side areas", async () => {
    await expect(
      refused((ws) => {
        ws.getCell("A4").note = EACH("B4");
        ws.getCell("C4").value = "说明";
        ws.getCell("E4").note = EACH("F4", "plan.projects", "p");
      }),
    ).rejects.toThrow(/表!A4: 并排的重复区域之间或两旁的 C4 有内容/);
  });
});
