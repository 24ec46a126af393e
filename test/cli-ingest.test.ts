/**
 * The library commands as a clerk meets them (issue 13 items 6, 9, 10, 12; issue 11's command
 * line; issue 10's --force): real processes where the terminal or file permissions matter.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../generator/cli";
import { CliError, type CliIO } from "../generator/cli/command";
import { openLibrary } from "../generator/library";
import { PLAN_KINDS } from "../generator/model";
import { binaryFile } from "./helpers/hostile-files";
import { isRoot, runCli, startCli } from "./helpers/cli-process";
import { readOnlyCopy } from "./helpers/read-only";
import { fetchText, SAMPLES, syntheticPlan, tempDir } from "./library-support";

function capture(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), warn: (t) => err.push(t), progress: () => {}, env, cwd };
  return { io, out, err, text: () => out.join("\n"), errors: () => err.join("\n") };
}

const occurrences = (text: string, what: string) => text.split(what).length - 1;

describe("planbook ingest on a folder with things it cannot read", () => {
  const tmp = tempDir("cli-ingest");
  afterAll(() => {
    chmodSync(join(tmp.dir, "docs", "locked"), 0o755);
    tmp.remove();
  });

  it("ingests what it can, reports each file it skipped and why, each path once, an unreadable folder and a link loop in words, and exits 1", () => {
    // as root, permissions stop nobody: the command runs as the user nobody, who needs to reach the folder
    chmodSync(tmp.dir, 0o777);
    const docs = join(tmp.dir, "docs");
    mkdirSync(join(docs, "sub"), { recursive: true });
    copyFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"), join(docs, "a.txt"));
    copyFileSync(join(SAMPLES, "A2_songling_15fyp.txt"), join(docs, "sub", "b.txt"));
    writeFileSync(join(docs, "notes.md"), "# 笔记");
    writeFileSync(join(docs, "photo.png"), binaryFile(1, 64));
    writeFileSync(join(docs, ".hidden.txt"), "临时文件");
    symlinkSync("loop", join(docs, "loop"));
    mkdirSync(join(docs, "locked"));
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), join(docs, "locked", "c.txt"));
    chmodSync(join(docs, "locked"), 0o000);
    copyFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt"), join(docs, "secret.txt"));
    chmodSync(join(docs, "secret.txt"), 0o000);

    const r = runCli(["ingest", docs, join(docs, "sub"), "--library", join(tmp.dir, "lib", "library.db")], { asNobody: true });
    const all = r.stdout + r.stderr;
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/新增 +[0-9a-f]{16} r1 +.*a\.txt/);
    expect(r.stdout).toMatch(/新增 +[0-9a-f]{16} r1 +.*sub\/b\.txt/);
    expect(r.stdout).toMatch(/3 个文件：新增 2，新修订 0，未变 0，未入库 1/);
    expect(r.stderr).toMatch(/已跳过 .*notes\.md：不是 Planbook 能读取的文档格式（\.md）/);
    expect(r.stderr).toMatch(/已跳过 .*photo\.png：不是 Planbook 能读取的文档格式（\.png）/);
    expect(r.stderr).toMatch(/loop：链接无法打开：符号链接指向自身（循环链接）/);
    expect(r.stderr).toMatch(/locked：无法读取这个文件夹：没有读取权限/);
    expect(r.stderr).toMatch(/secret\.txt：没有读取权限/);
    // each path once, however many folders lead to it; no errno jargon, no stack
    for (const name of ["a.txt", "sub/b.txt", "notes.md", "photo.png", "docs/loop", "docs/locked", "secret.txt"]) expect(occurrences(all, name)).toBe(1);
    expect(all).not.toMatch(/EACCES|ELOOP|scandir|\n\s+at /);
    expect(all).not.toContain(".hidden.txt");
  });
});

describe("planbook ingest, ls, show on the library", () => {
  const tmp = tempDir("cli-lib");
  const env = { PLANBOOK_LIBRARY: join(tmp.dir, "lib.db") };
  afterAll(() => tmp.remove());

  it("reports two files of one document as one plan with two sources, and adds nothing on the next pass", async () => {
    const text = readFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"), "utf8");
    mkdirSync(join(tmp.dir, "versions"));
    writeFileSync(join(tmp.dir, "versions", "qinglan-v1.txt"), text);
    writeFileSync(join(tmp.dir, "versions", "qinglan-v2.txt"), `${text}\n附：本规划由县人民政府负责解释。\n`);
    const first = capture(tmp.dir, env);
    expect(await main(["ingest", join(tmp.dir, "versions")], first.io)).toBe(0);
    expect(first.text()).toMatch(/同一规划的 2 个版本（.*）：r1 .*qinglan-v1\.txt，r2 .*qinglan-v2\.txt；最新为 r2/);
    for (let pass = 0; pass < 2; pass++) {
      const again = capture(tmp.dir, env);
      expect(await main(["ingest", join(tmp.dir, "versions")], again.io)).toBe(0);
      expect(again.text()).toMatch(/2 个文件：新增 0，新修订 0，未变 2/);
      expect(again.text()).toMatch(/未变 +[0-9a-f]{16} r1 +.*qinglan-v1\.txt（较早的版本；最新为 r2）/);
    }
  });

  it("refuses an unknown --kind, listing the kinds there are", async () => {
    const e = await main(["ls", "--kind", "nonsense"], capture(tmp.dir, env).io).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).code).toBe(2);
    for (const kind of PLAN_KINDS) expect((e as CliError).message).toContain(kind);
    expect((e as CliError).message).toContain("五年规划纲要");
    const ok = capture(tmp.dir, env);
    expect(await main(["ls", "--kind", "five-year-plan"], ok.io)).toBe(0);
    expect(ok.text()).toContain("五年规划纲要");
  });

  it("lists, after the plans, the files that could not be ingested and why", async () => {
    writeFileSync(join(tmp.dir, "program.txt"), binaryFile(2));
    const ingest = capture(tmp.dir, env);
    expect(await main(["ingest", join(tmp.dir, "program.txt")], ingest.io)).toBe(1);
    expect(ingest.errors().split("\n")).toHaveLength(1);
    const ls = capture(tmp.dir, env);
    await main(["ls"], ls.io);
    expect(ls.text()).toMatch(/未能入库的文件（1 个）/);
    expect(ls.text()).toMatch(/program\.txt .*binary|program\.txt .*二进制|program\.txt .*不/);
  });

  it("prints a title's terminal escapes as nothing, in tables and in show; --json keeps the data and escapes them", () => {
    const library = openLibrary(env.PLANBOOK_LIBRARY);
    const plan = syntheticPlan({ id: "escapes", region: "甲市", indicators: [{ name: "森林\u001b[2J覆盖率", target: "40" }] });
    plan.title = "\u001b]0;pwned\u0007\u001b[31m红色标题\u001b[0m\u009b1m\u202e倒序";
    library.ingestPlan(plan);
    library.close();
    for (const [args, shown] of [[["ls"], "红色标题"], [["show", "escapes"], "红色标题"], [["search", "覆盖率"], "森林覆盖率"]] as const) {
      const r = runCli([...args], { env });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(shown);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    const json = runCli(["show", "escapes", "--json"], { env });
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json.stdout).title).toBe(plan.title);
  });
});

describe("ingest --force (issue 10's gate, through the command's own ingest loop)", () => {
  const tmp = tempDir("cli-force");
  afterAll(() => tmp.remove());
  /** a parser that reads every file as the parser does a file that is not a planning document */
  const FLAGGING = `
const { parentPort } = require("node:worker_threads");
parentPort.postMessage({ ready: true });
parentPort.on("message", (r) => parentPort.postMessage({ id: r.id, plan: ${JSON.stringify(
    (() => {
      const plan = syntheticPlan({ id: "flagged", region: "甲市" });
      plan.warnings.push({ code: "not-a-plan", message: "没有标题、目录、指标表或目标，不像规划文件", line: null } as (typeof plan.warnings)[number]);
      return plan;
    })(),
  )} }));`;

  it("keeps a flagged document out and says why, then stores it with --force", async () => {
    const { ingestAll } = await import("../generator/cli/ingest");
    const file = join(tmp.dir, "odd.txt");
    writeFileSync(file, "一段不像规划的文字\n");
    const library = openLibrary(join(tmp.dir, "library.db"));
    try {
      const refused = capture(tmp.dir);
      const first = await ingestAll(library, [file], refused.io, { parse: { workerSource: FLAGGING } });
      expect(first.failed).toEqual([{ path: file, reason: expect.stringContaining("--force") }]);
      expect(refused.errors()).toMatch(/odd\.txt：不像可读的规划文件（没有标题、目录、指标表或目标，不像规划文件），未入库/);
      expect(library.getSummary("flagged")).toBeNull();
      const forced = capture(tmp.dir);
      const second = await ingestAll(library, [file], forced.io, { parse: { workerSource: FLAGGING }, force: true });
      expect(second.results).toEqual([expect.objectContaining({ planId: "flagged", status: "new" })]);
      expect(library.failures()).toEqual([]);
    } finally {
      library.close();
    }
  });
});

