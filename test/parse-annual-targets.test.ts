import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseText } from "../generator/parse";
import type { Plan } from "../generator/model";
import { answerKey } from "./helpers/answer-keys";

/*
 * A work report's targets for its year in the wordings and layouts real reports use. Each fixture in
 * test/fixtures/reports has a hand-written key (what it exercises is in its "what"); A3 is also
 * read in the shapes other decoders hand it over in (the .doc of F4: no blank lines and a page
 * footer; a PDF's hard-wrapped lines; a web page's broken lead-in).
 */

const REPORTS = join(__dirname, "fixtures", "reports");
const parse = (text: string, path = "report.txt"): Plan => parseText(text, { path, sha256: "test", encoding: "utf-8", bytes: text.length });
const pairs = (p: Plan) => p.annualTargets.map((t) => ({ metric: t.metric, raw: t.raw }));

interface ReportKey {
  file: string;
  what: string;
  region: string;
  kind: string;
  period: { label: string; start: number; end: number };
  annualTargets: Array<{ metric: string; raw: string }>;
}

describe("report fixtures in other wordings, against their keys", () => {
  const keys = readdirSync(REPORTS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(REPORTS, f), "utf8")) as ReportKey);
  test.each(keys.map((k) => [k.file, k.what, k] as const))("%s (%s)", (file, _what, key) => {
    const p = parse(readFileSync(join(REPORTS, file), "utf8"), file);
    expect({ region: p.region, kind: p.kind, period: p.period }).toEqual({ region: key.region, kind: key.kind, period: key.period });
    expect(pairs(p)).toEqual(key.annualTargets);
    expect(p.annualTargets.every((t) => t.year === key.period.start)).toBe(true);
  });
  test("R1: the five-year goals stated first are not the year's targets", () => {
    const p = parse(readFileSync(join(REPORTS, "R1_hexi_report2026.txt"), "utf8"));
    expect(p.annualTargets.map((t) => t.metric)).not.toContain("研发经费投入强度");
    expect(p.annualTargets[0]).toMatchObject({ line: 29, value: { value: 5.5, comparator: "≈", unit: "%" } });
  });
  test("qualitative targets keep their words and no value", () => {
    const p = parse(readFileSync(join(REPORTS, "R3_donghu_report2025.txt"), "utf8"));
    const q = p.annualTargets.filter((t) => t.value.value === null);
    expect(q.map((t) => [t.raw, t.value.text, t.value.kind])).toEqual([
      ["稳中有升", "稳中有升", "text"],
      ["总体稳定", "总体稳定", "text"],
      ["持续改善", "持续改善", "text"],
    ]);
  });
  test("the list's paragraphs are not read again as the year's tasks", () => {
    const p = parse(readFileSync(join(REPORTS, "R2_qinglan_report2025.txt"), "utf8"));
    expect(p.tasks.map((t) => t.metric)).toEqual(expect.arrayContaining(["新增规模以上工业企业", "改造老旧小区", "新建高标准农田", "新改建农村公路"]));
    expect(p.tasks.map((t) => t.metric)).not.toContain("地区生产总值增长");
  });
});

describe("A3 and F4 (the same report) in the shapes each format gives", () => {
  const text = readFileSync(join(__dirname, "fixtures", "samples", "A3_dongzhu_report2025.txt"), "utf8");
  const key = answerKey("A3_dongzhu_report2025").annualTargets;
  const wrap = (t: string, width: number) =>
    t
      .split("\n")
      .flatMap((l) => (l ? Array.from({ length: Math.ceil(l.length / width) }, (_, i) => l.slice(i * width, (i + 1) * width)) : [""]))
      .join("\n");
  test.each([
    ["as the .doc reader gives it: no blank lines, the page's footer", text.split("\n").filter((l) => l.trim()).join("\n") + "\n主办：市人民政府办公室\n"],
    ["with Windows line ends", text.replace(/\n/g, "\r\n")],
    ["hard-wrapped every 30 characters, as from a PDF", wrap(text, 30)],
    ["hard-wrapped every 17 characters", wrap(text, 17)],
    ["with the lead-in broken over three lines", text.replace("今年经济社会发展的主要预期目标是：", "今年经济社会发展的\n主要预期目标\n是：\n")],
    ["one clause per line, opened by ——", text.replace(/(主要预期目标是：)([^\n]*)/u, (_m, lead: string, list: string) => `${lead}\n${list.split("；").map((c) => `——${c}`).join("；\n")}`)],
    ["as a fragment without its opening", text.slice(text.indexOf("二、2025年工作安排"))],
  ])("%s: the key's 11 targets exactly", (_shape, shaped) => {
    const p = parse(shaped);
    expect(pairs(p)).toEqual(key);
    expect(p.kind).toBe("work-report");
    expect(p.period.start).toBe(2025);
  });
});
