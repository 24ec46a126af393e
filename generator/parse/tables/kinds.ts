import type { Indicator, Quantity, TableColumn, ValueKind } from "../../model";

/*
 * What each figure of an indicator table is. parseQuantity knows only what a cell prints ("[4]" is
 * cumulative); the column and the indicator's name say the rest: a 年均 column holds yearly rates,
 * a 累计 column changes over the period, and an indicator named for a change ("地区生产总值增长",
 * "单位GDP能耗降低") has rates in its year columns too (its 2020年 "-5" is that year's growth).
 */

/** an indicator that measures a change, by the word its name ends on */
const CHANGE_NAME = /(?:增长|增速|增幅|涨幅|增长率|下降|降低|减少|提高|提升)(?:率)?$/u;
/** an indicator that is itself a ratio ("城镇调查失业率"): in a 年均 column its figure is each year's level ("每年<6"), not a rate of change */
const RATIO_NAME = /(?:率|比重|比例|比率|占比|系数|强度|密度|指数)$/u;
const RATIO_UNIT = /^(?:%|‰)$/u;
const RATE_HEADER = /年均|增速|增长率|平均增长/u;
const CUMULATIVE_HEADER = /累计/u;

/** the kind a plain figure takes in a column, or null when the column leaves it a level */
function columnKind(column: TableColumn | undefined, changeName: boolean, ratio: boolean): ValueKind | null {
  if (column?.meaning === "rate" || (column && RATE_HEADER.test(column.header))) return ratio ? null : "rate";
  if (column && CUMULATIVE_HEADER.test(column.header)) return "cumulative";
  return changeName ? "rate" : null;
}

function settle(q: Quantity | null, kind: ValueKind | null): Quantity | null {
  if (!q || kind === null || q.kind !== "level") return q;
  return { ...q, kind };
}

/** Sets each figure's kind from its column and its indicator's name; returns the indicators changed in place. */
export function settleKinds(indicators: Indicator[], columns: TableColumn[]): Indicator[] {
  const byMeaning = (m: TableColumn["meaning"]) => columns.find((c) => c.meaning === m);
  const byHeader = new Map(columns.map((c) => [c.header, c]));
  for (const ind of indicators) {
    const changeName = CHANGE_NAME.test(ind.name);
    // a ratio is counted in % or ‰: 全员劳动生产率 in 万元/人 ends on 率 but is an amount, its 年均 figure a rate
    const ratio = RATIO_NAME.test(ind.name) && !changeName && (ind.unit === null || RATIO_UNIT.test(ind.unit));
    ind.baseline = settle(ind.baseline, columnKind(byMeaning("baseline"), changeName, ratio));
    ind.target = settle(ind.target, columnKind(byMeaning("target"), changeName, ratio));
    // the 年均/累计 column: a plain figure is a yearly rate, a bracketed one the period's change;
    // a ratio's plain figure there is the level it keeps each year
    if (ratio && ind.rate?.kind === "rate") ind.rate = { ...ind.rate, kind: "level" };
    else ind.rate = settle(ind.rate, "rate");
    for (const [header, q] of Object.entries(ind.cells)) ind.cells[header] = settle(q, columnKind(byHeader.get(header), changeName, ratio));
  }
  return indicators;
}
