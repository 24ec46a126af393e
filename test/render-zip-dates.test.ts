/**
 * The streamed writer stamps its entries in place (stampZipFile) instead of reading the file back
 * and writing it out again (stampZipEntries): both must leave the same bytes, and a file they do
 * not understand must be refused untouched.
 */
import JSZip from "jszip";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderToFile } from "../generator/render";
import { stampZipEntries, stampZipFile } from "../generator/render/zip-dates";
import { ANSWER_KEYS, planFromAnswerKey } from "./render-plans";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "render-zip-dates-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("stamping in place gives the bytes of stamping in memory, every entry at the new time", async () => {
  const out = join(dir, "register.xlsx");
  await renderToFile([planFromAnswerKey(ANSWER_KEYS[0])], { template: "project-register", out, generatedAt: new Date("2025-03-01T08:00:00Z") });
  const when = new Date("2031-07-09T10:20:30Z");
  const inMemory = stampZipEntries(readFileSync(out), when);
  expect(inMemory.equals(readFileSync(out))).toBe(false); // the new time changes bytes, so the comparison below means something
  await stampZipFile(out, when);
  expect(readFileSync(out).equals(inMemory)).toBe(true);
  const zip = await JSZip.loadAsync(readFileSync(out));
  const dates = Object.values(zip.files).map((f) => f.date.toISOString());
  expect(dates.length).toBeGreaterThan(5);
  // JSZip reads the extended (unix) timestamp when there is one, else the DOS time (local, two-second steps)
  for (const d of dates) expect(d.slice(0, 4)).toBe("2031");
});

test("a file that is not a zip is refused and left as it was", async () => {
  const path = join(dir, "not-a-zip.xlsx");
  writeFileSync(path, "PK but nothing else, padded ".repeat(10));
  const before = readFileSync(path);
  await expect(stampZipFile(path, new Date())).rejects.toThrow("not a zip file");
  expect(readFileSync(path).equals(before)).toBe(true);
});
