import { squeeze } from "../quantity";

const FLAG_CHARS = /[※▲*＊△☆★]/gu;
const FOOTNOTE_MARK = /\[\d{1,2}\]|［\d{1,2}］|[①②③④⑤⑥⑦⑧⑨]/gu;
const UNIT_LIKE = /^(?:%|‰|百分点|[个件家所座条项万亿千百元人次户套张床公里米吨斤亩年岁天小时台辆标准煤立方平方顷瓦时美微克毫每/／·.．0-9a-zA-Z²³³μ]+)$/u;
const NOT_A_UNIT = /^(?:GDP|R&D|PM2\.5|助理|含.*)$/iu;

export interface NameParts {
  name: string;
  unit: string | null;
  flags: string[];
}

/**
 * "规模以上工业增加值增速※▲（%）" → name 规模以上工业增加值增速, unit %, flags ※ ▲.
 * Footnote marks ("[1]") are dropped from the name; a trailing group is a unit only when it reads as one
 * ("（GDP）", "（含服务贸易）" stay in the name).
 */
export function splitName(printed: string): NameParts {
  let s = squeeze(printed).replace(/^其中[：:]/u, "");
  const flags: string[] = [];
  for (const m of s.matchAll(FLAG_CHARS)) {
    const f = m[0] === "＊" ? "*" : m[0];
    if (!flags.includes(f)) flags.push(f);
  }
  s = s.replace(FLAG_CHARS, "").replace(FOOTNOTE_MARK, "");
  let unit: string | null = null;
  const m = /^(.*\S)[（(]([^（）()]+)[）)]$/u.exec(s);
  if (m && UNIT_LIKE.test(m[2]) && !NOT_A_UNIT.test(m[2])) {
    unit = m[2].replace(/／/g, "/");
    s = m[1];
  }
  return { name: s, unit, flags };
}
