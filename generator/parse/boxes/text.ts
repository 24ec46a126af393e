/** Small text tools shared by the box and target extractors. All are single linear passes over char codes. */

const OPEN = "（(【[《‘「";
const CLOSE = "）)】]》’」";

/** bracket kind per UTF-16 code: 1 opens, -1 closes, 2 is “ and 3 is ” (some exports print both alike) */
const KIND = new Int8Array(0x10000);
for (const c of OPEN) KIND[c.charCodeAt(0)] = 1;
for (const c of CLOSE) KIND[c.charCodeAt(0)] = -1;
KIND["“".charCodeAt(0)] = 2;
KIND["”".charCodeAt(0)] = 3;

/**
 * Separator sets as bitmaps over UTF-16 codes, built once per distinct set: the scan then tests a
 * char code instead of searching a string for a one-character string it would have to allocate.
 */
const SETS = new Map<string, Uint8Array>();
function setOf(chars: string): Uint8Array {
  let set = SETS.get(chars);
  if (!set) {
    set = new Uint8Array(0x10000);
    for (const c of chars) set[c.charCodeAt(0)] = 1;
    SETS.set(chars, set);
  }
  return set;
}

/** Walks the text once, calling `hit` at each character of `chars` outside brackets; stops when it returns false. */
function scanOutside(text: string, chars: string, hit: (i: number) => boolean): void {
  const set = setOf(chars);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const k = KIND[code];
    if (k === 1 || k === 2) depth++;
    else if (k === -1 || k === 3) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && set[code] === 1 && !(code === 44 && isThousandsComma(text, i)) && !hit(i)) return;
  }
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** "1,234.5亿元": a comma with a digit before it and exactly three after is inside the number, not between clauses */
function isThousandsComma(text: string, i: number): boolean {
  if (i === 0 || !isDigit(text.charCodeAt(i - 1))) return false;
  for (let k = 1; k <= 3; k++) if (!isDigit(text.charCodeAt(i + k))) return false;
  return !isDigit(text.charCodeAt(i + 4));
}

/**
 * Splits on any of `seps` where no bracket or quote is open, so "“一主”：…、…" and
 * "汉江堤防加固(荆门三期段)" stay whole. An unbalanced closer is ignored rather than trusted.
 */
export function splitOutside(text: string, seps: string): string[] {
  const parts: string[] = [];
  let from = 0;
  scanOutside(text, seps, (i) => {
    parts.push(text.slice(from, i));
    from = i + 1;
    return true;
  });
  parts.push(from === 0 ? text : text.slice(from));
  return parts;
}

/** Index of the first of `chars` outside brackets and quotes, or -1. */
export function indexOutside(text: string, chars: string): number {
  let found = -1;
  scanOutside(text, chars, (i) => {
    found = i;
    return false;
  });
  return found;
}

const TRIM = /^[\s，,、；;：:。.\u3000*]+|[\s，,、；;：:。.\u3000*]+$/gu;
const TRIMMABLE = setOf(" \t\n\r，,、；;：:。.\u3000*");

/** Trims spaces and the punctuation a list item can carry at its ends. */
export function trimItem(s: string): string {
  // most items carry nothing to trim: test the two ends before running the regex
  if (s.length === 0 || (TRIMMABLE[s.charCodeAt(0)] === 0 && TRIMMABLE[s.charCodeAt(s.length - 1)] === 0)) return s;
  return s.replace(TRIM, "");
}

/** A group's text as sentences (。！？) of segments (；) of clauses (，) of items (、), outside brackets. */
export interface Segment {
  /** the segment as printed, for a project's content */
  text: string;
  clauses: string[][];
}
export type Sentence = Segment[];

/** separator level per char code: 1 ends a sentence, 2 a segment, 3 a clause, 4 an item */
const LEVEL = new Uint8Array(0x10000);
for (const c of "。！？!?") LEVEL[c.charCodeAt(0)] = 1;
for (const c of "；;") LEVEL[c.charCodeAt(0)] = 2;
for (const c of "，,") LEVEL[c.charCodeAt(0)] = 3;
LEVEL["、".charCodeAt(0)] = 4;

/**
 * One pass over a group's text building the whole sentence/segment/clause/item tree, so no level
 * is split twice. Items are trimmed; empty items, clauses, segments and sentences are left out.
 */
export function tokenize(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let sentence: Sentence = [];
  let clauses: string[][] = [];
  let items: string[] = [];
  let itemFrom = 0;
  let segmentFrom = 0;
  let depth = 0;
  const close = (at: number, level: number) => {
    const item = trimItem(text.slice(itemFrom, at));
    if (item) items.push(item);
    itemFrom = at + 1;
    if (level > 3) return;
    if (items.length) clauses.push(items);
    items = [];
    if (level > 2) return;
    if (clauses.length) sentence.push({ text: trimItem(text.slice(segmentFrom, at)), clauses });
    clauses = [];
    segmentFrom = at + 1;
    if (level > 1) return;
    if (sentence.length) sentences.push(sentence);
    sentence = [];
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const k = KIND[code];
    if (k === 1 || k === 2) depth++;
    else if (k === -1 || k === 3) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && LEVEL[code] !== 0) close(i, LEVEL[code]);
  }
  close(text.length, 1);
  return sentences;
}
