import { join } from "node:path";
import { parseFile } from "../generator/parse";
import { comparisonView } from "../generator/render/comparison";
import { SEEDS_DIR } from "./helpers/answer-keys";

test("a work report's 主要预期目标 sit in the comparison beside the plans' indicator tables", async () => {
  const plans = await Promise.all(
    ["jingmen-14th-five-year-plan.txt", "jingmen-2024-government-work-report.txt", "xianning-15th-five-year-plan.txt"].map((f) => parseFile(join(SEEDS_DIR, f))),
  );
  const view = comparisonView(plans);
  expect(view.columns.map((c) => c.header)).toEqual(["荆门市 十四五", "荆门市 2024年", "咸宁市 十五五"]);
  // "地区生产总值（GDP）增长" in the tables and "地区生产总值增长" in the report are one indicator
  const gdp = view.rows.find((r) => r.cells[1].value !== null && r.cells[0].value !== null && /地区生产总值/.test(r.name))!;
  expect(gdp.cells.map((c) => c.number)).toEqual([7, 7, 6]);
  expect(gdp.found).toBe(3);
  // a report target no plan table has is listed as unmatched, not dropped
  expect(view.unmatched.some((u) => u.header === "荆门市 2024年")).toBe(true);
});
