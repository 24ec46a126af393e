import type { Indicator, IndicatorAttribute, Quantity } from "../../model";
import { parseQuantity, squeeze } from "../quantity";
import type { GridRow } from "./grid";
import { fieldColumnsOf, type FieldColumns } from "./columns";
import { signatureOf, type Column, type Header } from "./header";
import { splitName } from "./names";

/** 预期性 / 约束性, also printed short (预期 / 约束) */
const ATTRIBUTE = /^(?:预期|约束)性?$/u;
const WHITESPACE = /[\s\u3000]/u;
/** a cell without its inner spaces; most cells have none, and are returned as they are */
const sq = (c: string) => (WHITESPACE.test(c) ? squeeze(c) : c);
const SEQ = /^\d{1,3}$/;
/** a category's number printed in the 序号 column: 一, 二、, （三） */
const CATEGORY_SEQ = /^(?:[一二三四五六七八九十]{1,3}[、.．]?|[（(][一二三四五六七八九十]{1,3}[）)])$/u;

export interface Interpreted {
  indicators: Indicator[];
  /** rows that could not be placed, for warnings */
  skipped: Array<{ line: number; reason: string }>;
}

interface Group {
  name: string;
  unit: string | null;
  attribute: IndicatorAttribute | null;
}

/**
 * Re-aligns a row to the header. Exports merge and drop cells: a sub-indicator column that most
 * rows leave merged adds a cell after the name; a lost leading empty cell removes one. The 属性
 * cell, when printed, anchors the row; otherwise the first name-like cell does.
 */
function align(cells: string[], columns: Column[]): { cells: string[]; extra: number } {
  const c = [...cells];
  while (c.length > columns.length && c[c.length - 1] === "") c.pop();
  const nameIdx = columns.findIndex((x) => x.role === "name");
  const attrIdx = columns.findIndex((x) => x.role === "attribute");
  let offset = 0;
  const printedAttr = c.findIndex((x) => ATTRIBUTE.test(sq(x)));
  if (attrIdx >= 0 && printedAttr >= 0) offset = printedAttr - attrIdx;
  else if (nameIdx >= 0) {
    const firstText = c.findIndex((x, i) => i >= nameIdx && /\p{Script=Han}/u.test(x) && !ATTRIBUTE.test(x) && parseQuantity(x)?.value == null);
    if (firstText > nameIdx && c.slice(nameIdx, firstText).every((x) => x === "")) offset = firstText - nameIdx;
    else if (c.length > columns.length) offset = c.length - columns.length;
  }
  if (offset < 0) return { cells: [...new Array<string>(-offset).fill(""), ...c], extra: 0 };
  if (offset > 0 && nameIdx >= 0) return { cells: c, extra: offset };
  return { cells: c, extra: 0 };
}

