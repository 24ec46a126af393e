/** safeSheetName: whatever a plan title holds, the new sheet's name is one Excel accepts. */
import { safeSheetName, SHEET_NAME_MAX } from "../addin/excel/sheet-name";

/** Excel's own checks, written out independently of the implementation. */
function acceptable(name: string): boolean {
  const halfPair = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  return name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name) && !halfPair.test(name);
}

const LONG = "湖北省荆门市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要 项目"; // 39 characters

describe("safeSheetName", () => {
  test("a long Chinese name keeps its first 31 characters", () => {
    const name = safeSheetName(LONG, []);
    expect(name).toBe(LONG.slice(0, 31));
    expect(name.length).toBe(SHEET_NAME_MAX);
  });

  test("duplicates get (2), (3) … within 31 characters, the beginning kept, ignoring case", () => {
    const first = safeSheetName(LONG, []);
    const second = safeSheetName(LONG, ["Sheet1", first]);
    const third = safeSheetName(LONG, [first, second]);
    expect(second).toBe(`${LONG.slice(0, 27)} (2)`);
    expect(third).toBe(`${LONG.slice(0, 27)} (3)`);
    for (const name of [first, second, third]) expect(name.length).toBeLessThanOrEqual(31);
    expect(safeSheetName("Planbook 指标", ["PLANBOOK 指标"])).toBe("Planbook 指标 (2)");
    expect(safeSheetName("短名", ["短名", "短名 (2)"])).toBe("短名 (3)");
    const existing: string[] = [];
    for (let i = 0; i < 10; i++) existing.push(safeSheetName(LONG, existing));
    expect(existing[8]).toBe(`${LONG.slice(0, 27)} (9)`);
    expect(existing[9]).toBe(`${LONG.slice(0, 26)} (10)`); // a longer suffix takes one more character
  });

  test("forbidden characters are removed", () => {
    expect(safeSheetName("a/b:c*", [])).toBe("a b c");
    expect(safeSheetName("对比 [GDP]/人均?*\\2025:", [])).toBe("对比 GDP 人均 2025");
    expect(safeSheetName("第一行\n第二行\t指标", [])).toBe("第一行 第二行 指标");
    expect(safeSheetName("[]:*?/\\", [])).toBe("Planbook");
  });

  test("apostrophes at either end are trimmed, inner ones kept", () => {
    expect(safeSheetName("'十四五'规划 指标'", [])).toBe("十四五'规划 指标");
    expect(safeSheetName(" ' '荆门' ' ", [])).toBe("荆门");
    expect(safeSheetName("'''", [])).toBe("Planbook");
    // the cut at 31 can leave an apostrophe last: trimmed too
    const cutAtQuote = `${"规".repeat(30)}'后面`;
    expect(safeSheetName(cutAtQuote, [])).toBe("规".repeat(30));
    // and so can the cut before a suffix
    const quoteBeforeSuffix = `${"划".repeat(26)}'${"划".repeat(10)}`;
    expect(safeSheetName(quoteBeforeSuffix, [safeSheetName(quoteBeforeSuffix, [])])).toBe(`${"划".repeat(26)} (2)`);
  });

  test("a character outside the BMP is never split in half", () => {
    const rare = "𠀀"; // U+20000, two UTF-16 units
    const name = safeSheetName(`${"荆".repeat(30)}${rare}门`, []);
    expect(name).toBe("荆".repeat(30)); // 30 + 2 units would pass 31: the whole character goes
    expect(safeSheetName(rare.repeat(20), [])).toBe(rare.repeat(15));
    expect(acceptable(safeSheetName(rare.repeat(20), [rare.repeat(15)]))).toBe(true);
  });

  test("Excel's reserved name History is avoided", () => {
    expect(safeSheetName("history", [])).toBe("history (2)");
  });

  test.each([
    LONG,
    `'${LONG}'`,
    "'[对比]' 地区生产总值/人均GDP：增长率*?",
    "'".repeat(40),
    "𠀀".repeat(40),
    `${"甲".repeat(30)}'`,
    "",
  ])("always acceptable and unique: %s", (wanted) => {
    const existing: string[] = [];
    for (let i = 0; i < 12; i++) {
      const name = safeSheetName(wanted, existing);
      expect(acceptable(name)).toBe(true);
      expect(existing.map((n) => n.toLowerCase())).not.toContain(name.toLowerCase());
      existing.push(name);
    }
  });
});
