/**
 * A plan's preview, which is exactly what the insert buttons write: each indicator table on its own
 * (the plan's own targets table first), with its own years and every column it has, each figure
 * marked with its kind; the targets of a work report list by list with value, unit, comparator and
 * source line; the project boxes with counts; a five-year plan's 规划实施监测 (views/monitoring.ts).
 * One Excel Table per indicator table.
 */
import type { IndicatorsResponse, IndicatorTable, PlanResponse, Quantity, Target, TargetsResponse } from "../../../generator/model";
import type { PlanbookApi } from "../../api/client";
import { figureColumns, figureHeader, KIND_LABELS, TARGET_LISTS, type TargetList } from "../../excel/grids";
import type { TableQuery } from "../../excel/provenance";
import { byId, el, option, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { planCounts, planLine } from "./format";
import { loadInto } from "./load";
import { monitoringSection } from "./monitoring";

const PREVIEW_ROWS = 200;

export interface PreviewActions {
  insert(query: TableQuery): void;
  /** several tables, each its own Excel Table on its own sheet */
  insertEach(queries: TableQuery[]): void;
  fail(error: unknown): void;
}

interface Loaded {
  plan: PlanResponse;
  indicators: IndicatorsResponse;
  targets: TargetsResponse;
}

/** The plan's own targets table comes first; a review of the previous plan is never the default. */
export function defaultTable(tables: readonly IndicatorTable[]): number {
  const own = tables.findIndex((t) => t.role === "targets");
  return own >= 0 ? own : 0;
}

export function tableLabel(t: IndicatorTable): string {
  const years = [t.baseYear && `基期 ${t.baseYear}年`, t.targetYear && `目标 ${t.targetYear}年`].filter(Boolean).join(" → ");
  return `${t.title}（${t.role === "review" ? "上期完成情况" : "本规划目标"}，${t.indicators.length} 项${years ? `，${years}` : ""}）`;
}

const COMPARATOR_WORDS: Record<string, string> = { "≈": "左右", "≥": "以上", ">": "高于", "≤": "以下", "<": "低于", "=": "" };

/** The figure as printed, and its kind when it is not a plain level (年增速, 累计, 文字). */
export function figureCell(q: Quantity | null | undefined): HTMLElement {
  const td = el("td", { class: "pb-num" });
  if (!q) return td;
  td.append(q.raw);
  if (q.kind !== "level") td.append(el("span", { class: "pb-kind", "data-kind": q.kind }, KIND_LABELS[q.kind] ?? q.kind));
  return td;
}

export class PreviewView {
  private loaded: Loaded | null = null;
  private planId: string | null = null;

  constructor(
    private readonly api: PlanbookApi,
    private readonly actions: PreviewActions,
  ) {}

  /** After a refresh the library may hold a newer revision: show that one. */
  async reload(): Promise<void> {
    if (this.planId) await this.open(this.planId);
  }

  /** Resolves when the preview is shown or has said why it is not (with a 重试 button). */
  async open(planId: string): Promise<boolean> {
    this.planId = planId;
    const section = byId("preview");
    section.hidden = false;
    const ok = await loadInto(section, { loading: "正在读取规划…", onError: this.actions.fail }, async () => {
      const [plan, indicators, targets] = await Promise.all([this.api.plan(planId), this.api.indicators(planId), this.api.targets(planId)]);
      this.loaded = { plan, indicators, targets };
      return this.parts(this.loaded);
    });
    section.scrollIntoView?.({ block: "start" });
    return ok;
  }

  private parts({ plan, indicators, targets }: Loaded): Array<Node | null> {
    const summary = plan.plan;
    return [
      el("h2", { id: "preview-title" }, summary.title),
      el("div", { class: "pb-meta" }, planLine(summary)),
      el("div", { class: "pb-meta" }, planCounts(summary)),
      ...this.indicatorPart(indicators),
      summary.kind === "five-year-plan" ? monitoringSection(this.api, summary, this.actions.insert, this.actions.fail) : null,
      ...this.targetPart(targets),
      ...this.projectPart(plan),
      plan.warnings.length ? el("div", { class: "pb-meta" }, `解析提示 ${plan.warnings.length} 条：${plan.warnings.slice(0, 3).map((w) => w.message).join("；")}`) : null,
    ];
  }

  private indicatorPart(response: IndicatorsResponse): Array<Node | null> {
    const tables = response.tables;
    const count = tables.reduce((n, t) => n + t.indicators.length, 0);
    if (tables.length === 0) return [el("h3", {}, "主要指标"), el("div", { class: "pb-meta" }, "这份文件里没有识别出指标表。")];
    const select = el("select", { id: "indicator-table" });
    replaceChildren(select, ...tables.map((t, i) => option(String(i), tableLabel(t), i === defaultTable(tables))));
    const table = el("table", { id: "indicator-preview" });
    const years = el("div", { class: "pb-meta", id: "indicator-years" });
    const fill = () => {
      const chosen = tables[Number(select.value)];
      const columns = figureColumns(chosen);
      years.textContent = `${chosen.role === "review" ? "上期规划完成情况" : "本规划目标"} · 基期 ${chosen.baseYear ? `${chosen.baseYear}年` : "未注明"} · 目标 ${chosen.targetYear ? `${chosen.targetYear}年` : "未注明"} · ${chosen.indicators.length} 项 · 插入为一个 Excel 表格`;
      const head = el("tr", {}, el("th", {}, "指标"), el("th", {}, "单位"), ...columns.map((c) => el("th", { "data-meaning": c.meaning }, figureHeader(c))), el("th", {}, "属性"));
      const rows = chosen.indicators.slice(0, PREVIEW_ROWS).map((i) =>
        el("tr", {}, el("td", {}, i.name), el("td", {}, i.unit ?? ""), ...columns.map((c) => figureCell(c.value(i))), el("td", {}, i.attribute ?? "")),
      );
      const more = chosen.indicators.length > PREVIEW_ROWS ? el("tr", {}, el("td", { colspan: String(columns.length + 3) }, `……共 ${chosen.indicators.length} 项，插入时全部写入`)) : null;
      replaceChildren(table, el("thead", {}, head), el("tbody", {}, ...rows, more));
    };
    select.addEventListener("change", fill);
    fill();
    const planId = response.plan.id;
    const queryFor = (t: IndicatorTable): TableQuery => ({ kind: "indicators", planId, table: t.title, layout: "table" });
    const insertOne = this.button("insert-indicators", "插入此表", false, () => this.actions.insert(queryFor(tables[Number(select.value)])));
    const insertAll =
      tables.length > 1
        ? this.button("insert-all-indicators", `逐表插入全部 ${tables.length} 张（各占一个新工作表）`, false, () => this.actions.insertEach(tables.map(queryFor)), false)
        : null;
    return [
      el("h3", {}, `主要指标（${tables.length} 张表，共 ${count} 项）`),
      el("div", { class: "pb-row" }, select),
      years,
      el("div", { class: "pb-legend" }, "数值按原文显示；标注“年增速”为每年的增长速度（在年均列即年均增速），“累计”为规划期累计（原文带 [ ]），“文字”为无数值的表述。"),
      el("div", { class: "pb-scroll" }, table),
      el("div", { class: "pb-row" }, insertOne, insertAll),
    ];
  }

  private targetPart(response: TargetsResponse): Array<Node | null> {
    const lists = TARGET_LISTS.filter(([key]) => (response[key] ?? []).length > 0);
    const total = lists.reduce((n, [key]) => n + response[key].length, 0);
    if (total === 0) return [el("h3", {}, "目标任务"), el("div", { class: "pb-meta" }, "这份文件里没有识别出目标任务。")];
    const select = el("select", { id: "target-list" });
    replaceChildren(select, option("", `全部（${total} 条）`), ...lists.map(([key, label]) => option(key, `${label}（${response[key].length} 条）`)));
    const sections = lists.map(([key, label]) =>
      el("div", { "data-list": key }, el("h4", {}, `${label}（${response[key].length} 条）`), el("div", { class: "pb-scroll" }, targetTable(response[key]))),
    );
    return [
      el("h3", {}, `目标任务（${total} 条）`),
      ...sections,
      el(
        "div",
        { class: "pb-row" },
        select,
        this.button("insert-targets", "插入目标任务", false, () => {
          const list = select.value as TargetList | "";
          this.actions.insert({ kind: "targets", planId: response.plan.id, ...(list ? { list } : {}) });
        }),
      ),
    ];
  }

  private projectPart(plan: PlanResponse): Node[] {
    const boxes = plan.boxes.filter((b) => b.count > 0);
    const boxSelect = el("select", { id: "project-box" });
    replaceChildren(boxSelect, option("", `全部专栏（${plan.plan.projectCount} 个项目）`), ...boxes.map((b) => option(b.label, `${b.label} ${b.title}（${b.count}）`)));
    const groupSelect = el("select", { id: "project-group" });
    const fillGroups = () => {
      const box = boxes.find((b) => b.label === boxSelect.value);
      const groups = box?.groups.filter((g) => g.name) ?? [];
      replaceChildren(groupSelect, option("", "全部分组"), ...groups.map((g) => option(g.name ?? "", `${g.name}（${g.count}）`)));
      groupSelect.disabled = groups.length === 0;
    };
    boxSelect.addEventListener("change", fillGroups);
    fillGroups();
    const keyword = el("input", { id: "project-keyword", type: "text", placeholder: "关键词（可选）" });
    const list = el(
      "ul",
      { class: "pb-list", id: "box-list" },
      ...boxes.map((b) =>
        el(
          "li",
          {},
          el("div", {}, `${b.label} ${b.title}`),
          el("div", { class: "pb-meta" }, `${b.count} 个项目${b.groups.some((g) => g.name) ? "：" + b.groups.filter((g) => g.name).map((g) => `${g.name} ${g.count}`).join("，") : ""}`),
        ),
      ),
    );
    return [
      el("h3", {}, `项目专栏（${boxes.length} 个，${plan.plan.projectCount} 个项目）`),
      boxes.length ? el("div", { class: "pb-scroll" }, list) : el("div", { class: "pb-meta" }, "这份文件里没有识别出项目专栏。"),
      el("div", { class: "pb-row" }, boxSelect, groupSelect, keyword),
      el(
        "div",
        { class: "pb-row" },
        this.button("insert-projects", "插入项目清单", plan.plan.projectCount === 0, () => {
          const query: TableQuery = { kind: "projects", planId: plan.plan.id };
          if (boxSelect.value) query.box = boxSelect.value;
          if (groupSelect.value) query.group = groupSelect.value;
          if (keyword.value.trim()) query.keyword = keyword.value.trim();
          this.actions.insert(query);
        }),
      ),
    ];
  }

  private button(id: string, label: string, disabled: boolean, onClick: () => void, primary = true): HTMLButtonElement {
    const button = el("button", { id, class: `pb-button${primary ? " pb-primary" : ""}` }, label);
    markWriteButton(button, disabled);
    button.addEventListener("click", onClick);
    return button;
  }
}

function targetTable(targets: Target[]): HTMLElement {
  return el(
    "table",
    { class: "pb-targets" },
    el("thead", {}, el("tr", {}, el("th", {}, "指标"), el("th", {}, "数值"), el("th", {}, "单位"), el("th", {}, "比较"), el("th", {}, "原文"), el("th", {}, "行"))),
    el(
      "tbody",
      {},
      ...targets.slice(0, PREVIEW_ROWS).map((t) =>
        el(
          "tr",
          { title: t.text },
          el("td", {}, t.metric),
          t.value.value !== null ? el("td", { class: "pb-num" }, String(t.value.value)) : el("td", { class: "pb-num" }, el("span", { class: "pb-kind", "data-kind": "text" }, "文字")),
          el("td", {}, t.value.unit ?? ""),
          el("td", { title: t.value.comparator ? COMPARATOR_WORDS[t.value.comparator] ?? "" : "" }, t.value.comparator && t.value.comparator !== "=" ? `${t.value.comparator} ${COMPARATOR_WORDS[t.value.comparator] ?? ""}`.trim() : ""),
          el("td", {}, t.raw),
          el("td", { class: "pb-num" }, `第 ${t.line} 行`),
        ),
      ),
    ),
  );
}
