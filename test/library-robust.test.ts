/** Issue 13: opening races, read-only libraries, paths shown to others, the not-a-plan gate, failures kept. */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { libraryWritable, openLibrary, SCHEMA_LATEST } from "../generator/library";
import type { Plan } from "../generator/model";
import { readOnlyCopy } from "./helpers/read-only";
import { SAMPLES, syntheticPlan, tempDir } from "./library-support";

/**
 * Child processes open the library through open.ts and schema.ts, transpiled here once (loading
 * TypeScript in every child would cost more than the race itself).
 */
function transpileOpener(dir: string): string {
  const ts = require("typescript") as typeof import("typescript");
  for (const name of ["open", "schema"]) {
    const file = join(__dirname, "..", "generator", "library", `${name}.ts`);
    const out = ts.transpileModule(readFileSync(file, "utf8"), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } });
    writeFileSync(join(dir, `${name}.js`), out.outputText);
  }
  const child = join(dir, "child.js");
  writeFileSync(
    child,
    `const { openDatabase } = require("./open.js");
const [start, gap, ...paths] = process.argv.slice(2);
const results = [];
paths.forEach((path, i) => {
  const at = Number(start) + i * Number(gap);
  while (Date.now() < at) {}
  try {
    openDatabase(path).close();
    results.push("ok");
  } catch (e) {
    results.push("error: " + e.message);
  }
});
process.stdout.write(JSON.stringify(results));
`,
  );
  return child;
}

function runOpener(child: string, start: number, gap: number, paths: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, String(start), String(gap), ...paths], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_PATH: join(__dirname, "..", "node_modules") },
    });
    let out = "";
    let err = "";
    proc.stdout.on("data", (c: Buffer) => (out += c));
    proc.stderr.on("data", (c: Buffer) => (err += c));
    proc.on("error", reject);
    proc.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`opener exited ${code}: ${err}`))));
  });
}

describe("first opens of a new library racing each other (item 5)", () => {
  const tmp = tempDir("race");
  afterAll(() => tmp.remove());

  it("all succeed and migrate once: 16 processes open each of 5 new libraries at the same instant", async () => {
    const child = transpileOpener(tmp.dir);
    const paths = [0, 1, 2, 3, 4].map((i) => join(tmp.dir, `race-${i}`, "library.db"));
    // time for every child to start before the first instant
    const start = Date.now() + 1500;
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => runOpener(child, start, 250, paths)));
    expect(outcomes.flat().filter((r) => r !== "ok")).toEqual([]);
    for (const path of paths) {
      const db = new Database(path, { readonly: true });
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_LATEST);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.prepare("SELECT count(*) AS n FROM meta").get()).toEqual({ n: 1 });
      db.close();
    }
  });

  // back to back, the switch to WAL meets other connections mid-change: SQLite answers "database is
  // locked" there without waiting (15 of 160 opens failed before the switch was retried)
  it("all succeed when 16 processes open 10 new libraries back to back", async () => {
    const child = transpileOpener(tmp.dir);
    const paths = Array.from({ length: 10 }, (_, i) => join(tmp.dir, `burst-${i}`, "library.db"));
    const start = Date.now() + 1500;
    const outcomes = await Promise.all(Array.from({ length: 16 }, () => runOpener(child, start, 0, paths)));
    expect(outcomes.flat().filter((r) => r !== "ok")).toEqual([]);
    for (const path of paths) {
      const db = new Database(path, { readonly: true });
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_LATEST);
      db.close();
    }
  });
});

