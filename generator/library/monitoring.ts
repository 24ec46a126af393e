/**
 * What monitoring needs from the library, for one region and one five-year plan: the plan's latest
 * revision, the latest revision of every work report and statistical bulletin of the region for the
 * plan's years (the report of the year after the last reviews it), and the actuals a clerk imported.
 * generator/monitor computes the Monitoring from these; this file only finds them.
 */
import type { ImportedActual, Plan, PlanSummary } from "../model";
import { listActuals } from "./actuals";
import type { Library } from "./index";

export interface MonitoringQuery {
  region: string;
  /** the plan's period label ("十四五") or its id */
  plan: string;
}

/** The inputs of generator/monitor's computeMonitoring, found in the library. */
export interface MonitoringSources {
  plan: Plan;
  revision: number;
  documents: Array<{ plan: Plan; revision: number }>;
  actuals: ImportedActual[];
}

/** No such plan: the message says what is in the library instead. */
export class MonitoringNotFoundError extends Error {}

function findPlan(library: Library, q: MonitoringQuery): PlanSummary {
  const byPeriod = library.listPlans({ region: q.region, kind: "five-year-plan", period: q.plan });
  if (byPeriod.length > 0) return byPeriod[0];
  const byId = library.getSummary(q.plan);
  if (byId && byId.kind === "five-year-plan" && byId.region === q.region) return byId;
  const have = library.listPlans({ region: q.region, kind: "five-year-plan" }).map((p) => p.period.label);
  const hint = have.length ? `库中${q.region}的五年规划有：${have.join("、")}` : `库中没有${q.region}的五年规划（先用 planbook ingest 导入规划纲要）`;
  throw new MonitoringNotFoundError(`找不到${q.region}的“${q.plan}”规划；${hint}`);
}

/** The documents of a plan's years: reports of start … end + 1, bulletins of start … end, latest revisions. */
export function findMonitoringSources(library: Library, q: MonitoringQuery): MonitoringSources {
  const summary = findPlan(library, q);
  const plan = library.getPlan(summary.id);
  if (!plan) throw new MonitoringNotFoundError(`规划 ${summary.id} 不在库中`);
  const start = plan.period.start ?? -Infinity;
  const end = plan.period.end ?? Infinity;
  const wanted = (s: PlanSummary) => {
    const y = s.period.start;
    if (y === null) return false;
    return s.kind === "work-report" ? y >= start && y <= end + 1 : y >= start && y <= end;
  };
  const summaries = [
    ...library.listPlans({ region: q.region, kind: "work-report" }),
    ...library.listPlans({ region: q.region, kind: "statistical-bulletin" }),
  ].filter(wanted);
  const documents: MonitoringSources["documents"] = [];
  for (const s of summaries) {
    const doc = library.getPlan(s.id);
    if (doc) documents.push({ plan: doc, revision: s.revision });
  }
  const actuals = plan.region ? listActuals(library, plan.region, plan.period.label) : [];
  return { plan, revision: summary.revision, documents, actuals };
}
