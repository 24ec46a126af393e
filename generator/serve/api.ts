import type { Library } from "../library";
import type {
  CompareResponse,
  FailuresResponse,
  HealthResponse,
  IndicatorsResponse,
  Plan,
  PlanListResponse,
  PlanResponse,
  PlanSummary,
  ProjectsResponse,
  SearchResponse,
  TargetsResponse,
} from "../model";
import { flattenProjects } from "../library";
import { LookupService } from "../library/lookup";
import { HttpError } from "./http";
import { monitoringRoute } from "./monitoring";
import { intParam, kindParam, LIMITS, planIdParam, searchTypeParam, textParam } from "./params";

/** One API question, resolved from its path before anything is computed. */
export interface ApiRoute {
  /** the route with its plan id decoded: with the parameters it reads, the whole question */
  key: string;
  /** the query parameters the answer depends on; any others are ignored, and kept out of the cache key */
  params: readonly string[];
  /** false for answers that change without the library changing (health carries the time) */
  cacheable: boolean;
  /** given only the parameters named in `params` */
  answer(query: URLSearchParams): unknown;
}

export interface ApiContext {
  library: Library;
  version: string;
  openapi: unknown;
}

interface PlanRoute {
  params: readonly string[];
  answer(plan: Plan, summary: PlanSummary, query: URLSearchParams, library: Library): unknown;
}

const PLAN_ROUTES: Record<string, PlanRoute> = {
  "": {
    params: [],
    answer: (plan, summary): PlanResponse => ({
      plan: summary,
      outline: plan.outline,
      boxes: plan.projectBoxes.map((box) => ({
        label: box.label,
        title: box.title,
        kind: box.kind,
        section: box.section,
        groups: box.groups.map((g) => ({ name: g.name, count: g.projects.length })),
        count: box.groups.reduce((n, g) => n + g.projects.length, 0),
      })),
      warnings: plan.warnings,
    }),
  },
  indicators: { params: [], answer: (plan, summary): IndicatorsResponse => ({ plan: summary, tables: plan.indicatorTables }) },
  projects: {
    params: ["box", "q"],
    answer: (plan, summary, query): ProjectsResponse => {
      const box = textParam(query, "box");
      const q = textParam(query, "q")?.toLowerCase();
      // a layout box's places are listed when their box is asked for, never in the whole register
      const projects = flattenProjects(plan).filter(
        (p) => (box ? p.box === box || p.boxTitle.includes(box) : p.boxKind === "projects") && (!q || p.name.toLowerCase().includes(q)),
      );
      return { plan: summary, projects, total: projects.length };
    },
  },
  targets: {
    params: [],
    answer: (plan, summary): TargetsResponse => ({
      plan: summary,
      targets: plan.targets,
      annualTargets: plan.annualTargets,
      lastYearResults: plan.lastYearResults,
      tasks: plan.tasks,
    }),
  },
  revisions: { params: [], answer: (plan, _summary, _query, library) => ({ planId: plan.id, revisions: library.listRevisions(plan.id) }) },
  diff: {
    params: ["from", "to"],
    answer: (plan, summary, query, library) => {
      const latest = library.getSummary(plan.id)?.revision ?? summary.revision;
      const to = intParam(query, "to", latest, 1, latest) as number;
      const from = intParam(query, "from", Math.max(1, to - 1), 1, latest) as number;
      const diff = library.diff(plan.id, from, to);
      if (!diff) throw new HttpError(404, "not-found", `plan ${plan.id} has no revision ${from} or ${to}`);
      return diff;
    },
  },
};

