/**
 * JSON Schema of a jobs file (reports.yml). Kept as a TS constant so it is compiled into the
 * build with no file copying; docs/schedule.md describes every key.
 */
import { PLAN_KINDS } from "../model";

const emailAddresses = {
  anyOf: [
    { type: "string", minLength: 3 },
    { type: "array", items: { type: "string", minLength: 3 }, minItems: 1 },
  ],
} as const;

const planSelector = {
  type: "object",
  additionalProperties: false,
  properties: {
    region: { type: "string", minLength: 1 },
    period: { type: "string", minLength: 1 },
    kind: { enum: [...PLAN_KINDS] },
    ids: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
    files: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1 },
  },
} as const;

const email = {
  type: "object",
  additionalProperties: false,
  required: ["to"],
  properties: {
    to: emailAddresses,
    cc: emailAddresses,
    bcc: emailAddresses,
    subject: { type: "string", minLength: 1 },
    body: { type: "string", minLength: 1 },
    body_text: { type: "string" },
    only_if_changed: { type: "boolean" },
  },
} as const;

const job = {
  type: "object",
  additionalProperties: false,
  required: ["name", "schedule", "plans", "template", "output"],
  properties: {
    name: { type: "string", minLength: 1 },
    schedule: { type: "string", minLength: 1 },
    timezone: { type: "string", minLength: 1 },
    plans: planSelector,
    template: { type: "string", minLength: 1 },
    output: { type: "string", minLength: 1 },
    keep: { type: "integer", minimum: 0 },
    email,
  },
} as const;

const smtp = {
  type: "object",
  additionalProperties: false,
  properties: {
    url: { type: "string", minLength: 1 },
    host: { type: "string", minLength: 1 },
    port: { type: "integer", minimum: 1, maximum: 65535 },
    secure: { type: "boolean" },
    user: { type: "string" },
    password_env: { type: "string", minLength: 1 },
    from: { type: "string", minLength: 3 },
    tls_reject_unauthorized: { type: "boolean" },
    retries: { type: "integer", minimum: 0, maximum: 20 },
    retry_delay: { type: "number", minimum: 0 },
    timeout: { type: "number", exclusiveMinimum: 0 },
  },
} as const;

export const jobsFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["jobs"],
  properties: {
    timezone: { type: "string", minLength: 1 },
    smtp,
    jobs: { type: "array", items: job, minItems: 1 },
  },
} as const;
