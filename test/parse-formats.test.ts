import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../generator/parse";
import type { AnswerKey } from "./helpers/answer-keys";
import { keyWithoutFile, planAsKey } from "./helpers/answer-keys";

const FORMATS = join(__dirname, "fixtures", "formats");

describe("documents as published (../shared/samples/formats): every field of their answer keys", () => {
  const keys = readdirSync(FORMATS).filter((f) => /^F\d.*\.json$/.test(f)).sort();
  test("the four shared formats are here", () => expect(keys).toHaveLength(4));
  test.each(keys)("%s", async (keyFile) => {
    const key = JSON.parse(readFileSync(join(FORMATS, keyFile), "utf8")) as AnswerKey;
    const plan = await parseDocument(readFileSync(join(FORMATS, key.file)), key.file);
    expect(planAsKey(plan, key)).toEqual(keyWithoutFile(key));
    expect(plan.warnings.filter((w) => w.code === "mojibake" || w.code === "not-a-plan")).toEqual([]);
  });
});
