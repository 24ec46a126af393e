import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibrary, type Library } from "../generator/library";
import { parseDocument, parseFile, UnreadableDocumentError } from "../generator/parse";
import { SAMPLES, syntheticPlan, tempDir } from "./library-support";

describe("revisions of a document", () => {
  const tmp = tempDir("revisions");
  let library: Library;
  beforeAll(() => {
    library = openLibrary(join(tmp.dir, "library.db"));
  });
  afterAll(() => {
    library.close();
    tmp.remove();
  });

  it("keeps same bytes as a no-op, makes changed bytes a new revision, and keeps the old one queryable", async () => {
    const file = join(tmp.dir, "qinglan.txt");
    copyFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"), file);
    const original = await parseFile(file);

    const first = await library.ingestFile(file);
    expect(first).toEqual({ planId: original.id, revision: 1, status: "new", path: file, latestRevision: 1 });
    const generation = library.generation();
    expect(await library.ingestFile(file)).toEqual({ planId: original.id, revision: 1, status: "unchanged", path: file, latestRevision: 1 });
    expect(library.generation()).toBe(generation);

    // the same document, edited: same region, kind and period, so the same identity
    writeFileSync(file, readFileSync(file, "utf8") + "\n附：本规划由县人民政府负责解释。\n");
    const edited = await parseFile(file);
    expect(edited.id).toBe(original.id);
    const second = await library.ingestFile(file);
    expect(second).toEqual({ planId: original.id, revision: 2, status: "revised", path: file, latestRevision: 2 });
    expect(library.generation()).toBeGreaterThan(generation);

    expect(library.listPlans().map((p) => [p.id, p.revision])).toEqual([[original.id, 2]]);
    expect(library.getSummary(original.id)?.sha256).toBe(edited.source.sha256);
    expect(library.getPlan(original.id)).toEqual(edited);
    expect(library.getPlan(original.id, 1)).toEqual(original);
    expect(library.getSummary(original.id, 1)?.sha256).toBe(original.source.sha256);
    expect(library.listRevisions(original.id).map((r) => [r.revision, r.sha256])).toEqual([
      [1, original.source.sha256],
      [2, edited.source.sha256],
    ]);
    expect(library.getPlan(original.id, 3)).toBeNull();
    expect(library.diff(original.id, 1, 2)?.fields).toEqual([{ field: "sha256", from: original.source.sha256, to: edited.source.sha256 }]);
    expect(library.diff(original.id, 1, 3)).toBeNull();
  });

  it("reads a file once, so the plan stored is the bytes whose sha256 it records, however the file changes meanwhile", async () => {
    const file = join(tmp.dir, "songling.txt");
    copyFileSync(join(SAMPLES, "A2_songling_15fyp.txt"), file);
    const original = readFileSync(file);
    const saved = Buffer.concat([original, Buffer.from("\n附：本规划由县人民政府负责解释。\n")]);
    // the module object itself, as the library sees it (an `import *` namespace is a frozen copy)
    const fsPromises = require("node:fs/promises") as typeof import("node:fs/promises");
    const realReadFile = fsPromises.readFile;
    let reads = 0;
    // a save landing just after the library has read the file, as in a watched folder
    const spy = jest.spyOn(fsPromises, "readFile").mockImplementation((async (...args: Parameters<typeof realReadFile>) => {
      const bytes = await realReadFile(...args);
      if (args[0] === file) {
        reads++;
        writeFileSync(file, saved);
      }
      return bytes;
    }) as typeof realReadFile);
    let result;
    try {
      result = await library.ingestFile(file);
    } finally {
      spy.mockRestore();
    }
    expect(reads).toBe(1);
    const expected = await parseDocument(original, file);
    expect(result).toEqual({ planId: expected.id, revision: 1, status: "new", path: file, latestRevision: 1 });
    expect(library.getPlan(expected.id)).toEqual(expected);
    expect(library.getSummary(expected.id)?.sha256).toBe(createHash("sha256").update(original).digest("hex"));
    // the save is the next ingest's business
    expect(await library.ingestFile(file)).toEqual({ planId: expected.id, revision: 2, status: "revised", path: file, latestRevision: 2 });
    expect(library.getSummary(expected.id)?.sha256).toBe(createHash("sha256").update(saved).digest("hex"));
  });

  it("says in one line, without repeating the path (the error carries it), why a file cannot be read, and records it", async () => {
    const missing = join(tmp.dir, "missing.txt");
    const refusal = (path: string) => library.ingestFile(path).then(() => null, (e: unknown) => e);
    expect(await refusal(missing)).toEqual(expect.objectContaining({ message: "文件不存在", path: missing, code: "unreadable" }));
    expect(await refusal(missing)).toBeInstanceOf(UnreadableDocumentError);
    expect(await refusal(tmp.dir)).toEqual(expect.objectContaining({ message: "这是文件夹，不是文档", path: tmp.dir }));
    const empty = join(tmp.dir, "empty.txt");
    writeFileSync(empty, "");
    const e = (await refusal(empty)) as Error;
    expect(e).toMatchObject({ path: empty, code: "unreadable" });
    expect(e.message).not.toContain(empty);
    await expect(parseFile(empty)).rejects.toThrow(UnreadableDocumentError);
    expect(library.failures().map((f) => [f.path, f.code])).toEqual(
      expect.arrayContaining([[missing, "unreadable"], [tmp.dir, "unreadable"], [empty, "unreadable"]]),
    );
    // a later success clears the record
    writeFileSync(empty, readFileSync(join(SAMPLES, "A3_dongzhu_report2025.txt")));
    await library.ingestFile(empty);
    expect(library.failures().map((f) => f.path)).not.toContain(empty);
  });

  it("reports what changed between two revisions", () => {
    const base = { id: "diffed", region: "甲市", projects: { "专栏 1": ["一号工程", "二号工程"] } };
    library.ingestPlan(syntheticPlan({ ...base, indicators: [{ name: "森林覆盖率", target: "40" }, { name: "城镇化率", target: "60" }] }));
    const next = library.ingestPlan(
      syntheticPlan({ ...base, projects: { "专栏 1": ["一号工程", "三号工程"] }, indicators: [{ name: "森林覆盖率", target: "42" }, { name: "人均寿命", target: "80" }] }),
    );
    expect(next).toMatchObject({ planId: "diffed", revision: 2, status: "revised" });
    const diff = library.diff("diffed", 1, 2)!;
    expect(diff.indicators.changed).toEqual([{ context: "甲市主要指标", name: "森林覆盖率", changes: [{ field: "target", from: "40", to: "42" }] }]);
    expect(diff.indicators.added.map((i) => i.name)).toEqual(["人均寿命"]);
    expect(diff.indicators.removed.map((i) => i.name)).toEqual(["城镇化率"]);
    expect(diff.projects.added.map((i) => i.name)).toEqual(["三号工程"]);
    expect(diff.projects.removed.map((i) => i.name)).toEqual(["二号工程"]);
    expect(diff.targets).toEqual({ added: [], removed: [], changed: [] });

    // search and compare follow the latest revision only
    expect(library.search("二号工程")).toEqual([]);
    expect(library.search("三号工程").map((h) => h.revision)).toEqual([2]);
    expect(library.compare("城镇化率").rows).toEqual([]);
    expect(library.compare("森林覆盖率").rows.filter((r) => r.planId === "diffed").map((r) => r.indicator.target?.raw)).toEqual(["42"]);
    // the first bytes again are the first revision again: nothing new, and the latest stays the latest
    const again = library.ingestPlan(syntheticPlan({ ...base, indicators: [{ name: "森林覆盖率", target: "40" }, { name: "城镇化率", target: "60" }] }));
    expect(again).toMatchObject({ status: "unchanged", revision: 1, latestRevision: 2 });
    expect(library.getSummary("diffed")?.revision).toBe(2);
  });
});

