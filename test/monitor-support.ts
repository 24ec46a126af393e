/** Plans written by hand for the monitoring tests: a five-year plan's targets table and yearly reports. */
import { createHash } from "node:crypto";
import { SCHEMA_VERSION, type Plan, type Quantity, type Target } from "../generator/model";
import { parseQuantity } from "../generator/parse";

export interface Row {
  name: string;
  unit?: string;
  baseline?: string;
  target?: string;
  /** the 年均/累计 column; "[4]" is cumulative, anything else a rate */
  rate?: string;
  attribute?: "预期性" | "约束性";
}

function quantity(printed: string | undefined, kind: "level" | "rate"): Quantity | null {
  const q = parseQuantity(printed ?? null);
  if (!q) return null;
  return q.kind === "level" && kind === "rate" ? { ...q, kind: "rate" } : q;
}

function base(id: string, kind: Plan["kind"], title: string, region: string, period: Plan["period"]): Plan {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    source: { path: `${id}.txt`, sha256: createHash("sha256").update(id).digest("hex"), encoding: "utf-8", bytes: 100 },
    kind,
    title,
    region,
    period,
    outline: [],
    indicatorTables: [],
    projectBoxes: [],
    targets: [],
    annualTargets: [],
    lastYearResults: [],
    tasks: [],
    warnings: [],
  };
}

export function fiveYearPlan(rows: Row[], region = "测试市"): Plan {
  const plan = base("plan0000000000001", "five-year-plan", `${region}十四五规划纲要`, region, { label: "十四五", start: 2021, end: 2025 });
  plan.indicatorTables = [
    {
      title: "主要指标",
      role: "targets",
      baseYear: 2020,
      targetYear: 2025,
      columns: ["指标名称", "单位", "2020年", "2025年", "年均/累计", "属性"],
      columnInfo: [],
      line: 10,
      notes: [],
      indicators: rows.map((r, n) => ({
        category: null,
        seq: String(n + 1),
        name: r.name,
        unit: r.unit ?? null,
        parent: null,
        baseline: quantity(r.baseline, "level"),
        target: quantity(r.target, "level"),
        rate: quantity(r.rate, "rate"),
        attribute: r.attribute ?? "预期性",
        flags: [],
        cells: {},
        line: 11 + n,
      })),
    },
  ];
  return plan;
}

/** "地区生产总值增长6.7%" → metric 地区生产总值增长, value 6.7 % (the split the parser's clause reader makes) */
export function target(clause: string, year: number, line: number): Target {
  const m = /^(.*?)((?:控制在|保持在|达到)?[-\d.]+.*)$/u.exec(clause);
  if (!m) throw new Error(`no figure in ${clause}`);
  const value = parseQuantity(m[2])!;
  return { metric: m[1], raw: m[2], year, value, text: clause, line };
}

/** The work report of `year`: last year's results and this year's targets, one clause each, line numbers from 1. */
export function workReport(year: number, results: string[], targets: string[] = [], region = "测试市"): Plan {
  const p = base(`report${year}000000`.slice(0, 16), "work-report", `${region}${year}年政府工作报告`, region, { label: `${year}年`, start: year, end: year });
  p.lastYearResults = results.map((c, i) => target(c, year - 1, i + 1));
  p.annualTargets = targets.map((c, i) => target(c, year, 100 + i));
  return p;
}

export function bulletin(year: number, results: string[], region = "测试市"): Plan {
  const p = base(`bulletin${year}0000`.slice(0, 16), "statistical-bulletin", `${region}${year}年国民经济和社会发展统计公报`, region, { label: `${year}年`, start: year, end: year });
  p.lastYearResults = results.map((c, i) => target(c, year, i + 1));
  return p;
}
