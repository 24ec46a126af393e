import { attr, child, childrenOf, parseXml, tagOf, type XmlNode } from "./xml";

/*
 * Word's automatic numbering (numbering.xml): a heading numbered 第一章 / 一、 / （一） / 1. by its
 * list, not by its text, carries no label in document.xml. The reader sees the label on the page,
 * so the decoder prints it: each paragraph with a list (its own w:numPr, or its style's) gets the
 * label its level's w:lvlText makes from the counters, in the level's number format.
 */

interface Level {
  start: number;
  format: string;
  text: string;
  /** what stands between the label and the text: "tab" (the default), "space" or "nothing" */
  suffix: string;
}

interface NumberingDefinitions {
  /** numId → its levels (the abstract list's, with the num's own overrides) */
  lists: Map<string, Level[]>;
  /** numId → level → start overridden by the num */
  starts: Map<string, Map<number, number>>;
}

export interface StyleNumbering {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

const MAX_LEVEL = 8;
const intOf = (v: string | undefined, d: number) => (v !== undefined && /^\d{1,4}$/.test(v) ? Number(v) : d);

function levelsOf(abstract: XmlNode): Level[] {
  const levels: Level[] = [];
  for (const lvl of childrenOf(abstract)) {
    if (tagOf(lvl) !== "w:lvl") continue;
    const i = intOf(attr(lvl, "w:ilvl"), -1);
    if (i < 0 || i > MAX_LEVEL) continue;
    levels[i] = {
      start: intOf(attr(child(lvl, "w:start") ?? {}, "w:val"), 1),
      format: attr(child(lvl, "w:numFmt") ?? {}, "w:val") ?? "decimal",
      text: attr(child(lvl, "w:lvlText") ?? {}, "w:val") ?? "",
      suffix: attr(child(lvl, "w:suff") ?? {}, "w:val") ?? "tab",
    };
  }
  return levels;
}

/** numbering.xml read once; a missing or broken part numbers nothing. */
export function readNumbering(xml: string | null): NumberingDefinitions {
  const out: NumberingDefinitions = { lists: new Map(), starts: new Map() };
  if (!xml) return out;
  let tree: XmlNode[];
  try {
    tree = parseXml(xml);
  } catch {
    return out;
  }
  const abstracts = new Map<string, Level[]>();
  for (const top of tree) {
    if (tagOf(top) !== "w:numbering") continue;
    for (const n of childrenOf(top)) if (tagOf(n) === "w:abstractNum") abstracts.set(attr(n, "w:abstractNumId") ?? "", levelsOf(n));
    for (const n of childrenOf(top)) {
      if (tagOf(n) !== "w:num") continue;
      const id = attr(n, "w:numId");
      const abstract = abstracts.get(attr(child(n, "w:abstractNumId") ?? {}, "w:val") ?? "");
      if (!id || !abstract) continue;
      const levels = [...abstract];
      const starts = new Map<number, number>();
      for (const o of childrenOf(n)) {
        if (tagOf(o) !== "w:lvlOverride") continue;
        const i = intOf(attr(o, "w:ilvl"), -1);
        if (i < 0 || i > MAX_LEVEL) continue;
        const own = child(o, "w:lvl");
        // a num may redefine a level outright; its w:lvl names its own ilvl
        if (own) levels[i] = levelsOf({ "w:abstractNum": [own] })[i] ?? levels[i];
        const so = child(o, "w:startOverride");
        if (so) starts.set(i, intOf(attr(so, "w:val"), 1));
      }
      out.lists.set(id, levels);
      out.starts.set(id, starts);
    }
  }
  return out;
}

/** the numPr of every paragraph style in styles.xml, with the style it is based on */
export function styleNumbering(stylesTree: XmlNode[] | null): Map<string, StyleNumbering> {
  const out = new Map<string, StyleNumbering>();
  if (!stylesTree) return out;
  for (const top of stylesTree) {
    if (tagOf(top) !== "w:styles") continue;
    for (const s of childrenOf(top)) {
      if (tagOf(s) !== "w:style" || attr(s, "w:type") !== "paragraph") continue;
      const id = attr(s, "w:styleId");
      if (!id) continue;
      const numPr = child(child(s, "w:pPr") ?? {}, "w:numPr");
      out.set(id, {
        numId: numPr ? (attr(child(numPr, "w:numId") ?? {}, "w:val") ?? null) : null,
        ilvl: numPr && child(numPr, "w:ilvl") ? intOf(attr(child(numPr, "w:ilvl")!, "w:val"), 0) : null,
        basedOn: attr(child(s, "w:basedOn") ?? {}, "w:val") ?? null,
      });
    }
  }
  return out;
}

const DIGITS = "〇一二三四五六七八九";
const LEGAL = "零壹贰叁肆伍陆柒捌玖";
const STEMS = "甲乙丙丁戊己庚辛壬癸";

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (the way Chinese headings count) */
function chinese(n: number, digits = DIGITS, ten = "十", hundred = "百"): string {
  if (n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = h ? digits[h] + hundred : "";
  if (t) s += (t === 1 && !h ? "" : digits[t]) + ten;
  else if (h && u) s += "零";
  if (u) s += digits[u];
  return s;
}

function letters(n: number, base: string): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = base[(k - 1) % 26] + s;
  return s;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
  let s = "";
  for (const [v, r] of table) for (; n >= v; n -= v) s += r;
  return s;
}

/** one counter in a level's number format; a format not known here prints as decimal */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "japaneseCounting":
    case "ideographDigital":
      return chinese(n);
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chinese(n, LEGAL, "拾", "佰");
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? STEMS[n - 1] : String(n);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return [...String(n)].map((d) => String.fromCodePoint(0xff10 + Number(d))).join("");
    case "lowerLetter":
      return letters(n, "abcdefghijklmnopqrstuvwxyz");
    case "upperLetter":
      return letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    default:
      return String(n);
  }
}