/** One interpreter for every grid: columns are known by their headers, never by position. */
export function interpretIndicators(rows: GridRow[], header: Header, fieldColumns: FieldColumns = fieldColumnsOf(header.columns)): Interpreted {
  const { columns } = header;
  const indicators: Indicator[] = [];
  const skipped: Interpreted["skipped"] = [];
  const nameIdx = columns.findIndex((x) => x.role === "name");
  const idx = (role: string) => columns.findIndex((x) => x.role === role);
  const catIdx = idx("category");
  const seqIdx = idx("seq");
  const hasSeqColumn = seqIdx >= 0;
  let category: string | null = null;
  let group: Group | null = null;
  let lastNumbered: Group | null = null;
  // the indicator read from the row just before, with its name as printed: a name wrapped onto the next row joins it
  let previous: { indicator: Indicator; printed: string; unitCell: string; row: number } | null = null;
  // a table whose first body row is a bare label prints its categories that way: a bare label there is never a wrapped name
  let labelsFirst = false;

  for (let k = header.bodyStart; k < rows.length; k++) {
    const r = rows[k];
    if (header.signatures.has(signatureOf(r.cells.map(sq)))) continue; // header repeated after a page break
    const { cells, extra } = align(r.cells, columns);
    // each cell squeezed once, whatever reads it
    const squeezed = cells.map(sq);
    const at = (i: number) => (i >= 0 ? (squeezed[i < nameIdx || nameIdx < 0 ? i : i + extra] ?? "") : "");
    const nameParts = nameIdx >= 0 ? cells.slice(nameIdx, nameIdx + extra + 1).map((c) => c.trim()) : [];
    const valueCells = columns.map((_, i) => (i > nameIdx ? at(i) : ""));
    const hasValues = columns.some((col, i) => i > nameIdx && col.role !== "unit" && col.role !== "attribute" && valueCells[i] !== "");
    const across = categoryAcross(squeezed, nameIdx, catIdx);
    if (across !== null && !hasValues) {
      category = across;
      continue;
    }
    let cat = catIdx >= 0 ? at(catIdx) : "";
    // "1." / "1、": a number the way a list prints it
    let seq = seqIdx >= 0 ? at(seqIdx).replace(/^(\d{1,3})[.．、]$/u, "$1") : "";
    // a category numbered 一、二 in the 序号 column with its name in the name column, no values
    const named = nameParts.filter((p) => p);
    if (!hasValues && CATEGORY_SEQ.test(seq) && !cat && named.length === 1) {
      category = sq(named[0]);
      group = null;
      lastNumbered = null;
      continue;
    }
    if (seq && !SEQ.test(seq)) {
      skipped.push({ line: r.line, reason: `序号“${seq}”不是数字，已按无序号处理` });
      seq = "";
    }
    let own = nameParts.filter((p) => p);
    let parentPart: string | null = null;
    let ownPart = own[own.length - 1] ?? "";
    if (extra > 0 && nameParts[0] && own.length >= 2) parentPart = nameParts[0];
    // a sub-indicator printed in the category column, the name column left empty
    if (!ownPart && cat && hasValues && (group || lastNumbered)) {
      ownPart = cat;
      cat = "";
    }
    if (!hasValues && !seq && !cat && extra === 0 && own.length === 1 && !indicators.length) labelsFirst = true;
    if (previous && previous.row === k - 1 && !labelsFirst && !hasValues && !seq && !cat && extra === 0 && own.length === 1 && isWrappedName(squeezed, columns, nameIdx) && !opensSubRows(rows[k + 1], columns, seqIdx, nameIdx, ownPart)) {
      joinWrapped(previous, ownPart);
      previous.row = k;
      continue;
    }
    if (cat) category = cat.replace(/^[一二三四五六七八九十]+、/u, "");
    if (!ownPart) {
      if (hasValues) skipped.push({ line: r.line, reason: "这一行有数值但没有指标名称，未读取" });
      continue;
    }
    if (seq) group = null;
    if (parentPart) {
      const p = splitName(parentPart);
      group = { name: p.name, unit: p.unit, attribute: null };
    }
    if (!hasValues && !parentPart) {
      // a row without values is a parent for the unnumbered rows with figures under it: numbered, or
      // printed bare right over them (else those rows took the numbered indicator above for their parent)
      if (seq || (hasSeqColumn && opensSubRows(rows[k + 1], columns, seqIdx, nameIdx, ownPart))) {
        const p = splitName(ownPart);
        group = { name: p.name, unit: p.unit, attribute: null };
        lastNumbered = group;
      }
      continue;
    }
    const parts = splitName(ownPart);
    const unitCell = idx("unit") >= 0 ? at(idx("unit")) : "";
    const attrCell = idx("attribute") >= 0 ? at(idx("attribute")) : "";
    const attribute = ATTRIBUTE.test(attrCell) ? (`${attrCell.replace(/性$/u, "")}性` as IndicatorAttribute) : null;
    let parent: Group | null = null;
    const isSub = !seq && hasSeqColumn && (extra > 0 ? !nameParts[0] || !!parentPart : true);
    if (parentPart) parent = group;
    else if (isSub) parent = group ?? lastNumbered;
    const flags = [...parts.flags];
    const others: Record<string, Quantity | null> = {};
    let baseline: Quantity | null = null;
    let target: Quantity | null = null;
    let rate: Quantity | null = null;
    columns.forEach((col, i) => {
      if (i <= nameIdx || col.role === "unit" || col.role === "attribute" || col.role === "category" || col.role === "seq") return;
      const q = parseQuantity(valueCells[i]);
      if (q) for (const f of valueFlags(q.raw)) if (!flags.includes(f)) flags.push(f);
      // a 年均 column holds yearly rates; a bracketed figure in it is the period's total change
      if (i === fieldColumns.rate) rate = q && q.kind === "level" ? { ...q, kind: "rate" } : q;
      else if (i === fieldColumns.baseline) baseline = q;
      else if (i === fieldColumns.target) target = q;
      else others[col.header] = q;
    });
    const unit = squeeze(unitCell) || parts.unit || (parent ? parent.unit : null);
    const indicator: Indicator = {
      category,
      seq: seq || null,
      name: parts.name,
      unit: unit || null,
      parent: parent ? parent.name : null,
      baseline,
      target,
      rate,
      attribute: attribute ?? (parent && !seq ? parent.attribute : null),
      flags,
      cells: others,
      line: r.line,
    };
    indicators.push(indicator);
    previous = { indicator, printed: ownPart, unitCell: squeeze(unitCell), row: k };
    if (seq) {
      lastNumbered = { name: parts.name, unit: indicator.unit, attribute: indicator.attribute };
      if (!parentPart) group = null;
    }
    if (group && parentPart) group.attribute = indicator.attribute;
  }
  return { indicators, skipped };
}

