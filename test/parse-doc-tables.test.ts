/**
 * Word 97–2003 tables as the file defines them. word-extractor's text ends every cell in a tab and
 * loses which cells are merged; the .doc decoder reads the paragraph properties (the table depth of
 * each paragraph mark, the row ends, each row's cell boundaries and vertical-merge flags) and gives
 * the same rows the .docx of the same document gives. made/merges.doc and merges.docx are one page
 * (scripts/format-fixtures-layouts.ts mergesHtml) saved by LibreOffice in both formats.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import { decodeDocument } from "../generator/parse/decode";

const MADE = join(__dirname, "fixtures", "formats", "made");
const decode = (name: string) => decodeDocument(readFileSync(join(MADE, name)), name);
const rows = (d: Awaited<ReturnType<typeof decode>>) => d.lines.filter((l) => l.cells).map((l) => ({ table: l.table, box: l.box ?? null, cells: l.cells }));

describe("merges.doc: merged cells carried as the other formats carry them", () => {
  test("a group header over three columns, categories merged down their rows, a cell merged across in a row, a table inside a 专栏 box", async () => {
    const d = await decode("merges.doc");
    expect(rows(d)).toEqual([
      { table: 0, box: null, cells: ["类别", "序号", "指标名称", "规划目标", "", "", "属性"] },
      // the cells merged down from the two-row header carry their text, as a browser lays them out
      { table: 0, box: null, cells: ["类别", "序号", "指标名称", "2020年", "2025年", "年均增长", "属性"] },
      { table: 0, box: null, cells: ["经济发展", "1", "地区生产总值", "2048", "2900", "7%左右", "预期性"] },
      { table: 0, box: null, cells: ["经济发展", "2", "常住人口城镇化率", "62.5", "67", "—", "预期性"] },
      // merged across: the text in the first column it covers, the others empty, so no value appears twice
      { table: 0, box: null, cells: ["经济发展", "3", "数字经济核心产业增加值占比", "与全省同步", "", "", "预期性"] },
      { table: 0, box: null, cells: ["绿色生态", "4", "森林覆盖率", "31.75", "32.05", "[0.3]", "约束性"] },
      { table: 0, box: null, cells: ["绿色生态", "5", "单位地区生产总值能耗降低", "—", "—", "完成省下达目标", "约束性"] },
      // a table nested in the one-cell box is that box's rows (word-extractor gives a nested table's cells as plain lines)
      { table: 1, box: 0, cells: ["项目名称", "建设内容", "总投资（亿元）", "建设年限"] },
      { table: 1, box: 0, cells: ["松溪水库扩容工程", "新增库容1200万立方米", "8.5", "2021-2024"] },
      { table: 1, box: 0, cells: ["城区防洪堤加固", "加固堤防12公里", "3.2", "2022-2023"] },
    ]);
    expect(d.lines.filter((l) => l.box === 0 && !l.cells && l.text).map((l) => l.text)).toEqual(["专栏 2-1 水利重点项目", "以上项目总投资11.7亿元。"]);
    expect(d.lines.filter((l) => l.heading).map((l) => [l.heading, l.text])).toEqual([
      [1, "第一章 主要目标"],
      [1, "第二章 水利建设"],
      [1, "第三章 规划实施"],
    ]);
    expect(d.warnings).toEqual([]);
  });

  test("the .doc gives the rows, boxes and headings the .docx of the same page gives", async () => {
    const [doc, docx] = [await decode("merges.doc"), await decode("merges.docx")];
    expect(rows(doc)).toEqual(rows(docx));
    const shape = (d: typeof doc) => d.lines.filter((l) => l.text && !l.cells).map((l) => [l.text, l.box ?? null, l.heading ?? null]);
    expect(shape(doc)).toEqual(shape(docx));
  });

  test("parsed: every indicator and the box's projects, field by field", async () => {
    const p = await parseDocument(readFileSync(join(MADE, "merges.doc")), "merges.doc");
    expect(p.indicatorTables[0].columns).toEqual(["类别", "序号", "指标名称", "规划目标 2020年", "规划目标 2025年", "规划目标 年均增长", "属性"]);
    expect(p.indicatorTables[0].indicators.map((i) => [i.category, i.seq, i.name, i.baseline?.raw ?? null, i.target?.raw ?? null, i.rate?.raw ?? null, i.attribute])).toEqual([
      ["经济发展", "1", "地区生产总值", "2048", "2900", "7%左右", "预期性"],
      ["经济发展", "2", "常住人口城镇化率", "62.5", "67", null, "预期性"],
      ["经济发展", "3", "数字经济核心产业增加值占比", "与全省同步", null, null, "预期性"],
      ["绿色生态", "4", "森林覆盖率", "31.75", "32.05", "[0.3]", "约束性"],
      ["绿色生态", "5", "单位地区生产总值能耗降低", null, null, "完成省下达目标", "约束性"],
    ]);
    expect(p.projectBoxes.map((b) => [b.label, b.groups.flatMap((g) => g.projects.map((x) => [x.name, x.content, x.investment?.raw, x.period]))])).toEqual([
      [
        "专栏 2-1",
        [
          ["松溪水库扩容工程", "新增库容1200万立方米", "8.5", "2021-2024"],
          ["城区防洪堤加固", "加固堤防12公里", "3.2", "2022-2023"],
        ],
      ],
    ]);
  });
});

describe("what a .doc cannot say, said", () => {
  test("a 40-row table whose categories are merged down ten rows each: every row carries its category at the decoder, not only after the reader carries it down", async () => {
    const d = await decode("two-page.doc");
    const body = d.lines.filter((l) => l.cells && /^\d+$/.test(l.cells[1]));
    expect(body).toHaveLength(40);
    expect(body.map((l) => l.cells![0])).toEqual(["经济发展", "创新驱动", "民生福祉", "绿色生态"].flatMap((c) => new Array(10).fill(c)));
  });
});
