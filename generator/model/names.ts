/**
 * Indicator names are printed differently across documents ("地区生产总值（GDP）增长", "GDP增长",
 * "单位GDPCO2排放降低" / "单位地区生产总值二氧化碳排放降低"). Comparison, search, the library, the
 * service (and through it the add-in and monitoring) match names through this one normaliser, so
 * that all of them agree. It is pure: the synonym list is passed in (callers that do I/O read the
 * user's file, generator/util/synonyms.ts), or the built-in list below is used.
 */
import { DEFAULT_SYNONYMS_TEXT } from "./synonyms";

export { DEFAULT_SYNONYMS_TEXT } from "./synonyms";

/** Raised by parseSynonyms for a line it cannot read; `line` is 1-based. */
export class SynonymError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface SynonymList {
  /** words that are the same wherever they stand in a name ("GDP ↔ 地区生产总值"); the first of a group is its canonical form */
  terms: string[][];
  /** whole names that are one indicator ("空气优良天数比例 ↔ 城市空气质量优良天数比率") */
  names: string[][];
}

/** Bump when the normalisation itself changes, so stored keys are rebuilt (library meta `names_fingerprint`). */
export const NORMALIZER_VERSION = 3;

const SEPARATOR = /\s*(?:↔|<->|＝|=)\s*/u;

/**
 * The synonym file: one group per line, its forms separated by ↔ (or =); `#` starts a comment;
 * a `[词语]` section holds words equal anywhere in a name, a `[名称]` section whole names.
 */
export function parseSynonyms(text: string): SynonymList {
  const list: SynonymList = { terms: [], names: [] };
  let section: "terms" | "names" = "terms";
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*$/u, "").trim();
    if (!line) return;
    const head = /^\[\s*(.+?)\s*\]$/u.exec(line);
    if (head) {
      if (/^(?:词语|词|terms?)$/iu.test(head[1])) section = "terms";
      else if (/^(?:名称|整名|names?)$/iu.test(head[1])) section = "names";
      else throw new SynonymError(`第${i + 1}行：不认识的分节“${head[1]}”（应为 [词语] 或 [名称]）`, i + 1);
      return;
    }
    const forms = line.split(SEPARATOR).map((f) => f.trim()).filter(Boolean);
    if (forms.length < 2) throw new SynonymError(`第${i + 1}行：一组同义词至少要有两个写法，用 ↔ 分开（如 GDP ↔ 地区生产总值）`, i + 1);
    list[section].push(forms);
  });
  return list;
}

export const DEFAULT_SYNONYMS: SynonymList = parseSynonyms(DEFAULT_SYNONYMS_TEXT);

/** NFKC (Ⅲ → III, full-width → half-width), no spaces, lower case: the form terms are matched in. */
function fold(s: string): string {
  return s.normalize("NFKC").replace(/[\s　]+/gu, "").toLowerCase();
}

/** What printing adds around a name and no name means: a trailing unit, an abbreviation in brackets, flags, footnote marks, "全市". */
function strip(name: string): string {
  let s = fold(name);
  s = s.replace(/\((?:gdp|r&d|pm2\.5|co2)\)/giu, "");
  s = s.replace(/\([^()]*\)$/u, ""); // a trailing unit
  s = s.replace(/[※▲*＊△☆★]/gu, "").replace(/\[\d+\]/gu, "");
  s = s.replace(/^(?:全市|全县|全区|全省|全州|全旗)/u, "");
  // "城乡居民人均可支配收入分别增长6%和7.5%": 分别 says the figures are several, not what is measured
  s = s.replace(/分别(?=(?:增长|下降|提高|降低|增加|减少)?$)/u, "");
  return s;
}

export type MatchRule = "exact" | "normalised" | "synonym";

export interface NameKey {
  /** the key names are matched by */
  key: string;
  /** the synonyms this name went through, as the list writes them: "地区生产总值 ↔ GDP" */
  synonyms: string[];
}

/** How two names that share a key were matched, for the report beside a comparison. */
export interface NameMatch {
  rule: MatchRule;
  synonyms: string[];
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The normaliser with a synonym list compiled in: keys, the rules behind them, and search alternatives. */
export class NameMatcher {
  /** changes whenever the list or the normalisation does: stored keys made with another fingerprint are stale */
  readonly fingerprint: number;
  private readonly terms: Array<{ form: string; canonical: string; label: string }> = [];
  private readonly firstChars = new Set<string>();
  private readonly names = new Map<string, { canonical: string; label: string }>();
  private readonly groups: string[][];

