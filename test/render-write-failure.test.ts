/**
 * A write that fails (a full disk) must reject at once, in both writers: the streaming writer used to
 * leave exceljs's commit pending for ever (exit 0, an empty file) or wait out a stalled compressor on
 * every row. /dev/full fails every write with ENOSPC; a tiny tmpfs, where the test may mount one,
 * fails part-way through the file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile, resolveTemplate } from "../generator/render";
import { renderBook } from "../generator/render/engine";
import { exceljsTransformer } from "../generator/render/exceljs";
import { manyProjectsPlan, planFromAnswerKey, ANSWER_KEYS } from "./render-plans";
import { scopeFor } from "../generator/render";

const AT = new Date("2025-03-01T08:00:00Z");
const linux = process.platform === "linux" && existsSync("/dev/full");

async function outputOf(template: string, plans = [manyProjectsPlan(20_000)]) {
  const book = await exceljsTransformer.load(resolveTemplate(template));
  return { book, output: renderBook(book, scopeFor(plans, AT, "test")) };
}

(linux ? describe : describe.skip)("writing to a device that is always full (/dev/full, Linux)", () => {
  test("the streaming writer rejects with ENOSPC instead of hanging or resolving", async () => {
    const { book, output } = await outputOf("project-register");
    expect(exceljsTransformer.canStream(book)).toBe(true);
    await expect(exceljsTransformer.write(output, "/dev/full", { streaming: true, generatedAt: AT, creator: "test" })).rejects.toMatchObject({ code: "ENOSPC" });
  });

  test("the in-memory writer rejects with ENOSPC", async () => {
    const { output } = await outputOf("plan-report", [planFromAnswerKey(ANSWER_KEYS[0])]);
    await expect(exceljsTransformer.write(output, "/dev/full", { streaming: false, generatedAt: AT, creator: "test" })).rejects.toMatchObject({ code: "ENOSPC" });
  });
});

/** A 64 KB tmpfs: the register's first blocks fit, the rest do not. Needs root (CI runs as root); skipped with the reason otherwise. */
function mountTinyDisk(): string | null {
  if (!linux || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), "full-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

describe("rendering onto a disk that fills up part-way", () => {
  let disk: string | null = null;
  beforeAll(() => {
    disk = mountTinyDisk();
    if (!disk) console.warn("no tmpfs could be mounted here (needs root on Linux): the part-way full-disk render is not exercised");
  });
  afterAll(() => {
    if (!disk) return;
    execFileSync("umount", [disk]);
    rmSync(disk, { recursive: true, force: true });
  });

  test.each([
    ["project-register (streamed)", "project-register", () => [manyProjectsPlan(20_000)]],
    ["plan-report (in memory)", "plan-report", () => [manyProjectsPlan(5_000)]],
  ])("%s rejects with ENOSPC, keeps the previous file and leaves no temp file", async (_label, template, plans) => {
    if (!disk) return;
    const sub = join(disk, template);
    mkdirSync(sub);
    const out = join(sub, "report.xlsx");
    writeFileSync(out, "previous report");
    await expect(renderToFile(plans(), { template, out, generatedAt: AT })).rejects.toMatchObject({ code: "ENOSPC" });
    expect(readFileSync(out, "utf8")).toBe("previous report");
    expect(readdirSync(sub)).toEqual(["report.xlsx"]);
    rmSync(sub, { recursive: true, force: true });
  });
});
