/**
 * Indicator names are printed differently across documents ("地区生产总值（GDP）增长",
 * "地区生产总值增长", "GDP增长"). Comparison across plans, in the library and in workbooks,
 * matches names through this one normalisation so that both agree.
 */
const ALIASES: Array<[RegExp, string]> = [
  [/地区生产总值|国内生产总值|\bGDP\b|GDP/g, "GDP"],
  [/单位GDP能源消耗|单位GDP能耗/g, "单位GDP能耗"],
  [/研究与试验发展|研发/g, "研发"],
  [/增速/g, "增长"],
];

export function normalizeIndicatorName(name: string): string {
  let s = name.normalize("NFKC");
  s = s.replace(/[\s　]+/g, "");
  s = s.replace(/[（(][^）)]*[）)]$/u, ""); // a trailing unit
  s = s.replace(/[（(](GDP|R&D)[）)]/gi, "");
  s = s.replace(/[※▲*＊△☆★]/g, "").replace(/\[\d+\]/g, "");
  for (const [re, to] of ALIASES) s = s.replace(re, to);
  s = s.replace(/GDPGDP/g, "GDP");
  s = s.replace(/^(全市|全县|全区|全省)/, "");
  return s.toLowerCase();
}
