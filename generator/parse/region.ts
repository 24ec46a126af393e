/*
 * The place a document is about, read where a document states it: its title ("荆门市国民经济和社会
 * 发展…", "2025年东渚市政府工作报告"), its issuing body ("荆门市人民政府", "中共鄂州市委", "XX市统计局"),
 * the session it was delivered to ("在东渚市第十届人民代表大会第四次会议上"). A place is a name and
 * the level after it (省, 自治区, 市, 自治州, 地区, 盟, 县, 自治县, 旗, 区, 新区, 特别行政区); it
 * counts only where a whole institution or document word follows it, so a verb before 市 ("开展高新区",
 * "落实市委") or a list of levels ("县（市、区）") is never read as one.
 *
 * Only when none of those names a place is the body consulted, and then only for strong evidence
 * (a name printed again and again as a place: "荆州高新区", "智慧荆州", "荆州市"); the result is a
 * guess and says so in a warning. Otherwise the region is null, with a warning: a guessed region is
 * worse than none.
 */

/** levels, longest first so that 自治州 is not read as 州 */
const LEVELS = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "林区", "地区", "省", "市", "州", "盟", "县", "旗", "区"];
/** a chain of places is at most this long: "克孜勒苏柯尔克孜自治州阿图什市" and more */
const MAX_CHAIN = 30;

/** words that refer to the document's own territory without naming it: "全市", "本县", "各区" */
const DEICTIC = /^[全本我该此其各每原新]$/u;
const LEVEL_CHAR = /^[省市州县区旗盟]+$/u;
const isHanChar = (c: number) => c >= 0x3400 && c <= 0x9fff;
/** the last character of every level */
const LEVEL_END = new Set([..."省市州盟县旗区"].map((c) => c.charCodeAt(0)));

