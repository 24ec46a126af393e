import { squeezeSpaces } from "../paragraphs";
import { indexOutside, splitOutside, trimItem } from "./text";

/*
 * Turning a group's text into project names. A group is usually one list ("A、B、C等项目"), but
 * real boxes mix lists with sentences that describe the industry ("以…为龙头，…"); only clauses
 * that are lists of named works are kept. Every rule is about the shape of a clause, never about
 * a particular document's wording.
 */

/** adverbs that can precede a governing verb: "重点实施", "加快推进", "积极谋划建设" */
const ADVERBS = ["重点", "加快", "积极", "大力", "全力", "全面", "着力", "持续", "深入", "扎实", "有序", "稳步", "继续", "力争", "同步", "协同", "争取", "配合", "率先", "优先", "抓紧"];
/** verbs that govern a list of works; "打造/培育/发展" are left out: they govern goals, not works */
const VERBS = ["开工建设", "规划建设", "谋划建设", "改扩建", "提档升级", "实施", "推进", "推动", "建设", "建成", "续建", "新建", "改建", "扩建", "开工", "启动", "谋划", "规划", "引进", "完成", "抓好"];
/** a list's tail: "等项目", "等重大项目建设", "等新建中小水库项目", "项目建设", "开工建设", "开展前期工作", "等" */
const TAIL = /(?:等(?:一批)?[^、，；]{0,8}?(?:项目|工程)(?:建设)?|项目建设|开工建设|(?:开展)?前期工作)$/u;
/** "…等" or "…等湖泊" closing an enumeration: dropped, but it does not make a list of works */
const WEAK_TAIL = /等(?:[^、，；\d]{1,4})?$/u;
/** a clause that describes rather than lists */
const DESCRIPTIVE_START = /^(?:以|开发|利用|包括|围绕|依托|按照|到\d|力争|坚持|充分|立足|聚焦|面向|结合|通过|加强|加大|提升|提高|完善|优化|深化|强化|发展|鼓励|引导|促进|构建|形成|巩固|培育|打造|支持|推广|落实|探索|健全|创新|做大|做强|做优|做精|满足|即|包括|突出|瞄准|重点发展|重点布局|重点打造|重点培育|大力发展|积极发展|加快发展|着力|全面|实现|确保|力争|主要|其中|同时|并|形成|带动|辐射|向|在|对|把|将|由|从|为|与)/u;
const DESCRIPTIVE_WORDS = /为龙头|为重点|为核心|为依托|为主体|为引领|为目标|为主线|为重要|为主导|达到|达\d|突破|增长|提高到|覆盖率|比重|实现|全覆盖|水平|等(?:产品|企业|领域|产业|行业|业态|技术|资源|品种|品牌|人才)/u;
/** what a named work ends with; a single item without a list needs one of these to count */
const FACILITY = /(?:项目|工程|园|园区|基地|中心|平台|线|站|厂|馆|院|校|路|桥|港|港区|码头|公路|铁路|机场|枢纽|管网|水库|设施|小镇|综合体|市场|街区|通道|段|泊位|库|电站|楼|公园|景区|体系|系统)(?:（[^）]*）)?$/u;

function stripHeadVerb(clause: string): { body: string; verb: string } {
  let rest = clause;
  let verb = "";
  let guard = 0;
  while (guard++ < 5) {
    const adv = ADVERBS.find((a) => rest.startsWith(a));
    if (adv && VERBS.some((v) => rest.startsWith(v, adv.length)) ) {
      verb += adv;
      rest = rest.slice(adv.length);
      continue;
    }
    const v = VERBS.find((x) => rest.startsWith(x));
    if (!v) break;
    verb += v;
    rest = rest.slice(v.length);
  }
  return { body: rest, verb };
}

interface Clause {
  items: string[];
  /** a list governed by a verb or closed by a tail: trusted even beside descriptive clauses */
  strong: boolean;
  descriptive: boolean;
}

