/**
 * The guards that keep a table printed without rules from being read partly wrong without a word:
 * a row of it left outside it (below it, or at the top of the next page), text cut at the page's
 * edge, a category column whose entries fit no span (or two). Each is shown to fire on a page
 * made to have just that fault, and to stay quiet on the same page without it and on every PDF
 * the project holds (the unruled fixtures, the unseen documents, the seeds, the samples' copy).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PdfItem, PdfPage } from "../generator/parse/decode/pdf-extract";
import { decodePdf, layoutPdf } from "../generator/parse/decode/pdf";

const SIZE = 10.5;
const H = 842;

/** an item at x on the baseline y (top-down), its width as printed: a Han character a full size, a digit half */
function item(text: string, x: number, y: number, size = SIZE): PdfItem {
  const w = [...text].reduce((n, ch) => n + (/[\x20-\x7e]/.test(ch) ? size * 0.5 : size), 0);
  return [text, x, H - y, w, size, "f"];
}

const PROSE = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。";
/** lines of body text from y on, 15 pt apart: they give the page its text size, its line pitch and its flow */
const prose = (y: number, n: number) => Array.from({ length: n }, (_, k) => item(PROSE, 57, y + k * 15));

/** a table without rules: 指标 | 2025年 | 2030年 | 属性, its rows 20 pt apart from y */
function table(y: number, names: string[]): PdfItem[] {
  const out = [item("指标", 60, y), item("2025年", 200, y), item("2030年", 260, y), item("属性", 330, y)];
  names.forEach((name, k) => {
    const ry = y + 20 * (k + 1);
    out.push(item(name, 60, ry), item(String(100 + k), 205, ry), item(String(120 + k), 265, ry), item("预期性", 325, ry));
  });
  return out;
}

const page = (items: PdfItem[], width = 595): PdfPage => ({ width, height: H, x0: 0, y0: 0, items, rules: [] });
const NAMES = ["地区生产总值", "社会消费品零售总额", "实际使用外资", "高新技术企业数"];
const guardWarnings = (d: ReturnType<typeof layoutPdf>) => d.warnings.filter((w) => /^table-unruled/.test(w.code));

describe("a row of the table left outside it", () => {
  test("the page without the fault: every row read, no warning", () => {
    const d = layoutPdf([page([...prose(60, 4), item("表1 主要指标", 200, 150), ...table(180, NAMES), ...prose(300, 3)])], 1);
    expect(d.lines.filter((l) => l.cells).map((l) => l.cells![0])).toEqual(["指标", ...NAMES]);
    expect(d.warnings).toEqual([]);
  });

  test("a row set further below the table than its rows stand apart: the table is kept out, and the warning names the page and the title", () => {
    // the table's last row 50 pt below the one before: past where a table's lines are joined, within where a row is looked for
    const items = [...prose(60, 4), item("表1 主要指标", 200, 150), ...table(180, NAMES), item("森林覆盖率", 60, 310), item("58.4", 205, 310), item("59", 265, 310), item("约束性", 325, 310), ...prose(380, 3)];
    const d = layoutPdf([page(items)], 1);
    expect(guardWarnings(d).map((w) => [w.code, w.message.includes("第 1 页"), w.message.includes("表1 主要指标")])).toEqual([["table-unruled", true, true]]);
    expect(d.lines.filter((l) => l.cells)).toEqual([]);
  });

  test("a row at the top of the next page, its cells set under two characters apart (one run of text): the table is kept out, warned", () => {
    // the table runs to the page's foot; overleaf its last row, its cells close together, then text
    const first = page([...prose(100, 12), item("表1 主要指标", 200, 690), ...table(720, NAMES)]);
    // a long name up to the 2025 column, its figure in that column: each cell under two characters from the next
    const next = page([item("单位地区生产总值能源消耗", 60, 60), item("58.4", 200, 60), item("59", 231, 60), item("约束性", 250, 60), ...prose(110, 8)]);
    const d = layoutPdf([first, next], 2);
    expect(guardWarnings(d).map((w) => [w.code, w.message.includes("第 2 页")])).toEqual([["table-unruled", true]]);
    expect(d.lines.filter((l) => l.cells)).toEqual([]);
    // the same two pages with text, not a row, overleaf: the table is read
    const quiet = layoutPdf([first, page(prose(100, 8))], 2);
    expect(quiet.lines.filter((l) => l.cells).map((l) => l.cells![0])).toEqual(["指标", ...NAMES]);
    expect(quiet.warnings).toEqual([]);
  });
});

