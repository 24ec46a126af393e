import type { Frame } from "./pdf-grid";
import type { ColumnLayout } from "./pdf-columns";
import { joinWrapped, type TextLine } from "./pdf-text";

/**
 * What a page holds, in reading order: printed lines and drawn tables, each maybe inside a drawn
 * box (a 专栏 frame; its own lines and the tables drawn in it carry it). On a page set in two
 * columns, `side` says which column a block is in and `region` numbers the page's runs of text
 * (a band's left column, its right column, a line across both), so a paragraph knows where it goes on.
 */
export type Block = { top: number; page: number; box?: Frame; side?: "left" | "right"; region?: number } & ({ kind: "line"; line: TextLine } | { kind: "table"; frame: Frame });

/** A page's lines and frames as blocks in reading order; a box is spread into the lines and tables it holds. */
export function pageBlocks(lines: TextLine[], frames: Frame[], page: number, columns: ColumnLayout | null = null): Block[] {
  const out: Array<Block & { key: number }> = [];
  const add = (b: Block, x1: number, x2: number) => {
    if (!columns) return void out.push({ ...b, key: b.top });
    const { key, side } = columns.order(x1, x2, b.top);
    out.push({ ...b, key, side: side ?? undefined, region: Math.floor(key / 1e5) });
  };
  for (const line of lines) add({ kind: "line", line, top: line.y - line.size, page }, line.x, line.right);
  for (const f of frames) {
    if (!f.box) {
      add({ kind: "table", frame: f, top: f.top, page }, f.left, f.right);
      continue;
    }
    for (const line of f.lines) add({ kind: "line", line, top: line.y - line.size, page, box: f }, f.left, f.right);
    for (const t of f.children) add({ kind: "table", frame: t, top: t.top, page, box: f }, f.left, f.right);
  }
  return out.sort((a, b) => a.key - b.key).map(({ key: _key, ...b }) => b);
}

/** The same columns: rules within a few points; for tables without rules, each one's column cuts inside the other's gaps. */
export function sameColumns(a: Pick<Frame, "xs" | "gaps">, b: Pick<Frame, "xs" | "gaps">): boolean {
  if (a.xs.length !== b.xs.length) return false;
  if (a.gaps && b.gaps) return a.gaps.every(([x1, x2], k) => b.gaps![k][0] <= x2 + 2 && b.gaps![k][1] >= x1 - 2);
  if (a.gaps || b.gaps) return false;
  return a.xs.every((x, k) => Math.abs(x - b.xs[k]) <= 4);
}
const sameBox = (a: Frame, b: Frame) => Math.abs(a.left - b.left) <= 4 && Math.abs(a.right - b.right) <= 4;
export const boxRoot = (f: Frame) => f.continues ?? f;

/**
 * The lowest any page prints (the bottom margin, top-down): a frame that reaches it was cut by
 * the page break, not closed by its own end.
 */
export function contentFloor(pages: Block[][]): number {
  let floor = 0;
  for (const blocks of pages) for (const b of blocks) floor = Math.max(floor, b.kind === "table" ? b.frame.bottom : b.line.y + b.line.size * 0.25, b.box?.bottom ?? 0);
  return floor;
}

/**
 * Whether the first row of a table's continuation is the rest of the row the page break cut (Word
 * and LibreOffice let a row break across pages): the part above reached the bottom margin, and the
 * row below only adds text to cells that already have some — it starts no record of its own.
 */
function splitRow(prev: Frame, next: string[] | undefined, floor: number, lineHeight: number): boolean {
  const last = prev.rows[prev.rows.length - 1];
  // a row is cut where its next line no longer fits: within a line of the margin
  if (!last || !next || prev.bottom < floor - lineHeight) return false;
  // a figure never runs on into another: two figures are two rows (a sub-indicator's), never one cut in two
  const figures = (a: string, b: string) => /[\d%\]）)]$/u.test(a) && /^[-+<>≥≤]?\d/u.test(b);
  // a row's number (序号 1, 10, or a category's 五、) is printed whole on its first line: a row below that brings a number of its own starts a record
  const ordinal = (c: string) => /^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、.．]?$/u.test(c);
  if (ordinal(last[0] ?? "") && ordinal((next[0] ?? "").split(/\s/u)[0])) return false;
  return next.some((c) => c !== "") && next.every((c, k) => c === "" || ((last[k] ?? "") !== "" && !figures(last[k], c)));
}

/**
 * A table that ends one page and starts the next with the same columns is one table: a repeated
 * header row is dropped, a row the break cut in two is joined back. A box (专栏) whose content
 * ends one page and goes on at the top of the next, at the same width, is one box.
 */
export function joinContinued(pages: Block[][], floor: number, lineHeight: number): void {
  let last: Block | null = null;
  for (const blocks of pages) {
    const first = blocks[0];
    if (first && last && first.page !== last.page) {
      if (first.box && last.box && first.box !== last.box && sameBox(last.box, first.box)) first.box.continues = boxRoot(last.box);
      if (first.kind === "table" && last.kind === "table" && sameColumns(last.frame, first.frame)) {
        const prev = last.frame;
        const next = first.frame;
        const header = prev.rows[0]?.join("\u0001");
        // a repeated header: the first row for a ruled table, the header rows a table without rules found
        const repeated = next.loose ? next.loose.body > 0 && next.rows.slice(0, next.loose.body).map((r) => r.join("\u0001")).join("\n") === prev.rows.slice(0, prev.loose?.body ?? 1).map((r) => r.join("\u0001")).join("\n") : next.rows[0]?.join("\u0001") === header;
        const rows = repeated ? next.rows.slice(next.loose ? next.loose.body : 1) : [...next.rows];
        const dataBefore = prev.rows.length - (prev.loose?.body ?? 0);
        let merged = 0;
        // a part that holds only the header has no row the break could cut
        if (prev.rows.length > (prev.headerRows ?? 0) && splitRow(prev, rows[0], floor, lineHeight)) {
          const cut = prev.rows[prev.rows.length - 1];
          rows.shift()!.forEach((c, k) => (cut[k] = joinWrapped(cut[k] ?? "", c)));
          merged = 1;
        }
        if (prev.loose && next.loose) {
          // the next page's part: its rows (a cut row's rest joins the row it goes on) and its categories, where they stand on that part
          const part = prev.loose.boundaries.length + 1;
          prev.loose.boundaries.push(dataBefore);
          const bands = next.loose.bands.slice(repeated ? next.loose.body : 0).map((b) => [{ part, top: b.top, bottom: b.bottom }]);
          if (merged) prev.loose.rows[prev.loose.rows.length - 1]?.push(...bands.shift()!);
          prev.loose.rows.push(...bands);
          for (const c of next.loose.categories) prev.loose.categories.push({ ...c, part });
        }
        prev.rows.push(...rows);
        prev.bottom = first.frame.bottom;
        blocks.shift();
        // the continued table may continue again on the next page
        if (!blocks.length) continue;
      }
    }
    if (blocks.length) last = blocks[blocks.length - 1];
  }
}