describe("a library in a read-only folder", () => {
  const tmp = tempDir("cli-ro");
  let folder: ReturnType<typeof readOnlyCopy>;
  let id: string;
  beforeAll(async () => {
    mkdirSync(join(tmp.dir, "src"));
    const library = openLibrary(join(tmp.dir, "src", "library.db"));
    id = (await library.ingestFile(join(SAMPLES, "A1_qinglan_14fyp.txt"))).planId;
    library.close();
    folder = readOnlyCopy(join(tmp.dir, "src"), join(tmp.dir, "ro"));
    mkdirSync(join(tmp.dir, "inbox"));
  });
  afterAll(() => {
    folder.remove();
    tmp.remove();
  });

  it("is read by ls, show and search", () => {
    const env = { PLANBOOK_LIBRARY: join(folder.dir, "library.db") };
    for (const args of [["ls"], ["show", id], ["search", "粮油"]]) {
      const r = runCli(args, { env });
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: "" });
      expect(r.stdout).toMatch(/青澜|粮油/);
    }
  });

  it("is served without watching, and the service says so", async () => {
    const service = await startCli(["serve", "--http", "--port", "0", "--watch", join(tmp.dir, "inbox"), "--library", join(folder.dir, "library.db")], /按 Ctrl-C 停止/);
    try {
      expect(service.out()).toMatch(/是只读的：只提供查询，不监视文件夹/);
      expect(service.out()).not.toMatch(/正在监视/);
      expect(service.err()).toMatch(/只读：不监视/);
      const url = /(http:\/\/[^\s：]+:\d+)/.exec(service.out())![1];
      const health = (await fetchText(`${url}/api/health`)).json();
      expect(health).toMatchObject({ plans: 1, readonly: true });
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });
});

if (!isRoot) console.warn("cli-ingest: not root, so file permissions are tested with chmod as this user");
