import { squeeze } from "../quantity";
import type { GridRow } from "./grid";

export type ColumnRole = "category" | "seq" | "name" | "unit" | "attribute" | "year" | "rate" | "other";

/**
 * What a value column's header says its figures are, beside its year: the plan's goal (目标, 规划),
 * the base (基数, 基期), what was achieved (实际, 完成), an estimate (预计), a verdict (完成情况), or
 * nothing said (a bare "2025年").
 */
export type ColumnSense = "target" | "baseline" | "actual" | "estimate" | "completion" | "plain";

export interface Column {
  /** the header as printed, inner spaces removed; prefixed by its group ("实际完成情况 2020年") under a two-row header */
  header: string;
  role: ColumnRole;
  year: number | null;
  sense: ColumnSense;
}

export interface Header {
  columns: Column[];
  /** index of the row after the header rows */
  bodyStart: number;
  /** the header rows' squeezed text, to skip the header where a page break repeats it */
  signatures: Set<string>;
}

/** An indicator table has a dozen columns or so; a "header" of hundreds is not one, and would make every row that wide. */
export const MAX_COLUMNS = 64;

function roleOf(h: string): { role: ColumnRole; year: number | null } {
  const year = /^(?:\D*?)((?:19|20)\d{2})年?/.exec(h);
  if (/^(类别|类型|领域|分类|类)$/.test(h)) return { role: "category", year: null };
  if (/^(序号|编号|No\.?)$/i.test(h)) return { role: "seq", year: null };
  if (/^(指标名称|指标|指标内容|主要指标|名称)$/.test(h)) return { role: "name", year: null };
  if (/^(单位|计量单位)$/.test(h)) return { role: "unit", year: null };
  if (/^(属性|指标属性|性质|指标性质|预期性\/约束性)$/.test(h)) return { role: "attribute", year: null };
  if (/年均|累计|增速|增长率/.test(h) && !/^\d{4}年$/.test(h)) return { role: "rate", year: null };
  if (year && !/\d{4}-\d{4}/.test(h)) return { role: "year", year: Number(year[1]) };
  return { role: "other", year: null };
}

/** The words of a header (group prefix included) that say what its figures are. Achieved comes first: "实际完成情况" is not a goal. */
export function senseOf(header: string, role: ColumnRole): ColumnSense {
  if (role !== "year" && role !== "rate" && role !== "other") return "plain";
  const own = header.replace(/^.*\s/u, "");
  // a verdict column ("完成情况", "是否完成") holds words, not a year's figure
  if (role === "other" && /^(?:完成情况|是否完成|完成进度|完成率|进展情况|实施情况|评价|评估|备注说明)$/u.test(own)) return "completion";
  if (/预计|预估|预测/u.test(header)) return "estimate";
  if (/实际|完成|实现/u.test(header)) return "actual";
  if (/基数|基期|基准|基年|现状/u.test(header)) return "baseline";
  if (/目标|规划|预期(?!性)/u.test(header)) return "target";
  return "plain";
}

const row = (r: GridRow) => r.cells.map((c) => squeeze(c));

/** A row's cells as one key, trailing empty cells dropped (joined once: no regex over runs of separators). */
export function signatureOf(cells: string[]): string {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  let key = end > 0 ? cells[0] : "";
  for (let i = 1; i < end; i++) key += `|${cells[i]}`;
  return key;
}

/** A header row names an indicator column and at least two other known columns. */
export function isHeaderRow(r: GridRow): boolean {
  if (r.cells.length > MAX_COLUMNS * 2) return false;
  const cells = row(r);
  const roles = cells.map((c) => roleOf(c).role);
  return roles.includes("name") && roles.filter((x) => x !== "other" && x !== "name").length >= 2;
}

/** what a second header row prints: labels under a year ("目标 | 实际"), or years and rates under a group ("2020年 | 年均增长"), never a figure */
const SUB_HEADER = /^(?:目标|目标值|规划|规划目标|实际|实际值|完成|实际完成|完成值|预计|预计完成|基数|基期值|年均增长|年均|累计|增速|完成情况|单位|属性|(?:(?:19|20)\d\d(?:[-—－~～](?:19|20)?\d\d)?年[\p{Script=Han}]{0,6})|[^\d]{0,8}(?:年均|累计|增速|增长率)[^\d]{0,8})$/u;

/** "2020年" over "目标" reads "2020年目标"; a group over its columns is a prefix: "规划目标 2020年" */
function joinLabels(upper: string, lower: string): string {
  if (!upper || upper === lower) return lower;
  return /(?:19|20)\d\d年?$/u.test(upper) && !/\d/u.test(lower) ? `${upper}${lower}` : `${upper} ${lower}`;
}

/**
 * Finds the header in a grid and names its columns. A row of group labels just above it
 * ("规划目标 … 实际完成情况", each spanning the empty cells to its right) prefixes the columns it spans;
 * a row of labels just below it, empty under the indicator's name ("2020年" over "目标 | 实际",
 * "规划目标" over "2020年 | 年均增长"), is joined to the column above each.
 */
export function readHeader(rows: GridRow[]): Header | null {
  let at = rows.findIndex(isHeaderRow);
  if (at < 0) return null;
  // a two-row header whose cells merged down both rows (类别, 序号, 指标名称, 属性) make both rows look like
  // the header: the lower row names the columns, the upper groups them
  if (at + 1 < rows.length && isHeaderRow(rows[at + 1])) at++;
  const cells = row(rows[at]);
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  if (cells.length > MAX_COLUMNS) return null;
  let groups: string[] = [];
  const signatures = new Set([signatureOf(cells)]);
  if (at > 0) {
    const above = row(rows[at - 1]);
    if (above.filter((c) => c).length >= 2 && above.filter((c) => c).length < cells.length) {
      let current = "";
      groups = cells.map((_, i) => (above[i] ? (current = above[i]) : current));
      signatures.add(signatureOf(above));
    }
  }
  let bodyStart = at + 1;
  let labels = cells;
  const below = rows[at + 1] && rows[at + 1].cells.length <= MAX_COLUMNS * 2 ? row(rows[at + 1]) : [];
  const subs = below.filter((c) => c);
  const nameAt = cells.findIndex((c) => roleOf(c).role === "name");
  if (subs.length >= 2 && !below[nameAt] && subs.every((c) => SUB_HEADER.test(c))) {
    // the upper cell spans the empty cells to its right: carry it to every label under it
    let current = "";
    const width = Math.max(cells.length, below.length);
    labels = [];
    for (let i = 0; i < width; i++) {
      if (cells[i]) current = cells[i];
      labels.push(below[i] ? joinLabels(current, below[i]) : (cells[i] ?? ""));
    }
    while (labels.length && labels[labels.length - 1] === "") labels.pop();
    signatures.add(signatureOf(below));
    bodyStart = at + 2;
  }
  const columns: Column[] = labels.map((h, i) => {
    const { role, year } = roleOf(h);
    const group = groups[i] && !/^指标$/.test(groups[i]) ? groups[i] : "";
    const header = group && group !== h && role !== "name" && role !== "seq" && role !== "category" ? `${group} ${h}` : h;
    return { header, role, year, sense: senseOf(header, role) };
  });
  return { columns, bodyStart, signatures };
}
