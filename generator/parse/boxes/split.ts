import { readClause, type ClauseReading } from "./clause";
import { indexOutside, tokenize, trimItem, type Segment, type Sentence } from "./text";
import { CODE, FACILITY, PLACE } from "./words";

/*
 * Turning a group's text into project names. A group is usually one list ("A、B、C等项目"), but
 * real boxes mix lists with sentences that describe the industry ("以…为龙头，…"); only clauses
 * that are lists of named works are kept. The text is read as sentences (。) of segments (；) of
 * clauses (，) of items (、); a segment is the unit a description spoils, so "…，推动…；A项目；B项目"
 * keeps A and B. Every rule is about the shape of a clause, never about a document's wording.
 */

export interface ListEntry {
  name: string;
  /** what the text says about an entry named by a label ("东宝钢材市场：位于…") or a code ("G240，京山段…") */
  content?: string;
}

interface SegmentReading {
  clauses: ClauseReading[];
  /** the segment without its label, as printed */
  body: string;
  label: string | null;
  plain: boolean;
}

/** "“一核”，即…" / "纵一：…" / "沙阳县：…": a segment's own short head, and the text after it */
function readSegment(seg: Segment): SegmentReading {
  let clauses = seg.clauses;
  let body = seg.text;
  let label: string | null = null;
  const first = clauses[0][0];
  const colon = indexOutside(first, "：:");
  if (colon > 0 && colon <= 24) {
    label = trimItem(first.slice(0, colon));
    const rest = trimItem(first.slice(colon + 1));
    clauses = [rest ? [rest, ...clauses[0].slice(1)] : clauses[0].slice(1), ...clauses.slice(1)].filter((c) => c.length > 0);
    body = trimItem(body.slice(indexOutside(body, "：:") + 1));
  } else if (clauses.length > 1 && clauses[0].length === 1 && /^“[^”]{1,10}”$/u.test(first) && clauses[1][0].startsWith("即")) {
    label = first;
    clauses = clauses.slice(1);
    body = trimItem(body.slice(indexOutside(body, "，,") + 1));
  }
  if (clauses.length > 0 && clauses[0][0].startsWith("即")) {
    clauses = [[trimItem(clauses[0][0].slice(1)), ...clauses[0].slice(1)], ...clauses.slice(1)];
    body = trimItem(body.replace(/^即/u, ""));
  }
  const readings = clauses.filter((c) => c[0]).map(readClause);
  return { clauses: readings, body, label, plain: !readings.some((c) => c.descriptive) };
}

