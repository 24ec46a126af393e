import type Database from "better-sqlite3";
import { effectiveUnit, nameMatcher, type CompareResponse, type CompareRow, type NameMatcher, type Period, type Quantity, type SearchHit } from "../model";
import { planRefOf, type PlanRefRow } from "./read";
import type { SearchType } from "./types";

export const SEARCH_LIMIT_DEFAULT = 50;
export const SEARCH_LIMIT_MAX = 500;

interface HitRow extends PlanRefRow {
  type: "indicator" | "project";
  name: string;
  context: string;
  score: number;
}

interface MetricRow extends PlanRefRow {
  source: "indicator" | "target";
  row_json: string;
}

const PLAN_COLUMNS = `p.id AS plan_id, p.latest_revision AS revision, p.region, p.kind, r.period_json`;
const PLAN_JOIN = `JOIN plans p ON p.id = s.plan_id JOIN revisions r ON r.plan_id = p.id AND r.revision = p.latest_revision`;

/** Search and compare over the latest revision of every plan. */
export class PlanQueries {
  constructor(
    private readonly db: Database.Database,
    private readonly names: NameMatcher = nameMatcher(),
    /** the stored keys were made by another matcher and could not be rebuilt (a read-only library) */
    private readonly staleKeys = false,
  ) {}

  /**
   * CJK substring search. The trigram index answers queries of three characters or more (ranked by
   * bm25); shorter ones ("水库", "GDP" is three) fall back to a LIKE scan ranked by how much of the
   * name the query covers, since trigrams cannot match fewer than three characters.
   */
  search(query: string, type?: SearchType, limit = SEARCH_LIMIT_DEFAULT): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const bounded = Math.max(1, Math.min(SEARCH_LIMIT_MAX, Math.floor(limit)));
    const typeClause = type ? `AND s.type = @type` : "";
    const useTrigrams = [...q].length >= 3;
    const sql = useTrigrams
      ? `SELECT s.type, s.name, s.context, -bm25(search_fts) AS score, ${PLAN_COLUMNS}
         FROM search_fts JOIN search_rows s ON s.rowid = search_fts.rowid ${PLAN_JOIN}
         WHERE search_fts MATCH @match ${typeClause}
         ORDER BY bm25(search_fts), length(s.name), p.region, s.rowid LIMIT @limit`
      : `SELECT s.type, s.name, s.context, CAST(length(@q) AS REAL) / length(s.name) AS score, ${PLAN_COLUMNS}
         FROM search_rows s ${PLAN_JOIN}
         WHERE s.name LIKE @like ESCAPE '\\' ${typeClause}
         ORDER BY score DESC, p.region, s.rowid LIMIT @limit`;
    const params: Record<string, string | number> = { limit: bounded };
    if (type) params.type = type;
    // "GDP增长" also finds "地区生产总值增长": the query and its synonyms' spellings, any of them (indicator synonyms, so not for projects alone)
    const spellings = type === "project" ? [q] : [...this.names.expand(q), this.names.key(q)];
    if (useTrigrams) params.match = spellings.filter((x) => [...x].length >= 3).map((x) => `"${x.replace(/"/g, '""')}"`).join(" OR ");
    else {
      params.q = q;
      params.like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const rows = this.db.prepare(sql).all(params) as HitRow[];
    return rows.map((row) => ({
      type: row.type,
      ...planRefOf(row),
      name: row.name,
      context: row.context,
      score: Math.round(row.score * 1e6) / 1e6,
    }));
  }

  /**
   * One indicator across plans: every indicator-table row and prose target whose name normalises
   * (normalizeIndicatorName, as the comparison template does) to the same key, from each plan's
   * latest revision. Table rows come before prose targets within a plan.
   */
  compare(indicatorName: string): CompareResponse {
    const normalized = this.names.key(indicatorName);
    // with stale keys every stored name is keyed afresh: slower, never a synonym silently missed
    const rows = this.staleKeys
      ? (this.db.prepare(`SELECT ${PLAN_COLUMNS}, s.source, s.row_json FROM metrics s ${PLAN_JOIN} ORDER BY p.region, p.period_label, p.kind, p.id, s.ordinal`).all() as MetricRow[]).filter(
          (row) => this.names.key((JSON.parse(row.row_json) as { indicator?: { name?: string } }).indicator?.name ?? "") === normalized,
        )
      : (this.db
          .prepare(
            `SELECT ${PLAN_COLUMNS}, s.source, s.row_json FROM metrics s ${PLAN_JOIN}
         WHERE s.normalized = ? ORDER BY p.region, p.period_label, p.kind, p.id, s.ordinal`,
          )
          .all(normalized) as MetricRow[]);
    return {
      indicator: indicatorName,
      normalized,
      rows: rows.map((row): CompareRow => {
        const stored = JSON.parse(row.row_json) as Pick<CompareRow, "indicator" | "baseYear" | "targetYear"> & { role: "targets" | "review" };
        const ref = planRefOf(row);
        const ind = stored.indicator;
        const m = this.names.match(indicatorName, ind.name);
        return {
          ...ref,
          // a review table's figures are the previous plan's: 荆门's 十三五 completion table is 十三五, not 十四五
          period: stored.role === "review" ? reviewedPeriod(stored.targetYear, ref.period) : ref.period,
          indicator: { ...ind, baseline: withUnit(ind.baseline, ind.unit), target: withUnit(ind.target, ind.unit), rate: withUnit(ind.rate, ind.unit) },
          baseYear: stored.baseYear,
          targetYear: stored.targetYear,
          source: row.source,
          role: stored.role,
          match: m ?? { rule: "normalised", synonyms: [] },
        };
      }),
    };
  }
}

/** Every figure with the unit it is in, printed with it or taken from its indicator's 单位 column. */
function withUnit(q: Quantity | null, indicatorUnit: string | null): Quantity | null {
  if (!q || q.unit || q.value === null) return q;
  const unit = effectiveUnit(q, indicatorUnit);
  return unit ? { ...q, unit } : q;
}

const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 十三五 for a five-year period ending in 2020: the nth plan ends in 1955 + 5n. */
export function fiveYearLabel(end: number): string | null {
  const n = (end - 1955) / 5;
  if (!Number.isInteger(n) || n < 1 || n > 29) return null;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? "" : tens === 1 ? "十" : `${NUMERALS[tens]}十`}${NUMERALS[ones]}五`;
}

/** The period a review table reviews: the five years ending in its target year. */
function reviewedPeriod(targetYear: number | null, fallback: Period): Period {
  if (targetYear === null) return fallback;
  const label = fiveYearLabel(targetYear);
  return label ? { label, start: targetYear - 4, end: targetYear } : { label: `${targetYear - 4}—${targetYear}年`, start: targetYear - 4, end: targetYear };
}
