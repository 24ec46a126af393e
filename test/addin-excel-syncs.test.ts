/**
 * Round trips and request sizes of the writers as the row count grows: an insert or refresh must
 * not sync per row, and no single request may pass ~4 MB (Excel on the web refuses over 5 MB).
 */
import { OfficeMockObject } from "office-addin-mock";
import { REQUEST_BUDGET_BYTES, splitByBytes } from "../addin/excel/chunk";
import { projectGrid } from "../addin/excel/grids";
import { insertTable } from "../addin/excel/insert";
import { refreshTable } from "../addin/excel/refresh";
import { EXCELAPI_1_1 } from "../addin/excel/write";
import type { ProjectRow } from "../generator/model";
import { createFakeExcel } from "./addin-fake-excel";

/** A project register row as long as real ones: a Chinese name, content and place, an investment. */
function register(count: number) {
  const projects: ProjectRow[] = Array.from({ length: count }, (_, i) => ({
    name: `荆门市第${i + 1}号综合交通枢纽及配套道路工程`,
    content: "新建道路12公里，改造桥梁3座，配套建设排水、照明和绿化设施",
    location: "东宝区",
    investment: { raw: `${(i % 90) + 10}.5`, value: (i % 90) + 10.5, comparator: "=", cumulative: false, text: null, unit: null, kind: "level" },
    investmentUnit: "亿元",
    box: "专栏 5-1",
    boxKind: "projects",
    boxTitle: "交通基础设施重大工程",
    group: "公路",
    section: "第五章",
  }));
  return projectGrid(projects);
}

const jsonBytes = (rows: unknown[][]) => Buffer.byteLength(JSON.stringify(rows), "utf8");

describe.each([10, 10_000, 100_000])("%i rows", (count) => {
  const grid = register(count);
  const payload = jsonBytes(grid.rows);
  const blocks = Math.ceil(payload / REQUEST_BUDGET_BYTES);

  test("insert: at most 3 syncs while the data fits one request; one more per further 4 MB block", async () => {
    const fake = createFakeExcel();
    // The sheet's used range spans the target (content beside and below it), so the overlap read runs too.
    fake.setCell("Sheet1", "Q1", "旁边的内容");
    fake.setCell("Sheet1", `A${count + 5}`, "表下的内容");
    const excel = new OfficeMockObject({ run: (cb: (c: unknown) => Promise<unknown>) => cb(fake.context) }) as never as { run: typeof fake.run };
    const result = await excel.run((ctx) => insertTable(ctx, grid, { target: { kind: "selection" }, tableName: "PB_Big", capabilities: EXCELAPI_1_1 }));
    expect(result.status).toBe("inserted");
    expect(fake.stats.syncs).toBe(result.syncs);
    // 1 locate + 1 overlap read + one per block (the last carries tables.add)
    expect(fake.stats.syncs).toBe(2 + Math.max(blocks, 1));
    if (payload < REQUEST_BUDGET_BYTES) expect(fake.stats.syncs).toBeLessThanOrEqual(3);
    expect(fake.stats.largestRequestBytes).toBeLessThan(4.5 * 1024 * 1024);
    expect(fake.tables()[0].rowCount).toBe(count + 1);
    const last = fake.cellValues("Sheet1", `A${count + 1}:E${count + 1}`)[0];
    expect(last[0]).toBe(count);
    console.log(`${count} rows: ${(payload / 1024 / 1024).toFixed(2)} MB of values, ${fake.stats.syncs} syncs on insert, largest request ${(fake.stats.largestRequestBytes / 1024 / 1024).toFixed(2)} MB`);
  });

  test("refresh: 1 sync to locate the table plus one per block", async () => {
    const fake = createFakeExcel();
    const inserted = await fake.run((ctx) => insertTable(ctx, register(5), { target: { kind: "selection" }, tableName: "PB_Grow", capabilities: EXCELAPI_1_1 }));
    if (inserted.status !== "inserted") throw new Error("insert failed");
    const before = fake.stats.syncs;
    const result = await fake.run((ctx) => refreshTable(ctx, inserted.tableId, grid, EXCELAPI_1_1));
    expect(fake.stats.syncs - before).toBe(result.syncs);
    expect(result.syncs).toBe(1 + Math.max(blocks, 1));
    expect(fake.tables()[0].rowCount).toBe(count + 1);
    expect(fake.stats.largestRequestBytes).toBeLessThan(4.5 * 1024 * 1024);
  });
});

test("blocks never pass the budget and keep every row once, in order", () => {
  const rows = register(20_000).rows;
  const blocks = splitByBytes(rows, 256 * 1024);
  expect(blocks.length).toBeGreaterThan(1);
  for (const block of blocks) expect(jsonBytes(block.rows)).toBeLessThanOrEqual(256 * 1024);
  expect(blocks.flatMap((b) => b.rows)).toEqual(rows);
  expect(blocks.map((b) => b.start)).toEqual(blocks.map((_, i) => blocks.slice(0, i).reduce((n, b) => n + b.rows.length, 0)));
});
