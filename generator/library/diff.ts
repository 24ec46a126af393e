import { normalizeIndicatorName, type Plan, type Quantity, type Target } from "../model";
import { flattenProjects, type FieldChange, type ListDiff, type PlanDiff } from "./types";

interface Keyed {
  key: string;
  context: string;
  name: string;
  fields: Record<string, string | null>;
}

const raw = (q: Quantity | null | undefined): string | null => q?.raw ?? null;

function indicatorItems(plan: Plan): Keyed[] {
  return plan.indicatorTables.flatMap((table) =>
    table.indicators.map((i) => ({
      // the same indicator may sit in the review and the targets table; the role keeps them apart
      key: `${table.role}|${i.parent ?? ""}|${normalizeIndicatorName(i.name)}`,
      context: table.title,
      name: i.name,
      fields: { unit: i.unit, baseline: raw(i.baseline), target: raw(i.target), rate: raw(i.rate), attribute: i.attribute, category: i.category },
    })),
  );
}

function projectItems(plan: Plan): Keyed[] {
  return flattenProjects(plan).map((p) => ({
    key: `${p.box}|${p.boxTitle}|${p.name}`,
    context: p.box,
    name: p.name,
    fields: { group: p.group, investment: raw(p.investment), period: p.period ?? null, location: p.location ?? null, content: p.content ?? null },
  }));
}

function targetItems(plan: Plan): Keyed[] {
  const lists: Array<[string, Target[]]> = [
    ["targets", plan.targets],
    ["annualTargets", plan.annualTargets],
    ["lastYearResults", plan.lastYearResults],
    ["tasks", plan.tasks],
  ];
  return lists.flatMap(([list, targets]) =>
    targets.map((t) => ({ key: `${list}|${t.year ?? ""}|${t.metric}`, context: list, name: t.metric, fields: { raw: t.raw } })),
  );
}

function diffLists(before: Keyed[], after: Keyed[]): ListDiff {
  // duplicate keys (a name printed twice) are matched in order, first with first
  const index = (items: Keyed[]) => {
    const map = new Map<string, Keyed[]>();
    for (const item of items) map.set(item.key, [...(map.get(item.key) ?? []), item]);
    return map;
  };
  const beforeByKey = index(before);
  const afterByKey = index(after);
  const result: ListDiff = { added: [], removed: [], changed: [] };
  for (const item of after) {
    const match = beforeByKey.get(item.key)?.shift();
    if (!match) {
      result.added.push({ context: item.context, name: item.name });
      continue;
    }
    const changes = fieldChanges(match.fields, item.fields);
    if (changes.length) result.changed.push({ context: item.context, name: item.name, changes });
  }
  for (const item of before) {
    const stillThere = afterByKey.get(item.key);
    if (stillThere && stillThere.length) stillThere.shift();
    else result.removed.push({ context: item.context, name: item.name });
  }
  return result;
}

function fieldChanges(from: Record<string, string | null>, to: Record<string, string | null>): FieldChange[] {
  return Object.keys({ ...from, ...to })
    .filter((field) => (from[field] ?? null) !== (to[field] ?? null))
    .map((field) => ({ field, from: from[field] ?? null, to: to[field] ?? null }));
}

/** What changed from one revision of a plan to another: document fields, indicators, projects and targets. */
export function diffPlans(before: Plan, after: Plan, fromRevision: number, toRevision: number, publicPath: (path: string) => string = (p) => p): PlanDiff {
  const describe = (p: Plan) => ({ title: p.title, region: p.region, kind: p.kind, period: p.period.label, sourcePath: publicPath(p.source.path), sha256: p.source.sha256 });
  return {
    planId: after.id,
    from: fromRevision,
    to: toRevision,
    fields: fieldChanges(describe(before), describe(after)),
    indicators: diffLists(indicatorItems(before), indicatorItems(after)),
    projects: diffLists(projectItems(before), projectItems(after)),
    targets: diffLists(targetItems(before), targetItems(after)),
  };
}
