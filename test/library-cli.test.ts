import { join } from "node:path";
import { main } from "../generator/cli";
import type { CliIO } from "../generator/cli/command";
import { SAMPLES, SEEDS, tempDir } from "./library-support";

function capture(cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), warn: (t) => err.push(t), progress: () => {}, env, cwd };
  return { io, out, err, text: () => out.join("\n") };
}

describe("planbook ingest, ls, search, show", () => {
  const tmp = tempDir("cli");
  const env = { PLANBOOK_LIBRARY: join(tmp.dir, "lib.db") };
  afterAll(() => tmp.remove());

  it("ingests folders into the library named by PLANBOOK_LIBRARY, then no-ops", async () => {
    const first = capture(tmp.dir, env);
    expect(await main(["ingest", SEEDS, SAMPLES], first.io)).toBe(0);
    expect(first.text()).toMatch(/8 个文件：新增 8，新修订 0，未变 0/);
    const again = capture(tmp.dir, env);
    expect(await main(["ingest", SEEDS], again.io)).toBe(0);
    expect(again.text()).toMatch(/5 个文件：新增 0，新修订 0，未变 5/);
  });

  it("lists, searches and shows plans as tables", async () => {
    const ls = capture(tmp.dir, env);
    await main(["ls", "--region", "荆门市"], ls.io);
    expect(ls.text()).toMatch(/^编号\s+修订\s+地区/);
    expect(ls.text().split("\n").filter((l) => l.includes("荆门市"))).toHaveLength(2);
    const search = capture(tmp.dir, env);
    await main(["search", "森林覆盖率", "--type", "indicator"], search.io);
    expect(search.text()).toContain("森林覆盖率");
    const id = /\n([0-9a-f]{16})\s/.exec(ls.text())![1];
    const show = capture(tmp.dir, env);
    expect(await main(["show", id.slice(0, 6)], show.io)).toBe(0);
    expect(show.text()).toContain(`编号 ${id}`);
    const json = capture(tmp.dir, env);
    await main(["show", id, "--json"], json.io);
    expect(JSON.parse(json.text()).id).toBe(id);
  });

  it("fails with one readable line", async () => {
    const library = ["--library", join(tmp.dir, "lib.db")];
    await expect(main(["show", "ffffffffffffffff", ...library], capture(tmp.dir).io)).rejects.toThrow(/没有编号为“ffffffffffffffff”的规划/);
    await expect(main(["ingest", join(tmp.dir, "missing.txt"), ...library], capture(tmp.dir).io)).rejects.toThrow(/没有这个文件或文件夹/);
    await expect(main(["search", ...library], capture(tmp.dir).io)).rejects.toThrow(/请给出要查找的文字/);
    await expect(main(["serve", "--port", "99999", ...library], capture(tmp.dir).io)).rejects.toThrow(/应为端口号/);
  });
});
