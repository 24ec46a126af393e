/**
 * The Excel writers against a stand-in workbook: office-addin-mock provides the `Excel` namespace
 * (Excel.run) and the settings; test/addin-fake-excel.ts the cells, tables and load/sync rules.
 */
import { OfficeMockObject } from "office-addin-mock";
import { formatArea, parseAddress, columnLetters, intersect } from "../addin/excel/address";
import { guardText, numberFormatFor, type Grid } from "../addin/excel/grid";
import { insertTable } from "../addin/excel/insert";
import { readProvenance, upsertProvenance, writeProvenance, type TableProvenance } from "../addin/excel/provenance";
import { refreshTable, TableShapeError } from "../addin/excel/refresh";
import { EXCELAPI_1_1 } from "../addin/excel/write";
import { createFakeExcel, type FakeExcel } from "./addin-fake-excel";

function excelMock(fake: FakeExcel): { run<T>(cb: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> } {
  return new OfficeMockObject({ run: (callback: (ctx: unknown) => Promise<unknown>) => callback(fake.context) }) as never;
}

const grid: Grid = {
  headers: ["指标名称", "单位", "目标值", "属性"],
  kinds: ["text", "text", "number", "text"],
  rows: [
    ["地区生产总值增长", "%", 7, "预期性"],
    ["=HYPERLINK(\"http://x\")", "+1", 6.45, "@SUM(A1)"],
    ["-3%左右", "", 1200, "约束性"],
  ],
};

describe("addresses", () => {
  test("round-trip and intersect", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(27)).toBe("AB");
    expect(parseAddress("'规划 指标'!B3:D10")).toEqual({ sheet: "规划 指标", row: 2, column: 1, rowCount: 8, columnCount: 3 });
    expect(formatArea({ row: 2, column: 1, rowCount: 8, columnCount: 3 })).toBe("B3:D10");
    expect(intersect(parseAddress("A1:C3"), parseAddress("D4"))).toBeNull();
    expect(intersect(parseAddress("A1:C3"), parseAddress("B2:F9"))).toMatchObject({ row: 1, column: 1, rowCount: 2, columnCount: 2 });
  });
});

