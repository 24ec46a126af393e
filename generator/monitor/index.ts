/**
 * Plan monitoring, pure: one five-year plan, the work reports and bulletins of its years and the
 * actuals a clerk imported in; a Monitoring out. No I/O — the library finds the documents
 * (generator/library/monitoring.ts), the faces show the result. The rules are in docs/monitoring.md.
 */
import {
  MONITORING_SCHEMA_VERSION,
  MONITORING_STATUSES,
  type ImportedActual,
  type MonitoredFigure,
  type MonitoredIndicator,
  type Monitoring,
  type MonitoringDocument,
  type MonitoringStatus,
  type MonitoringYear,
  type Plan,
  type UnmatchedFigure,
  sourceLabel,
} from "../model";
import { classify, targetsTable, type Classified, type IndicatorHead } from "./classify";
import { documentCandidates, expectedKind, importedCandidate, judge, type Candidate, type DocumentInput } from "./figures";
import { nameKey } from "./names";
import { assess, meetsYearTarget } from "./progress";

export { expectedKind, FIGURE_KIND_LABELS } from "./figures";
export { sourceLabel } from "../model";
export { clerkEdits } from "./edits";
export type { WorkbookCell } from "../model";
export type { DocumentInput } from "./figures";

export interface MonitoringInput {
  /** the five-year plan */
  plan: Plan;
  revision?: number | null;
  /** work reports and statistical bulletins (others are ignored), latest revisions */
  documents: DocumentInput[];
  /** a clerk's figures for this region and plan */
  actuals?: ImportedActual[];
}

type Entry = { cand: Candidate; exact: boolean };

interface Indexed {
  head: IndicatorHead;
  classified: Classified;
  /** candidates by year */
  actuals: Map<number, Entry[]>;
  targets: Map<number, Entry[]>;
}

interface NameIndex {
  byKey: Map<string, Indexed[]>;
  byBase: Map<string, Indexed[]>;
}

function indexNames(indicators: Indexed[]): NameIndex {
  const byKey = new Map<string, Indexed[]>();
  const byBase = new Map<string, Indexed[]>();
  const add = (map: Map<string, Indexed[]>, k: string, ind: Indexed) => {
    const list = map.get(k);
    if (list) list.push(ind);
    else map.set(k, [ind]);
  };
  for (const ind of indicators) {
    add(byKey, ind.head.key, ind);
    add(byBase, nameKey(ind.head.name).base, ind);
  }
  return { byKey, byBase };
}

/** Assigns each candidate to the one indicator its name names: the exact key first, else the same name with or without a change word. */
function assign({ byKey, byBase }: NameIndex, candidates: Candidate[], list: "actuals" | "targets", warnings: Monitoring["warnings"]): Candidate[] {
  const unassigned: Candidate[] = [];
  const warned = new Set<string>();
  for (const cand of candidates) {
    const exact = byKey.get(cand.name.key);
    const loose = cand.imported ? undefined : byBase.get(cand.name.base)?.filter((i) => i.classified.polarity !== null || cand.name.polarity !== null);
    const found = exact ?? (loose && loose.length ? loose : undefined);
    if (!found) {
      unassigned.push(cand);
      continue;
    }
    if (found.length > 1) {
      // two plan rows with one name: a figure cannot say which it is, so it is given to neither
      if (!warned.has(cand.name.key)) {
        warned.add(cand.name.key);
        warnings.push({ code: "ambiguous-indicator", message: `规划中有${found.length}个指标名称相同（第${found.map((i) => i.head.line).join("、")}行），“${cand.metric}”无法确定对应哪一个，未采用` });
      }
      unassigned.push(cand);
      continue;
    }
    const byYear = found[0][list];
    const entry = { cand, exact: exact !== undefined };
    const same = byYear.get(cand.year);
    if (same) same.push(entry);
    else byYear.set(cand.year, [entry]);
  }
  return unassigned;
}

