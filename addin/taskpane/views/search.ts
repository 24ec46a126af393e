/**
 * The 搜索 tab: indicators or projects across every plan, best first. Each indicator hit shows where
 * it is (region · period · table) and what it holds (unit, target with its year, 年均/累计, 属性);
 * it can be inserted as its table, as that one value, or compared across plans.
 */
import type { SearchHit } from "../../../generator/model";
import type { PlanbookApi } from "../../api/client";
import { KIND_LABELS } from "../../excel/grids";
import type { TableQuery } from "../../excel/provenance";
import { byId, el } from "../dom";
import { markWriteButton } from "../gate";
import { loadInto } from "./load";

export interface SearchActions {
  openPlan(planId: string): void;
  compare(indicator: string): void;
  insert(query: TableQuery): void;
  /** one figure: a live =PLANBOOK.VALUE where Excel has custom functions, else a one-row table */
  insertValue(hit: SearchHit): void;
  fail(error: unknown): void;
}

export function hitPlace(hit: SearchHit): string {
  return [hit.region ?? "未识别地区", hit.period.label, hit.context].join(" · ");
}

/** "单位 % · 目标 65（2025年） · 年均/累计 [4] 累计 · 预期性" */
export function hitValues(hit: SearchHit): string {
  const row = hit.indicator;
  if (!row) return "";
  const parts: string[] = [];
  if (row.unit) parts.push(`单位 ${row.unit}`);
  if (row.baseline) parts.push(`基期 ${row.baseline.raw}${row.baseYear ? `（${row.baseYear}年）` : ""}`);
  if (row.target) parts.push(`目标 ${row.target.raw}${row.targetYear ? `（${row.targetYear}年）` : ""}`);
  if (row.rate) parts.push(`年均/累计 ${row.rate.raw}${row.rate.kind !== "level" ? ` ${KIND_LABELS[row.rate.kind]}` : ""}`);
  if (row.attribute) parts.push(row.attribute);
  if (row.role === "review") parts.push("上期规划完成情况表");
  return parts.join(" · ");
}

export class SearchView {
  constructor(
    private readonly api: PlanbookApi,
    private readonly actions: SearchActions,
  ) {
    byId<HTMLFormElement>("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.run();
    });
  }

  async run(): Promise<void> {
    const q = byId<HTMLInputElement>("search-q").value.trim();
    const type = byId<HTMLSelectElement>("search-type").value as "indicator" | "project";
    const list = byId("search-results");
    if (!q) {
      list.textContent = "";
      list.append(el("li", {}, "请输入要找的指标或项目名称。"));
      return;
    }
    await loadInto(list, { loading: "正在搜索…", onError: this.actions.fail }, async () => {
      const response = await this.api.search(q, type);
      if (response.results.length === 0) return [el("li", {}, `没有找到与“${q}”有关的${type === "indicator" ? "指标" : "项目"}。`)];
      return response.results.map((hit) => this.hitItem(hit));
    });
  }

  private hitItem(hit: SearchHit): HTMLElement {
    const link = (action: string, label: string, onClick: () => void, writes: boolean) => {
      const button = el("button", { class: "pb-link", "data-action": action }, label);
      if (writes) markWriteButton(button, false);
      button.addEventListener("click", onClick);
      return button;
    };
    const buttons: HTMLElement[] = [link("open", "查看规划", () => this.actions.openPlan(hit.planId), false)];
    if (hit.type === "indicator") {
      buttons.push(
        link("insert-table", "插入所在指标表", () => this.actions.insert({ kind: "indicators", planId: hit.planId, table: hit.context, layout: "table" }), true),
        link("insert-value", "插入此值", () => this.actions.insertValue(hit), true),
        link("compare", "跨规划对比", () => this.actions.compare(hit.name), true),
      );
    }
    return el(
      "li",
      { "data-plan-id": hit.planId, "data-hit-type": hit.type },
      el("div", {}, hit.name),
      el("div", { class: "pb-meta" }, hitPlace(hit)),
      hit.indicator ? el("div", { class: "pb-hit-values" }, hitValues(hit)) : null,
      el("div", { class: "pb-row" }, ...buttons),
    );
  }
}
