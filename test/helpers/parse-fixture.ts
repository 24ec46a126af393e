import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../generator/model";
import { cleanLines } from "../../generator/parse/clean";
import type { ParseContext } from "../../generator/parse/context";
import { parseText } from "../../generator/parse/index";
import { readOutline } from "../../generator/parse/outline";

export const ROOT = join(__dirname, "..", "..");
export const SEEDS = {
  jingmen: "seeds/jingmen-14th-five-year-plan.txt",
  report: "seeds/jingmen-2024-government-work-report.txt",
  digest: "seeds/jingzhou-government-work-report-digest.txt",
  xianning: "seeds/xianning-15th-five-year-plan.txt",
  ezhou: "seeds/ezhou-14th-five-year-plan.txt",
} as const;
export const SAMPLES = ["A1_qinglan_14fyp", "A2_songling_15fyp", "A3_dongzhu_report2025"] as const;

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

const cache = new Map<string, Plan>();
/** The whole pipeline on a file of the repository, as the CLI runs it. */
export function parseFixture(path: string): Plan {
  let plan = cache.get(path);
  if (!plan) {
    plan = parseText(readText(path), { path, sha256: "test", encoding: "utf-8", bytes: 0 });
    cache.set(path, plan);
  }
  return plan;
}

/** The context the pipeline hands to extractors, for calling one extractor on its own. */
export function contextOf(text: string, path = "doc.txt"): ParseContext {
  const lines = cleanLines(text);
  const { outline, headingLines } = readOutline(lines);
  // kind and year as the pipeline decides them (metadata.ts is someone else's stage)
  const meta = parseText(text, { path, sha256: "test", encoding: "utf-8", bytes: 0 });
  return {
    lines,
    outline,
    headingLines,
    tableRanges: [],
    kind: meta.kind,
    year: meta.kind === "five-year-plan" ? meta.period.end : meta.period.start,
    warnings: [],
  };
}

export function answerKey(sample: string): Record<string, unknown> {
  return JSON.parse(readText(`test/fixtures/samples/${sample}.json`)) as Record<string, unknown>;
}
