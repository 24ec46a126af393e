/** The add-in's 规划实施监测 grid, from the Monitoring the service answers (no Excel needed: the grid is what the writers put in). */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { toSheetValues } from "../addin/excel/grid";
import { monitoringGrid } from "../addin/excel/monitoring-grid";
import { computeMonitoring } from "../generator/monitor";
import { parseFile } from "../generator/parse";

test("one row per indicator, a column per year's actual, the latest actual's source; text stays text", async () => {
  const dir = join(__dirname, "fixtures", "monitoring");
  const plans = await Promise.all(readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => parseFile(join(dir, f))));
  const plan = plans.find((p) => p.kind === "five-year-plan")!;
  const grid = monitoringGrid(computeMonitoring({ plan, documents: plans.filter((p) => p !== plan).map((p) => ({ plan: p, revision: 1 })) }));
  expect(grid.headers).toEqual(["序号", "指标", "属性", "单位", "监测方式", "基期值", "规划目标（原文）", "状态", "依据", "2021年实际", "2022年实际", "2023年实际", "2024年实际", "2025年实际", "最新实际来源"]);
  expect(grid.kinds.slice(9, 14)).toEqual(["number", "number", "number", "number", "number"]);
  const row = (name: string) => grid.rows.find((r) => r[1] === name)!;
  expect(row("地区生产总值增长").slice(4, 8)).toEqual(["年均增速", 3.5, "6.5", "已完成"]);
  expect(row("地区生产总值增长").slice(9)).toEqual([7, 6, 6.7, 6.4, 6.6, "2025年：2026年政府工作报告第13行"]);
  expect(row("粮食总产量").slice(7, 8)).toEqual(["滞后·约束性"]);
  expect(row("社会消费品零售总额").slice(9, 10)).toEqual(["增长8.2%"]);
  expect(row("人均预期寿命").slice(9)).toEqual(["", "", "", "", "", ""]);
  // a plan's own words that Excel would read as a formula arrive as text
  expect(toSheetValues({ ...grid, rows: [["-5", ...grid.rows[0].slice(1)]] })[1][0]).toBe("'-5");
});
