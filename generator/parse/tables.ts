import type { IndicatorTable } from "../model";
import { warn, type ParseContext, type SourceLine } from "./context";
import { squeeze } from "./quantity";
import { readHeader, isHeaderRow } from "./tables/header";
import { fieldColumnsOf, interpretIndicators } from "./tables/interpret";
import { settleKinds } from "./tables/kinds";
import type { Column } from "./tables/header";
import type { ColumnMeaning, TableColumn } from "../model";
import { readGrid } from "./tables/readers";

export { readGrid } from "./tables/readers";

const CAPTION = /主要指标|指标体系|主要目标指标/u;
const NOTE_START = /^\s*注\s*[：:]/u;
const NOTE_SPLIT = /(?=[①②③④⑤⑥⑦⑧⑨⑩])|(?<=[。；])\s*(?=\d{1,2}[.．、]\s*\S)/u;

/** A caption line: short, names an indicator table, is not prose and not a heading. */
function isCaption(text: string, ctx: ParseContext, no: number): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && CAPTION.test(t) && !/[。；，]$/u.test(t) && !ctx.headingLines.has(no) && !/^第[一二三四五六七八九十\d]+[篇章节]/u.test(t);
}

/** Prose ends a table region: a long line with sentence punctuation and no cell separators. */
function isProse(text: string): boolean {
  return !text.includes("\t") && !/\|\s*$/.test(text) && squeeze(text).length > 45 && /[，。；]/u.test(text);
}

const headerish = (t: string) => /指标/u.test(t) && /(序号|属性|类别|类型|单位|\d{4}\s*年)/u.test(t);

/**
 * Indicator tables: each starts at a caption ("…主要指标", "专栏 1：…主要指标") or at a header row,
 * runs to its 注 block, the next heading or the next paragraph of prose, and is read by whichever
 * layout reader recognises it.
 */
export function readIndicatorTables(ctx: ParseContext): IndicatorTable[] {
  const { lines } = ctx;
  const tables: IndicatorTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    // every caption and header names 指标: most lines are passed over by this one native search
    if (!l.text.includes("指标")) {
      i++;
      continue;
    }
    let title: string | null = null;
    let start = -1;
    if (isCaption(l.text, ctx, l.no) && headerish(lines.slice(i + 1, i + 20).map((n) => n.text).join(" "))) {
      title = squeeze(l.text).replace(/^专栏\s*[\d\-－—]*\s*[：:]?\s*/u, "");
      start = i + 1;
    } else if (headerish(l.text) && (l.text.includes("\t") || /\|\s*$/.test(l.text) || /\S\s{2,}\S/.test(l.text.trim())) && !ctx.headingLines.has(l.no)) {
      const prev = [...lines.slice(Math.max(0, i - 3), i)].reverse().find((p) => p.text.trim());
      title = prev && prev.text.trim().length <= 60 && !isProse(prev.text) ? squeeze(prev.text) : "";
      start = i;
    }
    if (start < 0) {
      i++;
      continue;
    }
    let end = start;
    let notes: string[] = [];
    // a table a decoder read as rows ends where its rows end
    let decodedTable: number | undefined;
    for (; end < lines.length; end++) {
      const t = lines[end].text;
      if (lines[end].cells && decodedTable === undefined) decodedTable = lines[end].table;
      else if (decodedTable !== undefined && t.trim() && lines[end].table !== decodedTable && !NOTE_START.test(t)) break;
      if (NOTE_START.test(t)) {
        const read = readNotes(lines, end);
        notes = read.notes;
        end = read.next;
        break;
      }
      if (ctx.headingLines.has(lines[end].no) || (end > start && isCaption(t, ctx, lines[end].no)) || isProse(t)) break;
    }
    const region = lines.slice(start, end);
    const table = readTable(region, title ?? "", ctx);
    if (table) {
      table.notes = notes;
      tables.push(table);
      ctx.tableRanges.push([lines[start].no, lines[Math.max(start, end - 1)].no]);
    }
    i = Math.max(end, i + 1);
  }
  return tables;
}

function readNotes(lines: SourceLine[], at: number): { notes: string[]; next: number } {
  let text = lines[at].text.replace(NOTE_START, "");
  let j = at + 1;
  // a note wraps onto following lines until a blank line or a new block
  for (; j < lines.length && lines[j].text.trim() && !/^(第|专栏|[一二三四五六七八九十]+、)/u.test(lines[j].text.trim()) && lines[j].text.trim().length < 80; j++) text += lines[j].text;
  const notes = squeeze(text)
    .split(NOTE_SPLIT)
    .map((n) => n.trim())
    .filter(Boolean);
  return { notes, next: j };
}

function readTable(region: SourceLine[], title: string, ctx: ParseContext): IndicatorTable | null {
  const firstLine = region.find((l) => l.text.trim())?.no ?? region[0]?.no ?? 1;
  const grid = readGrid(region);
  if (!grid) {
    warn(ctx, "table-layout", `an indicator table${title ? ` (${title})` : ""} is printed in a layout Planbook does not read; its rows were not extracted`, firstLine);
    return null;
  }
  const header = readHeader(grid.rows);
  if (!header) {
    warn(ctx, "table-header", `an indicator table${title ? ` (${title})` : ""} has no header row Planbook recognises (指标名称, 序号, 属性, years)`, firstLine);
    return null;
  }
  const { indicators, skipped } = interpretIndicators(grid.rows, header);
  for (const s of skipped) warn(ctx, "table-row", s.reason, s.line);
  if (!indicators.length) {
    warn(ctx, "table-empty", `an indicator table${title ? ` (${title})` : ""} yielded no indicator rows`, firstLine);
    return null;
  }
  const info = columnInfo(header.columns);
  settleKinds(indicators, info);
  const plain = header.columns.filter((c) => c.role === "year" && !/完成|实际/.test(c.header));
  const review = /完成情况|完成|回顾|实施情况/u.test(title) || (ctx.kind === "five-year-plan" && ctx.year !== null && (plain[plain.length - 1]?.year ?? Infinity) <= ctx.year - 5);
  return {
    title,
    role: review ? "review" : "targets",
    baseYear: plain.length >= 2 ? plain[0].year : null,
    targetYear: plain.length ? plain[plain.length - 1].year : null,
    columns: header.columns.map((c) => c.header),
    columnInfo: info,
    line: grid.rows[0]?.line ?? firstLine,
    indicators,
    notes: [],
  };
}

export { isHeaderRow };

/** What each column holds: the header's role, with the year columns told apart by what feeds the indicator's fields. */
function columnInfo(columns: Column[]): TableColumn[] {
  const fields = fieldColumnsOf(columns);
  return columns.map((c, i): TableColumn => {
    let meaning: ColumnMeaning;
    if (i === fields.baseline) meaning = "baseline";
    else if (i === fields.target) meaning = "target";
    else if (i === fields.rate) meaning = "rate";
    else if (c.role === "year" || c.role === "rate") meaning = /实际|完成/u.test(c.header) ? "actual" : /预计/u.test(c.header) ? "estimate" : "other";
    else if (c.role === "other") meaning = /完成情况/u.test(c.header) ? "completion" : "other";
    else meaning = c.role;
    return { header: c.header, meaning, year: c.year };
  });
}
