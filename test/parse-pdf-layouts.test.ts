/**
 * PDF layouts without ruling lines to lean on, made by scripts/make-format-fixtures.ts
 * (scripts/format-fixtures-layouts.ts is the content): a table printed with its borders off over
 * three pages, and a page set in two columns. Every row, cell and paragraph is compared with the
 * content the script wrote.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeDocument } from "../generator/parse/decode";
import { extractPdf } from "../generator/parse/decode/pdf-extract";
import { categorySpans } from "../generator/parse/decode/pdf-loose-table";
import { looseRows, TWO_COLUMN_TARGETS } from "../scripts/format-fixtures-layouts";

const MADE = join(__dirname, "fixtures", "formats", "made");
const bytes = (name: string) => readFileSync(join(MADE, name));

describe("loose-table.pdf: an indicator table printed without a single ruling line", () => {
  test("the fixture is what it claims: no rules drawn, names wrapped, a row cut by the page, each category printed once", async () => {
    const { pages } = await extractPdf(bytes("loose-table.pdf"));
    expect(pages.length).toBe(3);
    expect(pages.every((p) => p.rules.length === 0)).toBe(true);
    const strings = pages.map((p) => p.items.map((i) => i[0]).join(""));
    // row 3's name runs from the bottom of page 1 to the top of page 2; the header is not repeated there
    expect(strings[1].startsWith("水平）")).toBe(true);
    expect(strings[1]).not.toContain("类别");
    for (const c of ["经济发展", "创新驱动", "民生福祉", "绿色生态"]) expect(strings.join("").split(c).length - 1).toBe(1 + 8); // once as the category, eight times in the names
  });

  test("every row, field by field: columns from the x-extents, wrapped names joined (across the page too), years over 年 joined, categories carried over the rows they span", async () => {
    const p = await parseDocument(bytes("loose-table.pdf"), "loose-table.pdf");
    expect(p.indicatorTables).toHaveLength(1);
    const t = p.indicatorTables[0];
    expect({ title: t.title, columns: t.columns, baseYear: t.baseYear, targetYear: t.targetYear, notes: t.notes }).toEqual({
      title: "松溪县“十四五”时期经济社会发展主要指标",
      columns: ["类别", "序号", "指标名称", "单位", "2020年", "2025年", "年均增长[累计]", "属性"],
      baseYear: 2020,
      targetYear: 2025,
      notes: ["[]内为五年累计数。"],
    });
    const got = t.indicators.map((i) => [i.category, i.seq, i.name, i.unit, i.baseline?.raw ?? null, i.target?.raw ?? null, i.rate?.raw ?? null, i.attribute]);
    const want = looseRows().map((r) => [r.category, r.seq, r.name, r.unit, r.base, r.target, r.rate === "—" ? null : r.rate, r.attribute]);
    expect(got).toEqual(want);
    expect(p.warnings).toEqual([]);
  });
});

describe("two-column.pdf: a digest set in two columns", () => {
  test("read down the left column, then the right: every paragraph whole and in order, the one broken by the column joined", async () => {
    const d = await decodeDocument(bytes("two-column.pdf"), "two-column.pdf");
    const paragraphs = d.lines.map((l) => l.text).filter((t) => /^（\d+）/.test(t));
    expect(paragraphs).toEqual(Array.from({ length: 12 }, (_, k) => `（${k + 1}）全县上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，统筹发展和安全，奋力谱写中国式现代化县域新篇章。`));
    expect(d.lines[0].text).toBe("松溪县2024年政府工作报告解读");
    expect(d.warnings).toEqual([{ code: "pdf-columns", message: "PDF 有 1 页分两栏排版：已按先左栏、后右栏的顺序读取", line: null }]);
  });

  test("the year's targets, stated in the left column, are read as printed", async () => {
    const p = await parseDocument(bytes("two-column.pdf"), "two-column.pdf");
    expect(p.kind).toBe("work-report-digest");
    expect(p.annualTargets.map((t) => [t.metric, t.raw])).toEqual(TWO_COLUMN_TARGETS);
  });

  test("pages set in one column are not taken for two: the sample and the made PDFs get no such warning (the seeds' PDFs neither: parse-formats-seeds asserts they warn of nothing)", async () => {
    for (const [dir, f] of [
      [join(__dirname, "fixtures", "formats"), "F1_qinglan_14fyp.pdf"],
      [MADE, "two-page.pdf"],
      [MADE, "loose-table.pdf"],
    ]) {
      const d = await decodeDocument(readFileSync(join(dir, f)), f);
      expect([f, d.warnings.filter((w) => w.code === "pdf-columns")]).toEqual([f, []]);
    }
  });
});

describe("which rows a category printed once spans", () => {
  test("centred in its rows (between two rows for an even span, beside the middle row for an odd one)", () => {
    // 10 rows: a category over rows 0–3 (printed between 1 and 2), one over 4–6 (beside 5), one over 7–9 (beside 8)
    expect(categorySpans([1.5, 5, 8], 10)).toEqual([
      [0, 3],
      [4, 6],
      [7, 9],
    ]);
  });
  test("a span cut by the page is printed at the top of its first part; rows above the first span on a part are the category before's", () => {
    // rows 0–31 over pages starting at rows 3 and 19: 经济发展 0–7 printed at row 0, 创新驱动 8–15 centred (11.5), 民生福祉 16–23 at its first row, 绿色生态 24–31 centred (27.5)
    expect(categorySpans([0, 11.5, 16, 27.5], 32, [3, 19])).toEqual([
      [0, 7],
      [8, 15],
      [16, 23],
      [24, 31],
    ]);
    // a part that begins with rows of the category continued from the page before
    expect(categorySpans([5.5], 11)).toEqual([[1, 10]]);
  });
  test("below the table's header the first span starts at the first row, though taller wrapped rows put its category below their middle by count", () => {
    // 经济发展 over rows 0–9 printed beside row 5 (rows 6 and 13 wrapped, taller), 创新驱动 over 10–17 between 13 and 14
    expect(categorySpans([5, 13.5], 18, [], true)).toEqual([
      [0, 9],
      [10, 17],
    ]);
    // a part without the table's header may begin with rows of the category before: they stay empty
    expect(categorySpans([5, 13.5], 18)).toEqual([
      [1, 9],
      [10, 17],
    ]);
  });
  test("printed at the first row of each span (a top-aligned cell): each span runs to the next", () => {
    expect(categorySpans([0, 4, 9], 12)).toEqual([
      [0, 3],
      [4, 8],
      [9, 11],
    ]);
  });
});