/** A year's candidates judged, best first: comparable, then the better source, then the exact name. */
function pick(entries: Entry[] | undefined, c: Classified, name: string, role: "actual" | "target"): MonitoredFigure[] {
  if (!entries) return [];
  if (entries.length === 1) return [judge(entries[0].cand, c, name, role)];
  return entries
    .map((x) => ({ x, f: judge(x.cand, c, name, role) }))
    .sort((a, b) => Number(b.f.comparable) - Number(a.f.comparable) || a.x.cand.rank - b.x.cand.rank || Number(b.x.exact) - Number(a.x.exact))
    .map((y) => y.f);
}

/** Notes of the years, the same remark for several years said once: "2021年、2022年实际：原文单位亿斤，按1亿斤=5万吨换算". */
function yearNotes(rows: MonitoringYear[]): string[] {
  const grouped = new Map<string, number[]>();
  const add = (year: number, note: string) => grouped.set(note, [...(grouped.get(note) ?? []), year]);
  const single: string[] = [];
  for (const y of rows) {
    const a = y.actual;
    if (a?.conversion) add(y.year, `实际：${a.conversion}`);
    if (a?.estimated) add(y.year, `实际为预计数或初步数（${a.source.type === "document" ? a.source.title : a.source.file}）`);
    for (const o of y.others) {
      if (a && o.comparable && a.comparable && o.value !== null && a.value !== null && Math.abs(o.value - a.value) > 1e-9) {
        single.push(`${y.year}年：${sourceLabel(o.source)}为${o.value}，与采用的${sourceLabel(a.source)}${a.value}不一致`);
      }
    }
    if (y.target?.conversion) add(y.year, `目标：${y.target.conversion}`);
    if (y.target && !y.target.comparable && y.target.reason) add(y.year, `目标无法比较：${y.target.reason}`);
  }
  return [...[...grouped].map(([note, years]) => `${years.map((y) => `${y}年`).join("、")}${note}`), ...single];
}

const CHANGE_WORD = /(增长|增速|增幅|涨幅|提高|提升|增加|上涨|上升|下降|降低|减少|回落|下调)$/u;

/** What the 实际 cell shows: the comparable value; else the figure as printed, with its change word ("增长8.2%") so it is not read as a level. */
function shownOf(a: MonitoredFigure): number | string {
  if (a.comparable && a.value !== null) return a.value;
  const word = a.figureKind === "growth" || a.figureKind === "change" ? (CHANGE_WORD.exec(a.metric)?.[1] ?? "") : "";
  return `${word}${a.quantity.raw}`;
}

function monitorIndicator(ind: Indexed, years: number[], start: number, end: number): MonitoredIndicator {
  const { head, classified: c } = ind;
  const rows: MonitoringYear[] = years.map((year) => {
    const actuals = pick(ind.actuals.get(year), c, head.name, "actual");
    const targets = pick(ind.targets.get(year), c, head.name, "target");
    const actual = actuals[0] ?? null;
    const target = targets[0] ?? null;
    const metYearTarget =
      actual?.comparable && actual.value !== null && target?.comparable && target.value !== null && c.measure !== "qualitative"
        ? meetsYearTarget(actual.value, target.value, target.quantity.comparator, c)
        : null;
    const shown = actual ? shownOf(actual) : null;
    return { year, target, actual, others: actuals.slice(1), shown, expected: null, verdict: { metPlan: null, metYearTarget } };
  });
  const notes = yearNotes(rows);
  const any = rows.some((y) => y.actual);
  const comparable = rows.some((y) => y.actual?.comparable && (y.actual.value !== null || c.measure === "qualitative"));
  let status: MonitoringStatus;
  let reason: string | null;
  let progress: MonitoredIndicator["progress"] = { kind: "none" };
  if (!any) {
    status = "无数据";
    reason = "各年报告、统计公报和导入值中都没有该指标";
  } else if (!comparable) {
    status = "无法比较";
    let latest = rows.length - 1;
    while (!rows[latest].actual) latest--;
    reason = rows[latest].actual!.reason;
  } else {
    const assessed = assess(c, rows, start, end);
    ({ progress, status, reason } = assessed);
    notes.push(...assessed.notes);
  }
  // spelled out rather than spread: V8 copies a spread of this many properties very slowly (bench/monitor.bench.ts)
  return {
    key: head.key,
    name: head.name,
    category: head.category,
    seq: head.seq,
    parent: head.parent,
    unit: head.unit,
    measureUnit: head.measureUnit,
    attribute: head.attribute,
    constrained: head.constrained,
    line: head.line,
    measure: head.measure,
    clerkFigureKind: c.measure === "qualitative" ? "text" : expectedKind(c, head.name),
    baseline: head.baseline,
    target: head.target,
    rate: head.rate,
    years: rows,
    progress,
    status,
    constrainedBehind: head.constrained && status === "滞后",
    reason,
    notes,
  };
}