/** A label that names a place or a facility ("东宝钢材市场", "沙阳县"), not a count or a quoted slogan. */
function namesEntry(label: string): boolean {
  if (label.length < 2 || label.length > 20 || /^[“"‘\d]|^(?:即|其中|主要|重点)|^[一二三四五六七八九十两]+[个大条项]/u.test(label)) return false;
  return FACILITY.test(label) || PLACE.test(label) || /(?:市场|集聚区|商圈|片区|组团|新城|新区)$/u.test(label);
}

/** an item that can stand as a project on its own, without a list or a verb around it */
function standsAlone(item: string): boolean {
  // "一个县级中心商圈", "22个社区便民商业网点": a count of things, not a name
  return (FACILITY.test(item) || CODE.test(item) || /^“[^”]*”$/u.test(item)) && !/^(?:\d+|[一二两三四五六七八九十]+)\s*[个家所座条项名处]/u.test(item);
}

/**
 * The entry a segment is when it is not a list: a named label over a description, or (in a
 * ；-list) a name followed by what is done to it.
 */
function entryOf(r: SegmentReading, inList: boolean): ListEntry | null {
  if (r.label && namesEntry(r.label) && !r.plain) return { name: r.label, content: r.body };
  const c = r.clauses;
  const first = c[0];
  const named = first && first.items.length === 1 && !first.verb && !first.descriptive && (CODE.test(first.items[0]) || (r.plain && FACILITY.test(first.items[0])));
  if (inList && c.length >= 2 && named && !c.slice(1).some((x) => x.strong)) {
    const comma = indexOutside(r.body, "，,");
    return { name: first.items[0], content: trimItem(r.body.slice(comma + 1)) };
  }
  return null;
}

/**
 * Clauses that are each one work, separated by ，or ；because the works contain 、: "梁子湖区土壤、
 * 地下水、农业农村环境综合治理工程示范项目，鄂城区…项目". A clause whose 、-parts are not all names
 * of works of their own is then one name.
 */
function asUnit(c: ClauseReading): string[] {
  return c.items.every((x) => standsAlone(x)) ? c.items : [c.items.join("、")];
}

function isUnitClause(c: ClauseReading): boolean {
  return !c.verb && !c.closed && !c.descriptive && c.items.length > 0 && FACILITY.test(c.items[c.items.length - 1]);
}

function readSentence(sentence: Sentence, onlyClause: boolean, out: ListEntry[]): void {
  const readings = sentence.map(readSegment);
  const inList = readings.length > 1;
  // a ；-list of works: most of its segments that describe nothing are a single item
  const listing = readings.filter((r) => r.plain && r.clauses.length === 1);
  const itemList = inList && listing.length > 0 && listing.filter((r) => r.clauses[0].items.length === 1).length * 2 >= listing.length;
  for (const r of readings) {
    const entry = entryOf(r, inList);
    if (entry) {
      out.push(entry);
      continue;
    }
    const c = r.clauses;
    if (itemList && r.plain && c.length === 1 && isUnitClause(c[0])) {
      for (const name of asUnit(c[0])) out.push({ name });
      continue;
    }
    if (r.plain && c.length > 1 && c.every(isUnitClause)) {
      for (const x of c) for (const name of asUnit(x)) out.push({ name });
      continue;
    }
    for (const x of c) {
      const keep = x.strong || (r.plain && (x.items.length > 1 || onlyClause || (itemList && c.length === 1) || (x.items.length === 1 && !x.verb && standsAlone(x.items[0]))));
      if (keep) for (const name of x.items) out.push({ name });
    }
  }
}

/**
 * A group's text → its entries. Sentences split on 。, segments on ；, clauses on ，, items on 、 —
 * never inside quotes or brackets. A verb-governed or 等项目-closed clause is a list wherever it
 * stands; an unmarked list counts only in a segment that describes nothing.
 */
export function readProjectList(text: string): ListEntry[] {
  const sentences = tokenize(text.includes("**") ? text.replace(/\*\*/g, "") : text);
  const onlyClause = sentences.length === 1 && sentences[0].length === 1 && sentences[0][0].clauses.length === 1;
  const out: ListEntry[] = [];
  for (const sentence of sentences) readSentence(sentence, onlyClause, out);
  const seen = new Set<string>();
  return out.filter((e) => isName(e.name) && !seen.has(e.name) && (seen.add(e.name), true));
}

/** The names only: what most callers and the tests compare. */
export function splitProjectList(text: string): string[] {
  return readProjectList(text).map((e) => e.name);
}

function isName(s: string): boolean {
  return s.length >= 2 && s.length <= 80 && !/等项目$|、$/u.test(s);
}

const PHASE = /[（(]?([一二三四五六七八九十\d]+期)(?:工程|项目)?[）)]?/u;
const CAPACITY = /(?:年产|日产|日处理|年处理|年加工)?\d+(?:[.．]\d+)?(?:万|亿|千)?(?:吨\/年|吨|千瓦|千伏|MWp|MW|万千瓦|立方米|平方米|头|件|辆|台|套|只|羽|亩|张|个)(?:\/年)?/u;

/** The phase ("二期", "（三期）") and capacity ("年产20万吨") printed in a name, if any. */
export function nameDetails(name: string): { phase?: string; capacity?: string } {
  const out: { phase?: string; capacity?: string } = {};
  const p = name.includes("期") ? PHASE.exec(name) : null;
  if (p) out.phase = p[1];
  const c = /\d/.test(name) ? CAPACITY.exec(name) : null;
  if (c) out.capacity = c[0];
  return out;
}
