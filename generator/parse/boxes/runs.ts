import { squeezeSpaces } from "../paragraphs";
import { indexOutside, splitOutside, trimItem } from "./text";
import { atEnd, COUNT, FACILITY, namesWork, PLACE, PLACE_HEAD, TAIL, WORK_END } from "./words";

/*
 * The items of one 、-list as project names. Most lists are one name per item, but a list often
 * shares its last item's ending: "鄂城区、华容区、梁子湖区老旧小区改造建设工程" is one work done in
 * three places, "温峡口、八子门等11座大中型水库除险加固" one work on eleven reservoirs. Items that
 * cannot stand alone (bare places, bare names) are joined back to the item that completes them,
 * as printed; items that name works of their own stay apart.
 */

/** what the text after a list's 等 says about the list */
type EtcKind = "none" | "bare" | "generic" | "place" | "count" | "work" | "category";

/** "中等", "高等", "同等" and "等级" are words, not the list's 等 */
const NOT_ETC_BEFORE = new Set([..."中高初平同对均次"].map((c) => c.charCodeAt(0)));

/** index of the list's 等 in an item (the last one outside brackets that is not part of a word), or -1 */
export function etcIndex(item: string): number {
  if (item.indexOf("等") < 0) return -1;
  let found = -1;
  let at = -1;
  for (const part of splitOutside(item, "等")) {
    if (at > 0 && !NOT_ETC_BEFORE.has(item.charCodeAt(at - 1)) && item[at + 1] !== "级") found = at;
    at += part.length + 1;
    if (at >= item.length) break;
  }
  return found;
}

/** an item ending on a manner of doing, not a thing: "…智能化", "…标准化" */
const MANNER_END = atEnd(String.raw`(?:智能|信息|数字|现代|标准|规模|绿色|一体|网络|智慧|集约|高端|规范)化`);
/** a count closing a list: "…基地12个" */
const COUNT_END = atEnd(String.raw`\d+(?:个|座|条|所|处|家)`);
/** a thing and how many: "整治村200个", "智能停车场5个" */
const COUNTED_TAIL = /\d+(?:\.\d+)?(?:万|千)?(?:个|座|条|所|处|家|项|片|公里|亩|户|套)$/u;
const COUNTED = new RegExp(`^[^\\d、]{2,20}${COUNTED_TAIL.source}`, "u");
/** "官垵三个区级商圈" → ["官垵", "区级商圈"] */
const COUNT_CLOSED = new RegExp(`^(.+?)${COUNT.source}(.+)$`, "u");
/** "11座大中型水库除险加固" after 等 */
const COUNT_START = new RegExp(`^${COUNT.source}`, "u");

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "六条…" → 6, "12个…" → 12, "十二个" → 12; null for 几, 百 or none */
function countOf(text: string): number | null {
  const m = /^(\d+|[一二两三四五六七八九十]+)/u.exec(text);
  if (!m) return null;
  if (/^\d/u.test(m[1])) return Number(m[1]);
  const s = m[1];
  if (s.length === 1) return DIGITS[s] ?? null;
  if (s[0] === "十") return 10 + (DIGITS[s[1]] ?? 0);
  return (DIGITS[s[0]] ?? 0) * 10 + (s[1] === "十" ? DIGITS[s[2]] ?? 0 : 0);
}

function etcKind(tail: string): EtcKind {
  if (!tail) return "bare";
  if (tail[0] === "地") return "place";
  if (COUNT_START.test(tail)) return "count";
  if (tail.length <= 10 && TAIL.test(`等${tail}`)) return "generic";
  if (WORK_END.test(tail)) return "work";
  return "category";
}

/** an item that cannot stand as a project by itself: no ending that names a work or facility */
function isBare(item: string): boolean {
  return !namesWork(item) && !/\d/.test(item) && !item.includes("等");
}

/**
 * A list item as names: a leading "纵一：" label goes, wrapping spaces go, end punctuation goes; two
 * names of works printed with a colon between them ("…天然气支干线：“黄梅-荆门”原油管道工程") are two.
 */
export function cleanNames(raw: string): string[] {
  let s = trimItem(squeezeSpaces(raw));
  const colon = indexOutside(s, "：:");
  if (colon > 0 && colon <= 6) s = trimItem(s.slice(colon + 1));
  else if (colon > 6) {
    const a = trimItem(s.slice(0, colon));
    const b = trimItem(s.slice(colon + 1));
    if (namesWork(a) && namesWork(b)) return [a, b];
  }
  // "“一纵”为呼南高铁…": a quoted label naming the item that follows
  return splitGlued(s.charCodeAt(0) === 0x201c ? s.replace(/^“[^”]{1,8}”(?:为|是|即)/u, "") : s);
}

/**
 * "通城至修水高速公路和武汉都市圈环线高速汉南过江通道" is two works glued by 和: split only where the
 * first half ends on a facility and the second names a work of its own, by its place ("鄂城区…") or
 * at length. "钟祥市文化馆和图书馆", "…特色产品基地和百万吨化工产品基地" share their owner: one item.
 */
