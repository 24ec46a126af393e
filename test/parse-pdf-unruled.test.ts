/**
 * Indicator tables printed without ruling lines and continued over pages (test/fixtures/unruled/,
 * made by LibreOffice from src/*.html by scripts/make-unruled-fixtures.ts; answer keys written by
 * hand from the sources): every row's values, units, kinds and columns exact, and a continuation
 * whose columns do not agree never read into the header's columns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, parseLines } from "../generator/parse";
import type { Indicator, Plan, Quantity } from "../generator/model";
import type { PdfPage } from "../generator/parse/decode/pdf-extract";
import { extractPdf } from "../generator/parse/decode/pdf-extract";
import { groupLines, pageItems } from "../generator/parse/decode/pdf-text";
import { looseGrid } from "../generator/parse/decode/pdf-loose-table";
import { decodePdf, layoutPdf } from "../generator/parse/decode/pdf";
import { columnsRanTogether } from "../generator/parse/decode/pdf-loose-chain";

const DIR = join(__dirname, "fixtures", "unruled");
type Cell = string | null;
interface Key {
  file: string;
  region: string;
  kind: string;
  period: { label: string; start: number; end: number };
  title: string;
  baseYear: number;
  targetYear: number;
  columns: string[];
  rows: Cell[][];
  notRead?: { page: number; rows: Cell[][] };
}

const key = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.json`), "utf8")) as Key;
const bytes = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
const raw = (q: Quantity | null) => (q ? q.raw : null);
const asRow = (i: Indicator): Cell[] => [i.category, i.seq, i.name, i.unit, raw(i.baseline), raw(i.target), raw(i.rate), i.attribute];

/** every printed line of every page, as text, with its page */
async function pageTexts(file: string): Promise<string[][]> {
  const { pages } = await extractPdf(bytes(file));
  return pages.map((p) => groupLines(pageItems(p)).map((l) => l.text.replace(/\s+/g, "")));
}

describe("N1: a table without rules whose first page holds only its header, over four pages", () => {
  const k = key("N1_songling_15fyp");
  let plan: Plan;
  beforeAll(async () => {
    plan = await parseDocument(bytes(k.file), k.file);
  });

  test("the fixture is what it claims: no rules; page 1 ends with the header and no row; rows on pages 2, 3 and 4; a row cut by the page; a category printed beside a middle row", async () => {
    const { pages } = await extractPdf(bytes(k.file));
    expect(pages.every((p) => p.rules.length === 0)).toBe(true);
    const texts = await pageTexts(k.file);
    expect(texts[0].some((t) => t.includes("类别") && t.includes("属性"))).toBe(true);
    expect(texts[0].some((t) => t.includes("地区生产总值亿元"))).toBe(false);
    expect(texts[1][0]).toMatch(/^1地区生产总值/);
    for (const [page, name] of [[1, "技术合同成交额"], [2, "森林覆盖率"], [3, "城市防洪标准"]] as const) expect(texts[page].some((t) => t.includes(name))).toBe(true);
    // row 40's unit wraps over the page break: 万吨标准 on page 3, 煤 on page 4
    expect(texts[2].some((t) => t.includes("万吨标准42"))).toBe(true);
    expect(texts[3][0]).toBe("煤");
    // 经济发展 (rows 1–10) printed once, beside row 6
    expect(texts[1].some((t) => t.startsWith("经济发展6"))).toBe(true);
  });

  test("every row, field by field: the columns found over all four pages, categories carried over their spans, wrapped cells joined (across the page too)", () => {
    expect(plan.indicatorTables).toHaveLength(1);
    const t = plan.indicatorTables[0];
    expect([t.title, t.baseYear, t.targetYear]).toEqual([k.title, k.baseYear, k.targetYear]);
    expect(t.columns).toEqual(k.columns);
    expect(t.columnInfo.map((c) => c.meaning)).toEqual(["category", "seq", "name", "unit", "baseline", "target", "rate", "attribute"]);
    expect(t.indicators.map(asRow)).toEqual(k.rows);
  });

  test("kinds: the 年均 column is a rate, a cumulative change in [ ] is kept as printed, words are text, levels are levels", () => {
    const by = new Map(plan.indicatorTables[0].indicators.map((i) => [i.seq, i]));
    expect([by.get("1")!.baseline!.kind, by.get("1")!.target!.kind, by.get("1")!.rate!.kind]).toEqual(["level", "level", "rate"]);
    expect(by.get("1")!.rate!.value).toBe(6.5);
    expect([by.get("19")!.rate!.kind, by.get("19")!.rate!.text]).toEqual(["text", "与经济增长同步"]);
    expect([by.get("31")!.rate!.kind, by.get("31")!.rate!.text]).toEqual(["text", "完成上级下达任务"]);
    expect(by.get("13")!.rate!.raw).toBe("[52]");
    expect([by.get("34")!.target!.comparator, by.get("34")!.target!.value]).toEqual(["≥", 93]);
    expect(by.get("40")!.unit).toBe("万吨标准煤");
  });

  test("no warning: nothing here is doubtful", () => {
    expect(plan.warnings).toEqual([]);
    expect([plan.region, plan.kind, plan.period]).toEqual([k.region, k.kind, k.period]);
  });

});

