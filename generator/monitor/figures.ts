/**
 * Report, bulletin and clerk figures as candidates for an indicator's year, and the judgement of
 * each against the indicator: what kind of figure it is, whether its unit converts exactly, and
 * the value in the indicator's measure unit — or the reason it cannot be compared.
 */
import type { FigureKind, FigureSource, ImportedActual, MonitoredFigure, Plan, Quantity, UnmatchedFigure } from "../model";
import type { Classified } from "./classify";
import { figureKey, isFlowName, nameKey, type NameKey } from "./names";
import { convertUnit, normalizeUnit, roundFigure } from "./units";

export interface Candidate {
  year: number;
  metric: string;
  name: NameKey;
  quantity: Quantity;
  text: string;
  source: FigureSource;
  /** which source wins for the same year: 0 a clerk's import, 1 a statistical bulletin, 2 a work report */
  rank: number;
  imported: boolean;
}

export interface DocumentInput {
  plan: Plan;
  revision?: number | null;
}

function documentSource(doc: DocumentInput, line: number): FigureSource {
  const p = doc.plan;
  return { type: "document", planId: p.id, revision: doc.revision ?? null, kind: p.kind, title: p.title, year: p.period.start, path: p.source.path, line };
}

/**
 * Actual and target candidates of one document, for the years asked. Results that are not one
 * year's figure (a quarter's, several years' together) are not candidates: they come back in
 * `notYearly`, to be listed with the figures that matched nothing.
 */
export function documentCandidates(doc: DocumentInput, years: ReadonlySet<number>): { actuals: Candidate[]; targets: Candidate[]; notYearly: UnmatchedFigure[] } {
  const rank = doc.plan.kind === "statistical-bulletin" ? 1 : 2;
  const actuals: Candidate[] = [];
  const targets: Candidate[] = [];
  const notYearly: UnmatchedFigure[] = [];
  const add = (list: Candidate[], t: Plan["lastYearResults"][number]) => {
    if (t.year === null || !years.has(t.year)) return;
    const name = figureKey(t.metric);
    if (!name) {
      if (list === actuals) notYearly.push({ year: t.year, metric: t.metric, raw: t.raw, unit: t.value.unit, source: documentSource(doc, t.line) });
      return;
    }
    list.push({ year: t.year, metric: t.metric, name, quantity: t.value, text: t.text, source: documentSource(doc, t.line), rank, imported: false });
  };
  for (const t of doc.plan.lastYearResults) add(actuals, t);
  if (doc.plan.kind === "work-report") for (const t of doc.plan.annualTargets) add(targets, t);
  return { actuals, targets, notYearly };
}

export function importedCandidate(a: ImportedActual): Candidate {
  const quantity: Quantity = {
    raw: a.raw,
    value: a.value,
    comparator: a.value === null ? null : "=",
    cumulative: false,
    text: a.value === null ? a.raw : null,
    unit: a.unit,
    kind: a.value === null ? "text" : "level",
  };
  return {
    year: a.year,
    metric: a.indicator,
    name: nameKey(a.indicator),
    quantity,
    text: a.raw,
    source: { type: "import", file: a.file, sheet: a.sheet, cell: a.cell, importedAt: a.importedAt },
    rank: 0,
    imported: true,
  };
}

/** What a document's figure is, from its kind, unit and the change word of its name. */
export function figureKindOf(q: Quantity, name: NameKey): FigureKind {
  if (q.value === null || q.kind === "text") return "text";
  if (q.kind === "cumulative") return "change";
  const unit = normalizeUnit(q.unit);
  if (q.kind === "rate" || name.polarity !== null) return unit === "%" ? "growth" : "change";
  return "level";
}

/** What a clerk types in an indicator's 实际 cell: the kind its measure is compared in. */
export function expectedKind(c: Classified, indicatorName: string): FigureKind {
  switch (c.measure) {
    case "annual-rate":
      return "growth";
    case "cumulative":
      if (c.baseline !== null) return "level";
      return c.polarity !== null && normalizeUnit(c.measureUnit) === "%" ? "growth" : isFlowName(indicatorName) ? "level" : "change";
    default:
      return "level";
  }
}

