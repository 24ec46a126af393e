import { PLAN_KINDS } from "../model";
import { monitoringOpenApi } from "./monitoring";
import { LIMITS } from "./params";
import { lookupOpenApi } from "./lookup-route";

/** The OpenAPI 3.1 description served at /api/openapi.json; the shapes mirror generator/model/api.ts. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: "string" };
const nullableStr = { type: ["string", "null"] };
const int = { type: "integer" };
const looseObject = { type: "object", additionalProperties: true };

const text = (name: string, description: string, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema: { type: "string", maxLength: LIMITS.textParam },
});
const integer = (name: string, description: string, minimum: number, maximum?: number) => ({
  name,
  in: "query",
  description,
  schema: { type: "integer", minimum, ...(maximum ? { maximum } : {}) },
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" } };
const revisionParam = integer("revision", "an older revision (default: the latest)", 1);

function operation(summary: string, schema: string, parameters: unknown[] = [], errors = ["400", "404"]) {
  const responses: Record<string, unknown> = {
    "200": {
      description: "OK; the ETag header identifies this answer",
      headers: { ETag: { schema: str } },
      content: { "application/json": { schema: ref(schema) } },
    },
    "304": { description: "Not Modified: If-None-Match named the current ETag" },
  };
  for (const status of errors) responses[status] = { description: "error", content: { "application/json": { schema: ref("ErrorResponse") } } };
  return { get: { summary, parameters, responses } };
}

export function openApiDocument(version: string): unknown {
  return {
    openapi: "3.1.0",
    info: {
      title: "Planbook plan library",
      version,
      description:
        "Plans parsed from planning documents, their indicators, projects and targets, search and comparison across plans. " +
        "Every answer carries an ETag; send it back in If-None-Match to get 304 while nothing changed. Errors are {error, message}. " +
        "A request whose Host header does not name this server gets 421; one whose Origin is neither this server nor one of Office's own hosts gets 403.",
    },
    paths: {
      "/api/health": operation("service status", "HealthResponse", [], []),
      "/api/plans": operation("list plans (latest revisions)", "PlanListResponse", [
        text("region", "e.g. 荆门市"),
        { name: "kind", in: "query", schema: { enum: [...PLAN_KINDS] } },
        text("period", "e.g. 十四五, 2024年"),
        integer("page", "1-based page", 1),
        integer("pageSize", `plans per page (default ${LIMITS.pageSizeDefault})`, 1, LIMITS.pageSizeMax),
      ], ["400"]),
      "/api/plans/{id}": operation("a plan: summary, outline, project boxes, warnings", "PlanResponse", [idParam, revisionParam]),
      "/api/plans/{id}/indicators": operation("a plan's indicator tables", "IndicatorsResponse", [idParam, revisionParam]),
      "/api/plans/{id}/projects": operation("a plan's projects as register rows", "ProjectsResponse", [
        idParam,
        revisionParam,
        text("box", "a box label (专栏 5-1) or part of its title"),
        text("q", "part of a project name"),
      ]),
      "/api/plans/{id}/targets": operation("a plan's targets", "TargetsResponse", [idParam, revisionParam]),
      "/api/plans/{id}/revisions": operation("every stored revision of a plan", "RevisionsResponse", [idParam]),
      "/api/plans/{id}/diff": operation("what changed between two revisions", "PlanDiff", [
        idParam,
        integer("from", "default: the revision before `to`", 1),
        integer("to", "default: the latest", 1),
      ]),
      "/api/search": operation("search indicator and project names across plans (CJK substrings)", "SearchResponse", [
        text("q", "the text to find", true),
        { name: "type", in: "query", schema: { enum: ["indicator", "project", "all"] } },
        integer("limit", `default ${LIMITS.searchLimitDefault}`, 1, LIMITS.searchLimitMax),
      ], ["400"]),
      "/api/compare": operation("one indicator across plans, names matched through the synonym list (templates/synonyms.txt)", "CompareResponse", [text("indicator", "e.g. 地区生产总值增长", true)], ["400"]),
      ...monitoringOpenApi.paths,
      "/api/lookup": lookupOpenApi,
      "/api/failures": operation("documents that could not be ingested (unreadable, not a plan, too large or too slow to parse), newest first", "FailuresResponse", [], []),
      "/api/openapi.json": { get: { summary: "this document", responses: { "200": { description: "OpenAPI 3.1" } } } },
    },
    components: {
      schemas: {
        ErrorResponse: { type: "object", required: ["error", "message"], properties: { error: str, message: str } },
        HealthResponse: {
          type: "object",
          required: ["status", "version", "plans", "time"],
          properties: { status: { const: "ok" }, version: str, plans: int, failed: int, readonly: { type: "boolean" }, time: str },
        },
        FailuresResponse: {
          type: "object",
          properties: {
            failures: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  path: { type: "string", description: "relative to the library's folder, or the file name alone" },
                  name: str,
                  code: { enum: ["unreadable", "not-a-plan", "out-of-memory", "timeout", "failed"] },
                  reason: { type: "string", description: "why, in Chinese" },
                  sha256: str,
                  bytes: int,
                  failedAt: { type: "string", format: "date-time" },
                },
              },
            },
            total: int,
          },
        },
        Period: { type: "object", properties: { label: str, start: { type: ["integer", "null"] }, end: { type: ["integer", "null"] } } },
        PlanSummary: {
          type: "object",
          properties: {
            id: str, revision: int, region: nullableStr, kind: str, period: ref("Period"), title: str, sha256: str,
            sourcePath: { type: "string", description: "relative to the library's folder, or the file name alone; never an absolute path" }, sourceName: str,
            indicatorCount: int, projectCount: int, targetCount: int, ingestedAt: { type: "string", format: "date-time" },
          },
        },
        PlanListResponse: { type: "object", properties: { plans: { type: "array", items: ref("PlanSummary") }, total: int, page: int, pageSize: int } },
        PlanResponse: { type: "object", properties: { plan: ref("PlanSummary"), outline: { type: "array", items: looseObject }, boxes: { type: "array", items: looseObject }, warnings: { type: "array", items: looseObject } } },
        IndicatorsResponse: { type: "object", properties: { plan: ref("PlanSummary"), tables: { type: "array", items: looseObject, description: "IndicatorTable, as in the Plan JSON Schema" } } },
        ProjectsResponse: { type: "object", properties: { plan: ref("PlanSummary"), projects: { type: "array", items: looseObject, description: "Project plus box, boxTitle, group, section" }, total: int } },
        TargetsResponse: { type: "object", properties: { plan: ref("PlanSummary"), targets: { type: "array", items: looseObject }, annualTargets: { type: "array", items: looseObject }, lastYearResults: { type: "array", items: looseObject }, tasks: { type: "array", items: looseObject } } },
        RevisionsResponse: { type: "object", properties: { planId: str, revisions: { type: "array", items: ref("PlanSummary") } } },
        PlanDiff: { type: "object", properties: { planId: str, from: int, to: int, fields: { type: "array", items: looseObject }, indicators: looseObject, projects: looseObject, targets: looseObject } },
        SearchResponse: { type: "object", properties: { query: str, results: { type: "array", items: { type: "object", properties: { type: { enum: ["indicator", "project"] }, planId: str, revision: int, region: nullableStr, kind: str, period: ref("Period"), name: str, context: str, score: { type: "number" } } } } } },
        ...monitoringOpenApi.schemas,
        CompareResponse: { type: "object", properties: { indicator: str, normalized: str, rows: { type: "array", items: looseObject, description: "CompareRow: plan, period (for a review table's row, the period it reviews), indicator (name, unit, baseline, target, rate, attribute, category; every figure with its unit), baseYear, targetYear, source, role, match (rule: exact | normalised | synonym, synonyms: the ones used, e.g. GDP ↔ 地区生产总值)" } } },
      },
    },
  };
}
