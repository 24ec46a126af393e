import type { ProjectBox, ProjectGroup } from "../model";
import { sectionAt, warn, type ParseContext, type SourceLine } from "./context";
import { boxKind, matchCaption, type Caption } from "./boxes/caption";
import { GroupCollector, nestedHeading, opensWithListNumber, splitGroupHead } from "./boxes/groups";
import { isIndicatorHeader, projectsFromGrid, readBoxGrid } from "./boxes/table";
import { isTableLine, type Paragraph } from "./paragraphs";
import { inRanges } from "./ranges";

/*
 * 专栏 → ProjectBox. A box runs from its caption to the next heading, caption or body paragraph.
 * Its content is either a table (read by the layout readers, mapped by header) or paragraphs of
 * `小标题：list` groups, a page-broken paragraph having been joined back by joinParagraphs.
 */

/** a line read as an indicator table (a binary search: a document may hold many tables) */
const inTables = inRanges;

export function extractProjectBoxes(ctx: ParseContext): ProjectBox[] {
  const first = ctx.paragraphs.findIndex((p) => p.text.includes("专栏") && matchCaption(p.text) !== null);
  if (first < 0) return [];
  const paragraphs = ctx.paragraphs.slice(first);
  const boxes: ProjectBox[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const caption = paragraphs[i].start === paragraphs[i].end ? matchCaption(paragraphs[i].text) : null;
    if (!caption) {
      i++;
      continue;
    }
    try {
      const { box, next } = readBox(ctx, paragraphs, i, caption);
      boxes.push(box);
      i = next;
    } catch (e) {
      // a box we cannot read must not cost the rest of the document
      warn(ctx, "box-unreadable", `专栏 could not be read: ${(e as Error).message}`, paragraphs[i].start);
      i++;
    }
  }
  return boxes;
}

function isTableParagraph(ctx: ParseContext, p: Paragraph): boolean {
  return inTables(p.start, ctx.tableRanges) || isTableLine(p.text);
}

/** The drawn box a line is inside (a structured decoder says so), or undefined. Line numbers are positions in ctx.lines. */
function boxAt(ctx: ParseContext, no: number): number | undefined {
  const l = ctx.lines[no - 1];
  return l && l.no === no ? l.box : undefined;
}

/**
 * The drawn box of a caption: the one it is printed in, or the one right below it (a caption
 * printed above its frame). Undefined for a document that draws no boxes.
 */
function captionBox(ctx: ParseContext, paragraphs: Paragraph[], at: number): number | undefined {
  const own = boxAt(ctx, paragraphs[at].start);
  if (own !== undefined) return own;
  const next = paragraphs[at + 1];
  return next ? boxAt(ctx, next.start) : undefined;
}

function readBox(ctx: ParseContext, paragraphs: Paragraph[], at: number, caption: Caption): { box: ProjectBox; next: number } {
  const line = paragraphs[at].start;
  // a box drawn in the document ends where its frame ends, whatever its paragraphs say
  const frame = captionBox(ctx, paragraphs, at);
  let j = at + 1;
  let groups: ProjectGroup[] = [];
  let indicatorTable = false;
  if (j < paragraphs.length && isTableParagraph(ctx, paragraphs[j])) {
    const first = paragraphs[j].start;
    while (j < paragraphs.length && isTableParagraph(ctx, paragraphs[j]) && !matchCaption(paragraphs[j].text)) j++;
    const last = paragraphs[j - 1].end;
    const rows = linesBetween(ctx.lines, first, last);
    const grid = readBoxGrid(rows);
    indicatorTable = inTables(first, ctx.tableRanges) || (grid !== null && isIndicatorHeader(grid[0].cells));
    if (grid && !indicatorTable) groups = projectsFromGrid(grid);
    else if (!grid && !indicatorTable) warn(ctx, "box-table-layout", `${caption.label}: table layout not recognised`, first);
  } else {
    const collector = new GroupCollector();
    for (; j < paragraphs.length; j++) {
      const p = paragraphs[j];
      if (frame !== undefined && boxAt(ctx, p.start) !== frame) break;
      if (matchCaption(p.text) || isTableParagraph(ctx, p)) break;
      if (ctx.headingLines.has(p.start)) {
        const nested = nestedHeading(p.text);
        const following = paragraphs[j + 1];
        if (nested && following && splitGroupHead(following.text)) {
          collector.setPrefix(nested);
          continue;
        }
        // "（一）重大交通项目" over "1.临溪大道快速化改造工程" lines: the heading is the group's name
        if (nested && following && !ctx.headingLines.has(following.start) && opensWithListNumber(following.text) && !/[。；;]./u.test(following.text)) {
          collector.openGroup(nested);
          continue;
        }
        break;
      }
      // inside a drawn frame a paragraph that is no group (a lead-in, a note) is passed over, not the end
      if (!collector.accept(p) && frame === undefined) break;
    }
    groups = collector.groups;
  }
  const kind = boxKind(caption.title, indicatorTable);
  if (kind === "indicators") groups = [];
  else if (!groups.some((g) => g.projects.length > 0) && !ctx.warnings.some((w) => w.line === (paragraphs[at + 1]?.start ?? line) && w.code === "box-table-layout"))
    warn(ctx, "box-unreadable", `第${line}行的${caption.label}（${caption.title}）没有读出任何项目，请核对原文`, line);
  return {
    box: { label: caption.label, title: caption.title, kind, section: sectionAt(ctx.outline, line), line, groups },
    next: j,
  };
}

/** source lines with numbers in [first, last]; lines are in order, so a binary search finds the start */
function linesBetween(lines: SourceLine[], first: number, last: number): SourceLine[] {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].no < first) lo = mid + 1;
    else hi = mid;
  }
  const out: SourceLine[] = [];
  for (let k = lo; k < lines.length && lines[k].no <= last; k++) out.push(lines[k]);
  return out;
}