function readClause(raw: string): Clause {
  const clause = trimItem(raw);
  const descriptive = DESCRIPTIVE_START.test(clause) || DESCRIPTIVE_WORDS.test(clause);
  const { body: afterVerb, verb } = stripHeadVerb(clause);
  const tail = TAIL.exec(afterVerb);
  let body = trimItem(tail ? afterVerb.slice(0, tail.index) : afterVerb);
  const listed = splitOutside(body, "、；;").length > 1;
  if (!tail && listed) body = trimItem(body.replace(WEAK_TAIL, ""));
  if (!body) return { items: [], strong: false, descriptive };
  // the words after the verb may themselves describe: "推进以纺纱织布为主导的…"
  if (/^(?:以|向|在|对|把|将|由|从|围绕|依托|具有|一批|一个|若干)/u.test(body) || DESCRIPTIVE_WORDS.test(body)) {
    return { items: [], strong: false, descriptive: true };
  }
  const items = splitOutside(body, "、；;").map(cleanName).filter((s) => s.length > 0);
  const strong = (verb !== "" || tail !== null) && (listed || tail !== null || (FACILITY.test(body) && !body.includes("的")));
  // a verb that governs something other than a list of works ("推进粮油加工高端化发展") describes
  return { items, strong, descriptive: (descriptive && !strong) || (verb !== "" && !strong) };
}

/** A list item as a name: a leading "纵一：" label goes, wrapping spaces go, end punctuation goes. */
export function cleanName(raw: string): string {
  let s = trimItem(squeezeSpaces(raw.replace(/\*\*/g, "")));
  const colon = indexOutside(s, "：:");
  if (colon > 0 && colon <= 6) s = trimItem(s.slice(colon + 1));
  // "“一纵”为呼南高铁…": a quoted label naming the item that follows
  return s.replace(/^“[^”]{1,8}”(?:为|是|即)/u, "");
}

/**
 * A group's text → project names. Sentences split on 。, clauses on ，and ；, items on 、 — never
 * inside quotes or brackets. A verb-governed or 等项目-closed clause is a list wherever it stands;
 * an unmarked list counts only in a sentence that describes nothing.
 */
export function splitProjectList(text: string): string[] {
  const names: string[] = [];
  const sentences = splitOutside(text.replace(/\*\*/g, ""), "。！？!?").map(trimItem).filter(Boolean).map(dropLabel);
  const onlyClause = sentences.length === 1 && splitOutside(sentences[0], "，,").length === 1;
  for (const sentence of sentences) {
    const clauses = splitOutside(sentence, "，,").map(readClause);
    const plain = !clauses.some((c) => c.descriptive);
    for (const c of clauses) {
      if (c.strong || (plain && (c.items.length > 1 || onlyClause))) names.push(...c.items);
    }
  }
  return dedupe(names.filter(isName));
}

/** "沙阳县：以功能创新…", "5个市级副商圈：龙凤山商圈、…": a sentence's own short head is not part of its list */
function dropLabel(sentence: string): string {
  const at = indexOutside(sentence, "：:");
  if (at < 1 || at > 24 || /[，,、；;]/u.test(sentence.slice(0, at))) return sentence;
  return trimItem(sentence.slice(at + 1)) || sentence;
}

function isName(s: string): boolean {
  return s.length >= 2 && s.length <= 80 && !/等项目$|、$/u.test(s);
}

function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
}

const PHASE = /[（(]?([一二三四五六七八九十\d]+期)(?:工程|项目)?[）)]?/u;
const CAPACITY = /(?:年产|日产|日处理|年处理|年加工)?\d+(?:[.．]\d+)?(?:万|亿|千)?(?:吨\/年|吨|千瓦|千伏|MWp|MW|万千瓦|立方米|平方米|头|件|辆|台|套|只|羽|亩|张|个)(?:\/年)?/u;

/** The phase ("二期", "（三期）") and capacity ("年产20万吨") printed in a name, if any. */
export function nameDetails(name: string): { phase?: string; capacity?: string } {
  const out: { phase?: string; capacity?: string } = {};
  const p = PHASE.exec(name);
  if (p) out.phase = p[1];
  const c = CAPACITY.exec(name);
  if (c) out.capacity = c[0];
  return out;
}
