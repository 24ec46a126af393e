/**
 * A sheet's drawing (pictures, charts, shapes) moved with the rows and columns under it, as Excel
 * moves objects when rows are inserted: an object below a grown area moves down with the rows below
 * it; one anchored to two cells ("move and size with cells", Excel's default for charts) keeps its
 * top-left cell and stretches to where its bottom-right cell went; one anchored to one cell ("move
 * but don't size", how LibreOffice and openpyxl anchor pictures) keeps its size; an absolute one
 * stays. Anchor rows and columns are 0-based in the XML.
 */
import type { AxisMap } from "../axis";
import type { SheetMaps } from "../references";

type Marker = { col: number; row: number };

function readMarker(xml: string, p: string): Marker | null {
  const col = new RegExp(`<${p}col>(\\d+)</${p}col>`).exec(xml);
  const row = new RegExp(`<${p}row>(\\d+)</${p}row>`).exec(xml);
  return col && row ? { col: Number(col[1]), row: Number(row[1]) } : null;
}

function writeMarker(xml: string, p: string, m: Marker): string {
  return xml.replace(new RegExp(`<${p}col>\\d+</${p}col>`), `<${p}col>${m.col}</${p}col>`).replace(new RegExp(`<${p}row>\\d+</${p}row>`), `<${p}row>${m.row}</${p}row>`);
}

/** Where a 0-based anchor index goes: the first copy of its template row for a top-left corner, the last for a bottom-right one. */
function moved(map: AxisMap, index0: number, end: boolean): number {
  return (end ? map.lastOf(index0 + 1) : map.firstOf(index0 + 1)) - 1;
}

/** What the drawing holds that this module keeps (for the notes the caller prints). */
export interface DrawingContents {
  charts: number;
  pictures: number;
  shapes: number;
  /** slicers and timelines are dropped: their caches live in parts of the workbook that are not carried */
  slicers: number;
}

export function moveDrawing(xml: string, maps: SheetMaps): { xml: string; contents: DrawingContents } {
  const contents: DrawingContents = { charts: 0, pictures: 0, shapes: 0, slicers: 0 };
  const anchor = /<((?:[\w.-]+:)?)(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b([^>]*)>([\s\S]*?)<\/\1\2>/g;
  const out = xml.replace(anchor, (whole, p: string, kind: string, attrs: string, body: string) => {
    if (/slicer|timeslicer/i.test(body)) {
      contents.slicers++;
      return "";
    }
    if (/<(?:[\w.-]+:)?chart\b[^>]*r:id=/.test(body)) contents.charts++;
    else if (/<(?:[\w.-]+:)?pic\b/.test(body)) contents.pictures++;
    else contents.shapes++;
    if (kind === "absoluteAnchor") return whole;
    const editAs = /editAs="(\w+)"/.exec(attrs)?.[1] ?? "twoCell";
    if (kind === "twoCellAnchor" && editAs === "absolute") return whole;
    const fromRe = new RegExp(`<${p}from>([\\s\\S]*?)</${p}from>`);
    const toRe = new RegExp(`<${p}to>([\\s\\S]*?)</${p}to>`);
    const fromXml = fromRe.exec(body)?.[1];
    const from = fromXml ? readMarker(fromXml, p) : null;
    if (!fromXml || !from) return whole;
    const rows = maps.rowsFor ? maps.rowsFor(from.col + 1, from.col + 1) : maps.rows;
    const newFrom = { row: moved(rows, from.row, false), col: moved(maps.cols, from.col, false) };
    let next = body.replace(fromRe, `<${p}from>${writeMarker(fromXml, p, newFrom)}</${p}from>`);
    const toXml = toRe.exec(body)?.[1];
    const to = toXml ? readMarker(toXml, p) : null;
    if (kind === "twoCellAnchor" && toXml && to) {
      const newTo =
        editAs === "oneCell"
          ? { row: newFrom.row + (to.row - from.row), col: newFrom.col + (to.col - from.col) }
          : { row: Math.max(newFrom.row, moved(rows, to.row, true)), col: Math.max(newFrom.col, moved(maps.cols, to.col, true)) };
      next = next.replace(toRe, `<${p}to>${writeMarker(toXml, p, newTo)}</${p}to>`);
    }
    return `<${p}${kind}${attrs}>${next}</${p}${kind}>`;
  });
  return { xml: out, contents };
}
