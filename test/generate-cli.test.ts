import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { PLAN_KIND_LABELS } from "../generator/model";
import { parseFile } from "../generator/parse";
import { planbookVersion } from "../generator/version";
import { SEEDS_DIR } from "./helpers/answer-keys";

const CLI = join(__dirname, "..", "build", "generator", "cli.js");
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, "generate", ...args], { encoding: "utf8" });
const AT = "2025-03-01T08:00:00Z";

describe("planbook generate (the CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbook-generate-"));
  const seedInputs = readdirSync(SEEDS_DIR).map((f) => join(SEEDS_DIR, f)); // what `seeds/*` expands to, README.md included

  test("seeds/*: one workbook per seed, README.md skipped with a notice, the version on the cover", async () => {
    const out = join(dir, "a");
    const r = run(...seedInputs, "--out", out, "--generated-at", AT);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("已跳过");
    expect(r.stderr).toContain("README.md");
    const books = readdirSync(out).sort();
    expect(books).toEqual(seedInputs.filter((f) => f.endsWith(".txt")).map((f) => f.split("/").pop()!.replace(/\.txt$/, ".xlsx")).sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "xianning-15th-five-year-plan.xlsx"));
    const cover = wb.getWorksheet("封面")!;
    const values: string[] = [];
    cover.eachRow((row) => row.eachCell((c) => values.push(String(c.text))));
    expect(values).toContain(planbookVersion());
    expect(values.join(" ")).toContain("咸宁市");
  });

  test("the same inputs and --generated-at give byte-identical workbooks; a Plan JSON input gives the same workbook as its document", () => {
    const seed = join(SEEDS_DIR, "xianning-15th-five-year-plan.txt");
    const one = join(dir, "one.xlsx");
    const two = join(dir, "two.xlsx");
    expect(run(seed, "--out", one, "--template", "project-register", "--generated-at", AT).status).toBe(0);
    expect(run(seed, "--out", two, "--template", "project-register", "--generated-at", AT).status).toBe(0);
    expect(readFileSync(one).equals(readFileSync(two))).toBe(true);
    const json = join(dir, "xianning.json");
    const parsed = spawnSync(process.execPath, [CLI, "parse", seed], { encoding: "utf8" });
    writeFileSync(json, parsed.stdout);
    const fromJson = join(dir, "from-json.xlsx");
    expect(run(json, "--out", fromJson, "--template", "project-register", "--generated-at", AT).status).toBe(0);
    expect(readFileSync(fromJson).equals(readFileSync(one))).toBe(true);
  });

  test.each([
    ["an unknown template", [join(SEEDS_DIR, "xianning-15th-five-year-plan.txt"), "--template", "no-such-template"], /no-such-template/],
    ["a missing input", [join(dir, "missing.txt")], /missing\.txt/],
    ["a bad --generated-at", [join(SEEDS_DIR, "xianning-15th-five-year-plan.txt"), "--generated-at", "yesterday"], /generated-at/],
  ])("%s: non-zero exit with one readable line", (_what, args, message) => {
    const r = run(...(args as string[]), "--out", join(dir, "err"));
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe("planbook generate never loses a workbook (issue 13 item 7; issue 11's --out FILE)", () => {
  const dir = mkdtempSync(join(tmpdir(), "planbook-generate-names-"));
  const sample = join(__dirname, "fixtures", "samples", "A1_qinglan_14fyp.txt");
  const other = join(__dirname, "fixtures", "samples", "A2_songling_15fyp.txt");

  test("two inputs with one file name: two workbooks, the second named by its plan, said on stderr", async () => {
    for (const [d, source] of [["d1", sample], ["d2", other], ["d3", sample]] as const) {
      mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, d, "plan.txt"), readFileSync(source));
    }
    const out = join(dir, "books");
    const r = run(join(dir, "d1", "plan.txt"), join(dir, "d2", "plan.txt"), join(dir, "d3", "plan.txt"), "--out", out, "--generated-at", AT);
    expect(r.status).toBe(0);
    const books = readdirSync(out).sort();
    expect(books).toHaveLength(3);
    const stem = async (file: string) => {
      const plan = await parseFile(file);
      return `${plan.region}-${plan.period.label}-${PLAN_KIND_LABELS[plan.kind]}`;
    };
    const [a, b] = [await stem(sample), await stem(other)];
    expect(books).toEqual([`${a}.xlsx`, `${b}.xlsx`, `${a}-2.xlsx`].sort());
    expect(r.stdout.trim().split("\n").sort()).toEqual(books.map((b) => join(out, b)).sort());
    expect(r.stderr.match(/同名/g)).toHaveLength(3);
  });

  test("--out FILE.xlsx with one workbook writes that file, creating its folder", () => {
    const out = join(dir, "new", "nested", "青澜.xlsx");
    const r = run(sample, "--out", out, "--generated-at", AT);
    expect(r.status).toBe(0);
    expect(statSync(out).isFile()).toBe(true);
    expect(r.stdout.trim()).toBe(out);
  });

  test("--out FILE.xlsx for several per-plan workbooks: refused before anything is written", () => {
    const out = join(dir, "refused", "two.xlsx");
    const r = run(sample, other, "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--out .*two\.xlsx 是一个文件，但要生成 2 个工作簿；请给一个文件夹/);
    expect(existsSync(join(dir, "refused"))).toBe(false);
  });
});