describe("N3: cells centred, figures set right, the header repeated on every page", () => {
  const k = key("N3_baixi_15fyp");

  test("the fixture is what it claims: page 1 holds the header and one row; the header again atop pages 2 and 3; the 2025年 figures share their right edges, not their left", async () => {
    const { pages } = await extractPdf(bytes(k.file));
    expect(pages.every((p) => p.rules.length === 0)).toBe(true);
    const texts = await pageTexts(k.file);
    const header = (t: string[]) => t.findIndex((x) => x.startsWith("类别序号"));
    expect(texts.slice(0, 3).map(header)).toEqual([expect.any(Number), 1, 1]);
    // rows: lines that start with a 序号 and a name (the header's "2025 2030" line starts with a year)
    expect(texts[0].filter((t) => /^(?:经济发展)?\d{1,2}\p{Script=Han}/u.test(t))).toEqual([expect.stringMatching(/^经济发展1地区生产总值/)]);
    const lines = groupLines(pageItems(pages[0])).concat(groupLines(pageItems(pages[1])));
    const base = ["210.5", "65200", "7.2"].map((s) => lines.flatMap((l) => l.items).find((i) => i.s.trim() === s)!);
    expect(Math.max(...base.map((i) => i.x + i.w)) - Math.min(...base.map((i) => i.x + i.w))).toBeLessThan(1);
    expect(Math.max(...base.map((i) => i.x)) - Math.min(...base.map((i) => i.x))).toBeGreaterThan(10);
  });

  test("every row, field by field; the repeated headers dropped; no warning", async () => {
    const plan = await parseDocument(bytes(k.file), k.file);
    expect(plan.indicatorTables.map((t) => [t.title, t.baseYear, t.targetYear, t.columns])).toEqual([[k.title, k.baseYear, k.targetYear, k.columns]]);
    expect(plan.indicatorTables[0].indicators.map(asRow)).toEqual(k.rows);
    expect(plan.warnings).toEqual([]);
  });
});

describe("N4: the header repeated on every page, a wrapped row cut by the page under it", () => {
  const k = key("N4_wugang_15fyp");

  test("the fixture is what it claims: page 2 opens with the repeated header, then the last line of row 7's name", async () => {
    const texts = await pageTexts(k.file);
    const at = texts[1].findIndex((t) => t.startsWith("类别序号"));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(texts[1][at + 2]).toBe("水平）");
    expect(texts[0].some((t) => t.startsWith("7服务业增加值占地区生产总值比"))).toBe(true);
  });

  test("every row, field by field: the repeated headers dropped, the cut row joined back across the header between its halves; no warning", async () => {
    const plan = await parseDocument(bytes(k.file), k.file);
    expect(plan.indicatorTables.map((t) => [t.title, t.baseYear, t.targetYear, t.columns])).toEqual([[k.title, k.baseYear, k.targetYear, k.columns]]);
    expect(plan.indicatorTables[0].indicators.map(asRow)).toEqual(k.rows);
    expect(plan.warnings).toEqual([]);
  });
});

