import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { tempDir } from "./library-support";

/**
 * A child node process ingests large plans in a loop and is killed with SIGKILL. The child loads the
 * TypeScript sources through a transpile-only require hook, so this test needs no build.
 */
const CHILD = `
const ts = require("typescript");
const fs = require("fs");
require.extensions[".ts"] = (module, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true }, fileName: file });
  module._compile(out.outputText, file);
};
const { openLibrary } = require(${JSON.stringify(join(__dirname, "..", "generator", "library", "index.ts"))});
const [dbPath, mode] = process.argv.slice(1);
const library = openLibrary(dbPath);
const say = (line) => fs.writeSync(1, line + "\\n");

function bigPlan(n, hang) {
  const indicators = [];
  for (let i = 0; i < 4000; i++) indicators.push({ category: null, seq: String(i), name: "指标" + n + "-" + i + "森林覆盖率", unit: "%", parent: null, baseline: null, target: { raw: String(i), value: i, comparator: "=", cumulative: false, text: null, unit: null, kind: "level" }, rate: null, attribute: null, flags: [], cells: {}, line: i });
  const projects = [];
  for (let i = 0; i < 2000; i++) projects.push({ name: "项目" + n + "-" + i });
  const last = projects[projects.length - 1];
  if (hang) {
    // the second read of this name happens while the search rows are written, deep inside the transaction
    let reads = 0;
    Object.defineProperty(last, "name", { enumerable: true, get() {
      if (++reads === 2) { say("inside"); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); }
      return "最后的项目";
    } });
  }
  return {
    schemaVersion: 1, id: "p" + (n % 3), source: { path: "x" + n + ".txt", sha256: "sha-" + n, encoding: "utf-8", bytes: 1 },
    kind: "five-year-plan", title: "第" + n + "版", region: "甲市" + (n % 3), period: { label: "十四五", start: 2021, end: 2025 },
    outline: [], indicatorTables: [{ title: "主要指标", role: "targets", baseYear: 2020, targetYear: 2025, columns: [], columnInfo: [], line: 1, indicators, notes: [] }],
    projectBoxes: [{ label: "专栏 1", title: "项目", kind: "projects", section: null, line: 1, groups: [{ name: null, projects }] }],
    targets: [], annualTargets: [], lastYearResults: [], tasks: [], warnings: [],
  };
}

for (let n = 0; ; n++) {
  const hang = mode === "hang" && n === 4;
  const result = library.ingestPlan(bigPlan(n, hang));
  say("committed " + n + " " + result.planId + " " + result.revision);
}
`;

interface Stored {
  latest: Map<string, number>;
}

function checkConsistent(dbPath: string): Stored {
  const db = new Database(dbPath);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const plans = db.prepare("SELECT id, latest_revision FROM plans").all() as Array<{ id: string; latest_revision: number }>;
    const latest = new Map<string, number>();
    for (const plan of plans) {
      latest.set(plan.id, plan.latest_revision);
      const revisions = db.prepare("SELECT revision, indicator_count, project_count, plan_json FROM revisions WHERE plan_id = ? ORDER BY revision").all(plan.id) as Array<{
        revision: number;
        indicator_count: number;
        project_count: number;
        plan_json: string;
      }>;
      // revisions 1..latest, each whole
      expect(revisions.map((r) => r.revision)).toEqual(Array.from({ length: plan.latest_revision }, (_, i) => i + 1));
      for (const r of revisions) {
        const stored = JSON.parse(r.plan_json);
        expect(stored.indicatorTables[0].indicators).toHaveLength(r.indicator_count);
        expect(stored.projectBoxes[0].groups[0].projects).toHaveLength(r.project_count);
      }
      // the denormalised rows are exactly those of the latest revision
      const top = revisions[revisions.length - 1];
      const rows = db.prepare("SELECT count(*) AS n FROM search_rows WHERE plan_id = ?").get(plan.id) as { n: number };
      expect(rows.n).toBe(top.indicator_count + top.project_count);
      const metrics = db.prepare("SELECT count(*) AS n FROM metrics WHERE plan_id = ?").get(plan.id) as { n: number };
      expect(metrics.n).toBe(top.indicator_count);
    }
    const fts = db.prepare("SELECT count(*) AS n FROM search_fts").get() as { n: number };
    const rows = db.prepare("SELECT count(*) AS n FROM search_rows").get() as { n: number };
    expect(fts.n).toBe(rows.n);
    return { latest };
  } finally {
    db.close();
  }
}

interface IngestChild {
  kill(): void;
  /** plan id → the last revision the child reported committed */
  committed: Map<string, number>;
  /** resolves once the child is dead by SIGKILL; rejects if it died any other way */
  exited: Promise<void>;
}

function spawnIngestChild(dbPath: string, mode: "hang" | "loop", onLine: (line: string, child: IngestChild) => void): IngestChild {
  const proc = spawn(process.execPath, ["-e", CHILD, dbPath, mode], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const child: IngestChild = {
    kill: () => proc.kill("SIGKILL"),
    committed: new Map(),
    exited: new Promise((resolve, reject) => {
      proc.on("error", reject);
      proc.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`the ingest child exited with ${code}: ${stderr}`))));
    }),
  };
  createInterface({ input: proc.stdout }).on("line", (line) => {
    const m = /^committed \d+ (\S+) (\d+)$/.exec(line);
    if (m) child.committed.set(m[1], Number(m[2]));
    onLine(line, child);
  });
  return child;
}

describe("an ingest killed with SIGKILL", () => {
  const tmp = tempDir("crash");
  afterAll(() => tmp.remove());

  it("mid-transaction leaves the previous revisions whole and no trace of the half-stored one", async () => {
    const dbPath = join(tmp.dir, "hang.db");
    const child = spawnIngestChild(dbPath, "hang", (line, c) => line === "inside" && c.kill());
    await child.exited;
    // plans p0, p1, p2 took ingests 0..3; ingest 4 (p1's second revision) was killed inside its transaction
    expect(child.committed).toEqual(new Map([["p0", 2], ["p1", 1], ["p2", 1]]));
    expect(checkConsistent(dbPath).latest).toEqual(child.committed);
  });

  it("at an arbitrary moment of a busy ingest loop leaves a consistent library", async () => {
    for (let round = 0; round < 3; round++) {
      const dbPath = join(tmp.dir, `loop-${round}.db`);
      let timer: NodeJS.Timeout | undefined;
      const child = spawnIngestChild(dbPath, "loop", (line, c) => {
        // kill by time, not by output: whatever the child is doing a moment after its first commit
        if (line.startsWith("committed") && !timer) timer = setTimeout(c.kill, 50 + Math.floor(Math.random() * 400));
      });
      await child.exited;
      const stored = checkConsistent(dbPath);
      // what the child reported is stored; at most one more commit can have landed before the kill
      for (const [id, revision] of child.committed) expect(stored.latest.get(id)).toBeGreaterThanOrEqual(revision);
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      expect(total(stored.latest) - total(child.committed)).toBeLessThanOrEqual(1);
    }
  });
});
