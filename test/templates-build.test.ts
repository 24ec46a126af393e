import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { buildTemplates } from "../templates/build-templates";

test("the committed built-in templates and synonym list are exactly what templates/build-templates.ts builds", async () => {
  const dir = mkdtempSync(join(tmpdir(), "planbook-templates-"));
  const built = await buildTemplates(dir);
  expect(built.map((p) => basename(p)).sort()).toEqual(["comparison.xlsx", "monitoring.xlsx", "plan-report.xlsx", "project-register.xlsx", "synonyms.txt"]);
  for (const path of built) {
    const committed = readFileSync(join(__dirname, "..", "templates", basename(path)));
    // a template edited in Excel and committed without its script (or the reverse) fails here
    expect(readFileSync(path).equals(committed)).toBe(true);
  }
});
