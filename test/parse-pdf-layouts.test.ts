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
import { placeCategories } from "../generator/parse/decode/pdf-loose-categories";
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

describe("which rows a category printed once spans (placed in points, by the rows' heights)", () => {
  type Rows = Parameters<typeof placeCategories>[1];
  /** rows of the given heights (20 pt unless named) on parts beginning at the given rows, each part's rows from y = 50 */
  const rowsOf = (n: number, boundaries: number[] = [], tall: Record<number, number> = {}): Rows => {
    const out: Rows = [];
    let y = 50;
    for (let r = 0; r < n; r++) {
      if (boundaries.includes(r)) y = 50;
      const part = boundaries.filter((b) => b <= r).length;
      const h = tall[r] ?? 20;
      out.push([{ part, top: y, bottom: y + h - 4 }]);
      y += h;
    }
    return out;
  };
  const part = (rows: Rows, r: number) => rows[r][0].part;
  /** a category set in 10 pt, its middle at y */
  const at = (text: string, y: number, p = 0) => ({ text, top: y - 5, bottom: y + 5, part: p, size: 10 });
  const middle = (rows: Rows, s: number, e: number) => (rows[s][0].top + rows[e][0].bottom) / 2;
  const levelWith = (rows: Rows, r: number, text = "x") => ({ text, top: rows[r][0].top, bottom: rows[r][0].top + 10, part: part(rows, r), size: 10 });

  test("centred in its rows (between two rows for an even span, beside the middle row for an odd one)", () => {
    const rows = rowsOf(10);
    expect(placeCategories([at("a", middle(rows, 0, 3)), at("b", middle(rows, 4, 6)), at("c", middle(rows, 7, 9))], rows)).toEqual([
      [0, 3],
      [4, 6],
      [7, 9],
    ]);
  });
  test("a span cut by the page is printed at the top of its first part or centred in it; rows above the first span on a part are the category before's", () => {
    // rows 0–31 over parts starting at rows 3 and 19 (rows 9 and 13 wrapped, taller): 经济发展 0–7 level with row 0, 创新驱动 8–15 centred, 民生福祉 16–23 level with its first row, 绿色生态 24–31 centred
    const rows = rowsOf(32, [3, 19], { 9: 35, 13: 40 });
    const cats = (r: Rows) => [levelWith(r, 0), at("b", middle(r, 8, 15), 1), levelWith(r, 16), at("d", middle(r, 24, 31), 2)];
    expect(placeCategories(cats(rows), rows)).toEqual([
      [0, 7],
      [8, 15],
      [16, 23],
      [24, 31],
    ]);
    // all rows one line high, the same categories fit 0–9 / 10–13 / 14–23 as well (民生福祉 centred in 14–18, the part on its page): two placements, none guessed
    const even = rowsOf(32, [3, 19]);
    expect(placeCategories(cats(even), even)).toBeNull();
    // a part that begins with rows of the category continued from the page before
    const more = rowsOf(11);
    expect(placeCategories([at("a", middle(more, 1, 10))], more)).toEqual([[1, 10]]);
  });
  test("rows wrapped to several lines are taller: a category is centred in their height, not their count (创新驱动 over a three-line row and a five-line one, level with the second's first line)", () => {
    const rows = rowsOf(6, [], { 0: 45, 1: 60, 2: 45, 3: 45, 4: 75 });
    // by count the category over rows 3–4 stands beside row 4: by height it is centred over both
    expect(placeCategories([at("经济发展", middle(rows, 0, 2)), at("创新驱动", middle(rows, 3, 4)), at("绿色低碳", middle(rows, 5, 5))], rows, true)).toEqual([
      [0, 2],
      [3, 4],
      [5, 5],
    ]);
    const many = rowsOf(18, [], { 6: 60, 13: 60 });
    expect(placeCategories([at("a", middle(many, 0, 9)), at("b", middle(many, 10, 17))], many, true)).toEqual([
      [0, 9],
      [10, 17],
    ]);
  });
  test("printed at the first row of each span (a top-aligned cell): each span runs to the next", () => {
    const rows = rowsOf(12);
    expect(placeCategories([levelWith(rows, 0), levelWith(rows, 4), levelWith(rows, 9)], rows)).toEqual([
      [0, 3],
      [4, 8],
      [9, 11],
    ]);
  });
  test("a category that fits no span is not placed (null: the decoder warns and fills nothing)", () => {
    const rows = rowsOf(6);
    // its middle is no span's middle (those ending at row 5 stand 10 pt apart), and its top no row's but the fourth's: below the header it must start at row 0
    expect(placeCategories([at("a", 113)], rows, true)).toBeNull();
    // equal rows: the middle of rows 2–5 is that of 3–4, and 0–1 is no span of its own either way: two placements, none chosen
    expect(placeCategories([at("a", middle(rows, 0, 2)), at("b", middle(rows, 3, 4)), at("c", middle(rows, 5, 5))], rows, true)).toEqual([
      [0, 2],
      [3, 4],
      [5, 5],
    ]);
    // centred over rows 1–5, with row 0 below the header belonging to no category
    expect(placeCategories([at("a", middle(rows, 1, 5))], rows, true)).toBeNull();
  });
});
