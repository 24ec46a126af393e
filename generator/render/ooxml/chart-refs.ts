/**
 * A chart's references (series values, categories, names, data-label ranges: every `<c:f>`) moved by
 * the same rules as a cell's formulas, in range mode: a series over the template row covers every
 * copy of it, a series elsewhere stays where it points (or moves with the rows above it). The values
 * the chart cached when the template was saved are the template's (`{{item.name}}`, one point), so
 * they go: Excel and LibreOffice read the cells the references name.
 */
import { retargetFormula, type RetargetContext } from "../formula";
import { decodeXml, encodeXml } from "./package";

const CACHES = /<((?:[\w.-]+:)?)(numCache|strCache|multiLvlStrCache|dlblRangeCache)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1\2>)/g;
const FORMULA = /<((?:[\w.-]+:)?)f>([^<]*)<\/\1f>/g;

/** A chart series reference that grew into several ranges is written as Excel writes a union: in parentheses. */
function asChartReference(formula: string): string {
  let depth = 0;
  let quoted = false;
  for (const ch of formula) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && ch === "," && depth === 0) return `(${formula})`;
  }
  return formula;
}

export function retargetChart(xml: string, ctx: Omit<RetargetContext, "mode">): string {
  return xml.replace(CACHES, "").replace(FORMULA, (_whole, p: string, text: string) => {
    const formula = decodeXml(text);
    const moved = asChartReference(retargetFormula(formula, { ...ctx, mode: "range" }));
    return `<${p}f>${encodeXml(moved)}</${p}f>`;
  });
}