function splitGlued(s: string): string[] {
  const at = indexOutside(s, "和");
  if (at < 4 || indexOutside(s.slice(at + 1), "和") >= 0) return [s];
  const a = s.slice(0, at);
  const b = s.slice(at + 1);
  const standsAlone = PLACE_HEAD.test(b) || (b.length >= 10 && !/^\d/u.test(b));
  return FACILITY.test(a) && namesWork(b) && standsAlone ? [a, b] : [s];
}

export interface ListReading {
  items: string[];
  /** closed by 等 and a word for works or places: a list of works by its own wording */
  closed: boolean;
}

/**
 * Joins each run of bare items to the item that completes it, strips a list's 等-tail where the
 * items stand alone, and splits a last "A商圈及B商圈" whose halves share their ending.
 */
export function readList(items: string[]): ListReading {
  const out: string[] = [];
  let closed = false;
  let runFrom = 0; // where the run of bare items just before the current item starts in `out`
  const joinRun = (item: string) => {
    const run = out.splice(runFrom);
    out.push([...run, item].join("、"));
  };
  for (let item of items) {
    // "…检测中心智能化、信息化改扩建": an item that is only a manner ("…智能化") qualifies the work after it
    if (out.length > 0 && MANNER_END.test(out[out.length - 1])) {
      item = `${out.pop() as string}、${item}`;
      runFrom = Math.min(runFrom, out.length);
    }
    const e = etcIndex(item);
    const kind: EtcKind = e < 0 ? "none" : etcKind(item.slice(e + 1));
    const runLength = out.length - runFrom;
    const head = e < 0 ? item : trimItem(item.slice(0, e));
    let bare = false;
    if (kind === "category" && head && isBare(head) && out.filter(isBare).length * 2 >= out.length) {
      // "川石、隽西、车埠等大中型新建灌区", "骨伤科、康复、脑病等中医优势专科": a list of kinds of
      // things or of bare names (most of them naming no work), closed by what they are, is one item as printed
      closed = true;
      runFrom = 0;
      joinRun(item);
    } else if (kind === "generic" || kind === "bare" || kind === "category") {
      closed = closed || kind === "generic";
      if (head) out.push(head);
    } else if (kind === "place" || (kind === "work" && runLength > 0)) {
      closed = true;
      joinRun(item);
    } else if (kind === "count") {
      // "温峡口、八子门等11座大中型水库除险加固" is one work; "城南学校、花湖学校等10所…" lists schools
      closed = true;
      if (runLength > 0 && WORK_END.test(item.slice(e + 1).replace(COUNT, ""))) joinRun(item);
      else out.push(out.length > 0 ? head : item);
    } else {
      const counted = runLength > 0 ? COUNT_CLOSED.exec(item) : null;
      if (counted) {
        // "葛湖、环南迹湖…、环梁子湖六条乡村振兴带": a count closing bare items, without 等, makes them one
        // item (the places alone name no work); it takes as many items as it counts, bare or not
        const n = countOf(item.slice(counted[1].length));
        if (n !== null && n >= 2 && n - 1 <= out.length) runFrom = Math.min(runFrom, out.length - (n - 1));
        closed = true;
        joinRun(item);
      } else if (runLength > 0 && placeWork(item) && out.slice(runFrom).every((x) => PLACE.test(x))) {
        joinRun(item);
      } else if (runLength > 0 && COUNT_END.test(item)) {
        // "万亩花卉、果蔬、水产现代农业基地12个": the count is of everything the list names
        closed = true;
        joinRun(item);
      } else if (out.length > 0 && COUNTED.test(item) && COUNTED.test(out[out.length - 1].split("、").pop() ?? "")) {
        // "美丽乡村示范村100个、整治村200个": counts of things, not named works, are one item as printed
        out[out.length - 1] += `、${item}`;
        closed = true;
      } else {
        out.push(item);
        bare = isBare(item);
      }
    }
    // a bare item extends the run; anything else ends it
    if (!bare) runFrom = out.length;
  }
  splitLastPair(out);
  return { items: out.filter((s) => s.length > 0), closed };
}

/** "梁子湖区老旧小区改造建设工程": a place, then a work */
function placeWork(item: string): boolean {
  const m = PLACE_HEAD.exec(item);
  return m !== null && namesWork(m[2]);
}

/** The last "杨家桥商圈及航空新城商圈" of a longer list: two names sharing their ending are two items. */
function splitLastPair(out: string[]): void {
  if (out.length < 2) return;
  const last = out[out.length - 1];
  const at = last.indexOf("及");
  if (at < 3 || at > last.length - 4 || last.indexOf("及", at + 1) >= 0) return;
  const a = last.slice(0, at);
  const b = last.slice(at + 1);
  if (a.slice(-2) === b.slice(-2) && FACILITY.test(a) && FACILITY.test(b)) out.splice(out.length - 1, 1, a, b);
}
