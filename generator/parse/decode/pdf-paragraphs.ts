import { LineSink } from "./lines";
import { joinText, type TextLine } from "./pdf-text";
import { displayWidthOf } from "./width";

/** A line of a table printed without rules (columns apart by wide gaps), laid out in spaces as the space-aligned reader reads it. */
function alignedText(line: TextLine, size: number): string {
  let out = "";
  for (const seg of line.segments) {
    const col = Math.round(seg.x / (size / 2));
    const pad = col - displayWidthOf(out);
    out += (out ? " ".repeat(Math.max(2, pad)) : " ".repeat(Math.max(0, pad))) + seg.text;
  }
  return out;
}

export interface Flow {
  left: number;
  right: number;
}

/**
 * Whether a line stops at the flow's right edge, so the text goes on in the next line: within
 * about a character and a half of it, or nearer than the next line's first word is long (a Latin
 * word or a number is never broken, so the line before it stops short).
 */
function reachesEdge(prev: TextLine, next: TextLine, flow: Flow): boolean {
  const room = flow.right - prev.right;
  const word = /^[A-Za-z0-9][A-Za-z0-9.,:%/+\-]*/.exec(next.text.trim())?.[0].length ?? 0;
  return room <= prev.size * 1.6 + word * next.size * 0.6;
}

/** a line that opens a heading of its own (第X篇/章/节, 一、, （一）, 1.), never the second line of the one above */
const OPENS_HEADING = /^(?:第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]|专栏)/u;

/**
 * Lines of text into paragraphs: a line that reaches the flow's right edge goes on in the next
 * line when that one starts at the left edge (no indent), is set in the same size and follows
 * closely (or starts the next page). A heading set over two lines (the same size, one right
 * under the other, the second not opening a heading of its own) is one heading; lines set large
 * that run on into a sentence are a paragraph set large, not headings.
 */
export class Paragraphs {
  private text = "";
  private heading: { level: 1 | 2 | 3; size: number } | null = null;
  private prev: { line: TextLine; page: number; flow: Flow } | null = null;

  constructor(
    private readonly sink: LineSink,
    private readonly headingOf: (l: TextLine) => 1 | 2 | 3 | undefined,
    private readonly box?: number,
  ) {}

  add(line: TextLine, page: number, flow: Flow): void {
    const heading = this.headingOf(line);
    const p = this.prev;
    const close = p !== null && page === p.page && line.y - p.line.y <= Math.max(p.line.size, line.size) * 1.9;
    if (heading && this.heading && p && close && Math.abs(this.heading.size - line.size) < 0.6 && !OPENS_HEADING.test(line.text.trim()) && !/[。；！？]$/u.test(this.text)) {
      // wrapped at the edge it runs on; broken short (a title set on two lines) its parts are apart
      this.text = reachesEdge(p.line, line, p.flow) ? joinText(this.text, line.text, 0, line.size) : `${this.text} ${line.text}`;
      this.prev = { line, page, flow };
      return;
    }
    const joins =
      p !== null &&
      !heading &&
      !this.heading &&
      Math.abs(p.line.size - line.size) < 0.6 &&
      reachesEdge(p.line, line, p.flow) &&
      line.x <= flow.left + line.size * 0.6 &&
      line.segments.length === 1 &&
      p.line.segments.length === 1 &&
      (page === p.page ? line.y - p.line.y <= p.line.size * 2.4 : page === p.page + 1);
    if (joins) this.text = joinText(this.text, line.text, 0, line.size);
    else {
      this.flush();
      this.text = line.segments.length >= 3 ? alignedText(line, line.size) : line.text;
      this.heading = heading ? { level: heading, size: line.size } : null;
    }
    this.prev = { line, page, flow };
  }

  flush(): void {
    const h = this.heading;
    // what turned out to be a sentence set large is a paragraph
    const heading = h && this.text.length <= 60 && !/[。；]$/u.test(this.text) ? h.level : undefined;
    if (this.text) this.sink.para(this.text, { box: this.box, heading });
    this.text = "";
    this.heading = null;
  }

  /** something else (a table, a box) comes between: the paragraph ends */
  break(): void {
    this.flush();
    this.prev = null;
  }
}

