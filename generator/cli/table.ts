import { oneLine } from "./terminal";

/**
 * Plain terminal tables that line up with Chinese text: CJK and full-width characters take two
 * columns in a terminal, so widths are counted in columns, not in string length.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

export function truncate(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  let out = "";
  let width = 0;
  for (const ch of text) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (width + w > maxWidth - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

export interface Column {
  header: string;
  /** cells wider than this are cut with "…" (default 40 columns) */
  max?: number;
  align?: "left" | "right";
}

export function renderTable(columns: Column[], rows: Array<Array<string | number | null | undefined>>): string {
  // cells come from documents: control characters and escape sequences are removed before measuring
  const cells = rows.map((row) => columns.map((c, i) => truncate(oneLine(String(row[i] ?? "")).replace(/\s+/g, " "), c.max ?? 40)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]))));
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(v, widths[i], columns[i].align === "right"))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "─".repeat(w))), ...cells.map(line)].join("\n");
}
