/**
 * The rows =PLANBOOK.TABLE / PROJECTS / TARGETS spill into a sheet: a header row, then one row per
 * indicator, project or target, every row as wide as the header. An indicator table keeps its
 * columns as printed (with 单位 after the name when the table has no unit column), so the spill
 * reads like the table in the document.
 */
import type { IndicatorTable, ProjectRow, Quantity, Target } from "../model";

export type SpillCell = number | string;

/**
 * A number only where the source printed one plain figure (its qualifier — 左右, 以上, [ ] — is in
 * the 比较 and 类型 fields); a range, several figures printed together or words come back as printed,
 * so no formula ever shows one number where the plan said something else.
 */
export function figure(q: Quantity | null | undefined): number | string | null {
  if (!q) return null;
  if (q.value === null || (q.upper !== undefined && q.upper !== null) || (q.parts && q.parts.length > 1)) return q.raw || q.text || null;
  return q.value;
}

/**
 * In a spilled table every figure is shown as printed unless it is one plain number (a % sign
 * aside): 7左右, >7, [4] and 60.1* (a footnote mark) keep their marks.
 */
function printed(q: Quantity | null | undefined): SpillCell {
  if (!q) return "";
  const plain = figure(q);
  const bare = q.raw.replace(/[%％\s]/g, "");
  return typeof plain === "number" && bare !== "" && Number(bare) === plain ? plain : q.raw;
}

const cell = (value: string | number | null | undefined): SpillCell => (value === null || value === undefined ? "" : value);

export function tableSpill(table: IndicatorTable): SpillCell[][] {
  const info = table.columnInfo.length === table.columns.length ? table.columnInfo : table.columns.map((header) => ({ header, meaning: "other" as const, year: null }));
  const hasUnit = info.some((c) => c.meaning === "unit");
  const header: SpillCell[] = [];
  const columns: Array<(i: IndicatorTable["indicators"][number]) => SpillCell> = [];
  for (const column of info) {
    header.push(column.header);
    switch (column.meaning) {
      case "category":
        columns.push((i) => cell(i.category));
        break;
      case "seq":
        columns.push((i) => cell(i.seq));
        break;
      case "name":
        columns.push((i) => i.name);
        if (!hasUnit) {
          header.push("单位");
          columns.push((i) => cell(i.unit));
        }
        break;
      case "unit":
        columns.push((i) => cell(i.unit));
        break;
      case "attribute":
        columns.push((i) => cell(i.attribute));
        break;
      case "baseline":
        columns.push((i) => printed(i.baseline));
        break;
      case "target":
        columns.push((i) => printed(i.target));
        break;
      case "rate":
        columns.push((i) => printed(i.rate));
        break;
      default:
        columns.push((i) => printed(i.cells[column.header]));
    }
  }
  return [header, ...table.indicators.map((i) => columns.map((c) => c(i)))];
}

const PROJECT_HEADER = ["专栏", "专栏名称", "分组", "项目名称", "建设内容", "建设地点", "总投资", "投资单位", "建设期限", "建设阶段", "建设规模"];

export function projectsSpill(projects: ProjectRow[]): SpillCell[][] {
  return [
    PROJECT_HEADER,
    ...projects.map((p) => [
      p.box, p.boxTitle, cell(p.group), p.name, cell(p.content), cell(p.location), printed(p.investment),
      cell(p.investmentUnit ?? p.investment?.unit), cell(p.period), cell(p.phase), cell(p.capacity),
    ]),
  ];
}

const TARGET_HEADER = ["指标", "数值", "比较", "单位", "原文", "出处", "行"];

export function targetsSpill(targets: Target[]): SpillCell[][] {
  return [
    TARGET_HEADER,
    ...targets.map((t) => [t.metric, cell(figure(t.value)), cell(t.value.comparator), cell(t.value.unit), t.raw, t.text, t.line]),
  ];
}
