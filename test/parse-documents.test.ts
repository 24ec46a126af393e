import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { parseDocument, parseFile } from "../generator/parse";
import type { Plan } from "../generator/model";
import { SEEDS_DIR, seedFiles } from "./helpers/answer-keys";

const CLI = join(__dirname, "..", "build", "generator", "cli.js");
const withoutSource = (p: Plan) => ({ ...p, source: { ...p.source, encoding: null, sha256: null, bytes: null } });

describe("encodings are detected from the bytes", () => {
  const files = seedFiles();
  test.each(files)("%s parses the same from GB18030, UTF-16 LE/BE with BOM and UTF-8 with BOM", async (file) => {
    const text = readFileSync(file, "utf8");
    const original = await parseFile(file);
    expect(original.source.encoding).toBe("utf-8");
    const variants: Array<[string, Buffer]> = [
      ["gb18030", iconv.encode(text, "gb18030")],
      ["utf-16le", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")])],
      ["utf-16be", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, "utf-16be")])],
      ["utf-8", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ];
    for (const [encoding, bytes] of variants) {
      const p = await parseDocument(bytes, file);
      expect(p.source.encoding).toBe(encoding);
      expect(withoutSource(p)).toEqual(withoutSource(original));
    }
  });
});

describe("metadata", () => {
  test.each(seedFiles())("%s: the region follows the place the text names, whatever it is called", async (file) => {
    const original = await parseFile(file);
    const base = original.region!.replace(/[市县区州]$/u, "");
    for (const name of ["和平", "云梦", "东宝", "大冶"]) {
      const renamed = await parseDocument(Buffer.from(readFileSync(file, "utf8").split(base).join(name)), file);
      expect(renamed.region).toBe(name + original.region!.slice(base.length));
      expect(renamed.id).not.toBe(original.id);
      expect([renamed.kind, renamed.period]).toEqual([original.kind, original.period]);
    }
  });
});

