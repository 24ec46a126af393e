import Ajv from "ajv";
import schema from "./plan.schema.json";
import type { Plan } from "./plan";

export { schema as planSchema };

const ajv = new Ajv({ allErrors: true, strict: false });
const validatePlanJson = ajv.compile<Plan>(schema);

/** Checks a value against the Plan JSON Schema; returns readable errors ("/indicatorTables/0/line: must be integer"), empty when valid. */
export function planSchemaErrors(value: unknown): string[] {
  if (validatePlanJson(value)) return [];
  return (validatePlanJson.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? "invalid"}`);
}