describe("insertTable", () => {
  test("a name the workbook already has (the clerk's own table, any case) gets _2: Excel would refuse it", async () => {
    const fake = createFakeExcel();
    fake.select("Sheet1", "A1");
    await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "主要指标_荆门_十四五", capabilities: EXCELAPI_1_1 }));
    fake.select("Sheet1", "H1");
    const second = await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "主要指标_荆门_十四五", capabilities: EXCELAPI_1_1 }));
    expect(second).toMatchObject({ status: "inserted", tableName: "主要指标_荆门_十四五_2" });
    fake.select("Sheet1", "O1");
    const third = await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "newSheet", sheetName: "指标" }, tableName: "主要指标_荆门_十四五", capabilities: EXCELAPI_1_1 }));
    expect(third).toMatchObject({ status: "inserted", tableName: "主要指标_荆门_十四五_3" });
    expect(fake.tables().map((t) => t.name)).toEqual(["主要指标_荆门_十四五", "主要指标_荆门_十四五_2", "主要指标_荆门_十四五_3"]);
  });

  test("writes header and values, number and text formats, and one table", async () => {
    const fake = createFakeExcel();
    fake.select("Sheet1", "B2");
    const result = await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Test", capabilities: EXCELAPI_1_1 }));
    expect(result).toMatchObject({ status: "inserted", tableName: "PB_Test", sheetName: "Sheet1", address: "B2:E5" });
    expect(fake.tables()).toEqual([expect.objectContaining({ name: "PB_Test", sheet: "Sheet1", row: 1, column: 1, rowCount: 4, columnCount: 4 })]);
    const values = fake.cellValues("Sheet1", "B2:E5");
    expect(values[0]).toEqual(grid.headers);
    expect(values[1]).toEqual(["地区生产总值增长", "%", 7, "预期性"]);
    expect(fake.cellFormats("Sheet1", "B3:E3")[0]).toEqual(["@", "@", "#,##0.00", "@"]);
    expect(fake.stats.autofits).toBe(0); // ExcelApi 1.1: no autofit
  });

  test("document text starting with = + - @ arrives as the same text, never a formula", async () => {
    const fake = createFakeExcel();
    await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Guard", capabilities: EXCELAPI_1_1 }));
    const cells = fake.cellValues("Sheet1", "A3:D4").flat();
    expect(cells).toContain('=HYPERLINK("http://x")');
    expect(cells).toContain("+1");
    expect(cells).toContain("@SUM(A1)");
    expect(cells).toContain("-3%左右");
    expect(cells.some((c) => String(c).startsWith("FORMULA:"))).toBe(false);
    expect(guardText("=1+1")).toBe("'=1+1");
    expect(guardText("规划")).toBe("规划");
  });

  test("the guard itself matters: unguarded text in a General cell would become a formula", async () => {
    const fake = createFakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["=1+1"]];
    });
    expect(fake.cellValues("Sheet1", "A1")[0][0]).toBe("FORMULA:=1+1");
  });

  test("autofits when the host has ExcelApi 1.2", async () => {
    const fake = createFakeExcel();
    await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Fit", capabilities: { autofitColumns: true } }));
    expect(fake.stats.autofits).toBe(1);
  });

  test("does not touch a target range that holds user content, unless told to overwrite", async () => {
    const fake = createFakeExcel();
    fake.setCell("Sheet1", "C4", "我的备注");
    fake.select("Sheet1", "A1");
    const refused = await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_No", capabilities: EXCELAPI_1_1 }));
    expect(refused).toMatchObject({ status: "occupied", address: "A1:D4" });
    expect(fake.tables()).toHaveLength(0);
    expect(fake.cellValues("Sheet1", "A1:D4").flat().filter((v) => v !== "")).toEqual(["我的备注"]);

    const forced = await excelMock(fake).run((ctx) =>
      insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Yes", capabilities: EXCELAPI_1_1, overwrite: true }),
    );
    expect(forced.status).toBe("inserted");
    expect(fake.cellValues("Sheet1", "C4")[0][0]).toBe(1200);
  });

  test("content outside the target does not block the insert", async () => {
    const fake = createFakeExcel();
    fake.setCell("Sheet1", "A1", "标题");
    fake.select("Sheet1", "A3");
    const result = await excelMock(fake).run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Below", capabilities: EXCELAPI_1_1 }));
    expect(result).toMatchObject({ status: "inserted", address: "A3:D6" });
    expect(fake.cellValues("Sheet1", "A1")[0][0]).toBe("标题");
  });

  test("a new sheet gets a unique name", async () => {
    const fake = createFakeExcel();
    const mock = excelMock(fake);
    const first = await mock.run((ctx) => insertTable(ctx, grid, { target: { kind: "newSheet", sheetName: "荆门十四五 指标" }, tableName: "PB_A", capabilities: EXCELAPI_1_1 }));
    const second = await mock.run((ctx) => insertTable(ctx, grid, { target: { kind: "newSheet", sheetName: "荆门十四五 指标" }, tableName: "PB_B", capabilities: EXCELAPI_1_1 }));
    expect([first.sheetName, second.sheetName]).toEqual(["荆门十四五 指标", "荆门十四五 指标 (2)"]);
    expect(fake.sheetNames()).toEqual(["Sheet1", "荆门十四五 指标", "荆门十四五 指标 (2)"]);
  });

  test("a new sheet named from a long, quoted title keeps its beginning and is one Excel accepts", async () => {
    // The fake refuses names Excel refuses (over 31, [], apostrophe at an end, half a surrogate pair).
    const fake = createFakeExcel();
    const title = "'湖北省荆门市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要' 指标";
    const names: string[] = [];
    for (const tableName of ["PB_L1", "PB_L2", "PB_L3"]) {
      const result = await fake.run((ctx) => insertTable(ctx, grid, { target: { kind: "newSheet", sheetName: title }, tableName, capabilities: EXCELAPI_1_1 }));
      if (result.status !== "inserted") throw new Error("insert failed");
      names.push(result.sheetName);
    }
    expect(names[0]).toBe("湖北省荆门市国民经济和社会发展第十四个五年规划和二〇三五年远景"); // 31
    expect(names[1]).toBe("湖北省荆门市国民经济和社会发展第十四个五年规划和二〇三 (2)");
    expect(names[2]).toBe("湖北省荆门市国民经济和社会发展第十四个五年规划和二〇三 (3)");
    expect(fake.sheetNames().slice(1)).toEqual(names);
  });

  test("number formats follow the decimals a column uses", () => {
    expect(numberFormatFor({ headers: ["a"], kinds: ["number"], rows: [[1], [2]] }, 0)).toBe("#,##0");
    expect(numberFormatFor({ headers: ["a"], kinds: ["number"], rows: [[1.5], [""], [2.25]] }, 0)).toBe("#,##0.00");
    expect(numberFormatFor({ headers: ["a"], kinds: ["text"], rows: [[1]] }, 0)).toBe("@");
  });
});