  constructor(readonly list: SynonymList = DEFAULT_SYNONYMS) {
    this.fingerprint = fnv(`${NORMALIZER_VERSION}\n${JSON.stringify(list)}`);
    for (const group of list.terms) {
      const canonical = fold(group[0]);
      for (const form of group) {
        const f = fold(form);
        if (!f) continue;
        this.terms.push({ form: f, canonical, label: f === canonical ? "" : `${form} ↔ ${group[0]}` });
        this.firstChars.add(f[0]);
      }
    }
    // longest first, so "单位地区生产总值" wins over "地区生产总值" and "全社会研发经费" over "研发"
    this.terms.sort((a, b) => b.form.length - a.form.length);
    for (const group of list.names) {
      const canonical = this.withTerms(strip(group[0])).key;
      for (const form of group) {
        const key = this.withTerms(strip(form)).key;
        if (key !== canonical) this.names.set(key, { canonical, label: `${form} ↔ ${group[0]}` });
      }
    }
    this.groups = list.terms.map((g) => g.map(fold));
  }

  /** One pass left to right: at each place the longest form of any group becomes its group's first form. */
  private withTerms(s: string): NameKey {
    const applied: string[] = [];
    let out = "";
    for (let i = 0; i < s.length; ) {
      let hit: (typeof this.terms)[number] | undefined;
      if (this.firstChars.has(s[i])) hit = this.terms.find((t) => s.startsWith(t.form, i));
      if (hit) {
        out += hit.canonical;
        if (hit.label && !applied.includes(hit.label)) applied.push(hit.label);
        i += hit.form.length;
      } else out += s[i++];
    }
    return { key: out, synonyms: applied };
  }

  explain(name: string): NameKey {
    const termed = this.withTerms(strip(name));
    const whole = this.names.get(termed.key);
    return whole ? { key: whole.canonical, synonyms: [...termed.synonyms, whole.label] } : termed;
  }

  key(name: string): string {
    return this.explain(name).key;
  }

  /** How `a` and `b` came to one key: the same text, the same once printing marks are gone, or through synonyms. */
  match(a: string, b: string): NameMatch | null {
    const x = this.explain(a);
    const y = this.explain(b);
    if (x.key !== y.key) return null;
    if (a.trim() === b.trim()) return { rule: "exact", synonyms: [] };
    const used = [...x.synonyms.filter((s) => !y.synonyms.includes(s)), ...y.synonyms.filter((s) => !x.synonyms.includes(s))];
    return used.length ? { rule: "synonym", synonyms: used } : { rule: "normalised", synonyms: [] };
  }

  /** A search text and its synonyms' spellings: "GDP增长" → also "地区生产总值增长", "国内生产总值增长". */
  expand(query: string, limit = 8): string[] {
    const q = query.normalize("NFKC").trim();
    const out = [q];
    const lower = q.toLowerCase();
    for (const group of this.groups) {
      const form = group.find((f) => f && lower.includes(f));
      if (!form) continue;
      const at = lower.indexOf(form);
      for (const other of group) {
        if (out.length >= limit) return out;
        const alt = q.slice(0, at) + other + q.slice(at + form.length);
        if (!out.some((o) => o.toLowerCase() === alt.toLowerCase())) out.push(alt);
      }
    }
    return out;
  }
}

const defaultMatcher = new NameMatcher();

/** The key a name is matched by. Without a list, the built-in synonyms are used. */
export function normalizeIndicatorName(name: string, synonyms?: SynonymList | NameMatcher): string {
  const matcher = synonyms instanceof NameMatcher ? synonyms : nameMatcher(synonyms);
  return matcher.key(name);
}

/** The matcher for a list, built once per list object. */
const matchers = new WeakMap<SynonymList, NameMatcher>();
export function nameMatcher(list: SynonymList = DEFAULT_SYNONYMS): NameMatcher {
  if (list === DEFAULT_SYNONYMS) return defaultMatcher;
  let m = matchers.get(list);
  if (!m) matchers.set(list, (m = new NameMatcher(list)));
  return m;
}
