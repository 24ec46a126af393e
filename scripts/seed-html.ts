/**
 * A seed's text as the web page (and, through LibreOffice, the Word file and PDF) it was
 * published as: paragraphs as <p>, outline headings as <h1>–<h3>, every table as a real <table>
 * (a category printed once and left empty below, carried down, as rowspan; a group label over
 * empty header cells as colspan), every 专栏 as a bordered one-cell table around its content.
 *
 * The structure is read with the parser's own segment stage (the cleaned lines, their paragraphs,
 * the outline, the indicator tables' line ranges and grids), so the page says exactly what the
 * text says; the test then asks whether each format brings the same Plan back.
 */
import { buildContext } from "../generator/parse";
import type { SourceLine } from "../generator/parse/context";
import { matchCaption } from "../generator/parse/boxes/caption";
import { GroupCollector, nestedHeading, splitGroupHead } from "../generator/parse/boxes/groups";
import type { OutlineNode } from "../generator/model";
import { isTableLine, type Paragraph } from "../generator/parse/paragraphs";
import { readGrid } from "../generator/parse/tables";
import { squeeze } from "../generator/parse/quantity";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const NOTE_START = /^\s*注\s*[：:]/u;

/** How the page draws its parts; the border-free variant is for the rule-less PDF fixture. */
export interface HtmlStyle {
  /** cell borders of data tables (true: border="1") */
  tableBorders: boolean;
}

const cellsOf = (text: string) => text.split("\t").map((c) => c.trim());

/**
 * A grid as a <table>: in the category column, a cell followed by empty cells below it is one
 * cell spanning those rows; in the header rows, a label followed by empty cells spans them.
 */
export function gridTable(input: string[][], style: HtmlStyle, categoryCol: number | null, headerRows: number, caption?: string): string {
  // a real table is rectangular: rows padded to the widest, the columns a text export adds empty (a tab after the last cell) left out
  const wide = Math.max(...input.map((r) => r.length));
  const used = Array.from({ length: wide }, (_, c) => input.some((r) => (r[c] ?? "").trim() !== ""));
  const rows = input.map((r) => Array.from({ length: wide }, (_, c) => r[c] ?? "").filter((_, c) => used[c]));
  const width = rows[0]?.length ?? 0;
  const category = categoryCol === null || !used[categoryCol] ? null : used.slice(0, categoryCol).filter(Boolean).length;
  const out: string[] = [];
  const skip = new Set<number>();
  const headerText = new Set(rows.slice(0, headerRows).map((r) => r.join("\t").replace(/\s+/g, "")));
  // a header printed again inside the table (the text's table restarted on a new page) is a header row there too
  const isHeader = (r: number) => r < headerRows || headerText.has(rows[r].join("\t").replace(/\s+/g, ""));
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    const tds: string[] = [];
    for (let c = 0; c < cells.length; c++) {
      if (c === category && skip.has(r)) continue;
      const text = cells[c];
      let colspan = 1;
      if (isHeader(r) && text) while (c + colspan < width && (cells[c + colspan] ?? "") === "" && c + colspan < cells.length) colspan++;
      let rowspan = 1;
      if (c === category && !isHeader(r) && text) {
        while (r + rowspan < rows.length && (rows[r + rowspan][c] ?? "") === "" && !isHeader(r + rowspan)) rowspan++;
        for (let k = 1; k < rowspan; k++) skip.add(r + k);
      }
      const tag = isHeader(r) ? "th" : "td";
      tds.push(`<${tag}${rowspan > 1 ? ` rowspan="${rowspan}" valign="middle"` : ""}${colspan > 1 ? ` colspan="${colspan}"` : ""}>${esc(text)}</${tag}>`);
      c += colspan - 1;
    }
    out.push(`<tr>${tds.join("")}</tr>`);
  }
  // a 专栏 holding only a table prints its caption as the table's first row, across every column
  if (caption) out.unshift(`<tr><td colspan="${width}" align="center"><b>${esc(caption)}</b></td></tr>`);
  return `<table${style.tableBorders ? ` border="1"` : ""} cellspacing="0" cellpadding="3" width="100%">${out.join("\n")}</table>`;
}

function headingNodes(outline: OutlineNode[]): Map<number, { depth: number; node: OutlineNode }> {
  const out = new Map<number, { depth: number; node: OutlineNode }>();
  const walk = (nodes: OutlineNode[], depth: number) => {
    for (const n of nodes) {
      out.set(n.line, { depth, node: n });
      walk(n.children, depth + 1);
    }
  };
  walk(outline, 1);
  return out;
}

