/**
 * Many small questions answered at once (the =PLANBOOK.… worksheet functions): which plan a
 * region and period name, which row an indicator name is, which figure a field asks for. Reads the
 * library only through its public interface; parsed plans are kept for one library generation, so
 * a sheet recalculating 200 cells over one plan parses that plan's JSON once.
 */
import {
  normalizeIndicatorName,
  type Indicator,
  type IndicatorTable,
  type Lookup,
  type LookupField,
  type Monitoring,
  type LookupResponse,
  type LookupResult,
  type Plan,
  type PlanSummary,
  type Quantity,
  type SearchHit,
  type Target,
} from "../model";
import type { Library } from "./index";
import { looksLikeYearField, MONITORING_FIELD_HELP, monitoringFieldOf, monitoringValue, type MonitoringChoice } from "./lookup-monitoring";
import { MonitoringNotFoundError, type MonitoringQuery } from "./monitoring";
import { FIELD_HELP, fieldOf, type FieldChoice, type FigureField, kindPreference, KIND_WORDS, looseKey, periodKey, regionKey, tableChoice } from "./lookup-words";
import { figure, projectsSpill, tableSpill, targetsSpill } from "./lookup-spill";
import { flattenProjects } from "./types";

const PLAN_CACHE_MAX = 64;

type Failure = Extract<LookupResult, { ok: false }>;
const fail = (error: Failure["error"], message: string): Failure => ({ ok: false, error, message });
class LookupFailure extends Error {
  constructor(readonly result: Failure) {
    super(result.message);
  }
}

/** A row an indicator name resolved to: an indicator-table row, or a prose / annual target. */
type Row = { kind: "indicator"; table: IndicatorTable; indicator: Indicator } | { kind: "target"; list: string; target: Target };
type RowIndex = Map<string, Row>;

export interface LookupOptions {
  /**
   * The monitoring of a five-year plan, for the fields "2023年实际", "2023年状态" …; given by the
   * service (generator/monitor computes it), so the library does not import the computation.
   * Without it those fields answer that monitoring is not available.
   */
  monitoring?: (query: MonitoringQuery) => Monitoring;
}

export class LookupService {
  private generation = -1;
  private summaries: PlanSummary[] = [];
  private readonly plans = new Map<string, Plan>();
  /** each cached plan's rows by normalised name, so a lookup does not normalise every name of the plan again */
  private readonly indexes = new WeakMap<Plan, Map<string, RowIndex>>();
  /** each five-year plan's monitoring, computed once per library generation however many cells ask */
  private readonly monitorings = new Map<string, Monitoring | Failure>();

  constructor(
    private readonly library: Library,
    private readonly options: LookupOptions = {},
  ) {}

  answer(lookups: readonly Lookup[]): LookupResponse {
    this.follow();
    const plans: Record<string, PlanSummary> = {};
    const results = lookups.map((lookup): LookupResult => {
      try {
        const result = this.one(lookup);
        if (result.ok) {
          const summary = this.summaries.find((s) => s.id === result.plan);
          if (summary) plans[summary.id] = summary;
        }
        return result;
      } catch (e) {
        if (e instanceof LookupFailure) return e.result;
        throw e;
      }
    });
    return { generation: this.generation, results, plans };
  }

  /** Search hits of indicators with their row (unit, target, 属性), for a list that shows what each hit holds. */
  withIndicatorDetails(hits: SearchHit[]): SearchHit[] {
    this.follow();
    return hits.map((hit) => {
      if (hit.type !== "indicator") return hit;
      const plan = this.plan(hit.planId);
      const table = plan?.indicatorTables.find((t) => t.title === hit.context);
      const indicator = table?.indicators.find((i) => i.name === hit.name);
      if (!table || !indicator) return hit;
      const { unit, baseline, target, rate, attribute, line } = indicator;
      return { ...hit, indicator: { unit, baseline, target, rate, attribute, line, role: table.role, baseYear: table.baseYear, targetYear: table.targetYear } };
    });
  }

  /** Everything cached belongs to one library generation: an ingest anywhere drops it. */
  private follow(): void {
    const generation = this.library.generation();
    if (generation === this.generation) return;
    this.generation = generation;
    this.summaries = this.library.listPlans();
    this.plans.clear();
    this.monitorings.clear();
  }