function documentOf(d: DocumentInput): MonitoringDocument {
  return { planId: d.plan.id, revision: d.revision ?? null, kind: d.plan.kind, title: d.plan.title, path: d.plan.source.path, year: d.plan.period.start };
}

function unmatchedOf(c: Candidate): UnmatchedFigure {
  return { year: c.year, metric: c.metric, raw: c.quantity.raw, unit: c.quantity.unit, source: c.source };
}

export function computeMonitoring(input: MonitoringInput): Monitoring {
  const { plan } = input;
  const warnings: Monitoring["warnings"] = [];
  const table = targetsTable(plan);
  const start = plan.period.start;
  const end = plan.period.end;
  const years: number[] = [];
  if (start !== null && end !== null) for (let y = start; y <= end; y++) years.push(y);
  else warnings.push({ code: "no-period", message: `${plan.title}没有规划期，无法按年份监测` });
  if (!table) warnings.push({ code: "no-targets-table", message: `${plan.title}中没有找到规划主要指标表` });
  const yearSet = new Set(years);

  const documents = input.documents.filter((d) => {
    if (d.plan.kind !== "work-report" && d.plan.kind !== "statistical-bulletin") return false;
    if (plan.region && d.plan.region && d.plan.region !== plan.region) {
      warnings.push({ code: "other-region", message: `${d.plan.title}属于${d.plan.region}，不是${plan.region}，未采用` });
      return false;
    }
    return true;
  });
  const actualCands: Candidate[] = [];
  const targetCands: Candidate[] = [];
  const notYearly: UnmatchedFigure[] = [];
  for (const d of documents) {
    const found = documentCandidates(d, yearSet);
    actualCands.push(...found.actuals);
    targetCands.push(...found.targets);
    notYearly.push(...found.notYearly);
  }
  for (const a of input.actuals ?? []) {
    if (yearSet.has(a.year) && (!plan.region || a.region === plan.region) && a.periodLabel === plan.period.label) actualCands.push(importedCandidate(a));
  }

  const indexed: Indexed[] = (table?.indicators ?? []).map((ind) => {
    const { head, classified } = classify(ind, table!, plan);
    return { head, classified, actuals: new Map(), targets: new Map() };
  });
  const names = indexNames(indexed);
  const unassigned = assign(names, actualCands, "actuals", warnings);
  assign(names, targetCands, "targets", warnings);
  const indicators = indexed.map((ind) => monitorIndicator(ind, years, start ?? 0, end ?? 0));

  const summary = Object.fromEntries(MONITORING_STATUSES.map((s) => [s, 0])) as Record<MonitoringStatus, number>;
  for (const i of indicators) summary[i.status]++;
  const withActual = indicators.flatMap((i) => i.years.filter((y) => y.actual).map((y) => y.year));
  return {
    schemaVersion: MONITORING_SCHEMA_VERSION,
    region: plan.region,
    plan: {
      id: plan.id,
      revision: input.revision ?? null,
      title: plan.title,
      periodLabel: plan.period.label,
      start,
      end,
      baseYear: table?.baseYear ?? null,
      targetYear: table?.targetYear ?? null,
      path: plan.source.path,
    },
    years,
    asOf: withActual.length ? Math.max(...withActual) : null,
    documents: documents.map(documentOf).sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.kind.localeCompare(b.kind)),
    indicators,
    summary,
    unmatched: [...unassigned.filter((c) => !c.imported).map(unmatchedOf), ...notYearly],
    warnings,
  };
}