/** what follows a place in a title: the name of the document (sticky: tried at a position) */
const DOCUMENT_WORD = /人民政府(?:办公室|办公厅)?关于|国民经济|经济和社会发展|经济社会发展|政府工作报告|人民政府工作报告|统计公报|(?:19|20)\d\d年|[（(]?(?:19|20)\d\d|“?十[一二三四五六七八九]五|第[一二三四五六七八九十]+个五年|国土空间/uy;
/** …or, less telling, a document named within a few characters ("…城区更新规划") */
const NAMED_DOCUMENT = /[^，。；]{0,12}(?:规划|纲要|报告|公报)/uy;
/** what follows a place in an issuing body's name */
const BODY_WORD = /人民政府|人民代表大会|人大常委会|统计局|发展和改革委员会|发展改革委|发改委|政府办公室|政府办公厅|委员会|政府/uy;
/** what may end a body's line after its name: its office, its head's title and name ("东渚市人民政府市长 张三") */
const BODY_TAIL = /^(?:办公室|办公厅)?(?:[副代理]*[省市州县区旗盟]长|主席|主任|局长)?[\p{Script=Han}·]{0,5}$/u;
/** how a title may open before its place: a label ("图解："), 关于, a year, a quote */
const TITLE_OPENING = /^(?:[^：:，。]{1,8}[：:])?(?:[《“]|关于|(?:19|20)\d\d年(?:度)?)*/u;

const at = (re: RegExp, s: string, i: number) => {
  re.lastIndex = i;
  return re.exec(s);
};

export interface Place {
  /** the most specific place of the chain: "荆门市" of "湖北省荆门市" */
  name: string;
  level: string;
}

/**
 * Splits a chain into places: of the ways to split it, the one with the most places whose names
 * do not begin with a level. "湖北省荆门市东宝区" is three places, "荆州市沙市区" is 荆州市 + 沙市区 (not
 * 荆州 + 市沙市区), "沙市区" and "郑州市" one each (a level inside a name stays in it).
 */
function splitChain(s: string): Place[] | null {
  // best[i]: the cheapest split of s from i (cost: -1 a place, +10 a name that begins with a level)
  const best: Array<{ cost: number; places: Place[] } | null> = new Array(s.length + 1).fill(null);
  best[s.length] = { cost: 0, places: [] };
  for (let from = s.length - 1; from >= 0; from--) {
    for (let end = from + 2; end <= s.length; end++) {
      const rest = best[end];
      if (!rest) continue;
      const head = s.slice(from, end);
      const level = LEVELS.find((l) => head.endsWith(l));
      if (!level) continue;
      const name = head.slice(0, head.length - level.length);
      if (!name || DEICTIC.test(name) || LEVEL_CHAR.test(name)) continue;
      const cost = rest.cost - 1 + (LEVEL_CHAR.test(name[0]) ? 10 : 0);
      if (!best[from] || cost < best[from]!.cost) best[from] = { cost, places: [{ name: head, level }, ...rest.places] };
    }
  }
  return best[0]?.places.length ? best[0].places : null;
}

/**
 * The place chain that starts at `from` and ends where `follows(end)` holds: the shortest such run
 * of Han characters (at most MAX_CHAIN) that splits into places; its most specific place. A scan
 * of at most MAX_CHAIN ends, each split in a few steps: no pattern here can backtrack.
 */
function chainFrom(s: string, from: number, follows: (end: number) => boolean): Place | null {
  for (let end = from + 2; end <= s.length && end - from <= MAX_CHAIN; end++) {
    if (!isHanChar(s.charCodeAt(end - 1))) return null;
    if (!LEVEL_END.has(s.charCodeAt(end - 1)) || !follows(end)) continue;
    const places = splitChain(s.slice(from, end));
    if (places) return places[places.length - 1];
  }
  return null;
}

/** the place that opens a title: followed by a document word, else by a document named within a few characters */
function titlePlace(line: string): Place | null {
  const from = TITLE_OPENING.exec(line)?.[0].length ?? 0;
  return chainFrom(line, from, (end) => at(DOCUMENT_WORD, line, end) !== null) ?? chainFrom(line, from, (end) => at(NAMED_DOCUMENT, line, end) !== null);
}

/** a line that is an issuing body, maybe with its head's title and name: "荆门市人民政府", "东渚市人民政府市长 张三" */
function bodyPlace(line: string): Place | null {
  const from = line.startsWith("中国共产党") ? 5 : line.startsWith("中共") ? 2 : 0;
  return chainFrom(line, from, (end) => {
    const word = at(BODY_WORD, line, end);
    return word !== null && BODY_TAIL.test(line.slice(end + word[0].length));
  });
}

/** "在东渚市第十届人民代表大会": the place before 第…届, after a boundary (在, a bracket, a comma, a space, the line's start) */
function sessionPlace(line: string): Place | null {
  for (let k = line.indexOf("届人民代表大会"); k >= 0; k = line.indexOf("届人民代表大会", k + 1)) {
    let di = k - 1;
    while (di >= 0 && /[一二三四五六七八九十百\d]/u.test(line[di])) di--;
    if (di < 0 || line[di] !== "第") continue;
    // back over the Han characters of the place, to the boundary before it
    let from = di;
    while (from > 0 && di - from < MAX_CHAIN && isHanChar(line.charCodeAt(from - 1)) && line[from - 1] !== "在") from--;
    if (from > 0 && !/[在（(，,\s]/u.test(line[from - 1])) continue;
    const places = from < di ? splitChain(line.slice(from, di)) : null;
    if (places) return places[places.length - 1];
  }
  return null;
}

/** "中共鄂州市委" / "中共鄂州市委员会" */
function partyPlace(text: string): Place | null {
  for (let k = text.indexOf("中共"); k >= 0; k = text.indexOf("中共", k + 2)) {
    const place = chainFrom(text, k + 2, (end) => text[end] === "委");
    if (place) return place;
  }
  return null;
}

export interface RegionEvidence {
  place: Place;
  /** index of the head line that named it */
  at: number;
  how: "title" | "body" | "session" | "party";
}

/**
 * The region as the head of the document states it. `head` are its first lines, spaces squeezed and
 * years in digits; `titleAt` the lines of its title (tried first); `top` how many lines come before
 * the body. An issuing body is a line of its own among those; a session or a party committee may be
 * named anywhere in the head ("在东渚市第十届人民代表大会…", "根据《中共鄂州市委关于…》"). Null when none names one.
 */
export function statedRegion(head: string[], titleAt: number[], top: number): RegionEvidence | null {
  for (const i of titleAt) {
    const place = titlePlace(head[i]);
    if (place) return { place, at: i, how: "title" };
  }
  for (let i = 0; i < top; i++) {
    const place = head[i].length <= 40 && !/[，,。；]/u.test(head[i]) ? bodyPlace(head[i]) : null;
    if (place) return { place, at: i, how: "body" };
  }
  for (let i = 0; i < head.length; i++) {
    const h = head[i];
    const session = h.includes("届人民代表大会") ? sessionPlace(h) : null;
    if (session) return { place: session, at: i, how: "session" };
    const party = h.includes("中共") ? partyPlace(h) : null;
    if (party) return { place: party, at: i, how: "party" };
  }
  return null;
}

/** the preamble may cite the party committee's proposal: "根据《中共鄂州市委关于制定……的建议》编制" */
export function partyRegion(early: string): Place | null {
  return early.includes("中共") ? partyPlace(early) : null;
}

// ---- the body, for strong evidence only ----

/**
 * after a name, the words that make it a place: its level, or a place within it ("荆州高新区",
 * "荆门东站"). Bare 区 and 州 are left out: "园区", "景区", "示范区" end far more words than names.
 */
const AFTER_PLACE = /(?:市(?![场民值政圈级直属域县区委])|县(?![域级城委（(、])|省(?![委级内外])|高新技术产业开发区|经济技术开发区|经济开发区|高新区|开发区|经开区|综合保税区|综保区|港区|新区|东站|西站|南站|北站|火车站|机场)/uy;
/** a table over UTF-16 codes: 1 where a place word starts, 2 where a level starts that is only read for how the text names itself */
const FIRST = new Uint8Array(0x10000);
for (const c of "市县省高经开综港新东西南北火机") FIRST[c.charCodeAt(0)] = 1;
for (const c of "区州旗盟") FIRST[c.charCodeAt(0)] = 2;
/** before a name, slogans that take a place ("智慧荆州", "健康荆门"): they add weight to a name already printed as a place, never make one */
const SLOGANS = new Set(["智慧", "健康", "平安", "美丽", "数字", "法治", "幸福", "文明", "宜居", "活力", "厚道", "魅力", "书香", "诚信", "韧性"]);
/** after a level, the institutions of the text's own government: "市委", "县政府" */
const INSTITUTION = /委|政府|人民政府|人大|政协/uy;

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;
/** the body is read this far for a region: the place a document is about is named throughout */
const SCAN_CHARS = 60000;

export interface InferredRegion {
  name: string;
  /** how often the name is printed as a place, and at all */
  placeMentions: number;
  mentions: number;
  /** the line of its first mention as a place */
  line: number;
}

interface Candidate {
  n: number;
  offset: number;
  levels: Map<string, number>;
}

/**
 * A name the body prints as a place again and again, as strong evidence for a region no title or
 * body states. A two-character name is a candidate where a place word follows it ("荆州高新区",
 * "荆门市"); it must be printed so at least three times, and must also stand on its own: printed
 * as a place in at least a tenth of its mentions (a verb before 高新区 is printed hundreds of times
 * otherwise) and at most four fifths (a name always followed by 市 is half of a word: "城市"). It
 * must be well ahead of any other name, and its level agree with the one the text uses for itself
 * ("全市"): a city's report that names its province is not the province's.
 */
export function inferRegion(lines: ReadonlyArray<{ no: number; text: string }>, head: string): InferredRegion | null {
  // the lines run together, so a name wrapped at a line's end ("荆州高新" / "区") is read whole
  const parts: string[] = [];
  const starts: number[] = [];
  const nos: number[] = [];
  let length = 0;
  for (const l of lines) {
    if (length >= SCAN_CHARS) break;
    let t = l.text.trim();
    if (!t) continue;
    if (length + t.length > SCAN_CHARS) t = t.slice(0, SCAN_CHARS - length);
    parts.push(t);
    starts.push(length);
    nos.push(l.no);
    length += t.length;
  }
  const scan = parts.join("");
  const candidates = new Map<string, Candidate>();
  // how the text speaks of its own government's level: "我市", "本县" (3), "市委", "县政府" (2), "全市" (1, also said of the province it ranks in: "居全省第4位")
  const self = new Map<string, number>();
  const own = (level: string, weight: number) => self.set(level, (self.get(level) ?? 0) + weight);
  for (let i = 2; i + 1 < scan.length; i++) {
    const first = FIRST[scan.charCodeAt(i)];
    if (first === 0) continue;
    const ch = scan[i];
    if ("市县区州省旗盟".includes(ch)) {
      const before = scan[i - 1];
      if (before === "我" || before === "本") own(ch, 3);
      else if (before === "全") own(ch, 1);
      INSTITUTION.lastIndex = i + 1;
      if (INSTITUTION.test(scan)) own(ch, 2);
    }
    if (first === 2 || !isHan(scan.charCodeAt(i - 1)) || !isHan(scan.charCodeAt(i - 2))) continue;
    // sticky: matched at i in the text itself, without cutting a piece out for it
    AFTER_PLACE.lastIndex = i;
    const after = AFTER_PLACE.exec(scan);
    if (!after) continue;
    const name = scan.slice(i - 2, i);
    // a place word is read whole ("经济开发区" at 经), so its own first characters are never a name
    const next = i + after[0].length - 1;
    // "城市" is a word, not a name and its level: "示范城市", "中心城市"
    const cityWord = name[1] === "城" && after[0] === "市";
    // a name ending in a level is a place already ("沙市" of 沙市经济开发区); 州 ends names too (荆州, 鄂州)
    if (!cityWord && !DEICTIC.test(name[0]) && !DEICTIC.test(name[1]) && !/^[省市县区旗盟]$/u.test(name[1])) {
      let c = candidates.get(name);
      if (!c) candidates.set(name, (c = { n: 0, offset: i - 2, levels: new Map() }));
      c.n++;
      if (after[0].length === 1) c.levels.set(after[0], (c.levels.get(after[0]) ?? 0) + 1);
    }
    // the level itself is still read for how the text names itself
    if (next > i && "市县区州省旗盟".includes(scan[next])) i = next - 1;
    else i = next;
  }
  const selfLevel = [...self.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const mentions = countAll(scan, candidates);
  const ranked = [...candidates.entries()]
    .map(([name, c]) => ({ name, ...c, mentions: mentions.get(name) ?? 0 }))
    .filter((c) => c.n >= 3 && c.mentions >= 5 && c.n * 10 >= c.mentions && c.n * 5 <= c.mentions * 4)
    .filter((c) => c.levels.size === 0 || selfLevel === null || c.levels.has(selfLevel))
    .sort((a, b) => b.n - a.n || b.mentions - a.mentions);
  if (!ranked.length) return null;
  const [best, second] = ranked;
  const inHead = head.includes(best.name) && !(second && head.includes(second.name));
  if (second && best.n < second.n * 2 && !inHead) return null;
  const level = [...best.levels.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? selfLevel;
  if (!level) return null;
  // the line of the first mention as a place: the last part starting at or before it
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1] <= best.offset) k++;
  return { name: best.name + level, placeMentions: best.n, mentions: best.mentions, line: nos[k] ?? 1 };
}

/**
 * How often each candidate (a two-character name) occurs in the text, one pass whatever their
 * number; a mention after a slogan ("智慧荆州") also counts as a mention as a place.
 */
function countAll(text: string, candidates: Map<string, Candidate>): Map<string, number> {
  const counts = new Map<string, number>();
  const firsts = new Uint8Array(0x10000);
  for (const name of candidates.keys()) {
    counts.set(name, 0);
    firsts[name.charCodeAt(0)] = 1;
  }
  for (let i = 0; i + 1 < text.length; i++) {
    // most characters begin no candidate: test that before building the pair
    if (firsts[text.charCodeAt(i)] === 0) continue;
    const pair = text.slice(i, i + 2);
    const c = counts.get(pair);
    if (c === undefined) continue;
    counts.set(pair, c + 1);
    if (i >= 2 && SLOGANS.has(text.slice(i - 2, i))) candidates.get(pair)!.n++;
  }
  return counts;
}