  /** "2023年实际" and its kin, from the monitoring of the five-year plan the lookup names. */
  private monitoringAnswer(lookup: Extract<Lookup, { fn: "value" }>, choice: MonitoringChoice): LookupResult {
    const candidates = this.candidates(lookup.region, lookup.plan);
    const summary = candidates.find((s) => s.kind === "five-year-plan");
    if (!summary) return fail("bad-lookup", `“${lookup.field}”取自五年规划的实施监测：规划请写规划期（如 十四五）或五年规划的编号，而不是“${lookup.plan}”`);
    if (!summary.region) return fail("not-found", `${summary.title}没有识别出地区，无法与各年的报告对照监测`);
    if (!this.options.monitoring) return fail("bad-field", "这个服务不提供规划实施监测，不能用带年份的字段");
    let m = this.monitorings.get(summary.id);
    if (!m) {
      try {
        m = this.options.monitoring({ region: summary.region, plan: summary.id });
      } catch (e) {
        if (!(e instanceof MonitoringNotFoundError)) throw e;
        m = fail("not-found", e.message);
      }
      this.monitorings.set(summary.id, m);
    }
    return "schemaVersion" in m ? monitoringValue(m, lookup.indicator, choice) : m;
  }

  private plan(id: string): Plan | null {
    let plan = this.plans.get(id);
    if (!plan) {
      const read = this.library.getPlan(id);
      if (!read) return null;
      plan = read;
      if (this.plans.size >= PLAN_CACHE_MAX) this.plans.delete(this.plans.keys().next().value as string);
      this.plans.set(id, plan);
    }
    return plan;
  }

  private index(plan: Plan, field: LookupField): RowIndex {
    const scope = field === "actual" || field === "estimate" ? "review" : "targets";
    let byScope = this.indexes.get(plan);
    if (!byScope) this.indexes.set(plan, (byScope = new Map()));
    let index = byScope.get(scope);
    if (!index) byScope.set(scope, (index = rowIndex(plan, scope)));
    return index;
  }

  private one(lookup: Lookup): LookupResult {
    switch (lookup.fn) {
      case "value": {
        const monitoring = monitoringFieldOf(lookup.field);
        if (monitoring) return this.monitoringAnswer(lookup, monitoring);
        const choice = fieldOf(lookup.field);
        if (!choice && looksLikeYearField(lookup.field)) return fail("bad-field", `不认识的字段“${lookup.field}”。带年份的字段可写：${MONITORING_FIELD_HELP}`);
        if (!choice) return fail("bad-field", `不认识的字段“${lookup.field}”。可用：${FIELD_HELP}；规划实施监测：${MONITORING_FIELD_HELP}`);
        const candidates = this.candidates(lookup.region, lookup.plan);
        const wanted = normalizeIndicatorName(lookup.indicator);
        for (const summary of candidates) {
          const plan = this.plan(summary.id);
          const row = plan && this.index(plan, choice.of ?? choice.field).get(wanted);
          if (plan && row) return valueOf(plan, row, choice);
        }
        const near = candidates.flatMap((s) => nearNames(this.plan(s.id), lookup.indicator)).slice(0, 3);
        const where = `${candidates[0].region ?? lookup.region}${candidates[0].period.label}`;
        return fail("not-found", `未找到指标：${lookup.indicator}（${where}）${near.length ? `。相近的有：${near.join("、")}` : ""}`);
      }
      case "table": {
        for (const summary of this.candidates(lookup.region, lookup.plan)) {
          const plan = this.plan(summary.id);
          const table = plan && chooseTable(plan, lookup.table);
          if (plan && table) return { ok: true, plan: plan.id, title: table.title, rows: tableSpill(table) };
        }
        return fail("not-found", `未找到指标表：${lookup.region} ${lookup.plan}${lookup.table ? ` ${lookup.table}` : ""}`);
      }
      case "projects": {
        const [summary] = this.candidates(lookup.region, lookup.plan).filter((s) => s.projectCount > 0);
        const plan = summary && this.plan(summary.id);
        if (!plan) return fail("not-found", `未找到项目：${lookup.region} ${lookup.plan} 没有项目专栏`);
        const box = lookup.box?.trim() ? looseKey(lookup.box) : null;
        const projects = flattenProjects(plan).filter((p) => (box ? looseKey(p.box) === box || looseKey(p.boxTitle).includes(box) : p.boxKind === "projects"));
        if (projects.length === 0) return fail("not-found", `未找到专栏：${lookup.box}（${plan.title}）`);
        return { ok: true, plan: plan.id, title: plan.title, rows: projectsSpill(projects) };
      }
      case "targets": {
        const year = periodKey(String(lookup.year));
        if (!year || !year.endsWith("年")) return fail("bad-lookup", `年份应写成 2024 或 2024年，而不是“${lookup.year}”`);
        for (const summary of this.candidates(lookup.region, year)) {
          const plan = this.plan(summary.id);
          if (plan && plan.annualTargets.length > 0) return { ok: true, plan: plan.id, title: `${plan.title} 主要预期目标`, rows: targetsSpill(plan.annualTargets) };
        }
        return fail("not-found", `未找到主要预期目标：${lookup.region} ${year}政府工作报告不在规划库中，或其中没有识别出预期目标`);
      }
      default:
        return fail("bad-lookup", `不认识的查询“${(lookup as { fn?: unknown }).fn}”`);
    }
  }

