/**
 * A plan's 专栏 as register rows. Boxes that list works (kind projects) make the project register;
 * boxes that lay out places and directions (布局, 方向: 梁子湖, 钟祥市, G240) are not projects and
 * go to a list of their own. Columns no project fills (总投资, 地点 on most plans) are left out.
 */
import type { Plan, ProjectBox } from "../model";
import { labelMap, sectionLabel } from "./outline-view";
import { displayQuantity, numberOf, type Display } from "./values";

export interface ProjectColumn {
  header: string;
  field: "content" | "location" | "investment" | "investmentUnit" | "period" | "chapter";
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
  /** the section, short: the numbers of the levels above and the heading the box sits under ("第五章 · 第一节 · 二、建设…") */
  chapter: string | null;
  /** the values of the columns in use (see projectColumns), in their order */
  cells: Array<{ value: Display }>;
}

/** Every column a project may fill, in the order printed; 所在章节 always stays (every box sits in a chapter or none). */
const OPTIONAL: ProjectColumn[] = [
  { header: "建设内容", field: "content" },
  { header: "地点", field: "location" },
  { header: "总投资", field: "investment" },
  { header: "投资单位", field: "investmentUnit" },
  { header: "建设年限", field: "period" },
  { header: "所在章节", field: "chapter" },
];

function rowsOf(plan: Plan, keep: (box: ProjectBox) => boolean): ProjectRow[] {
  const rows: ProjectRow[] = [];
  const labels = labelMap(plan.outline);
  for (const box of plan.projectBoxes) {
    if (!keep(box)) continue;
    const chapter = sectionLabel(box.section, labels);
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
          chapter,
          cells: [],
        });
      }
    }
  }
  return rows;
}

/** The projects of a plan's project boxes: what the register lists and counts. */
export function projectRows(plan: Plan): ProjectRow[] {
  return rowsOf(plan, (b) => b.kind === "projects");
}

/** The places and directions of a plan's layout boxes (布局与方向). */
export function layoutRows(plan: Plan): ProjectRow[] {
  return rowsOf(plan, (b) => b.kind === "layout");
}

/** The optional columns some row fills (所在章节 always), and each row's cells for them; rows are copied, not changed. */
export function withColumns(rows: ProjectRow[]): { columns: ProjectColumn[]; rows: ProjectRow[] } {
  const columns = OPTIONAL.filter((c) => c.field === "chapter" || rows.some((r) => r[c.field] !== null && r[c.field] !== ""));
  return { columns, rows: rows.map((r) => ({ ...r, cells: columns.map((c) => ({ value: r[c.field] })) })) };
}