function planRoute(library: Library, id: string, sub: string): ApiRoute {
  const route = PLAN_ROUTES[sub];
  if (!route) throw new HttpError(404, "not-found", `no such route: /api/plans/{id}/${sub}`);
  // diff names its revisions itself; every other route may ask for an older one with ?revision=
  const withRevision = sub !== "diff";
  return {
    key: `plans/${id}/${sub}`,
    params: withRevision ? ["revision", ...route.params] : route.params,
    cacheable: true,
    answer: (query) => {
      const revision = withRevision ? intParam(query, "revision", undefined, 1, 1e9) : undefined;
      const summary = library.getSummary(id, revision);
      const plan = summary && library.getPlan(id, revision);
      if (!summary || !plan) {
        throw new HttpError(404, "not-found", revision === undefined ? `no plan with id ${id}` : `plan ${id} has no revision ${revision}`);
      }
      return route.answer(plan, summary, query, library);
    },
  };
}

function listPlans(library: Library, query: URLSearchParams): PlanListResponse {
  const all = library.listPlans({ region: textParam(query, "region"), kind: kindParam(query), period: textParam(query, "period") });
  const page = intParam(query, "page", 1, 1, 1e6) as number;
  const pageSize = intParam(query, "pageSize", LIMITS.pageSizeDefault, 1, LIMITS.pageSizeMax) as number;
  return { plans: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageSize };
}

function search(library: Library, query: URLSearchParams): SearchResponse {
  const q = textParam(query, "q", true) as string;
  const limit = intParam(query, "limit", LIMITS.searchLimitDefault, 1, LIMITS.searchLimitMax);
  return { query: q, results: new LookupService(library).withIndicatorDetails(library.search(q, searchTypeParam(query), limit)) };
}

function compare(library: Library, query: URLSearchParams): CompareResponse {
  return library.compare(textParam(query, "indicator", true) as string);
}

function failures(library: Library): FailuresResponse {
  const list = library.failures().map((f) => ({
    path: library.publicPath(f.path),
    name: f.path.split(/[\\/]/).pop() ?? f.path,
    code: f.code,
    reason: f.reason,
    sha256: f.sha256,
    bytes: f.bytes,
    failedAt: f.failedAt,
  }));
  return { failures: list, total: list.length };
}

/** Only the named parameters, every value of each: what a route's answer and its cache key are made of. */
export function pickParams(query: URLSearchParams, names: readonly string[]): URLSearchParams {
  const picked = new URLSearchParams();
  for (const name of names) for (const value of query.getAll(name)) picked.append(name, value);
  return picked;
}

/** Resolves one /api/… path to its route; throws HttpError for a path it does not know. */
export function routeApi({ library, version, openapi }: ApiContext, pathname: string): ApiRoute {
  const segments = pathname.split("/").slice(2); // "", "api", …
  const [first, id, sub, ...rest] = segments;
  const fixed = (params: readonly string[], answer: (query: URLSearchParams) => unknown, cacheable = true): ApiRoute => ({ key: first, params, cacheable, answer });
  if (rest.length > 0) throw new HttpError(404, "not-found", `no such route: ${pathname}`);
  switch (first) {
    case "health":
      if (segments.length > 1) break;
      return fixed(
        [],
        (): HealthResponse => ({
          status: "ok",
          version,
          plans: library.countPlans(),
          failed: library.failureCount(),
          readonly: !library.writable,
          time: new Date().toISOString(),
        }),
        false,
      );
    case "failures":
      if (segments.length > 1) break;
      // not cached: recording a failure does not change the library's generation
      return fixed([], () => failures(library), false);
    case "openapi.json":
      if (segments.length > 1) break;
      return fixed([], () => openapi);
    case "plans":
      if (id === undefined || (id === "" && sub === undefined)) return fixed(["region", "kind", "period", "page", "pageSize"], (query) => listPlans(library, query));
      return planRoute(library, planIdParam(id), sub ?? "");
    case "search":
      if (segments.length > 1) break;
      return fixed(["q", "type", "limit"], (query) => search(library, query));
    case "compare":
      if (segments.length > 1) break;
      return fixed(["indicator"], (query) => compare(library, query));
    case "monitoring":
      if (segments.length > 1) break;
      return monitoringRoute(library);
  }
  throw new HttpError(404, "not-found", `no such route: ${pathname}`);
}