describe("a folder holding two versions of one document (issue 13, item 6)", () => {
  const tmp = tempDir("two-versions");
  afterAll(() => tmp.remove());

  it("adds no revision on a second pass, keeps the newer version latest, and tells each file's revision", async () => {
    const library = openLibrary(join(tmp.dir, "library.db"));
    try {
      const v1 = join(tmp.dir, "qinglan-v1.txt");
      const v2 = join(tmp.dir, "qinglan-v2.txt");
      const text = readFileSync(join(SAMPLES, "A1_qinglan_14fyp.txt"), "utf8");
      writeFileSync(v1, text);
      writeFileSync(v2, text + "\n附：本规划由县人民政府负责解释。\n");
      const first = [await library.ingestFile(v1), await library.ingestFile(v2)];
      expect(first.map((r) => [r.status, r.revision, r.latestRevision])).toEqual([["new", 1, 1], ["revised", 2, 2]]);
      const id = first[0].planId;
      const generation = library.generation();
      for (let pass = 0; pass < 3; pass++) {
        const again = [await library.ingestFile(v1), await library.ingestFile(v2)];
        expect(again.map((r) => [r.planId, r.status, r.revision, r.latestRevision])).toEqual([[id, "unchanged", 1, 2], [id, "unchanged", 2, 2]]);
      }
      expect(library.generation()).toBe(generation);
      expect(library.listRevisions(id).map((r) => r.sourceName)).toEqual(["qinglan-v1.txt", "qinglan-v2.txt"]);
      expect(library.getSummary(id)?.revision).toBe(2);
    } finally {
      library.close();
    }
  });
});
