/**
 * What the pane names the sheets and tables it inserts: whole words (荆门市2024年政府工作报告 目标, not
 * "…政府工作 目标"), and tables a clerk can read (主要指标_荆门_十四五, not PB_Indicators_mx4cnqdj).
 * Against the real service over HTTP, with the seeds in a real library, into the fake workbook.
 */
import { join } from "node:path";
import { PlanbookApi } from "../addin/api/client";
import { readableTableName, validTableName } from "../addin/excel/table-name";
import { EXCELAPI_1_1 } from "../addin/excel/write";
import { insertQuery } from "../addin/taskpane/actions";
import type { ExcelHost } from "../addin/taskpane/host";
import { openLibrary, type Library } from "../generator/library";
import { startServer } from "../generator/serve";
import { createFakeExcel, createFakeSettings } from "./addin-fake-excel";
import { SEEDS, tempDir } from "./library-support";

test("table names: valid, readable, unique", () => {
  expect(validTableName("主要指标_荆门_十四五")).toBe("主要指标_荆门_十四五");
  expect(validTableName("对比 单位GDP能耗（降低）")).toBe("对比_单位GDP能耗_降低");
  expect(validTableName("2024年 目标")).toBe("_2024年_目标");
  expect(validTableName("A1")).toBe("_A1");
  expect(readableTableName(["主要指标", "荆门", "十四五"], ["主要指标_荆门_十四五"])).toBe("主要指标_荆门_十四五_2");
});

describe("inserting from the service", () => {
  const tmp = tempDir("addin-names");
  let library: Library;
  let server: Awaited<ReturnType<typeof startServer>>;
  let api: PlanbookApi;
  beforeAll(async () => {
    library = openLibrary(join(tmp.dir, "library.db"));
    for (const f of ["jingmen-14th-five-year-plan.txt", "jingmen-2024-government-work-report.txt"]) await library.ingestFile(join(SEEDS, f));
    server = await startServer({ library, port: 0, http: true, certDir: join(tmp.dir, "certs"), distDir: tmp.dir });
    api = new PlanbookApi(server.url, (input, init) => fetch(input, init));
  });
  afterAll(async () => {
    await server.close();
    library.close();
    tmp.remove();
  });

  test("a work report's targets go to 荆门市2024年政府工作报告 目标, table 目标_荆门_2024年_政府工作报告; a plan's indicators to 主要指标_荆门_十四五", async () => {
    const fake = createFakeExcel();
    const host: ExcelHost = { canWrite: true, label: "测试", run: (cb) => fake.run(cb), settings: createFakeSettings(), capabilities: EXCELAPI_1_1 };
    const plans = library.listPlans();
    const report = plans.find((p) => p.kind === "work-report")!;
    const plan = plans.find((p) => p.kind === "five-year-plan")!;
    const targets = await insertQuery(api, host, { kind: "targets", planId: report.id }, "newSheet");
    expect(targets).toMatchObject({ status: "inserted", sheetName: "荆门市2024年政府工作报告 目标", tableName: "目标_荆门_2024年_政府工作报告" });
    const indicators = await insertQuery(api, host, { kind: "indicators", planId: plan.id }, "newSheet");
    expect(indicators).toMatchObject({ status: "inserted", sheetName: "荆门市十四五 指标", tableName: "主要指标_荆门_十四五" });
    const again = await insertQuery(api, host, { kind: "indicators", planId: plan.id }, "newSheet");
    expect(again).toMatchObject({ status: "inserted", tableName: "主要指标_荆门_十四五_2" });
  });
});
