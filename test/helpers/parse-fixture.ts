import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../generator/model";
import type { ParseContext } from "../../generator/parse/context";
import { buildContext, parseText } from "../../generator/parse/index";

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
  return buildContext(text, path).ctx;
}

export { answerKey } from "./answer-keys";