describe("U5 (test/fixtures/unseen): why the columns are found over the whole table", () => {
  const file = join(__dirname, "fixtures", "unseen", "U5_longji_15fyp.pdf");

  test("its first page's part (the header and two rows) read alone runs columns together; read with the other pages' parts every cell is in its column", async () => {
    const { pages } = await extractPdf(new Uint8Array(readFileSync(file)));
    const lines = groupLines(pageItems(pages[0]));
    const part = lines.slice(lines.findIndex((l) => l.text.includes("序号")));
    const alone = looseGrid(part, 12, 17.25)!;
    // the header's centred cells fill the gaps between the value columns: 2025年, 2030年 and 年均增长 as one cell
    expect(columnsRanTogether(alone)).toBe(true);
    const d = await decodePdf(new Uint8Array(readFileSync(file)));
    const rows = d.lines.filter((l) => l.cells && l.table === 0).map((l) => l.cells);
    expect(rows[0]).toEqual(["序号", "指标名称", "单位", "2025年", "2030年", "年均增长（%）", "属性"]);
    expect(rows[2]).toEqual(["1", "地区生产总值", "亿元", "152.6", "215", "7左右", "预期性"]);
    // the category rows set across the table, on every page, are rows of their own; rows 21–22 come from page 3
    expect(rows.filter((r) => r!.slice(1).every((c) => c === "")).map((r) => r![0])).toEqual(["一、经济发展", "二、创新驱动", "三、民生福祉", "四、绿色生态", "五、安全保障"]);
    expect(rows.length).toBe(1 + 5 + 23);
    expect(d.warnings).toEqual([]);
  });
  test("that first page read as a document of its own: the table kept out with a warning naming page 1, no value in any column", async () => {
    const { pages } = await extractPdf(new Uint8Array(readFileSync(file)));
    const d = layoutPdf(pages.slice(0, 1), 1);
    expect(d.warnings.map((w) => [w.code, w.message.includes("第 1 页")])).toEqual([["pdf-table-columns", true]]);
    expect(d.lines.filter((l) => l.cells)).toEqual([]);
    const plan = parseLines(d.lines, { path: "p1.pdf", sha256: "p1", encoding: "pdf", bytes: 0 }, d.warnings);
    expect(plan.indicatorTables.flatMap((t) => t.indicators)).toEqual([]);
    expect(plan.warnings.some((w) => w.code === "pdf-table-columns")).toBe(true);
  });
});

