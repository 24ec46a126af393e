import type { Target } from "../model";
import type { ParseContext } from "./context";

/** prose targets of a plan (issue 3; being written). */
export function extractTargets(_ctx: ParseContext): Target[] {
  return [];
}

/** a work report's 主要预期目标, last year's results and tasks (issue 3; being written). */
export function extractWorkReport(_ctx: ParseContext): { annualTargets: Target[]; lastYearResults: Target[]; tasks: Target[] } {
  return { annualTargets: [], lastYearResults: [], tasks: [] };
}
