/**
 * POST /api/lookup: many lookups in one request, for the worksheet functions (=PLANBOOK.VALUE …)
 * that Excel recalculates by the hundred. A POST because 200 Chinese lookups do not fit in a URL;
 * still read-only. The body is bounded in bytes and in lookups, every text in length, so no
 * request can make the service do unbounded work; each lookup's failure is its own result.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Library } from "../library";
import { LookupService } from "../library/lookup";
import { findMonitoringSources } from "../library/monitoring";
import { computeMonitoring } from "../monitor";
import type { Lookup, LookupRequest } from "../model";
import { HttpError } from "./http";
import { LIMITS } from "./params";

export const LOOKUP_PATH = "/api/lookup";
export const LOOKUP_LIMITS = { bodyBytes: 1024 * 1024, lookups: 1000 } as const;

const FIELDS: Record<Lookup["fn"], { required: string[]; optional: string[] }> = {
  value: { required: ["region", "plan", "indicator"], optional: ["field"] },
  table: { required: ["region", "plan"], optional: ["table"] },
  projects: { required: ["region", "plan"], optional: ["box"] },
  targets: { required: ["region", "year"], optional: [] },
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > LOOKUP_LIMITS.bodyBytes) throw new HttpError(413, "payload-too-large", `a lookup request is limited to ${LOOKUP_LIMITS.bodyBytes} bytes`);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    // counted on the bytes received, whatever the header said
    if (bytes > LOOKUP_LIMITS.bodyBytes) throw new HttpError(413, "payload-too-large", `a lookup request is limited to ${LOOKUP_LIMITS.bodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request's lookups, each checked for shape; a malformed one is a 400 naming its index. */
export function parseLookups(body: unknown): Lookup[] {
  const lookups = (body as Partial<LookupRequest> | null)?.lookups;
  if (!Array.isArray(lookups)) throw new HttpError(400, "bad-lookup", `the body is {"lookups": [...]}`);
  if (lookups.length > LOOKUP_LIMITS.lookups) throw new HttpError(400, "bad-lookup", `at most ${LOOKUP_LIMITS.lookups} lookups a request`);
  return lookups.map((raw, index) => {
    const lookup = raw as Record<string, unknown>;
    const spec = FIELDS[lookup?.fn as Lookup["fn"]];
    if (!spec) throw new HttpError(400, "bad-lookup", `lookup ${index}: "fn" must be value, table, projects or targets`);
    const clean: Record<string, string> = { fn: lookup.fn as string };
    for (const name of [...spec.required, ...spec.optional]) {
      const value = lookup[name];
      if (value === undefined || value === null || value === "") {
        if (spec.required.includes(name) && name !== "region") throw new HttpError(400, "bad-lookup", `lookup ${index}: "${name}" is required`);
        if (name === "region") clean.region = "";
        continue;
      }
      if (typeof value !== "string" && typeof value !== "number") throw new HttpError(400, "bad-lookup", `lookup ${index}: "${name}" must be text`);
      const text = String(value);
      if ([...text].length > LIMITS.textParam) throw new HttpError(400, "bad-lookup", `lookup ${index}: "${name}" is longer than ${LIMITS.textParam} characters`);
      if (/[\u0000-\u001f]/.test(text)) throw new HttpError(400, "bad-lookup", `lookup ${index}: "${name}" contains control characters`);
      clean[name] = text;
    }
    return clean as unknown as Lookup;
  });
}

export interface LookupRoute {
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function lookupRoute(library: Library): LookupRoute {
  // "2023年实际" and its kin read the plan's monitoring, computed as /api/monitoring computes it
  const service = new LookupService(library, { monitoring: (query) => computeMonitoring(findMonitoringSources(library, query)) });
  return {
    async serve(req, res) {
      if (req.method !== "POST") throw new HttpError(405, "method-not-allowed", `${LOOKUP_PATH} takes POST with {"lookups": [...]}`, { Allow: "POST, OPTIONS" });
      const type = String(req.headers["content-type"] ?? "");
      if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "unsupported-media-type", "send the lookups as application/json");
      const text = (await readBody(req)).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new HttpError(400, "bad-lookup", "the body is not JSON");
      }
      const lookups = parseLookups(body);
      const started = performance.now();
      const answer = service.answer(lookups);
      const payload = Buffer.from(JSON.stringify(answer));
      const took = performance.now() - started;
      res.writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": payload.length,
        "Cache-Control": "no-store",
        // the time spent answering, apart from the network: read by the bench and the browser's devtools
        "Server-Timing": `lookup;dur=${took.toFixed(2)};desc="${lookups.length} lookups"`,
      });
      res.end(payload);
    },
  };
}

/** The OpenAPI description of the route, merged into /api/openapi.json. */
export const lookupOpenApi = {
  post: {
    summary: "many lookups in one request (the =PLANBOOK.… worksheet functions)",
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["lookups"],
            properties: {
              lookups: {
                type: "array",
                maxItems: LOOKUP_LIMITS.lookups,
                items: {
                  type: "object",
                  required: ["fn"],
                  properties: {
                    fn: { enum: ["value", "table", "projects", "targets"] },
                    region: { type: "string", description: "荆门市 or 荆门" },
                    plan: { type: "string", description: "a period label (十四五, 2024年) or a plan id" },
                    indicator: { type: "string", description: "value: the indicator name, matched through normalizeIndicatorName" },
                    field: { type: "string", description: "value: 基期/目标/年均/实际/预计/属性/单位/比较/类型/原文/基期年/目标年/… or English; default 目标. From the plan's monitoring: 2023年实际, 2023年目标, 2023年目标原文, 2023年状态, 2023年来源 (or '2023 actual'), 状态, 依据" },
                    table: { type: "string", description: "table: part of its title, 目标 or 回顾, or its number" },
                    box: { type: "string", description: "projects: a box label (专栏 5-1) or part of its title" },
                    year: { type: "string", description: "targets: 2024 or 2024年" },
                  },
                },
              },
            },
          },
        },
      },
    },
    responses: {
      "200": {
        description: "one result per lookup, in order: {ok: true, plan, value|table|projects|targets} or {ok: false, error: not-found|bad-field|bad-lookup, message}; Server-Timing says how long the answers took",
        content: { "application/json": { schema: { type: "object", properties: { generation: { type: "integer" }, results: { type: "array", items: { type: "object", additionalProperties: true } }, plans: { type: "object", additionalProperties: true } } } } },
      },
      "400": { description: "the body is not {lookups: [...]} or a lookup is malformed", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } } },
      "413": { description: "the body is larger than 1 MiB" },
      "415": { description: "the body is not application/json" },
    },
  },
};