export function seedHtml(text: string, path: string, style: HtmlStyle = { tableBorders: true }): string {
  const { ctx, meta } = buildContext(text, path);
  const { paragraphs, tableRanges, headingLines, lines } = ctx;
  const headings = headingNodes(ctx.outline);
  const lineAt = new Map<number, SourceLine>(lines.map((l) => [l.no, l]));
  const rangeOf = (no: number) => tableRanges.find(([a, b]) => no >= a && no <= b);
  const isTablePara = (p: Paragraph) => rangeOf(p.start) !== undefined || isTableLine(p.text);
  const body: string[] = [];

  let pendingCaption: string | undefined;
  const takeCaption = () => {
    const c = pendingCaption;
    pendingCaption = undefined;
    return c;
  };

  /** The paragraphs of an indicator table's range: the grid as a table, the lines around it (a unit line, the 注) as paragraphs. */
  const indicatorTable = (at: number, out: string[]): number => {
    const [a, b] = rangeOf(paragraphs[at].start)!;
    const region = lines.filter((l) => l.no >= a && l.no <= b);
    const grid = readGrid(region);
    let j = at;
    while (j < paragraphs.length && paragraphs[j].start >= a && paragraphs[j].start <= b) j++;
    if (!grid) {
      for (let k = at; k < j; k++) out.push(`<p>${esc(paragraphs[k].text)}</p>`);
      return j;
    }
    const first = grid.rows[0].line;
    const noteAt = region.find((l) => NOTE_START.test(l.text))?.no ?? Infinity;
    for (let k = at; k < j && paragraphs[k].start < first; k++) out.push(`<p>${esc(paragraphs[k].text)}</p>`);
    const header = grid.rows.findIndex((r) => r.cells.some((c) => /指标/u.test(c)) && r.cells.some((c) => /序号|属性|单位|类别|类型/u.test(c)));
    const headerRows = header + 1;
    const catCol = grid.rows[header]?.cells.findIndex((c) => /^(类别|类型|领域|分类)$/u.test(c.replace(/\s+/g, ""))) ?? -1;
    out.push(gridTable(grid.rows.map((r) => r.cells), style, catCol >= 0 ? catCol : null, Math.max(0, headerRows), takeCaption()));
    for (let k = at; k < j; k++) if (paragraphs[k].start >= noteAt) out.push(`<p>${esc(paragraphs[k].text)}</p>`);
    return j;
  };

  /** A run of tab-separated lines (a project table, a layout table) as a table. */
  const plainTable = (at: number, out: string[]): number => {
    let j = at;
    const rows: string[][] = [];
    while (j < paragraphs.length && rangeOf(paragraphs[j].start) === undefined && isTableLine(paragraphs[j].text) && !matchCaption(paragraphs[j].text)) {
      for (let no = paragraphs[j].start; no <= paragraphs[j].end; no++) {
        const l = lineAt.get(no);
        if (l && l.text.trim()) rows.push(l.text.includes("\t") ? cellsOf(l.text.replace(/\t+$/, "")) : [l.text.trim()]);
      }
      j++;
    }
    const width = Math.max(...rows.map((r) => r.length));
    if (width <= 1) for (const r of rows) out.push(`<p>${esc(r[0])}</p>`);
    else out.push(gridTable(rows, style, null, 1, takeCaption()));
    return j;
  };

  /** Where a box that starts at its caption ends: the parser's own rule (boxes.ts readBox), so the frame holds what the text's box holds. */
  const boxEnd = (at: number): number => {
    let j = at + 1;
    if (j < paragraphs.length && isTablePara(paragraphs[j])) {
      while (j < paragraphs.length && isTablePara(paragraphs[j]) && !matchCaption(paragraphs[j].text)) j++;
      return j;
    }
    const collector = new GroupCollector();
    for (; j < paragraphs.length; j++) {
      const p = paragraphs[j];
      if (matchCaption(p.text) || isTablePara(p)) break;
      if (headingLines.has(p.start)) {
        const following = paragraphs[j + 1];
        if (nestedHeading(p.text) && following && splitGroupHead(following.text)) continue;
        break;
      }
      if (!collector.accept(p)) break;
    }
    return j;
  };

  const blocks = (from: number, to: number, out: string[], inBox: boolean): void => {
    let i = from;
    while (i < to) {
      const p = paragraphs[i];
      if (rangeOf(p.start)) {
        i = indicatorTable(i, out);
        continue;
      }
      const caption = !inBox && p.start === p.end ? matchCaption(p.text) : null;
      if (caption && i + 1 < to && isTablePara(paragraphs[i + 1])) {
        // a box of a table: the caption goes into the table (a one-cell frame around a long table cannot break across pages)
        pendingCaption = p.text;
        i++;
        continue;
      }
      if (caption) {
        const end = Math.min(boxEnd(i), to);
        const inner: string[] = [`<p align="center"><b>${esc(p.text)}</b></p>`];
        blocks(i + 1, end, inner, true);
        out.push(`<table border="1" cellspacing="0" cellpadding="6" width="100%"><tr><td>${inner.join("\n")}</td></tr></table>`);
        i = end;
        continue;
      }
      if (isTableLine(p.text) && p.text.includes("\t")) {
        i = plainTable(i, out);
        continue;
      }
      const heading = headingLines.has(p.start) ? headings.get(p.start) : undefined;
      const level = heading ? heading.depth : 0;
      // a title printed on two lines (the outline joined the second to it) is one heading with a line break
      const next = paragraphs[i + 1];
      const wrapped = heading && next && !headingLines.has(next.start) && heading.node.title.endsWith(` ${next.text}`) && !p.text.endsWith(next.text);
      const text = wrapped ? `${esc(p.text)}<br>${esc(next.text)}` : esc(p.text);
      if (level >= 1 && level <= 3 && !inBox) out.push(`<h${level}>${text}</h${level}>`);
      else if (level) out.push(`<p><b>${text}</b></p>`);
      else out.push(`<p>${text}</p>`);
      i += wrapped ? 2 : 1;
    }
  };

  // the title, where the text prints one (the paragraphs at the top that spell it): centred and large, its lines kept
  const title = squeeze(meta.title);
  let spelled = "";
  let at = 0;
  while (at < paragraphs.length && spelled !== title && !headingLines.has(paragraphs[at].start) && squeeze(paragraphs[at].text) && title.startsWith(spelled + squeeze(paragraphs[at].text))) spelled += squeeze(paragraphs[at++].text);
  const titleLines = spelled === title ? paragraphs.slice(0, at).map((p) => esc(p.text)) : [];
  if (titleLines.length) body.push(`<p align="center" style="font-size:20pt"><b>${titleLines.join("<br>")}</b></p>`);
  blocks(titleLines.length ? at : 0, paragraphs.length, body, false);
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(meta.title)}</title><style>td, th { font-size: 9pt }</style></head><body>\n${body.join("\n")}\n</body></html>\n`;
}
