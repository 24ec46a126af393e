import { PLAN_KINDS } from "../model";
import { PLAN_ID_PATTERN } from "../library";
import { HttpError } from "./http";

/** Bounds on what a request may ask for, so no query can make the service do unbounded work. */
export const LIMITS = {
  urlLength: 2048,
  textParam: 100,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  searchLimitDefault: 50,
  searchLimitMax: 200,
} as const;

const KINDS: readonly string[] = PLAN_KINDS;

export function planIdParam(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, "bad-id", "the plan id is not valid URL encoding");
  }
  if (!PLAN_ID_PATTERN.test(id)) throw new HttpError(400, "bad-id", "a plan id is 1–64 letters, digits, '-' or '_'");
  return id;
}

export function textParam(query: URLSearchParams, name: string, required = false): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) throw new HttpError(400, "bad-query", `give "${name}" once`);
  const value = values[0]?.trim();
  if (!value) {
    if (required) throw new HttpError(400, "bad-query", `"${name}" is required`);
    return undefined;
  }
  if ([...value].length > LIMITS.textParam) throw new HttpError(400, "bad-query", `"${name}" is longer than ${LIMITS.textParam} characters`);
  if (/[\u0000-\u001f]/.test(value)) throw new HttpError(400, "bad-query", `"${name}" contains control characters`);
  return value;
}

export function intParam(query: URLSearchParams, name: string, fallback: number | undefined, min: number, max: number): number | undefined {
  const raw = textParam(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, "bad-query", `"${name}" must be a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw new HttpError(400, "bad-query", `"${name}" must be between ${min} and ${max}`);
  return n;
}

export function kindParam(query: URLSearchParams): string | undefined {
  const kind = textParam(query, "kind");
  if (kind !== undefined && !KINDS.includes(kind)) throw new HttpError(400, "bad-query", `"kind" must be one of ${KINDS.join(", ")}`);
  return kind;
}

export function searchTypeParam(query: URLSearchParams): "indicator" | "project" | undefined {
  const type = textParam(query, "type");
  if (type === undefined || type === "all") return undefined;
  if (type !== "indicator" && type !== "project") throw new HttpError(400, "bad-query", `"type" must be indicator or project`);
  return type;
}