describe("a note under the table", () => {
  test("a sentence in the table's width, its words a little apart, is no row of it (nor a row left out): the table read, the note text", () => {
    const items = [...prose(60, 4), item("表1 主要指标", 200, 150), ...table(180, NAMES), item("注：", 60, 285), item("1.增速按可比价计算，", 85, 285), item("数据来自统计局。", 200, 285), ...prose(330, 3)];
    const d = layoutPdf([page(items)], 1);
    expect(d.lines.filter((l) => l.cells).map((l) => l.cells![0])).toEqual(["指标", ...NAMES]);
    expect(d.lines.some((l) => !l.cells && l.text.includes("数据来自统计局"))).toBe(true);
    expect(d.warnings).toEqual([]);
  });
});

describe("text cut at the page's edge", () => {
  test("a table whose cells run past the page's right edge is kept out: a cell's last characters are not printed", () => {
    const items = [...prose(60, 4), item("表1 主要指标", 200, 150), ...table(180, NAMES), item("新增指", 570, 240), ...prose(300, 3)];
    const d = layoutPdf([page(items)], 1);
    expect(guardWarnings(d).map((w) => [w.code, w.message.includes("页面边缘"), w.message.includes("表1 主要指标")])).toEqual([["table-unruled", true, true]]);
    expect(d.lines.filter((l) => l.cells)).toEqual([]);
    // on a wider page the same cell is whole: read
    const wide = layoutPdf([page(items, 700)], 1);
    expect(guardWarnings(wide)).toEqual([]);
    expect(wide.lines.filter((l) => l.cells).length).toBe(1 + NAMES.length);
  });
});

describe("a category column whose entries cannot be placed", () => {
  /** the table with a category printed once at x 20, level with row `at`'s baseline (+ dy) */
  const withCategory = (at: number, dy = 0) => {
    const items = [...prose(60, 4), item("表1 主要指标", 200, 150), ...table(180, NAMES).map((it): PdfItem => [it[0], it[1] + 50, it[2], it[3], it[4], it[5]])];
    items.push(item("经济发展", 20, 180 + 20 * (at + 1) + dy), ...prose(300, 3));
    return layoutPdf([page(items)], 1);
  };
  test("centred over its rows: every row gets it, no warning", () => {
    // four rows 20 pt apart, each one line: the middle of rows 0–3 is 30 pt below row 0's baseline
    const d = withCategory(0, 30);
    expect(d.lines.filter((l) => l.cells).map((l) => l.cells![0])).toEqual(["", "经济发展", "经济发展", "经济发展", "经济发展"]);
    expect(d.warnings).toEqual([]);
  });
  test("level with the second row, which no span below the header is centred on: no row gets it, and a warning says so", () => {
    const d = withCategory(1);
    expect(d.warnings.map((w) => w.code)).toEqual(["table-unruled-categories"]);
    expect(d.warnings[0].message).toContain("经济发展");
    expect(d.lines.filter((l) => l.cells).map((l) => l.cells![0])).toEqual(["", "", "", "", ""]);
  });
});

describe("the guards stay quiet on every PDF the project holds", () => {
  const pdfs = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? pdfs(p) : f.endsWith(".pdf") ? [p] : [];
    });
  // the samples' PDF is kept in test/fixtures/formats: no path outside the repository (CI has none)
  const all = [...pdfs(join(__dirname, "fixtures")), ...pdfs(join(__dirname, "..", "seeds"))];
  test("no table-unruled warning but V10's (its table runs past the page's edge, a cell's last character not printed)", async () => {
    expect(all.length).toBeGreaterThan(15);
    const fired: string[] = [];
    for (const f of all) {
      const d = await decodePdf(new Uint8Array(readFileSync(f)));
      for (const w of d.warnings) if (/^table-unruled/.test(w.code)) fired.push(`${f.split("/").pop()}: ${w.code} ${w.message.includes("页面边缘") ? "edge" : ""}`);
    }
    expect(fired).toEqual(["V10_heting_15fyp.pdf: table-unruled edge"]);
  });
});