describe("a library in a folder this process may not write (item 9)", () => {
  const tmp = tempDir("readonly");
  const source = join(tmp.dir, "source");
  let folder: ReturnType<typeof readOnlyCopy>;
  beforeAll(() => {
    mkdirSync(source);
    const library = openLibrary(join(source, "library.db"));
    library.ingestPlan(syntheticPlan({ id: "kept", region: "甲市", indicators: [{ name: "森林覆盖率", target: "40" }] }));
    library.close();
    folder = readOnlyCopy(source, join(tmp.dir, "ro"));
  });
  afterAll(() => {
    folder.remove();
    tmp.remove();
  });

  it("is known to be read-only, cannot be opened for writing, and is read when opened read-only", () => {
    const path = join(folder.dir, "library.db");
    expect(libraryWritable(path)).toBe(false);
    expect(libraryWritable(join(source, "library.db"))).toBe(true);
    expect(() => openLibrary(path)).toThrow();
    const library = openLibrary(path, { readonly: true });
    try {
      expect(library.writable).toBe(false);
      expect(library.listPlans().map((p) => p.id)).toEqual(["kept"]);
      expect(library.search("森林覆盖率")).toHaveLength(1);
      expect(library.failures()).toEqual([]);
      expect(() => library.ingestPlan(syntheticPlan({ id: "new", region: "乙市" }))).toThrow(/只读/);
    } finally {
      library.close();
    }
  });

  it("opened read-only where it does not exist: a clear error, and nothing created", () => {
    expect(() => openLibrary(join(tmp.dir, "absent", "library.db"), { readonly: true })).toThrow(/还不存在.*planbook ingest/);
    expect(require("node:fs").existsSync(join(tmp.dir, "absent"))).toBe(false);
  });
});

describe("a synonym the clerk adds reaches the reading commands (ls, show, search open read-only)", () => {
  const tmp = tempDir("stale-keys");
  // two plans name one indicator two ways; only the clerk's new synonym says they are one
  const added = { terms: [], names: [["林木覆盖面积占比", "森林覆盖率"]] };
  const write = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    const library = openLibrary(join(dir, "library.db"), { synonyms: { terms: [], names: [] } });
    library.ingestPlan(syntheticPlan({ id: "a", region: "甲市", indicators: [{ name: "森林覆盖率", target: "40" }] }));
    library.ingestPlan(syntheticPlan({ id: "b", region: "乙市", indicators: [{ name: "林木覆盖面积占比", target: "45" }] }));
    library.close();
  };
  afterAll(() => tmp.remove());

  it("where the library can be written, a read-only open rebuilds the keys first and compares through the synonym", () => {
    const dir = join(tmp.dir, "rw");
    write(dir);
    const before = openLibrary(join(dir, "library.db"), { readonly: true, synonyms: { terms: [], names: [] } });
    expect(before.compare("森林覆盖率").rows.map((r) => r.region)).toEqual(["甲市"]);
    before.close();
    const library = openLibrary(join(dir, "library.db"), { readonly: true, synonyms: added });
    try {
      expect(library.writable).toBe(false);
      expect(library.staleNameKeys).toBe(false);
      expect(library.compare("森林覆盖率").rows.map((r) => r.region).sort()).toEqual(["乙市", "甲市"]);
    } finally {
      library.close();
    }
  });

  it("where it cannot, it says so (staleNameKeys) and compares by keying every stored name afresh", () => {
    const source = join(tmp.dir, "src");
    write(source);
    const folder = readOnlyCopy(source, join(tmp.dir, "ro"));
    try {
      const library = openLibrary(join(folder.dir, "library.db"), { readonly: true, synonyms: added });
      try {
        expect(library.staleNameKeys).toBe(true);
        expect(library.compare("森林覆盖率").rows.map((r) => r.region).sort()).toEqual(["乙市", "甲市"]);
        expect(library.compare("林木覆盖面积占比").rows.map((r) => r.region).sort()).toEqual(["乙市", "甲市"]);
      } finally {
        library.close();
      }
    } finally {
      folder.remove();
    }
  });
});

