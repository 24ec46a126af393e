import type Database from "better-sqlite3";
import { normalizeIndicatorName, type CompareResponse, type CompareRow, type SearchHit } from "../model";
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
  constructor(private readonly db: Database.Database) {}

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
    if (useTrigrams) params.match = `"${q.replace(/"/g, '""')}"`;
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
    const normalized = normalizeIndicatorName(indicatorName);
    const rows = this.db
      .prepare(
        `SELECT ${PLAN_COLUMNS}, s.source, s.row_json FROM metrics s ${PLAN_JOIN}
         WHERE s.normalized = ? ORDER BY p.region, p.period_label, p.kind, p.id, s.ordinal`,
      )
      .all(normalized) as MetricRow[];
    return {
      indicator: indicatorName,
      normalized,
      rows: rows.map((row): CompareRow => {
        const stored = JSON.parse(row.row_json) as Pick<CompareRow, "indicator" | "baseYear" | "targetYear"> & { role: "targets" | "review" };
        return {
          ...planRefOf(row),
          indicator: stored.indicator,
          baseYear: stored.baseYear,
          targetYear: stored.targetYear,
          source: row.source,
          role: stored.role,
        };
      }),
    };
  }
}
