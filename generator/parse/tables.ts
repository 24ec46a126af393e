import type { IndicatorTable } from "../model";
import type { ParseContext } from "./context";

export function readIndicatorTables(_ctx: ParseContext): IndicatorTable[] {
  return [];
}
