/**
 * The formula guard on the pure grid functions, without any Excel stand-in: what toSheetValues
 * emits is exactly what is assigned to Range.values, so checking it here checks every writer.
 */
import { guardText, numberFormatFor, toSheetValues, type CellValue, type Grid } from "../addin/excel/grid";
import { indicatorGrid, projectGrid } from "../addin/excel/grids";
import type { IndicatorsResponse, ProjectRow, Quantity } from "../generator/model";

const TRIGGERS = ["=", "+", "-", "@"];
const DANGEROUS = ['=HYPERLINK("http://x","点我")', "+1", "-3%左右", "@SUM(A1)", "=cmd|' /C calc'!A0", "-", "=", "+86 0724", "@规划"];

/**
 * Every emitted cell against its source: a string that Excel would read as a formula (or whose
 * own leading apostrophe Excel would swallow) is sent with Excel's text marker in front — the same
 * characters arrive, whatever the column's format; other strings go unchanged; numbers stay numbers.
 * Returns how many cells needed the marker, so a test can tell the check was not vacuous.
 */
function expectGuarded(grid: Grid): number {
  const emitted = toSheetValues(grid);
  const source: CellValue[][] = [grid.headers, ...grid.rows];
  expect(emitted).toHaveLength(source.length);
  let guarded = 0;
  source.forEach((row, r) =>
    row.forEach((cell, c) => {
      const out = emitted[r][c];
      if (typeof cell === "number") {
        expect(typeof out).toBe("number");
        expect(out).toBe(cell);
      } else if (TRIGGERS.some((t) => cell.replace(/^[\s\u3000\u00a0]+/, "").startsWith(t)) || cell.startsWith("'")) {
        expect(out).toBe(`'${cell}`);
        guarded++;
      } else {
        expect(out).toBe(cell);
      }
    }),
  );
  // The second line of defence: every text column is also formatted as text.
  grid.kinds.forEach((kind, c) => kind === "text" && expect(numberFormatFor(grid, c)).toBe("@"));
  return guarded;
}

const quantity = (raw: string, value: number | null): Quantity => ({ raw, value, comparator: value === null ? null : "=", cumulative: false, text: value === null ? raw : null, unit: null, kind: value === null ? "text" : "level" });

describe("toSheetValues guards text that Excel would take for a formula", () => {
  test("every trigger, in text and in number columns, in the header too; numbers untouched", () => {
    const grid: Grid = {
      headers: ["名称", "=数值", "原文", "-备注"],
      kinds: ["text", "number", "text", "text"],
      rows: [
        ...DANGEROUS.map((text, i): CellValue[] => [text, i % 2 ? text : -(i + 1), `${text} 原文`, text]),
        ["'已带引号", -3, "'", "普通文字"],
        ["普通", 0, " =前面有空格", "中间的=不算"],
        ["\t+制表符", 1, "\u3000@全角空格", "\n-换行"],
        ["负数", -0.5, "+", "@"],
      ],
    };
    const inNumberColumn = DANGEROUS.filter((_, i) => i % 2).length;
    expect(expectGuarded(grid)).toBe(DANGEROUS.length * 3 + inNumberColumn + 2 /* ' cells */ + 2 /* headers */ + 2 /* + @ */ + 1 /* space = */ + 3 /* tab, ideographic space, line break */);
    const values = toSheetValues(grid);
    expect(values[1][1]).toBe(-1); // a negative number is a number, not "-" text to guard
    expect(values[2][1]).toBe("'+1"); // text in a number column is guarded as well
    expect(values[DANGEROUS.length + 4][1]).toBe(-0.5);
    expect(values[DANGEROUS.length + 2][2]).toBe("' =前面有空格");
  });

  test("the grids built from service answers: project register", () => {
    const projects: ProjectRow[] = DANGEROUS.map((text, i) => ({
      name: text,
      content: `=${i}+${i}`,
      location: i % 2 ? "-东宝区" : "东宝区",
      investment: quantity(i % 2 ? `-${i}.5` : `+${i}`, i % 2 ? -i - 0.5 : i),
      investmentUnit: "亿元",
      period: "2021-2025",
      phase: "@新建",
      box: "专栏 5-1",
      boxKind: "projects",
      boxTitle: "=交通",
      group: null,
      section: null,
    }));
    const grid = projectGrid(projects);
    expect(expectGuarded(grid)).toBeGreaterThan(DANGEROUS.length * 4);
    const values = toSheetValues(grid);
    expect(values[2][7]).toBe(-1.5); // 总投资: a negative number stays a number
    expect(values[2][13]).toBe("'-1.5"); // 总投资（原文）: the printed text stays text
  });

  test("the grids built from service answers: indicators with signed and formula-like values", () => {
    const indicator = (name: string, raw: string, value: number | null) => ({
      category: "=经济发展", seq: "-1", name, unit: "%", parent: null, baseline: quantity(raw, value),
      target: quantity(`+${raw}`, value), rate: quantity("@[4]", null), attribute: "预期性" as const, flags: ["+"], cells: {}, line: 1,
    });
    const response = {
      plan: {} as IndicatorsResponse["plan"],
      tables: [{ title: "-主要指标", role: "targets", baseYear: 2020, targetYear: 2025, columns: [], columnInfo: [], line: 1, notes: [], indicators: DANGEROUS.map((name, i) => indicator(name, `-${i}`, -i)) }],
    } as IndicatorsResponse;
    const grid = indicatorGrid(response);
    expect(expectGuarded(grid)).toBeGreaterThan(DANGEROUS.length * 6);
  });

  test("a string in a number column arrives as text: Excel would read \"7%\" as 0.07 and \"1/2\" as a date", () => {
    const grid: Grid = { headers: ["实际"], kinds: ["number"], rows: [["7%"], ["1/2"], ["增长8.2%"], [6.7], [""], ["'x"], ["-3"]] };
    expect(toSheetValues(grid).slice(1).map((r) => r[0])).toEqual(["'7%", "'1/2", "'增长8.2%", 6.7, "", "''x", "'-3"]);
  });

  test("guardText on its own", () => {
    for (const t of TRIGGERS) expect(guardText(`${t}1`)).toBe(`'${t}1`);
    expect(guardText("'引号")).toBe("''引号");
    expect(guardText("规划")).toBe("规划");
    expect(guardText(" =1+1")).toBe("' =1+1"); // Excel skips leading spaces before the =
    expect(guardText("\u3000-3")).toBe("'\u3000-3");
    expect(guardText("a =1")).toBe("a =1");
    expect(guardText("")).toBe("");
  });
});