function rowsOf(count: number, start = 0): Grid {
  return {
    headers: ["序号", "项目名称", "总投资"],
    kinds: ["number", "text", "number"],
    rows: Array.from({ length: count }, (_, i) => [start + i + 1, `项目${start + i + 1}`, (start + i) * 1.5]),
  };
}

describe("refreshTable", () => {
  async function inserted(count: number, below?: string): Promise<{ fake: FakeExcel; id: string }> {
    const fake = createFakeExcel();
    const result = await fake.run((ctx) => insertTable(ctx, rowsOf(count), { target: { kind: "selection" }, tableName: "PB_R", capabilities: EXCELAPI_1_1 }));
    if (result.status !== "inserted") throw new Error("insert failed");
    if (below) fake.setCell("Sheet1", below, "表下备注");
    return { fake, id: result.tableId };
  }

  test("grows in place, pushing content below the table down instead of overwriting it", async () => {
    const { fake, id } = await inserted(3, "B6");
    const result = await excelMock(fake).run((ctx) => refreshTable(ctx, id, rowsOf(5, 100), EXCELAPI_1_1));
    expect(result).toMatchObject({ rowCount: 5, address: "A1:C6" });
    expect(fake.tables()[0]).toMatchObject({ row: 0, rowCount: 6 });
    expect(fake.tableValues(id).map((r) => r[1])).toEqual(["项目名称", "项目101", "项目102", "项目103", "项目104", "项目105"]);
    expect(fake.cellValues("Sheet1", "B8")[0][0]).toBe("表下备注");
  });

  test("shrinks in place with no stale rows left", async () => {
    const { fake, id } = await inserted(6, "A10");
    await excelMock(fake).run((ctx) => refreshTable(ctx, id, rowsOf(2, 50), EXCELAPI_1_1));
    expect(fake.tables()[0]).toMatchObject({ rowCount: 3 });
    expect(fake.tableValues(id)).toEqual([["序号", "项目名称", "总投资"], [51, "项目51", 75], [52, "项目52", 76.5]]);
    expect(fake.cellValues("Sheet1", "A4:C5").flat().every((v) => v === "")).toBe(true);
    expect(fake.cellValues("Sheet1", "A6")[0][0]).toBe("表下备注");
  });

  test("an empty result leaves one blank row (Excel tables keep one)", async () => {
    const { fake, id } = await inserted(4);
    const result = await fake.run((ctx) => refreshTable(ctx, id, rowsOf(0), EXCELAPI_1_1));
    expect(result.rowCount).toBe(0);
    expect(fake.tableValues(id)).toEqual([["序号", "项目名称", "总投资"], ["", "", ""]]);
  });

  test("a table whose columns were changed is left as it was", async () => {
    const { fake, id } = await inserted(2);
    const wider: Grid = { headers: ["a", "b", "c", "d"], kinds: ["text", "text", "text", "text"], rows: [["1", "2", "3", "4"]] };
    await expect(fake.run((ctx) => refreshTable(ctx, id, wider, EXCELAPI_1_1))).rejects.toBeInstanceOf(TableShapeError);
    expect(fake.tableValues(id)[1]).toEqual([1, "项目1", 0]);
  });

  test("a deleted table fails with ItemNotFound", async () => {
    const fake = createFakeExcel();
    await expect(fake.run((ctx) => refreshTable(ctx, "{gone}", rowsOf(1), EXCELAPI_1_1))).rejects.toThrow(/ItemNotFound/);
  });
});

describe("provenance in document settings", () => {
  test("is saved through Office settings and replaced per table", async () => {
    const store: Record<string, unknown> = {};
    const settings = new OfficeMockObject({
      get: (name: string) => store[name] ?? null,
      set: (name: string, value: unknown) => void (store[name] = value),
      saveAsync: (callback: (r: { status: string }) => void) => callback({ status: "succeeded" }),
    }) as never;
    const record: TableProvenance = {
      tableId: "{T1}", tableName: "PB_X", sheetName: "Sheet1", query: { kind: "indicators", planId: "p" }, title: "t",
      revision: 1, refreshedAt: "2025-01-01T00:00:00Z", rowCount: 3, lastError: null,
    };
    await writeProvenance(settings, upsertProvenance(readProvenance(settings), record));
    await writeProvenance(settings, upsertProvenance(readProvenance(settings), { ...record, revision: 2, lastError: "x" }));
    expect(readProvenance(settings)).toEqual([{ ...record, revision: 2, lastError: "x" }]);
  });
});
