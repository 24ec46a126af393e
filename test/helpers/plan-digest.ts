/**
 * What a Plan says, without where it says it (line numbers and source differ between a text and
 * the same document as .docx, .doc, .pdf or a web page): metadata, every indicator row field by
 * field, every box with its groups and projects, every target. Two formats of one document should
 * digest alike; a test names each field where they may not, and why.
 */
import type { Plan, Project, Quantity } from "../../generator/model";

const q = (x: Quantity | null | undefined) =>
  x ? { raw: x.raw, value: x.value, comparator: x.comparator, unit: x.unit, kind: x.kind, text: x.text, cumulative: x.cumulative, upper: x.upper ?? null, parts: x.parts ?? null } : null;

const project = (p: Project) => ({
  name: p.name,
  content: p.content ?? null,
  location: p.location ?? null,
  investment: q(p.investment),
  investmentUnit: p.investmentUnit ?? null,
  period: p.period ?? null,
  phase: p.phase ?? null,
  capacity: p.capacity ?? null,
});

export function digest(p: Plan) {
  const target = (t: Plan["targets"][number]) => ({ metric: t.metric, raw: t.raw, year: t.year, value: q(t.value), text: t.text });
  return {
    meta: { kind: p.kind, region: p.region, period: p.period.label, title: p.title },
    tables: p.indicatorTables.map((t) => ({
      title: t.title,
      role: t.role,
      baseYear: t.baseYear,
      targetYear: t.targetYear,
      columns: t.columns,
      columnInfo: t.columnInfo,
      notes: t.notes,
      rows: t.indicators.map((i) => ({
        category: i.category,
        seq: i.seq,
        name: i.name,
        unit: i.unit,
        parent: i.parent,
        baseline: q(i.baseline),
        target: q(i.target),
        rate: q(i.rate),
        attribute: i.attribute,
        flags: i.flags,
        cells: Object.fromEntries(Object.entries(i.cells).map(([k, v]) => [k, q(v)])),
      })),
    })),
    boxes: p.projectBoxes.map((b) => ({ label: b.label, title: b.title, kind: b.kind, section: b.section, groups: b.groups.map((g) => ({ name: g.name, projects: g.projects.map(project) })) })),
    targets: p.targets.map(target),
    annualTargets: p.annualTargets.map(target),
    lastYearResults: p.lastYearResults.map(target),
    tasks: p.tasks.map(target),
    warnings: p.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

export type Digest = ReturnType<typeof digest>;

/** How many projects the boxes hold. */
export const projectCount = (d: Digest) => d.boxes.reduce((n, b) => n + b.groups.reduce((m, g) => m + g.projects.length, 0), 0);
