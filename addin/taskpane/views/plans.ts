/** The 规划 tab: the library's plans, filtered by region, kind and period; a five-year plan's 规划实施监测 can be inserted from here. */
import type { PlanSummary } from "../../../generator/model";
import type { PlanbookApi } from "../../api/client";
import { kindLabel } from "../../excel/grids";
import type { TableQuery } from "../../excel/provenance";
import { byId, el, option, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { monitoringQuery } from "../kinds";
import { planCounts, planLine } from "./format";

export class PlansView {
  private all: PlanSummary[] = [];
  /** how many plans the library holds; more than `all` only when the client stopped at its page cap */
  private total = 0;
  private selectedId: string | null = null;

  constructor(
    private readonly api: PlanbookApi,
    private readonly onOpen: (planId: string) => void,
    /** a five-year plan's 规划实施监测, inserted straight from the list */
    private readonly onMonitor: (query: TableQuery) => void = () => {},
  ) {
    for (const id of ["filter-region", "filter-kind", "filter-period"]) byId(id).addEventListener("change", () => this.render());
  }

  async load(): Promise<void> {
    const response = await this.api.plans();
    this.all = response.plans;
    this.total = response.total;
    this.fillFilter("filter-region", "全部地区", this.all.map((p) => p.region ?? ""), (v) => v || "未识别地区");
    this.fillFilter("filter-kind", "全部类型", this.all.map((p) => p.kind), kindLabel);
    this.fillFilter("filter-period", "全部时期", this.all.map((p) => p.period.label), (v) => v);
    this.render();
  }

  markSelected(planId: string): void {
    this.selectedId = planId;
    this.render();
  }

  /** 插入实施监测 on a five-year plan with a known region: the plan beside its years' reports, without opening the preview */
  private monitorButton(plan: PlanSummary): HTMLElement | null {
    const query = monitoringQuery(plan);
    if (!query) return null;
    const button = el("button", { class: "pb-link", "data-action": "insert-monitoring", title: "把这份规划的各项指标与各年的报告、统计公报对照，插入为一个 Excel 表格" }, "插入实施监测");
    markWriteButton(button, false);
    // the list item opens the preview on click and Enter: the button's own click must not
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      this.onMonitor(query);
    });
    button.addEventListener("keydown", (event) => event.stopPropagation());
    return el("div", { class: "pb-row pb-plan-actions" }, button);
  }

  private fillFilter(id: string, allLabel: string, values: string[], label: (value: string) => string): void {
    const select = byId<HTMLSelectElement>(id);
    const current = select.value;
    const distinct = [...new Set(values)].sort((a, b) => a.localeCompare(b, "zh-CN"));
    replaceChildren(select, option("*", allLabel), ...distinct.map((v) => option(v, label(v), v === current)));
  }

  private render(): void {
    const region = byId<HTMLSelectElement>("filter-region").value;
    const kind = byId<HTMLSelectElement>("filter-kind").value;
    const period = byId<HTMLSelectElement>("filter-period").value;
    const shown = this.all.filter(
      (p) =>
        (region === "*" || !region || (p.region ?? "") === region) &&
        (kind === "*" || !kind || p.kind === kind) &&
        (period === "*" || !period || p.period.label === period),
    );
    const list = byId("plan-list");
    // The filters work on the plans fetched; when those are not all of them, say so rather than pretend.
    const partial = this.all.length < this.total ? el("li", { class: "pb-meta", id: "plan-list-partial" }, planListNote(this.all.length, this.total)) : null;
    if (shown.length === 0) {
      replaceChildren(list, partial, el("li", {}, this.all.length ? "没有符合条件的规划。" : "规划库里还没有文件。"));
      return;
    }
    replaceChildren(
      list,
      partial,
      ...shown.map((plan) => {
        const item = el(
          "li",
          { class: `pb-clickable${plan.id === this.selectedId ? " pb-selected" : ""}`, "data-plan-id": plan.id, tabindex: "0" },
          el("div", {}, plan.title),
          el("div", { class: "pb-meta" }, planLine(plan)),
          el("div", { class: "pb-meta" }, planCounts(plan)),
          this.monitorButton(plan),
        );
        item.addEventListener("click", () => this.onOpen(plan.id));
        item.addEventListener("keydown", (event) => event.key === "Enter" && this.onOpen(plan.id));
        return item;
      }),
    );
  }
}

/** Shown above the list when the client stopped at its page cap (addin/api/client.ts): the clerk is told, not misled. */
export function planListNote(shown: number, total: number): string {
  return `显示前 ${shown} 个，共 ${total} 个。`;
}