/**
 * A row that prints only a piece of name under an indicator's row, every other cell empty, is the
 * rest of that name wrapped in its cell ("每千人口拥有执业（助理）" / "医师数"). A piece that opens
 * with 其中 or is followed by unnumbered rows with figures is a label over them, not a wrap; in a
 * table without 序号, where sub-rows cannot be told from rows, only a piece of a few characters is.
 */
function isWrappedName(cells: string[], columns: Column[], nameIdx: number): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i] && i !== nameIdx) return false;
  const piece = cells[nameIdx] ?? "";
  return piece.length > 0 && piece.length <= 20 && !/^其中/u.test(piece) && columns.length > nameIdx;
}

/** the next row is an unnumbered one with figures (a sub-row under a label) */
function opensSubRows(next: GridRow | undefined, columns: Column[], seqIdx: number, nameIdx: number, piece: string): boolean {
  // without a 序号 column a label over sub-rows looks like any row: only a short piece is taken for a wrap
  if (seqIdx < 0) return piece.length > 6;
  if (!next) return false;
  const cells = next.cells.map(sq);
  if (cells[seqIdx]) return false;
  return columns.some((col, i) => i > nameIdx && col.role !== "unit" && col.role !== "attribute" && !!cells[i]);
}

function joinWrapped(previous: { indicator: Indicator; printed: string; unitCell: string }, piece: string): void {
  previous.printed += piece;
  const parts = splitName(previous.printed);
  const ind = previous.indicator;
  ind.name = parts.name;
  if (!previous.unitCell && parts.unit) ind.unit = parts.unit;
  for (const f of parts.flags) if (!ind.flags.includes(f)) ind.flags.push(f);
}

const CATEGORY_NUMBER = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*/u;

/**
 * A category printed as a row of its own across the table ("一、经济发展" in a cell merged over
 * every column, or alone in the first): the only text of a row without values, standing before
 * the name column or numbered as a category is. Its rows follow it.
 */
function categoryAcross(cells: string[], nameIdx: number, catIdx: number): string | null {
  // asked of every row: find the one filled cell without building a list
  let only = -1;
  for (let i = 0; i < cells.length; i++) {
    if (!cells[i]) continue;
    if (only >= 0) return null;
    only = i;
  }
  if (only < 0 || only === catIdx) return null;
  const text = cells[only];
  if (!/\p{Script=Han}/u.test(text) || SEQ.test(text) || text.length > 20) return null;
  const numbered = CATEGORY_NUMBER.test(text);
  if (!numbered && !(nameIdx > 0 && only < nameIdx)) return null;
  return text.replace(CATEGORY_NUMBER, "");
}

/** "60.1*" → ["*"]: a marker printed on a value belongs to the row */
function valueFlags(raw: string): string[] {
  const m = /[※▲*＊]+$/u.exec(raw);
  return m ? [...m[0]].map((f) => (f === "＊" ? "*" : f)) : [];
}

export { fieldColumnsOf } from "./columns";