describe("source paths shown to others (item 12)", () => {
  const tmp = tempDir("paths");
  afterAll(() => tmp.remove());

  it("are relative to the library's folder, or the file name alone; never a machine's absolute path", async () => {
    const project = join(tmp.dir, "project");
    mkdirSync(join(project, "seeds"), { recursive: true });
    const inside = join(project, "seeds", "dongzhu.txt");
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), inside);
    const outside = join(tmp.dir, "elsewhere", "qinglan.txt");
    mkdirSync(join(tmp.dir, "elsewhere"));
    copyFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"), outside);
    const library = openLibrary(join(project, ".planbook", "library.db"));
    try {
      const a = await library.ingestFile(inside);
      const b = await library.ingestFile(outside);
      expect(library.getSummary(a.planId)).toMatchObject({ sourcePath: "seeds/dongzhu.txt", sourceName: "dongzhu.txt" });
      expect(library.getSummary(b.planId)).toMatchObject({ sourcePath: "qinglan.txt", sourceName: "qinglan.txt" });
      for (const s of library.listPlans()) expect(s.sourcePath.startsWith("/")).toBe(false);
    } finally {
      library.close();
    }
  });
});

describe("the not-a-plan gate (issue 10) and recorded failures (item 1)", () => {
  const tmp = tempDir("gate");
  afterAll(() => tmp.remove());

  /** a Plan the parser would flag: what i10's parser emits for a file that is not a planning document */
  const flagged = (code: string): Plan => {
    const plan = syntheticPlan({ id: `flagged-${code}`, region: "甲市" });
    plan.warnings.push({ code, message: code === "mojibake" ? "文字像是乱码（编码识别错误）" : "没有标题、目录、指标表或目标，不像规划文件", line: null } as Plan["warnings"][number]);
    return plan;
  };

  it("keeps a flagged Plan out unless forced, says why, records it, and clears the record once stored", async () => {
    const library = openLibrary(join(tmp.dir, "library.db"));
    try {
      const file = join(tmp.dir, "odd.txt");
      writeFileSync(file, "不是规划的一段文字\n");
      for (const code of ["not-a-plan", "mojibake"]) {
        const plan = flagged(code);
        const parse = async () => plan;
        const refused = await library.ingestFile(file, { parse }).then(
          () => null,
          (e: Error & { code?: string }) => e,
        );
        expect(refused).toMatchObject({ code: "not-a-plan", path: file });
        expect(refused!.message).toContain(plan.warnings[0].message);
        expect(refused!.message).toContain("--force");
        expect(library.getSummary(plan.id)).toBeNull();
        expect(library.failures()).toEqual([expect.objectContaining({ path: file, code: "not-a-plan" })]);
        expect(await library.ingestFile(file, { parse, force: true })).toMatchObject({ planId: plan.id, status: "new" });
        expect(library.failures()).toEqual([]);
        library.db.prepare("DELETE FROM revisions").run();
        library.db.prepare("DELETE FROM plans").run();
      }
    } finally {
      library.close();
    }
  });

  it("skips bytes that failed before when asked to (a watcher restarting), and tries them again once they change", async () => {
    const library = openLibrary(join(tmp.dir, "skip.db"));
    try {
      const file = join(tmp.dir, "binary.txt");
      writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0]));
      let parses = 0;
      const parse = async (bytes: Uint8Array, path: string) => {
        parses++;
        return (await import("../generator/parse")).parseDocument(bytes, path);
      };
      await expect(library.ingestFile(file, { parse, skipKnownFailures: true })).rejects.toMatchObject({ code: "unreadable", repeated: false });
      await expect(library.ingestFile(file, { parse, skipKnownFailures: true })).rejects.toMatchObject({ code: "unreadable", repeated: true });
      expect(parses).toBe(1);
      copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), file);
      expect(await library.ingestFile(file, { parse, skipKnownFailures: true })).toMatchObject({ status: "new" });
      expect(parses).toBe(2);
      expect(library.failures()).toEqual([]);
    } finally {
      library.close();
    }
  });
});
