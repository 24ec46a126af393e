/**
 * GET /api/monitoring?region=荆门市&plan=十四五 — a plan's monitoring (generator/model/monitoring.ts),
 * computed from the library's latest revisions and imported actuals by the pure generator/monitor.
 * Cached and ETagged like every route: an ingest or an `actuals import` moves the library's
 * generation, and with it the answer.
 */
import type { Library } from "../library";
import { findMonitoringSources, MonitoringNotFoundError } from "../library/monitoring";
import { MONITORING_STATUSES, type Monitoring } from "../model";
import { computeMonitoring } from "../monitor";
import type { ApiRoute } from "./api";
import { HttpError } from "./http";
import { LIMITS, textParam } from "./params";

export function monitoringRoute(library: Library): ApiRoute {
  return {
    key: "monitoring",
    params: ["region", "plan"],
    cacheable: true,
    answer: (query): Monitoring => {
      const region = textParam(query, "region", true) as string;
      const plan = textParam(query, "plan", true) as string;
      try {
        return computeMonitoring(findMonitoringSources(library, { region, plan }));
      } catch (e) {
        if (e instanceof MonitoringNotFoundError) throw new HttpError(404, "not-found", e.message);
        throw e;
      }
    },
  };
}

const text = (name: string, description: string) => ({ name, in: "query", required: true, description, schema: { type: "string", maxLength: LIMITS.textParam } });
const nullable = (type: string) => ({ type: [type, "null"] });
const loose = { type: "object", additionalProperties: true };

/** The route's OpenAPI path and schema, merged into /api/openapi.json. */
export const monitoringOpenApi = {
  paths: {
    "/api/monitoring": {
      get: {
        summary: "规划实施监测: a five-year plan's indicators beside each year's target and actual, with progress and status",
        parameters: [text("region", "e.g. 荆门市"), text("plan", "the plan's period (十四五) or its id")],
        responses: {
          "200": { description: "OK; the ETag header identifies this answer", headers: { ETag: { schema: { type: "string" } } }, content: { "application/json": { schema: { $ref: "#/components/schemas/Monitoring" } } } },
          "304": { description: "Not Modified: If-None-Match named the current ETag" },
          "400": { description: "error", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } } },
          "404": { description: "no such plan for the region", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } } },
        },
      },
    },
  },
  schemas: {
    Monitoring: {
      type: "object",
      description: "generator/model/monitoring.ts; the arithmetic is in docs/monitoring.md",
      required: ["schemaVersion", "region", "plan", "years", "indicators", "summary"],
      properties: {
        schemaVersion: { type: "integer" },
        region: nullable("string"),
        plan: loose,
        years: { type: "array", items: { type: "integer" } },
        asOf: nullable("integer"),
        documents: { type: "array", items: loose },
        indicators: {
          type: "array",
          items: {
            type: "object",
            properties: {
              key: { type: "string" },
              name: { type: "string" },
              unit: nullable("string"),
              measureUnit: nullable("string"),
              attribute: nullable("string"),
              measure: { enum: ["level", "annual-rate", "cumulative", "ceiling", "floor", "qualitative"] },
              status: { enum: [...MONITORING_STATUSES] },
              constrainedBehind: { type: "boolean" },
              reason: nullable("string"),
              notes: { type: "array", items: { type: "string" } },
              progress: loose,
              years: { type: "array", items: { type: "object", description: "year, target, actual (value, unit, source: document title and line, or imported file and cell), others, shown, expected, verdict", additionalProperties: true } },
            },
          },
        },
        summary: { type: "object", additionalProperties: { type: "integer" } },
        unmatched: { type: "array", items: loose },
        warnings: { type: "array", items: loose },
      },
    },
  },
};
