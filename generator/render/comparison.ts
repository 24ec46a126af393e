/**
 * The same indicator across Plans. Names are matched through the one normaliser (model/names.ts,
 * with the synonym list in force); an indicator found in only one Plan is listed, not dropped.
 *
 * Never silently wrong: a row holds values of one kind (level, yearly rate, cumulative change) in
 * one unit. A value in another unit is converted only where the rule is exact and well known
 * (1亿斤 = 5万吨), and the row's note says so; otherwise it gets a row of its own. Every matched
 * name is reported with the rule that matched it.
 */
import { conversionRule, convertUnit, nameMatcher, unitDimension, type NameMatcher, type Plan, type Quantity, type SynonymList, type ValueKind } from "../model";
import { comparableForm, effectiveUnit, KIND_LABELS, type Display } from "./views";

export interface ComparisonColumn {
  region: string | null;
  periodLabel: string;
  header: string;
}

export interface ComparisonCell {
  value: Display;
  number: number | null;
}

export interface ComparisonRow {
  name: string;
  unit: string | null;
  /** 水平值, 年增速, 累计变化, 文字 */
  kind: string;
  /** one per column, in column order; null value where that Plan lacks the indicator */
  cells: ComparisonCell[];
  found: number;
  /** what a reader must know to trust the row: conversions made, as printed before */
  note: string | null;
}

export interface UnmatchedRow {
  header: string;
  name: string;
  unit: string | null;
  kind: string;
  value: Display;
}

/** One line of the report of how names were matched. */
export interface MatchRow {
  /** the row's name */
  name: string;
  header: string;
  /** the name as that Plan prints it */
  printed: string;
  /** 名称相同 / 规范化后相同 / 同义词 X ↔ Y */
  rule: string;
}

export interface ComparisonView {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  unmatched: UnmatchedRow[];
  matches: MatchRow[];
}

interface Entry {
  plan: number;
  name: string;
  q: Quantity | null;
  kind: ValueKind;
  unit: string | null;
}

/** The kinds that may share a row: a text value ("控制在省下达目标内") sits beside whatever figures its name has. */
function kindClass(e: Entry): ValueKind | null {
  return e.kind === "text" ? null : e.kind;
}

/** What each Plan compares: its own targets table (a review table's figures belong to the period it reviews), and a report's 主要预期目标. */
function entriesOf(plan: Plan, i: number): Array<Entry & { parent: string | null }> {
  const out: Array<Entry & { parent: string | null }> = [];
  const table = plan.indicatorTables.find((t) => t.role === "targets");
  for (const ind of table?.indicators ?? []) {
    const q = ind.target ?? ind.rate;
    const kind = q?.kind ?? "text";
    out.push({ plan: i, name: ind.name, parent: ind.parent, q, kind, unit: effectiveUnit(q, ind.unit) });
  }
  for (const t of plan.annualTargets) out.push({ plan: i, name: t.metric, parent: null, q: t.value, kind: t.value.kind, unit: t.value.unit });
  return out;
}

function mostCommon(units: Array<string | null>): string | null {
  const count = new Map<string | null, number>();
  for (const u of units) count.set(u, (count.get(u) ?? 0) + 1);
  let best: string | null = units[0] ?? null;
  for (const [u, n] of count) if (n > (count.get(best) ?? 0)) best = u;
  return best;
}

function ruleText(matcher: NameMatcher, a: string, b: string): string {
  const m = matcher.match(a, b);
  if (!m || m.rule === "exact") return "名称相同";
  if (m.rule === "normalised") return "规范化后相同（去掉空格、括注、单位、标记）";
  return `同义词：${m.synonyms.join("；")}`;
}

export function comparisonView(plans: Plan[], synonyms?: SynonymList): ComparisonView {
  const matcher = nameMatcher(synonyms);
  const columns = plans.map((p) => {
    const region = p.region ?? p.title;
    return { region: p.region, periodLabel: p.period.label, header: `${region} ${p.period.label}`.trim() };
  });
  const byKey = new Map<string, Entry[]>();
  plans.forEach((plan, i) => {
    for (const e of entriesOf(plan, i)) {
      const key = matcher.key(e.name) + "|" + (e.parent ? matcher.key(e.parent) : "");
      const list = byKey.get(key) ?? [];
      // a repeated name in one plan: the first one counts
      if (!list.some((x) => x.plan === i)) list.push(e);
      byKey.set(key, list);
    }
  });
  const rows: ComparisonRow[] = [];
  const unmatched: UnmatchedRow[] = [];
  const matches: MatchRow[] = [];
  for (const entries of byKey.values()) {
    if (entries.length < 2 && plans.length > 1) {
      const e = entries[0];
      unmatched.push({ header: columns[e.plan].header, name: e.name, unit: e.unit, kind: KIND_LABELS[e.kind], value: comparableForm(e.q, e.q?.value ?? null) });
      continue;
    }
    for (const e of entries) matches.push({ name: entries[0].name, header: columns[e.plan].header, printed: e.name, rule: ruleText(matcher, entries[0].name, e.name) });
    rows.push(...splitRows(entries, plans.length, columns));
  }
  return { columns, rows, unmatched, matches };
}

/** One matched name's values → rows of one kind and one unit each, converting exactly where a rule allows. */
function splitRows(entries: Entry[], width: number, columns: ComparisonColumn[]): ComparisonRow[] {
  const groups: Array<{ kind: ValueKind | null; dimension: string; entries: Entry[] }> = [];
  const figures = entries.filter((e) => kindClass(e) !== null);
  for (const e of figures) {
    const dimension = unitDimension(e.unit);
    let g = groups.find((x) => x.kind === kindClass(e) && x.dimension === dimension);
    if (!g) groups.push((g = { kind: kindClass(e), dimension, entries: [] }));
    g.entries.push(e);
  }
  for (const e of entries.filter((x) => kindClass(x) === null)) {
    const g = groups.find((x) => x.dimension === unitDimension(e.unit)) ?? groups[0];
    if (g) g.entries.push(e);
    else groups.push({ kind: null, dimension: unitDimension(e.unit), entries: [e] });
  }
  return groups.map((g) => {
    const unit = mostCommon(g.entries.filter((e) => kindClass(e) !== null).map((e) => e.unit)) ?? g.entries[0].unit;
    const cells: ComparisonCell[] = Array.from({ length: width }, () => ({ value: null, number: null }));
    const notes: string[] = [];
    for (const e of g.entries) {
      const number = e.q?.value ?? null;
      const converted = number !== null && e.unit !== unit && e.unit && unit ? convertUnit(number, e.unit, unit) : number;
      if (converted !== number && e.unit && unit) notes.push(`${columns[e.plan].header} 原文 ${e.q?.raw}（${e.unit}），按 ${conversionRule(e.unit, unit)} 换算`);
      cells[e.plan] = { value: comparableForm(e.q, converted), number: converted };
    }
    return { name: g.entries[0].name, unit, kind: KIND_LABELS[g.kind ?? "text"], cells, found: g.entries.length, note: notes.length ? notes.join("；") : null };
  });
}
