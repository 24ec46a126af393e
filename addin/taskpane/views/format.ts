/** How plan facts read in the pane. */
import type { PlanSummary, Quantity } from "../../../generator/model";
import { kindLabel } from "../../excel/grids";

export function planLine(plan: PlanSummary): string {
  return [plan.region ?? "未识别地区", plan.period.label, kindLabel(plan.kind)].join(" · ");
}

export function planCounts(plan: PlanSummary): string {
  return `指标 ${plan.indicatorCount} 项 · 项目 ${plan.projectCount} 个 · 目标 ${plan.targetCount} 条 · 第 ${plan.revision} 版`;
}

export function quantityText(q: Quantity | null | undefined): string {
  return q ? q.raw : "";
}

export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
