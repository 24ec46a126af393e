/**
 * What templates see: Plans turned into rows a clerk reads. Quantities become a display value (a
 * number when the document printed a plain number, else the text exactly as printed) plus a
 * number for sorting; names and labels are the document's own.
 */
import { PLAN_KIND_LABELS, type Indicator, type IndicatorTable, type OutlineNode, type Plan, type Quantity, type Target } from "../model";

export type Display = number | string | null;

const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** `7.5` → 7.5 (a number a clerk can sum); `7左右`, `[5.4]`, `>95` → the text as printed. */
export function displayQuantity(q: Quantity | null | undefined): Display {
  if (!q) return null;
  if (q.value !== null && !q.cumulative && (q.comparator === "=" || q.comparator === null) && PLAIN_NUMBER.test(q.raw.trim())) return q.value;
  return q.raw || null;
}

export function numberOf(q: Quantity | null | undefined): number | null {
  return q?.value ?? null;
}


export interface IndicatorRow {
  category: string | null;
  seq: string | null;
  name: string;
  unit: string | null;
  parent: string | null;
  baseline: Display;
  baselineNumber: number | null;
  target: Display;
  targetNumber: number | null;
  rate: Display;
  rateNumber: number | null;
  attribute: string | null;
  constrained: boolean;
  note: string | null;
}

function indicatorNote(ind: Indicator): string | null {
  const parts: string[] = [];
  if (ind.parent) parts.push(`属于“${ind.parent}”`);
  if (ind.rate?.cumulative) parts.push("[ ]为五年累计数");
  if (ind.flags.length) parts.push(`标记 ${ind.flags.join(" ")}`);
  for (const [header, q] of Object.entries(ind.cells)) if (q) parts.push(`${header}：${q.raw}`);
  return parts.length ? parts.join("；") : null;
}

export function indicatorRow(ind: Indicator): IndicatorRow {
  return {
    category: ind.category,
    seq: ind.seq,
    name: ind.name,
    unit: ind.unit,
    parent: ind.parent,
    baseline: displayQuantity(ind.baseline),
    baselineNumber: numberOf(ind.baseline),
    target: displayQuantity(ind.target),
    targetNumber: numberOf(ind.target),
    rate: displayQuantity(ind.rate),
    rateNumber: numberOf(ind.rate),
    attribute: ind.attribute,
    constrained: ind.attribute === "约束性",
    note: indicatorNote(ind),
  };
}

export interface IndicatorTableView {
  title: string;
  role: string;
  baseYearHeader: string;
  targetYearHeader: string;
  rows: IndicatorRow[];
  notes: string[];
}

export function indicatorTableView(t: IndicatorTable | null): IndicatorTableView {
  return {
    title: t?.title ?? "（文件中未找到指标表）",
    role: t?.role === "review" ? "上期完成情况" : "规划目标",
    baseYearHeader: t?.baseYear ? `${t.baseYear}年` : "基期",
    targetYearHeader: t?.targetYear ? `${t.targetYear}年` : "目标年",
    rows: t?.indicators.map(indicatorRow) ?? [],
    notes: t?.notes ?? [],
  };
}

export interface ProjectRow {
  region: string | null;
  plan: string;
  periodLabel: string;
  boxLabel: string;
  boxTitle: string;
  box: string;
  group: string | null;
  name: string;
  content: string | null;
  location: string | null;
  investment: Display;
  investmentNumber: number | null;
  investmentUnit: string | null;
  period: string | null;
  section: string | null;
}

export function projectRows(plan: Plan): ProjectRow[] {
  const rows: ProjectRow[] = [];
  for (const box of plan.projectBoxes) {
    for (const group of box.groups) {
      for (const p of group.projects) {
        rows.push({
          region: plan.region,
          plan: plan.title,
          periodLabel: plan.period.label,
          boxLabel: box.label,
          boxTitle: box.title,
          box: `${box.label} ${box.title}`.trim(),
          group: group.name,
          name: p.name,
          content: p.content ?? null,
          location: p.location ?? null,
          investment: displayQuantity(p.investment),
          investmentNumber: numberOf(p.investment),
          investmentUnit: p.investmentUnit ?? p.investment?.unit ?? null,
          period: p.period ?? null,
          section: box.section,
        });
      }
    }
  }
  return rows;
}

export interface TargetRow {
  type: string;
  metric: string;
  raw: string;
  year: number | null;
  value: number | null;
  text: string;
}

function targetRows(type: string, list: Target[]): TargetRow[] {
  return list.map((t) => ({ type, metric: t.metric, raw: t.raw, year: t.year, value: t.value.value, text: t.text }));
}

export interface OutlineRow {
  level: number;
  label: string;
  title: string;
  /** indented with ideographic spaces: a style cannot vary per row, text can */
  indented: string;
}

function outlineRows(nodes: OutlineNode[], out: OutlineRow[] = []): OutlineRow[] {
  for (const n of nodes) {
    out.push({ level: n.level, label: n.label, title: n.title, indented: `${"　".repeat(Math.max(0, n.level - 1) * 2)}${n.label} ${n.title}`.trimEnd() });
    outlineRows(n.children, out);
  }
  return out;
}

export interface PlanView {
  id: string;
  title: string;
  region: string | null;
  kind: string;
  periodLabel: string;
  start: number | null;
  end: number | null;
  sourceFile: string;
  sourcePath: string;
  sha256: string;
  encoding: string;
  indicators: IndicatorTableView;
  otherIndicatorTables: IndicatorTableView[];
  projects: ProjectRow[];
  targets: TargetRow[];
  outline: OutlineRow[];
  warnings: string[];
}

/** The table 主要指标 shows: the plan's own targets if it has them, else the first table found. */
export function primaryTable(plan: Plan): IndicatorTable | null {
  return plan.indicatorTables.find((t) => t.role === "targets") ?? plan.indicatorTables[0] ?? null;
}

export function planView(plan: Plan): PlanView {
  const primary = primaryTable(plan);
  return {
    id: plan.id,
    title: plan.title,
    region: plan.region,
    kind: PLAN_KIND_LABELS[plan.kind] ?? plan.kind,
    periodLabel: plan.period.label,
    start: plan.period.start,
    end: plan.period.end,
    sourceFile: plan.source.path.split(/[\\/]/).pop() ?? plan.source.path,
    sourcePath: plan.source.path,
    sha256: plan.source.sha256,
    encoding: plan.source.encoding,
    indicators: indicatorTableView(primary),
    otherIndicatorTables: plan.indicatorTables.filter((t) => t !== primary).map(indicatorTableView),
    projects: projectRows(plan),
    targets: [
      ...targetRows("规划目标", plan.targets),
      ...targetRows("年度预期目标", plan.annualTargets),
      ...targetRows("上年完成情况", plan.lastYearResults),
      ...targetRows("年度工作任务", plan.tasks),
    ],
    outline: outlineRows(plan.outline),
    warnings: plan.warnings.map((w) => (w.line ? `第${w.line}行：${w.message}` : w.message)),
  };
}
