/** The 搜索 tab: indicators or projects across every plan; a hit opens its plan or compares an indicator. */
import type { PlanbookApi } from "../../api/client";
import { kindLabel } from "../../excel/grids";
import { byId, el, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";

export interface SearchActions {
  openPlan(planId: string): void;
  compare(indicator: string): void;
  fail(error: unknown): void;
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
      replaceChildren(list, el("li", {}, "请输入要找的指标或项目名称。"));
      return;
    }
    replaceChildren(list, el("li", {}, "正在搜索…"));
    try {
      const response = await this.api.search(q, type);
      if (response.results.length === 0) {
        replaceChildren(list, el("li", {}, `没有找到与“${q}”有关的${type === "indicator" ? "指标" : "项目"}。`));
        return;
      }
      replaceChildren(
        list,
        ...response.results.map((hit) => {
          const open = el("button", { class: "pb-link", "data-action": "open" }, "查看规划");
          open.addEventListener("click", () => this.actions.openPlan(hit.planId));
          const compare = hit.type === "indicator" ? el("button", { class: "pb-link", "data-action": "compare" }, "跨规划对比") : null;
          if (compare) {
            markWriteButton(compare, false); // a comparison is inserted into the sheet at once
            compare.addEventListener("click", () => this.actions.compare(hit.name));
          }
          return el(
            "li",
            { "data-plan-id": hit.planId, "data-hit-type": hit.type },
            el("div", {}, hit.name),
            el("div", { class: "pb-meta" }, `${hit.region ?? "未识别地区"} · ${hit.period.label} · ${kindLabel(hit.kind)} · ${hit.context}`),
            el("div", { class: "pb-row" }, open, compare),
          );
        }),
      );
    } catch (error) {
      replaceChildren(list);
      this.actions.fail(error);
    }
  }
}
