import type { ProjectBox } from "../model";
import type { ParseContext } from "./context";

/** 专栏 → ProjectBox[] (issue 3; being written). */
export function extractProjectBoxes(_ctx: ParseContext): ProjectBox[] {
  return [];
}