/**
 * Counts the lists through the document, one paragraph at a time, and gives each numbered
 * paragraph its label with the separator after it ("第一章 ", "（一）", "1."); "" for a paragraph
 * without a list. A bullet prints as ●, the way a reader sees it.
 */
export class NumberingCounter {
  private readonly counters = new Map<string, number[]>();

  constructor(
    private readonly defs: NumberingDefinitions,
    private readonly styles: Map<string, StyleNumbering>,
  ) {}

  /** the list of a paragraph: its own numPr, else its style's (through the styles it is based on) */
  private listOf(pPr: XmlNode | undefined): { numId: string; ilvl: number } | null {
    const numPr = pPr && child(pPr, "w:numPr");
    let numId = numPr ? attr(child(numPr, "w:numId") ?? {}, "w:val") : undefined;
    let ilvl = numPr && child(numPr, "w:ilvl") ? intOf(attr(child(numPr, "w:ilvl")!, "w:val"), 0) : null;
    let style = pPr ? attr(child(pPr, "w:pStyle") ?? {}, "w:val") : undefined;
    for (let depth = 0; style && depth < 10 && (numId === undefined || ilvl === null); depth++) {
      const s = this.styles.get(style);
      if (!s) break;
      if (numId === undefined && s.numId !== null) numId = s.numId;
      if (ilvl === null && s.ilvl !== null) ilvl = s.ilvl;
      style = s.basedOn ?? undefined;
    }
    if (numId === undefined || numId === "0") return null;
    return { numId, ilvl: Math.min(Math.max(ilvl ?? 0, 0), MAX_LEVEL) };
  }

  labelOf(pPr: XmlNode | undefined): string {
    if (!this.defs.lists.size) return "";
    const list = this.listOf(pPr);
    if (!list) return "";
    const levels = this.defs.lists.get(list.numId);
    const level = levels?.[list.ilvl];
    if (!levels || !level) return "";
    const starts = this.defs.starts.get(list.numId);
    const startOf = (i: number) => starts?.get(i) ?? levels[i]?.start ?? 1;
    let counts = this.counters.get(list.numId);
    if (!counts) this.counters.set(list.numId, (counts = []));
    counts[list.ilvl] = counts[list.ilvl] === undefined ? startOf(list.ilvl) : counts[list.ilvl] + 1;
    counts.length = list.ilvl + 1; // the deeper levels start again under this one
    if (level.format === "none") return "";
    if (level.format === "bullet") return "● ";
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(counts![i] ?? startOf(i), levels[i]?.format ?? "decimal");
    });
    if (!label) return "";
    return label + (level.suffix === "nothing" ? "" : " ");
  }
}
