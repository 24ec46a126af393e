/**
 * Every kind of table the pane inserts, in one place: how to fetch and build it (with the words its
 * Excel table is named after), how the 工作簿中的表格 list describes it and which plan it follows (for
 * the newer-revision badge). A new kind (规划实施监测 over /api/monitoring is the latest) is: its query
 * in TableQuery (excel/provenance.ts), one entry here, a grid builder, and a button that calls
 * insert({ kind: … }); insert, refresh, provenance and the badge then work for it unchanged. A kind
 * computed from many documents also gives `sources`, and its badge follows all of them.
 */
import type { PlanSummary } from "../../generator/model";
import type { PlanbookApi } from "../api/client";
import type { Grid } from "../excel/grid";
import { compareGrid, filterProjects, indicatorGrid, kindLabel, projectGrid, TARGET_LISTS, tableGrid, targetsGrid } from "../excel/grids";
import { monitoringGrid, monitoringSources } from "../excel/monitoring-grid";
import type { SourceStamp, TableQuery } from "../excel/provenance";
import { shortRegion } from "../excel/table-name";

export interface FetchedTable {
  grid: Grid;
  title: string;
  revision: number | null;
  /** a short name for a new sheet */
  sheetName: string;
  /** what the Excel table is named after: 主要指标, 荆门, 十四五 */
  tableParts: string[];
  /** for kinds with `sources`: what this data was computed from */
  sources?: SourceStamp[];
}

export interface InsertKind<Q extends TableQuery> {
  fetch(api: PlanbookApi, query: Q): Promise<FetchedTable>;
  describe(query: Q): string;
  /** the plan whose newer revisions make this table stale; null when it follows no single plan */
  planId(query: Q): string | null;
  /**
   * For a table computed from many documents: what the library would compute it from now. The
   * badge compares it with the record's `sources` (a revised report, a new bulletin, an import).
   */
  sources?(api: PlanbookApi, query: Q): Promise<SourceStamp[]>;
}

type Kinds = { [K in TableQuery["kind"]]: InsertKind<Extract<TableQuery, { kind: K }>> };

/** A kind's name short enough for a sheet name, whole words only ("政府工作报告", never "政府工作"). */
const SHORT_KIND: Record<string, string> = { "five-year-plan": "", "work-report": "政府工作报告", "work-report-digest": "报告解读", "statistical-bulletin": "统计公报" };

type PlanNaming = { region: string | null; period: { label: string }; kind: string };

function shortPlanName(plan: PlanNaming): string {
  return `${plan.region ?? ""}${plan.period.label}${SHORT_KIND[plan.kind] ?? ""}`;
}

/** the words an Excel table is named after: what it holds, then the plan (主要指标, 荆门, 十四五) */
function planParts(prefix: string, plan: PlanNaming): string[] {
  return [prefix, shortRegion(plan.region), plan.period.label, SHORT_KIND[plan.kind] ?? ""];
}

export const INSERT_KINDS: Kinds = {
  indicators: {
    async fetch(api, query) {
      const response = await api.indicators(query.planId);
      const plan = response.plan;
      const grid = query.layout === "table" && query.table ? tableGrid(response, query.table, { indicator: query.indicator }) : indicatorGrid(response, { table: query.table });
      return { grid, title: plan.title, revision: plan.revision, sheetName: `${shortPlanName(plan)} ${query.indicator ? query.indicator : "指标"}`, tableParts: planParts("主要指标", plan) };
    },
    describe: (q) => (q.indicator ? `指标：${q.indicator}（${q.table}）` : q.table ? `指标表：${q.table}` : "全部指标表"),
    planId: (q) => q.planId,
  },
  projects: {
    async fetch(api, query) {
      const response = await api.projects(query.planId, { box: query.box, q: query.keyword });
      const plan = response.plan;
      return { grid: projectGrid(filterProjects(response.projects, query)), title: plan.title, revision: plan.revision, sheetName: `${shortPlanName(plan)} 项目`, tableParts: planParts("项目", plan) };
    },
    describe(q) {
      const parts = [q.box, q.group, q.keyword && `关键词“${q.keyword}”`].filter(Boolean);
      return parts.length ? `项目清单：${parts.join("，")}` : "项目清单：全部";
    },
    planId: (q) => q.planId,
  },
  targets: {
    async fetch(api, query) {
      const response = await api.targets(query.planId);
      return { grid: targetsGrid(response, query.list), title: response.plan.title, revision: response.plan.revision, sheetName: `${shortPlanName(response.plan)} 目标`, tableParts: planParts("目标", response.plan) };
    },
    describe: (q) => (q.list ? `目标任务：${TARGET_LISTS.find(([k]) => k === q.list)?.[1] ?? q.list}` : "目标任务：全部"),
    planId: (q) => q.planId,
  },
  compare: {
    async fetch(api, query) {
      const response = await api.compare(query.indicator);
      return { grid: compareGrid(response), title: `“${query.indicator}”跨规划对比`, revision: null, sheetName: `对比 ${query.indicator}`, tableParts: ["对比", query.indicator] };
    },
    describe: (q) => `跨规划对比：${q.indicator}`,
    planId: () => null,
  },
  monitoring: {
    async fetch(api, query) {
      const m = await api.monitoring(query.region, query.plan);
      return {
        grid: monitoringGrid(m),
        title: `${m.region ?? query.region}“${m.plan.periodLabel}”规划实施监测`,
        revision: m.plan.revision,
        sheetName: `${m.region ?? query.region}${m.plan.periodLabel} 实施监测`,
        tableParts: ["实施监测", shortRegion(m.region ?? query.region), m.plan.periodLabel],
        sources: monitoringSources(m),
      };
    },
    describe: (q) => `规划实施监测：${q.region} ${q.period}`,
    // the plan is one of its sources: a revised plan shows in the sources' badge
    planId: () => null,
    // the client revalidates with the answer's ETag: unchanged, this costs a 304
    sources: async (api, q) => monitoringSources(await api.monitoring(q.region, q.plan)),
  },
};

function kindOf<Q extends TableQuery>(query: Q): InsertKind<Q> {
  return INSERT_KINDS[query.kind] as unknown as InsertKind<Q>;
}

export const fetchTable = (api: PlanbookApi, query: TableQuery): Promise<FetchedTable> => kindOf(query).fetch(api, query);
export const describeQuery = (query: TableQuery): string => kindOf(query).describe(query);
export const planOfQuery = (query: TableQuery): string | null => kindOf(query).planId(query);
/** The kind's `sources`, or null for a kind whose tables follow one plan's revision. */
export function sourcesOfQuery(api: PlanbookApi, query: TableQuery): Promise<SourceStamp[]> | null {
  const kind = kindOf(query);
  return kind.sources ? kind.sources(api, query) : null;
}

/** One string per distinct query, so tables asking the same thing are checked once. */
export const queryKey = (query: TableQuery): string => JSON.stringify(query, Object.keys(query).sort());

/** 规划实施监测 of a plan, for a five-year plan whose region is known (monitoring is per region); null otherwise. */
export function monitoringQuery(plan: Pick<PlanSummary, "id" | "region" | "kind" | "period">): Extract<TableQuery, { kind: "monitoring" }> | null {
  if (plan.kind !== "five-year-plan" || !plan.region) return null;
  return { kind: "monitoring", region: plan.region, plan: plan.id, period: plan.period.label };
}