  /**
   * The plans a region and plan reference name, best first: a plan id names one plan; a period
   * label names every kind of document of that region and period, the one its label suggests first.
   */
  private candidates(region: string, planRef: string): PlanSummary[] {
    const regionWanted = regionKey(region);
    const inRegion = (s: PlanSummary) => !region.trim() || (s.region !== null && regionKey(s.region) === regionWanted);
    const byId = this.summaries.find((s) => s.id === planRef.trim());
    // without a region a period names one plan per region: answering with the first would be a guess
    if (!byId && !region.trim()) throw new LookupFailure(fail("bad-lookup", "请写明地区（如 荆门市），或用规划编号指明规划"));
    if (byId) {
      if (!inRegion(byId)) throw new LookupFailure(fail("not-found", `规划 ${planRef} 是${byId.region ?? "未识别地区"}的，不是${region}的`));
      return [byId];
    }
    const period = periodKey(planRef);
    if (!period) throw new LookupFailure(fail("bad-lookup", `“${planRef}”不是规划期（如 十四五、2024年）也不是规划编号`));
    const regionPlans = this.summaries.filter(inRegion);
    if (regionPlans.length === 0) throw new LookupFailure(fail("not-found", `规划库中没有${region}的文件`));
    const order = kindPreference(period);
    const found = regionPlans.filter((s) => s.period.label === period).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    if (found.length === 0) {
      const periods = [...new Set(regionPlans.map((s) => s.period.label))].join("、");
      throw new LookupFailure(fail("not-found", `规划库中没有${region}${period}的文件（有：${periods}）`));
    }
    return found;
  }
}

/**
 * The row an indicator name is in. Figures of the plan itself (目标, 基期, 年均 …) come from its own
 * targets tables, then its prose targets — never from its review of the previous plan, whose
 * 地区生产总值 目标 is the old plan's (2048 亿元 for 2020 in a 十四五 outline). 实际 and 预计 are what
 * review tables hold, so those fields look there first.
 */
function rowIndex(plan: Plan, scope: "targets" | "review"): RowIndex {
  const index: RowIndex = new Map();
  // the first row of a name wins, in the order of preference below
  const add = (name: string, row: Row) => {
    const key = normalizeIndicatorName(name);
    if (!index.has(key)) index.set(key, row);
  };
  const tables =
    scope === "review"
      ? [...plan.indicatorTables].sort((a, b) => Number(a.role !== "review") - Number(b.role !== "review"))
      : plan.indicatorTables.filter((t) => t.role === "targets");
  for (const table of tables) for (const indicator of table.indicators) add(indicator.name, { kind: "indicator", table, indicator });
  const lists: Array<[string, Target[]]> = [
    ["主要预期目标", plan.annualTargets],
    ["规划目标", plan.targets],
    ["上年完成情况", plan.lastYearResults],
    ["重点任务", plan.tasks],
  ];
  for (const [list, targets] of lists) for (const target of targets) add(target.metric, { kind: "target", list, target });
  return index;
}

function nearNames(plan: Plan | null, asked: string): string[] {
  if (!plan) return [];
  const key = normalizeIndicatorName(asked);
  const names = [...plan.indicatorTables.flatMap((t) => t.indicators.map((i) => i.name)), ...plan.annualTargets.map((t) => t.metric)];
  return [...new Set(names.filter((n) => {
    const other = normalizeIndicatorName(n);
    return key.length >= 2 && (other.includes(key) || key.includes(other));
  }))];
}

function chooseTable(plan: Plan, word: string | undefined): IndicatorTable | null {
  const choice = tableChoice(word);
  const tables = plan.indicatorTables;
  if (choice.by === "index") return tables[choice.index - 1] ?? null;
  if (choice.by === "role") return tables.find((t) => t.role === choice.role) ?? null;
  return tables.find((t) => looseKey(t.title).includes(choice.words)) ?? null;
}

/**
 * The column of a meaning with the latest year (a review table's 2020年实际, not its 2019年 nor its
 * 年均[累计] column, which has no year): the figure at the end of the period, or nothing. An empty
 * cell there is not filled from an earlier year: that would be another year's figure under this name.
 */
