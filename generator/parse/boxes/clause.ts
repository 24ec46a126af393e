import { cleanNames, etcIndex, readList } from "./runs";
import { trimItem } from "./text";
import {
  ADVERBS, DESCRIPTIVE_BODY, DESCRIPTIVE_END, DESCRIPTIVE_START, DESCRIPTIVE_WORDS, ENDS_IN_TAIL, FRAME_VERBS, namesWork, TAIL, VERB_LINKS, WORK_VERBS,
} from "./words";

/*
 * One clause (a ，-separated piece of a group's text, already split on 、) → the works it lists.
 * A clause either lists works ("重点实施A、B等项目"), describes ("以…为龙头", "培育…等消费新热点"),
 * or is a plain list whose worth depends on the sentence around it (split.ts decides that).
 */

export interface ClauseReading {
  items: string[];
  /** a list governed by a verb of works or closed by 等项目: trusted even beside descriptive clauses */
  strong: boolean;
  descriptive: boolean;
  /** a governing verb stood at its head */
  verb: boolean;
  /** closed by 等 and a word for works */
  closed: boolean;
}

export type HeadKind = "work" | "frame" | "dev" | null;

/** first characters of every adverb and verb: most items start with neither, and are passed at once */
const HEAD_FIRST = new Set([...ADVERBS, ...WORK_VERBS, ...FRAME_VERBS].map((w) => w.charCodeAt(0)));

function startsWithAny(s: string, words: readonly string[], at = 0): string | undefined {
  for (const w of words) if (s.startsWith(w, at)) return w;
  return undefined;
}

/**
 * The governing verb phrase at a clause's head: adverbs ("重点", "积极"), a verb of works ("实施",
 * "开工建设", "引进和培育"), or a frame verb ("加快…建设"). `dev` when what governs the clause is a
 * verb of goals ("发展", "培育") — the clause then describes.
 */
export function stripHead(text: string): { rest: string; kind: HeadKind } {
  if (!HEAD_FIRST.has(text.charCodeAt(0)) && !DESCRIPTIVE_START.test(text)) return { rest: text, kind: null };
  let rest = text;
  let kind: HeadKind = null;
  for (let guard = 0; guard < 6; guard++) {
    const adv = startsWithAny(rest, ADVERBS);
    if (adv) {
      const after = rest.slice(adv.length);
      if (startsWithAny(after, WORK_VERBS) || startsWithAny(after, ADVERBS) || DESCRIPTIVE_START.test(after)) {
        rest = after;
        continue;
      }
    }
    const verb = startsWithAny(rest, WORK_VERBS);
    // a verb's object must remain: "推动富水" loses its verb, "实施改造提升工程" keeps its name
    if (!verb || rest.length - verb.length < (kind === null ? 1 : 4)) break;
    rest = rest.slice(verb.length);
    kind = "work";
    const link = startsWithAny(rest, VERB_LINKS);
    if (link && (startsWithAny(rest, WORK_VERBS, link.length) || DESCRIPTIVE_START.test(rest.slice(link.length)))) rest = rest.slice(link.length);
  }
  if (kind === null) {
    const frame = startsWithAny(rest, FRAME_VERBS);
    if (frame) return { rest: rest.slice(frame.length), kind: "frame" };
    if (DESCRIPTIVE_START.test(rest)) kind = "dev";
  } else if (DESCRIPTIVE_START.test(rest) && !startsWithAny(rest, WORK_VERBS)) {
    // "引进和培育…", "建成以…为主的…": the verb of works governs a description
    kind = "dev";
  }
  return { rest, kind };
}

/** "的" outside "目的地": a modifier clause, which names of works do not carry */
const MODIFIER = /(?:^|[^目])的/u;
/** "X、Y等港渠为重要的生态景观节点": the list is the subject, what follows 为 describes it */
const SUBJECT_LIST = /等[^、，；为]{1,4}为/u;

export function readClause(raw: string[]): ClauseReading {
  const items = raw.slice();
  const end = items.length - 1;
  const subject = SUBJECT_LIST.exec(items[end]);
  if (subject && !items[0].startsWith("以")) items[end] = items[end].slice(0, subject.index + subject[0].length - 1);
  const none: ClauseReading = { items: [], strong: false, descriptive: true, verb: false, closed: false };
  if (DESCRIPTIVE_WORDS.test(items.length === 1 ? items[0] : items.join("、"))) return none;

  let head = stripHead(items[0]);
  if (head.kind === "dev") return none;
  // "新建、改扩建50所标准化幼儿园": verbs listed before their object
  while (items.length > 1 && head.kind === null && startsWithAny(items[0], WORK_VERBS) === items[0]) {
    items.shift();
    head = stripHead(items[0]);
    if (head.kind === null) head = { rest: items[0], kind: "work" };
  }
  if (head.kind === "dev") return none;
  items[0] = trimItem(head.rest);
  const last = items.length - 1;
  const tail = ENDS_IN_TAIL.test(items[last]) ? TAIL.exec(items[last]) : null;
  if (tail) items[last] = trimItem(items[last].slice(0, tail.index));
  let kind = head.kind;
  if (kind === "frame" || kind === "work") {
    // "加快A、B建设", "推进西凉湖蓄滞洪区建设": the verb's frame closes with 建设
    const framed = !tail && items[last].length > 3 && items[last].endsWith("建设");
    if (framed) items[last] = items[last].slice(0, items[last].endsWith("的建设") ? -3 : -2);
    if (kind === "frame") {
      if (!framed && !tail) return none;
      kind = "work";
    }
  }
  if (!items[0] || (kind && DESCRIPTIVE_BODY.test(items[0]))) return none;
  if (!tail && DESCRIPTIVE_END.test(items[last])) {
    // "…研制", "…发展" closes a list of directions; "华师大梁子湖校区、…等高校内涵发展" still names institutions
    const etc = etcIndex(items[last]);
    if (etc < 0 || !items.every((x, i) => namesWork(i === last ? trimItem(x.slice(0, etc)) : x))) return none;
  }

  const list = readList(subClauses(items.flatMap(cleanNames)));
  const names = list.items.filter((s) => s.length > 0);
  if (names.length === 0) return none;
  const closed = tail !== null || list.closed;
  const modifier = names.some((x) => MODIFIER.test(x));
  const single = names.length === 1 && namesWork(names[0]) && !modifier;
  const strong = (kind !== null || closed) && !modifier && (names.length > 1 || closed || single);
  // a verb that governs something other than a list of works ("推进粮油加工高端化发展") describes
  return { items: names, strong, descriptive: (kind !== null && !strong) || modifier, verb: kind !== null, closed };
}

/**
 * "加快A建设、加快B、C、D建设": a verb at an item's head starts a list of its own inside the clause;
 * the verb goes, and so does the 建设 that closed the list before it. An item governed by a verb of
 * goals ("…、培育X") is dropped.
 */
function subClauses(items: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i === 0 || !HEAD_FIRST.has(item.charCodeAt(0))) {
      out.push(item);
      continue;
    }
    const head = stripHead(item);
    if (head.kind === null) {
      out.push(item);
      continue;
    }
    if (head.kind === "dev") continue;
    const before = out.length - 1;
    if (before >= 0 && out[before].length > 3 && out[before].endsWith("建设")) out[before] = out[before].slice(0, -2);
    out.push(trimItem(head.rest));
  }
  return out;
}