describe("N2: a look-alike continuation whose columns stand elsewhere", () => {
  const k = key("N2_tongchuan_15fyp");

  test("the fixture is what it claims: the second table's first figure stands in the first table's 单位 column", async () => {
    const { pages } = await extractPdf(bytes(k.file));
    expect(pages.every((p) => p.rules.length === 0)).toBe(true);
    const at = (p: number, s: string) => {
      const it = groupLines(pageItems(pages[p])).flatMap((l) => l.items).find((i) => i.s.trim() === s)!;
      return [it.x, it.x + it.w];
    };
    const [unitLeft, unitRight] = at(0, "亿元");
    const [x] = at(1, "72.4");
    expect(x).toBeGreaterThan(unitLeft);
    expect(x).toBeLessThan(unitRight);
  });

  test("the page-1 table read exactly; page 2's rows not read into its columns, and a warning names page 2", async () => {
    const plan = await parseDocument(bytes(k.file), k.file);
    expect(plan.indicatorTables.map((t) => [t.title, t.baseYear, t.targetYear, t.columns])).toEqual([[k.title, k.baseYear, k.targetYear, k.columns]]);
    expect(plan.indicatorTables[0].indicators.map(asRow)).toEqual(k.rows);
    const warned = plan.warnings.filter((w) => w.code === "pdf-table-columns");
    expect(warned).toHaveLength(1);
    expect(warned[0].message).toContain(`第 ${k.notRead!.page} 页`);
    // none of the rows not read turns up anywhere: no indicator, no value, no target of the year
    const names = new Set(k.notRead!.rows.map((r) => r[1]));
    const values = new Set(k.notRead!.rows.flatMap((r) => r.slice(3, 6)).filter((v): v is string => v !== null));
    const every = plan.indicatorTables.flatMap((t) => t.indicators);
    expect(every.filter((i) => names.has(i.name))).toEqual([]);
    expect(every.flatMap((i) => [i.baseline, i.target, i.rate, ...Object.values(i.cells)]).filter((q) => q && values.has(q.raw))).toEqual([]);
    expect(plan.annualTargets).toEqual([]);
  });

  test("the rows not read stay in the text as plain lines (each one run of text, never cells a reader could take apart)", async () => {
    const d = await decodePdf(bytes(k.file));
    const row3 = d.lines.find((l) => l.text.includes("社会消费品零售总额"))!;
    expect(row3.cells).toBeUndefined();
    expect(row3.table).toBeUndefined();
    expect(row3.text).not.toMatch(/\S {2,}\S|\t/);
  });
});

describe("two tables without rules, one ending a page and one starting the next", () => {
  /** rows of cells at the given x positions, from `y` (PDF space, upwards) down, 32 points apart */
  const rows = (xs: number[], cells: string[][], y: number): PdfPage["items"] => cells.flatMap((r, k) => r.map((c, j) => [c, xs[j], y - k * 32, c.length * 6, 10.5, ""] as PdfPage["items"][number]));
  const prose = (n: number): PdfPage["items"] => Array.from({ length: n }, (_, k) => ["坚持以人民为中心的发展思想，统筹推进经济建设、政治建设、文化建设、社会建设、生态文明", 57, 760 - k * 17.25, 504, 12, ""]);

  test("the second with a header of its own is another table: each read in its own columns, no warning", () => {
    const a = [58, 95, 300, 358, 404, 450, 539];
    const b = [58, 200, 330, 420, 520];
    const page1 = [...prose(30), ...rows(a, [["序号", "指标", "单位", "2025年", "2030年", "年均增长", "属性"], ["1", "地区生产总值", "亿元", "180.2", "245", "6.3", "预期性"], ["2", "一般公共预算收入", "亿元", "11.6", "15", "5.3", "预期性"]], 120)];
    const page2 = rows(b, [["序号", "项目名称", "建设年限", "总投资", "建设地点"], ["1", "甲乙高速公路", "2026-2030", "120", "甲镇"], ["2", "丙丁水库", "2026-2028", "35", "乙镇"], ["3", "戊己产业园", "2026-2029", "48", "丙镇"]], 800);
    const d = layoutPdf(
      [page1, page2].map((items) => ({ width: 595, height: 842, x0: 0, y0: 0, items, rules: [] })),
      2,
    );
    const tables = new Map<number, string[][]>();
    for (const l of d.lines) if (l.cells && l.table !== undefined) tables.set(l.table, [...(tables.get(l.table) ?? []), l.cells]);
    expect([...tables.values()]).toEqual([
      [
        ["序号", "指标", "单位", "2025年", "2030年", "年均增长", "属性"],
        ["1", "地区生产总值", "亿元", "180.2", "245", "6.3", "预期性"],
        ["2", "一般公共预算收入", "亿元", "11.6", "15", "5.3", "预期性"],
      ],
      [
        ["序号", "项目名称", "建设年限", "总投资", "建设地点"],
        ["1", "甲乙高速公路", "2026-2030", "120", "甲镇"],
        ["2", "丙丁水库", "2026-2028", "35", "乙镇"],
        ["3", "戊己产业园", "2026-2029", "48", "丙镇"],
      ],
    ]);
    expect(d.warnings).toEqual([]);
  });
});
