/**
 * A job whose template shows a plan's monitoring (the built-in `monitoring`): the five-year plan it
 * selects, beside the reports, bulletins and imported actuals the library holds at run time.
 */
import type { Library } from "../library";
import { findMonitoringSources } from "../library/monitoring";
import type { Monitoring, Plan } from "../model";
import { computeMonitoring } from "../monitor";
import { SelectionError } from "./select";

export function monitoringForSelection(library: Library, plans: Plan[]): Monitoring {
  const plan = plans.find((p) => p.kind === "five-year-plan" && p.region);
  if (!plan) throw new SelectionError("规划实施监测模板需要选中一个五年规划（如 plans: { region: 荆门市, period: 十四五 }）");
  return computeMonitoring(findMonitoringSources(library, { region: plan.region!, plan: plan.id }));
}
