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
  field: "content" | "location" | "investment" | "investmentUnit" | "period" | "chapter" | "line";
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
  /** the line of the document the project is printed on */
  line: number | null;
  /** the values of the text columns in use (see projectColumns: 建设内容, 所在章节), in their order */
  readonly cells: Array<{ value: Display }>;
  /** the values of the short columns in use (see projectDetails: 地点, 总投资, 投资单位, 建设年限, 行号) */
  readonly details: Array<{ value: Display }>;
}

/** The columns a project may fill, wide ones (text) and short ones; 所在章节 and 行号 always stay. */
const WIDE: ProjectColumn[] = [
  { header: "建设内容", field: "content" },
  { header: "所在章节", field: "chapter" },
];
const SHORT: ProjectColumn[] = [
  { header: "地点", field: "location" },
  { header: "总投资", field: "investment" },
  { header: "投资单位", field: "investmentUnit" },
  { header: "建设年限", field: "period" },
  { header: "行号", field: "line" },
];
const ALWAYS = new Set<ProjectColumn["field"]>(["chapter", "line"]);

/**
 * A register row. `cells` is made when a template reads it, from the columns the row was given:
 * a 100 000-row register keeps no second copy of its values, and every row keeps one shape.
 */
class ProjectRecord implements ProjectRow {
  region: string | null = null;
  plan = "";
  periodLabel = "";
  boxLabel = "";
  boxTitle = "";
  box = "";
  group: string | null = null;
  name = "";
  content: string | null = null;
  location: string | null = null;
  investment: Display = null;
  investmentNumber: number | null = null;
  investmentUnit: string | null = null;
  period: string | null = null;
  section: string | null = null;
  chapter: string | null = null;
  line: number | null = null;
  columnsInUse: ProjectColumn[] = [];
  detailsInUse: ProjectColumn[] = [];

  get cells(): Array<{ value: Display }> {
    return this.columnsInUse.map((c) => ({ value: this[c.field] }));
  }

  get details(): Array<{ value: Display }> {
    return this.detailsInUse.map((c) => ({ value: this[c.field] }));
  }
}

function rowsOf(plan: Plan, keep: (box: ProjectBox) => boolean): ProjectRow[] {
  const rows: ProjectRow[] = [];
  const labels = labelMap(plan.outline);
  for (const box of plan.projectBoxes) {
    if (!keep(box)) continue;
    const chapter = sectionLabel(box.section, labels);
    const boxName = `${box.label} ${box.title}`.trim();
    for (const group of box.groups) {
      for (const p of group.projects) {
        const r = new ProjectRecord();
        r.region = plan.region;
        r.plan = plan.title;
        r.periodLabel = plan.period.label;
        r.boxLabel = box.label;
        r.boxTitle = box.title;
        r.box = boxName;
        r.group = group.name;
        r.name = p.name;
        r.content = p.content ?? null;
        r.location = p.location ?? null;
        r.investment = displayQuantity(p.investment);
        r.investmentNumber = numberOf(p.investment);
        r.investmentUnit = p.investmentUnit ?? p.investment?.unit ?? null;
        r.period = p.period ?? null;
        r.section = box.section;
        r.chapter = chapter;
        r.line = p.line ?? null;
        rows.push(r);
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

/** The optional columns some row fills (所在章节 and 行号 always); each row's `cells` and `details` follow them from now on. */
export function withColumns(rows: ProjectRow[]): { columns: ProjectColumn[]; details: ProjectColumn[]; rows: ProjectRow[] } {
  const used = (c: ProjectColumn) => ALWAYS.has(c.field) || rows.some((r) => r[c.field] !== null && r[c.field] !== "");
  const columns = WIDE.filter(used);
  const details = SHORT.filter(used);
  for (const r of rows) {
    if (!(r instanceof ProjectRecord)) continue;
    r.columnsInUse = columns;
    r.detailsInUse = details;
  }
  return { columns, details, rows };
}