describe("outline and clean-up", () => {
  test("004: 第X篇 with Word-numbered chapters and 第X节 nest; bookmarks never reach a title", async () => {
    const p = await parseFile(join(SEEDS_DIR, "ezhou-14th-five-year-plan.txt"));
    expect(p.outline[0]).toMatchObject({ level: 1, label: "第一篇", title: "全面建成小康社会，开启鄂州社会主义现代化建设新征程" });
    expect(p.outline[0].children[0]).toMatchObject({ level: 2, label: "1.", title: "历史方位" });
    expect(p.outline[0].children[0].children[0]).toMatchObject({ level: 3, label: "第一节", title: "决胜全面建成小康社会取得决定性成就" });
    expect(p.outline.length).toBeGreaterThanOrEqual(8);
  });
  test("000: the table of contents at the top is not the outline", async () => {
    const p = await parseFile(join(SEEDS_DIR, "jingmen-14th-five-year-plan.txt"));
    const first = p.outline[0];
    expect(first).toMatchObject({ label: "第一章", title: "开启全面建设社会主义现代化新征程" });
    // the body's chapter, not the TOC line near the top of the file
    expect(first.line).toBeGreaterThan(60);
    const chapters = p.outline.filter((n) => /章$/.test(n.label)).map((n) => n.label);
    expect(new Set(chapters).size).toBe(chapters.length);
    expect(first.children.map((c) => c.label)).toEqual(["第一节", "第二节", "第三节"]);
  });
  test("003: a chapter title printed on two lines is one title; page numbers and running heads are dropped", async () => {
    const p = await parseFile(join(SEEDS_DIR, "xianning-15th-five-year-plan.txt"));
    expect(p.outline[1]).toMatchObject({ label: "第二章", title: "加快构建体现咸宁优势的现代化产业体系 巩固壮大实体经济根基" });
    expect(p.outline[1].children[0]).toMatchObject({ label: "第一节", title: "加快培育支柱产业" });
    const a2 = await parseFile(join(__dirname, "fixtures", "samples", "A2_songling_15fyp.txt"));
    expect(a2.outline.map((n) => n.title)).not.toContain("松陵市国民经济和社会发展第十五个五年规划纲要");
    expect(JSON.stringify(a2)).not.toMatch(/— 7 —/);
  });
  test("a .docx is read as paragraphs and real tables", async () => {
    const zip = new JSZip();
    const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const row = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(c)}</w:tc>`).join("")}</w:tr>`;
    const body = [
      p("青澜县国民经济和社会发展第十四个五年规划纲要"),
      p("第一章 总体要求"),
      p("青澜县“十四五”时期经济社会发展主要指标"),
      `<w:tbl>${row(["类别", "序号", "指标名称", "2020年", "2025年", "年均增速", "属性"])}${row(["经济发展", "1", "地区生产总值增长（%）", "—", "—", "7左右", "预期性"])}${row(["", "2", "森林覆盖率（%）", "40.1", "42", "[1.9]", "约束性"])}</w:tbl>`,
      p("第二章 产业"),
    ].join("");
    zip.file("word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`);
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const plan = await parseDocument(bytes, "qinglan.docx");
    expect(plan.source.encoding).toBe("docx");
    expect(plan).toMatchObject({ region: "青澜县", kind: "five-year-plan", period: { label: "十四五", start: 2021, end: 2025 } });
    expect(plan.indicatorTables[0].indicators.map((i) => [i.category, i.name, i.unit, i.rate?.raw ?? null, i.target?.raw ?? null])).toEqual([
      ["经济发展", "地区生产总值增长", "%", "7左右", null],
      ["经济发展", "森林覆盖率", "%", "[1.9]", "42"],
    ]);
  });
  test(".docx: merged cells keep columns aligned; content controls, entities and breaks are read; an oversized document is refused", async () => {
    const zip = new JSZip();
    const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const cell = (t: string, span = 1) => `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ""}${p(t)}</w:tc>`;
    const body = [
      p("松陵市国民经济和社会发展第十五个五年规划纲要"),
      `<w:sdt><w:sdtContent>${p("第一章 总体要求")}</w:sdtContent></w:sdt>`,
      p("松陵市“十五五”时期经济社会发展主要指标"),
      `<w:tbl><w:tr>${["类别", "序号", "指标名称", "2025年", "2030年", "年均/累计", "属性"].map((h) => cell(h)).join("")}</w:tr>`,
      `<w:tr>${cell("经济发展")}${cell("1")}${cell("R&amp;D经费投入强度（%）")}${cell("—", 2)}${cell("&#x5B8C;成省下达目标")}${cell("预期性")}</w:tr></w:tbl>`,
      `<w:p><w:r><w:t>第二章</w:t><w:br w:type="page"/><w:t>产业</w:t></w:r></w:p>`,
    ].join("");
    zip.file("word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`);
    const plan = await parseDocument(await zip.generateAsync({ type: "uint8array" }), "songling.docx");
    expect(plan.outline.map((n) => n.label)).toContain("第一章");
    const [row] = plan.indicatorTables[0].indicators;
    expect([row.name, row.unit, row.baseline, row.target, row.rate?.raw, row.attribute]).toEqual(["R&D经费投入强度", "%", null, null, "完成省下达目标", "预期性"]);

    const bomb = new JSZip();
    bomb.file("word/document.xml", "<w:document>" + "x".repeat(65 * 1024 * 1024) + "</w:document>", { compression: "DEFLATE" });
    const bytes = await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    await expect(parseDocument(bytes, "bomb.docx")).rejects.toThrow(/解压后超过 64 MB/);
  });
  test("a layout Planbook does not read is a warning with its line, not a crash or wrong rows", async () => {
    const text = ["某县“十四五”主要指标", "", "指标名称：地区生产总值；序号：1；属性：预期性；2025年：500", "", "第一章 总体要求"].join("\n");
    const plan = await parseDocument(Buffer.from(text), "odd.txt");
    expect(plan.indicatorTables).toEqual([]);
    expect(plan.warnings.map((w) => [w.code, w.line])).toContainEqual(["table-layout", 3]);
  });
});

describe("planbook parse (the CLI)", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "parse", ...args], { encoding: "utf8" });
  const dir = mkdtempSync(join(tmpdir(), "planbook-parse-"));

  test("one file: its Plan JSON on stdout, exit 0", () => {
    const r = run(join(SEEDS_DIR, "xianning-15th-five-year-plan.txt"));
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.region).toBe("咸宁市");
    expect(plan.indicatorTables[0].indicators).toHaveLength(21);
  });
  test("several files: one <name>.json each in --out", () => {
    const out = join(dir, "out");
    const files = seedFiles();
    const r = run(...files, "--out", out);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(files.map((f) => basename(f).replace(/\.txt$/, ".json")).sort());
  });
  test.each([
    ["missing", join(dir, "nope.txt"), /no such file/],
    ["a directory", dir, /is a directory/],
    ["empty", "empty.txt", /文件是空的/],
    ["binary", "binary.bin", /二进制/],
  ])("a file that cannot be read (%s): exit 1 with one line naming it", (_what, file, message) => {
    const path = file.includes("/") ? file : join(dir, file);
    if (file === "empty.txt") writeFileSync(path, "");
    if (file === "binary.bin") writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = run(path);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(path);
  });
  test("a reader that stops early (| head) ends the output quietly: exit 0, nothing on stderr", async () => {
    const child = spawn(process.execPath, [CLI, "parse", join(SEEDS_DIR, "jingmen-14th-five-year-plan.txt")]);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
  test("warnings go to stderr as file:line: message, and the exit is still 0", () => {
    mkdirSync(join(dir, "warn"), { recursive: true });
    const path = join(dir, "warn", "odd.txt");
    writeFileSync(path, ["某县“十四五”主要指标", "", "指标名称：地区生产总值；序号：1；属性：预期性；2025年：500"].join("\n"));
    const r = run(path);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${path}:3: `);
  });
});