function cellOf(table: IndicatorTable, indicator: Indicator, meaning: "actual" | "estimate"): Quantity | null {
  const dated = table.columnInfo.filter((c) => c.meaning === meaning && c.year !== null).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  const latest = dated[dated.length - 1];
  return latest ? indicator.cells[latest.header] ?? null : null;
}

function valueOf(plan: Plan, row: Row, { field, of }: FieldChoice): LookupResult {
  const ok = (value: number | string | null | undefined, what: string): LookupResult => {
    if (value === null || value === undefined || value === "") throw new LookupFailure(fail("not-found", `未找到${what}：${name}在“${table}”中没有填写`));
    return { ok: true, plan: plan.id, field, value, source: { name, table, line } };
  };
  const name = row.kind === "indicator" ? row.indicator.name : row.target.metric;
  const table = row.kind === "indicator" ? row.table.title : row.list;
  const line = row.kind === "indicator" ? row.indicator.line : row.target.line;
  const quantity = (q: Quantity | null | undefined, what: string) => ok(figure(q), what);
  // 比较, 类型 and 原文 describe one figure: the one named ("年均比较"), else the row's main one —
  // its target, or for a growth indicator whose target cell is empty, its 年均 figure
  const main: Quantity | null =
    row.kind === "target" ? (of === null || of === "target" ? row.target.value : null) : of ? figureOf(row.table, row.indicator, of) : row.indicator.target ?? row.indicator.rate;
  switch (field) {
    case "name":
      return ok(name, "指标名称");
    case "table":
      return ok(table, "指标表");
    case "line":
      return ok(line, "行号");
    case "plan":
      return ok(plan.title, "规划名称");
    case "target": {
      const target = row.kind === "indicator" ? row.indicator.target : row.target.value;
      // a growth indicator's figure is in its 年均 column: say so rather than answer with it unasked
      const rate = row.kind === "indicator" && !target ? row.indicator.rate : null;
      if (rate) throw new LookupFailure(fail("not-found", `未找到目标值：${name}的目标栏是空的，它的年均/累计栏是“${rate.raw}”，请用字段“年均”`));
      return quantity(target, "目标值");
    }
    case "raw":
      return ok(main?.raw, "目标原文");
    case "comparator":
      return ok(main?.comparator, "比较");
    case "kind":
      return ok(main ? KIND_WORDS[main.kind] ?? main.kind : null, "数值类型");
    case "unit":
      return ok(row.kind === "indicator" ? row.indicator.unit ?? main?.unit : row.target.value.unit, "单位");
    case "targetYear":
      return ok(row.kind === "indicator" ? row.table.targetYear : row.target.year, "目标年");
  }
  if (row.kind === "target") throw new LookupFailure(fail("not-found", `未找到${FIELD_LABEL[field]}：${name}是文字中的目标（${row.list}），只有目标、单位、比较等字段`));
  const { indicator, table: t } = row;
  switch (field) {
    case "baseline":
    case "rate":
    case "actual":
    case "estimate":
      return quantity(figureOf(t, indicator, field), FIELD_LABEL[field]);
    case "attribute":
      return ok(indicator.attribute, "属性");
    case "category":
      return ok(indicator.category, "类别");
    case "baseYear":
      return ok(t.baseYear, "基期年");
  }
  return fail("bad-field", `不认识的字段：${field}`);
}

function figureOf(table: IndicatorTable, indicator: Indicator, field: FigureField): Quantity | null {
  switch (field) {
    case "baseline":
      return indicator.baseline;
    case "target":
      return indicator.target;
    case "rate":
      return indicator.rate;
    case "actual":
      return cellOf(table, indicator, "actual");
    case "estimate":
      // 鄂州's “2020年预计” is the table's baseline column: an estimate printed as the base
      return cellOf(table, indicator, "estimate") ?? (table.columnInfo.some((c) => c.meaning === "baseline" && /预计/.test(c.header)) ? indicator.baseline : null);
  }
}

const FIELD_LABEL: Record<LookupField, string> = {
  baseline: "基期值", target: "目标值", rate: "年均/累计", actual: "实际值", estimate: "预计值", attribute: "属性", unit: "单位",
  comparator: "比较", kind: "数值类型", raw: "原文", baseYear: "基期年", targetYear: "目标年", name: "指标名称", category: "类别",
  table: "指标表", line: "行号", plan: "规划名称",
  yearTarget: "年度目标", yearTargetRaw: "年度目标原文", yearActual: "年度实际", yearSource: "实际来源", yearVerdict: "年度判断", status: "监测状态", reason: "监测依据",
};
