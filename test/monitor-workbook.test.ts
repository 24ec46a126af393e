/**
 * The monitoring workbook end to end through the CLI: `monitor --out` renders it (read back by
 * LibreOffice), a clerk edits 实际 cells (openpyxl, an independent writer), `actuals import` stores
 * them with their file and cell, and the next `monitor` shows them with that source.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { main } from "../generator/cli";
import type { CliIO } from "../generator/cli/command";
import type { Monitoring } from "../generator/model";
import { newProfile, sheetsAsCsv, sofficeAvailable } from "./helpers/libreoffice";
import { tempDir } from "./library-support";

const FIXTURES = join(__dirname, "fixtures", "monitoring");

/** openpyxl edits the workbook as a clerk's other tool would; under CI (.ci/run installs python3-openpyxl) its absence fails */
function openpyxlAvailable(): boolean {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import openpyxl"], { stdio: "ignore" });
    return true;
  } catch {
    if (process.env.CI) throw new Error("python3-openpyxl is required under CI: .ci/run installs it");
    console.warn("python3-openpyxl is not installed: the round trip through an independent writer is skipped (apt-get install python3-openpyxl)");
    return false;
  }
}
const tmp = tempDir("monitor-book");
const env = { PLANBOOK_LIBRARY: join(tmp.dir, "lib.db") };
const QUERY = ["--region", "青禾市", "--plan", "十四五"];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), warn: (t) => err.push(t), progress: () => {}, env, cwd: tmp.dir };
  return { io, out, err, text: () => out.join("\n") };
}

async function monitorJson(): Promise<Monitoring> {
  const c = capture();
  expect(await main(["monitor", ...QUERY, "--json"], c.io)).toBe(0);
  return JSON.parse(c.text()) as Monitoring;
}

beforeAll(async () => {
  for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(tmp.dir, f));
  expect(await main(["ingest", tmp.dir], capture().io)).toBe(0);
});
afterAll(() => tmp.remove());

const book = join(tmp.dir, "青禾监测.xlsx");
const edited = join(tmp.dir, "青禾监测-填报.xlsx");

test("monitor prints a table, and fails with one readable line", async () => {
  const c = capture();
  expect(await main(["monitor", ...QUERY], c.io)).toBe(0);
  expect(c.text()).toContain("青禾市“十四五”规划实施监测");
  expect(c.text()).toMatch(/粮食总产量\s+约束性\s+万吨\s+2025年 173\s+滞后（约束性）/);
  expect(c.text()).toContain("共 13 项指标：已完成 3，进度正常 1，滞后 4，无数据 2，定性 1，无法比较 2");
  await expect(main(["monitor", "--region", "青禾市"], capture().io)).rejects.toThrow("monitor: 请给出 --region 和 --plan（例如 --region 荆门市 --plan 十四五）");
  await expect(main(["monitor", "--region", "青禾市", "--plan", "十五五"], capture().io)).rejects.toThrow("monitor: 找不到青禾市的“十五五”规划；库中青禾市的五年规划有：十四五");
  await expect(main(["generate", join(tmp.dir, "qinghe-14th-five-year-plan.txt"), "-t", "monitoring", "-o", join(tmp.dir, "x.xlsx")], capture().io)).rejects.toThrow(/规划实施监测模板，需要监测数据/);
});

test("the workbook LibreOffice reads: statuses, the years as columns, sources on 年度数据", async () => {
  const c = capture();
  expect(await main(["monitor", ...QUERY, "--out", book, "--generated-at", "2026-03-01T08:00:00Z"], c.io)).toBe(0);
  expect(c.text()).toBe(book);
  if (!sofficeAvailable()) return;
  const profile = newProfile();
  try {
    const sheets = sheetsAsCsv(book, profile.dir);
    expect([...sheets.keys()]).toEqual(expect.arrayContaining(["封面", "监测总表", "年度数据", "说明", "未匹配数据", "资料来源"]));
    const overview = sheets.get("监测总表")!;
    expect(overview[2]).toEqual(["序号", "指标", "属性", "单位", "监测方式", "基期值", "规划目标", "状态", "进度与依据（计算）", "2021年", "2022年", "2023年", "2024年", "2025年"]);
    const row = (name: string) => overview.find((r) => r[1] === name)!;
    expect(row("地区生产总值增长").slice(0, 8)).toEqual(["1", "地区生产总值增长", "预期性", "%", "年均增速", "3.5", "年均6.5%", "已完成"]);
    expect(row("地区生产总值增长").slice(9)).toEqual(["7", "6", "6.7", "6.4", "6.6"]);
    expect(row("粮食总产量").slice(7, 8)).toEqual(["滞后·约束性"]);
    expect(row("粮食总产量").slice(9)).toEqual(["181", "182", "180.2", "179", "173"]);
    expect(row("社会消费品零售总额").slice(7)).toEqual(["无法比较", "原文是增速（%）（社会消费品零售总额增长6.5%），规划指标按目标水平值监测，两者不能相比", "增长8.2%", "增长6.1%", "增长7.5%", "增长6.8%", "增长6.5%"]);
    const years = sheets.get("年度数据")!;
    expect(years[2]).toEqual(["指标", "属性", "年份", "单位", "口径", "年度目标", "年度目标来源", "实际", "实际来源", "按进度应达（计算）", "评价", "说明"]);
    const gdp2023 = years.find((r) => r[0] === "地区生产总值增长" && r[2] === "2023")!;
    expect(gdp2023.slice(3, 11)).toEqual(["%", "当年增速（%）", "7", "2023年政府工作报告第23行", "6.7", "青禾市2023年国民经济和社会发展统计公报第9行", "", "达到年均目标，未完成年度目标"]);
    expect(years.find((r) => r[0] === "地区生产总值增长" && r[2] === "2022")![5]).toBe("≈6.5");
    expect(years.filter((r) => r[0] === "人均预期寿命").map((r) => r[7])).toEqual(["", "", "", "", ""]);
    expect(sheets.get("封面")!.find((r) => r[0] === "地区")![1]).toBe("青禾市");
  } finally {
    profile.dispose();
  }
});

