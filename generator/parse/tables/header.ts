import { squeeze } from "../quantity";
import type { GridRow } from "./grid";

export type ColumnRole = "category" | "seq" | "name" | "unit" | "attribute" | "year" | "rate" | "other";

export interface Column {
  /** the header as printed, inner spaces removed; prefixed by its group ("实际完成情况 2020年") under a two-row header */
  header: string;
  role: ColumnRole;
  year: number | null;
}

export interface Header {
  columns: Column[];
  /** index of the row after the header rows */
  bodyStart: number;
  /** the header rows' squeezed text, to skip the header where a page break repeats it */
  signatures: Set<string>;
}

function roleOf(h: string): { role: ColumnRole; year: number | null } {
  const year = /^(?:\D*?)((?:19|20)\d{2})年?/.exec(h);
  if (/^(类别|类型|领域|分类|类)$/.test(h)) return { role: "category", year: null };
  if (/^(序号|编号|No\.?)$/i.test(h)) return { role: "seq", year: null };
  if (/^(指标名称|指标|指标内容|主要指标|名称)$/.test(h)) return { role: "name", year: null };
  if (/^(单位|计量单位)$/.test(h)) return { role: "unit", year: null };
  if (/^(属性|指标属性|性质)$/.test(h)) return { role: "attribute", year: null };
  if (/年均|累计|增速|增长率/.test(h) && !/^\d{4}年$/.test(h)) return { role: "rate", year: null };
  if (year && !/\d{4}-\d{4}/.test(h)) return { role: "year", year: Number(year[1]) };
  return { role: "other", year: null };
}

const row = (r: GridRow) => r.cells.map((c) => squeeze(c));

/** A header row names an indicator column and at least two other known columns. */
export function isHeaderRow(r: GridRow): boolean {
  const cells = row(r);
  const roles = cells.map((c) => roleOf(c).role);
  return roles.includes("name") && roles.filter((x) => x !== "other" && x !== "name").length >= 2;
}

/**
 * Finds the header in a grid and names its columns. A row of group labels just above it
 * ("规划目标 … 实际完成情况", each spanning the empty cells to its right) prefixes the columns it spans.
 */
export function readHeader(rows: GridRow[]): Header | null {
  let at = rows.findIndex(isHeaderRow);
  if (at < 0) return null;
  // a two-row header whose cells merged down both rows (类别, 序号, 指标名称, 属性) make both rows look like
  // the header: the lower row names the columns, the upper groups them
  if (at + 1 < rows.length && isHeaderRow(rows[at + 1])) at++;
  const cells = row(rows[at]);
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  let groups: string[] = [];
  const signatures = new Set([cells.join("|")]);
  if (at > 0) {
    const above = row(rows[at - 1]);
    if (above.filter((c) => c).length >= 2 && above.filter((c) => c).length < cells.length) {
      let current = "";
      groups = cells.map((_, i) => (above[i] ? (current = above[i]) : current));
      signatures.add(above.join("|").replace(/\|+$/, ""));
    }
  }
  const columns: Column[] = cells.map((h, i) => {
    const { role, year } = roleOf(h);
    const group = groups[i] && !/^指标$/.test(groups[i]) ? groups[i] : "";
    return { header: group && group !== h && role !== "name" && role !== "seq" && role !== "category" ? `${group} ${h}` : h, role, year };
  });
  return { columns, bodyStart: at + 1, signatures };
}