export const FIGURE_KIND_LABELS: Record<FigureKind, string> = { level: "水平值", growth: "增速（%）", change: "变化量", text: "文字表述" };
const MEASURE_LABELS: Record<Classified["measure"], string> = {
  level: "目标水平值",
  "annual-rate": "年均增速",
  cumulative: "五年累计变化",
  ceiling: "上限值",
  floor: "下限值",
  qualitative: "定性目标",
};

/** the figure kinds an indicator's measure can be compared with */
function accepted(c: Classified, indicatorName: string, kind: FigureKind): boolean {
  switch (c.measure) {
    case "annual-rate":
      return kind === "growth";
    case "cumulative":
      if (kind === "change") return true;
      if (kind === "level") return c.baseline !== null || isFlowName(indicatorName);
      return kind === "growth" && c.polarity !== null && normalizeUnit(c.measureUnit) === "%";
    case "qualitative":
      return true;
    default:
      return kind === "level";
  }
}

function figure(c: Candidate, kind: FigureKind, fields: Pick<MonitoredFigure, "value" | "conversion" | "comparable" | "reason">): MonitoredFigure {
  return {
    year: c.year,
    metric: c.metric,
    quantity: c.quantity,
    figureKind: kind,
    unit: c.quantity.unit,
    value: fields.value,
    conversion: fields.conversion,
    comparable: fields.comparable,
    reason: fields.reason,
    estimated: /预计|初步/u.test(c.text),
    text: c.text,
    source: c.source,
  };
}

/** A candidate judged against one indicator: comparable with its value in the measure unit, or not, with the reason. */
export function judge(cand: Candidate, c: Classified, indicatorName: string, role: "actual" | "target" = "actual"): MonitoredFigure {
  const imported = cand.imported && cand.quantity.value !== null;
  const kind = imported ? expectedKind(c, indicatorName) : figureKindOf(cand.quantity, cand.name);
  const q = cand.quantity;
  const shownRaw = `${cand.metric}${q.raw}`;
  if (c.measure === "qualitative") {
    const match = q.value === null ? null : convertUnit(q.unit, c.measureUnit, kind !== "level");
    const value = match?.ok ? roundFigure(q.value! * match.factor) : null;
    return figure(cand, kind, { value, conversion: match?.ok ? match.note : null, comparable: true, reason: null });
  }
  if (kind === "text") return figure(cand, kind, { value: null, conversion: null, comparable: false, reason: `原文为文字表述“${shownRaw}”，没有可比的数值` });
  if (!accepted(c, indicatorName, kind)) {
    const reason = `原文是${FIGURE_KIND_LABELS[kind]}（${shownRaw}），规划指标按${MEASURE_LABELS[c.measure]}监测，两者不能相比`;
    return figure(cand, kind, { value: null, conversion: null, comparable: false, reason });
  }
  const to = kind === "growth" ? "%" : c.measureUnit;
  const unit = imported ? (q.unit ?? c.measureUnit) : q.unit;
  const match = convertUnit(unit, to, kind !== "level");
  if (!match.ok) return figure(cand, kind, { value: null, conversion: null, comparable: false, reason: `${match.reason}（${shownRaw}）` });
  const notes: string[] = [];
  if (match.note) notes.push(match.note);
  let sign = 1;
  // "GDP下降2%" beside "GDP增长": the same measure with the opposite sign
  if (!imported && kind !== "level" && cand.name.polarity !== null && cand.name.polarity !== (c.polarity ?? "up")) {
    sign = -1;
    notes.push(`原文“${shownRaw}”，按${c.polarity === "down" ? "下降" : "增长"}${roundFigure(-q.value!)}计`);
  }
  // an actual printed as "突破600亿元" is counted as 600; a target keeps its comparator where it is used
  if (role === "actual" && q.comparator && q.comparator !== "=") notes.push(`原文为“${q.raw}”，按${roundFigure(q.value! * match.factor * sign)}计`);
  const value = roundFigure(q.value! * match.factor * sign);
  return figure(cand, kind, { value, conversion: notes.length ? notes.join("；") : null, comparable: true, reason: null });
}