test("a clerk's cells, written by openpyxl, come back with the file and cell as their source", async () => {
  if (!openpyxlAvailable()) return;
  // the clerk fills 人均预期寿命 for 2023 and 2024, gives 社会消费品零售总额 its 2024 level, and leaves the rest as Planbook wrote it
  const script = `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["年度数据"]
head = [c.value for c in ws[3]]
col = {h: i + 1 for i, h in enumerate(head)}
cells = {}
for r in range(4, ws.max_row + 1):
    name, year = ws.cell(r, col["指标"]).value, ws.cell(r, col["年份"]).value
    if (name, year) == ("人均预期寿命", 2023): ws.cell(r, col["实际"]).value = 79.0; cells["a"] = ws.cell(r, col["实际"]).coordinate
    if (name, year) == ("人均预期寿命", 2024): ws.cell(r, col["实际"]).value = "79.3"; cells["b"] = ws.cell(r, col["实际"]).coordinate
    if (name, year) == ("社会消费品零售总额", 2024): ws.cell(r, col["实际"]).value = 1050; cells["c"] = ws.cell(r, col["实际"]).coordinate
wb.save(sys.argv[2])
print(cells["a"], cells["b"], cells["c"])
`;
  const [a, b, cCell] = execFileSync("/usr/bin/python3", ["-c", script, book, edited], { encoding: "utf8" }).trim().split(" ");
  const imported = capture();
  expect(await main(["actuals", "import", edited], imported.io)).toBe(0);
  expect(imported.text()).toContain("导入 3 个实际值（青禾市 十四五）");
  expect(imported.text()).toContain(`人均预期寿命 2023年 79 岁（年度数据!${a}）`);

  const m = await monitorJson();
  const life = m.indicators.find((i) => i.name === "人均预期寿命")!;
  expect(life.years.find((y) => y.year === 2024)!.actual).toMatchObject({ value: 79.3, source: { type: "import", file: "青禾监测-填报.xlsx", sheet: "年度数据", cell: b } });
  // path 2024: 78.5 + 1 × 4/5 = 79.3, reached
  expect(life).toMatchObject({ status: "进度正常", progress: { latest: 79.3, expectedByNow: 79.3 } });
  const retail = m.indicators.find((i) => i.name === "社会消费品零售总额")!;
  expect(retail.years.find((y) => y.year === 2024)!.actual).toMatchObject({ value: 1050, unit: "亿元", source: { cell: cCell } });
  expect(retail.status).toBe("已完成");

  // the same file again: every cell now shows what is stored, so nothing is imported twice
  const again = capture();
  expect(await main(["actuals", "import", edited], again.io)).toBe(0);
  expect(again.text()).toMatch(/导入 0 个实际值/);
  const ls = capture();
  expect(await main(["actuals", "ls", ...QUERY], ls.io)).toBe(0);
  expect(ls.text()).toContain(`青禾监测-填报.xlsx 年度数据!${b}`);
});

test("actuals import: a file that is not a monitoring workbook is one readable line", async () => {
  await expect(main(["actuals", "import", join(tmp.dir, "missing.xlsx")], capture().io)).rejects.toThrow(/actuals import: .*missing\.xlsx: 无法读取（ENOENT）/);
  await expect(main(["actuals", "import", join(tmp.dir, "qinghe-2024-government-work-report.txt")], capture().io)).rejects.toThrow(/不是可读的 \.xlsx 工作簿/);
  await expect(main(["actuals"], capture().io)).rejects.toThrow(/actuals: 请用 actuals import FILE.xlsx 或 actuals ls/);
});

test("a restyled copy of the template keeps its style and its own column, and still imports", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(__dirname, "..", "templates", "monitoring.xlsx"));
  const ws = wb.getWorksheet("年度数据")!;
  ws.getCell("A3").font = { name: "黑体", size: 12, bold: true, color: { argb: "FFFFFF00" } };
  ws.getColumn(1).width = 40;
  ws.getCell("M3").value = "与进度之差";
  ws.getCell("M4").value = { formula: 'IF(AND(ISNUMBER(H4),ISNUMBER(J4)),H4-J4,"")' } as ExcelJS.CellFormulaValue;
  const restyled = join(tmp.dir, "我的监测模板.xlsx");
  await wb.xlsx.writeFile(restyled);
  const out = join(tmp.dir, "restyled-out.xlsx");
  expect(await main(["monitor", ...QUERY, "--template", restyled, "--out", out], capture().io)).toBe(0);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  const years = back.getWorksheet("年度数据")!;
  expect(years.getCell("A3").font).toMatchObject({ name: "黑体", bold: true });
  expect(years.getColumn(1).width).toBe(40);
  // 13 indicators × 5 years, each row with its own formula
  expect(years.getCell("A68").text).toBe("粮食总产量");
  expect((years.getCell("M68").value as ExcelJS.CellFormulaValue).formula).toBe('IF(AND(ISNUMBER(H68),ISNUMBER(J68)),H68-J68,"")');
  const imported = capture();
  expect(await main(["actuals", "import", out], imported.io)).toBe(0);
  expect(imported.text()).toMatch(/导入 0 个实际值（青禾市 十四五）；\d+ 个单元格与现有数值相同/);
});
