/**
 * A plan's preview: its indicator tables (unit, base and target values, 属性), project boxes with
 * counts and groups, targets — and the insert buttons, so the clerk sees what will land in the sheet.
 */
import type { IndicatorsResponse, PlanResponse } from "../../../generator/model";
import type { PlanbookApi } from "../../api/client";
import type { TableQuery } from "../../excel/provenance";
import { byId, el, option, replaceChildren } from "../dom";
import { markWriteButton } from "../gate";
import { planCounts, planLine, quantityText } from "./format";

const PREVIEW_ROWS = 200;

export class PreviewView {
  private plan: PlanResponse | null = null;
  private indicators: IndicatorsResponse | null = null;

  constructor(
    private readonly api: PlanbookApi,
    private readonly insert: (query: TableQuery) => void,
  ) {}

  /** After a refresh the library may hold a newer revision: show that one. */
  async reload(): Promise<void> {
    if (this.plan) await this.open(this.plan.plan.id);
  }

  async open(planId: string): Promise<void> {
    const section = byId("preview");
    section.hidden = false;
    replaceChildren(section, el("p", {}, "正在读取规划…"));
    const [plan, indicators] = await Promise.all([this.api.plan(planId), this.api.indicators(planId)]);
    this.plan = plan;
    this.indicators = indicators;
    this.render();
  }

  private render(): void {
    const plan = this.plan;
    const indicators = this.indicators;
    if (!plan || !indicators) return;
    const summary = plan.plan;
    const section = byId("preview");
    replaceChildren(
      section,
      el("h2", { id: "preview-title" }, summary.title),
      el("div", { class: "pb-meta" }, planLine(summary)),
      el("div", { class: "pb-meta" }, planCounts(summary)),
      ...this.indicatorPart(indicators),
      ...this.projectPart(plan),
      el("h3", {}, `目标任务（${summary.targetCount} 条）`),
      this.button("insert-targets", "插入目标任务", summary.targetCount === 0, () => this.insert({ kind: "targets", planId: summary.id })),
      plan.warnings.length ? el("div", { class: "pb-meta" }, `解析提示 ${plan.warnings.length} 条：${plan.warnings.slice(0, 3).map((w) => w.message).join("；")}`) : null,
    );
    section.scrollIntoView?.({ block: "start" });
  }

  private indicatorPart(response: IndicatorsResponse): Node[] {
    const tableSelect = el("select", { id: "indicator-table" });
    replaceChildren(
      tableSelect,
      option("", `全部指标表（${response.tables.length} 张）`),
      ...response.tables.map((t) => option(t.title, `${t.title}（${t.role === "review" ? "上期完成" : "规划目标"}，${t.indicators.length} 项）`)),
    );
    const body = el("tbody");
    const fill = () => {
      const chosen = response.tables.filter((t) => !tableSelect.value || t.title === tableSelect.value);
      const rows = chosen.flatMap((t) => t.indicators.map((i) => ({ i, t })));
      replaceChildren(
        body,
        ...rows.slice(0, PREVIEW_ROWS).map(({ i, t }) =>
          el(
            "tr",
            {},
            el("td", {}, i.name),
            el("td", {}, i.unit ?? ""),
            el("td", { class: "pb-num", title: t.baseYear ? `${t.baseYear}年` : "" }, quantityText(i.baseline)),
            el("td", { class: "pb-num", title: t.targetYear ? `${t.targetYear}年` : "" }, quantityText(i.target)),
            el("td", {}, i.attribute ?? ""),
          ),
        ),
        rows.length > PREVIEW_ROWS ? el("tr", {}, el("td", { colspan: "5" }, `……共 ${rows.length} 项，插入时全部写入`)) : null,
      );
    };
    tableSelect.addEventListener("change", fill);
    fill();
    const years = response.tables[0];
    const table = el(
      "table",
      { id: "indicator-preview" },
      el(
        "thead",
        {},
        el("tr", {}, el("th", {}, "指标"), el("th", {}, "单位"), el("th", {}, years?.baseYear ? `基期（${years.baseYear}）` : "基期"), el("th", {}, years?.targetYear ? `目标（${years.targetYear}）` : "目标"), el("th", {}, "属性")),
      ),
      body,
    );
    const count = response.tables.reduce((n, t) => n + t.indicators.length, 0);
    return [
      el("h3", {}, `主要指标（${count} 项）`),
      response.tables.length ? el("div", { class: "pb-row" }, tableSelect) : el("div", { class: "pb-meta" }, "这份文件里没有识别出指标表。"),
      response.tables.length ? el("div", { class: "pb-scroll" }, table) : null,
      this.button("insert-indicators", "插入指标表", count === 0, () =>
        this.insert({ kind: "indicators", planId: response.plan.id, ...(tableSelect.value ? { table: tableSelect.value } : {}) }),
      ),
    ].filter((n): n is HTMLElement => n !== null);
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
      this.button("insert-projects", "插入项目清单", plan.plan.projectCount === 0, () => {
        const query: TableQuery = { kind: "projects", planId: plan.plan.id };
        if (boxSelect.value) query.box = boxSelect.value;
        if (groupSelect.value) query.group = groupSelect.value;
        if (keyword.value.trim()) query.keyword = keyword.value.trim();
        this.insert(query);
      }),
    ];
  }

  private button(id: string, label: string, disabled: boolean, onClick: () => void): HTMLElement {
    const button = el("button", { id, class: "pb-button pb-primary" }, label);
    markWriteButton(button, disabled);
    button.addEventListener("click", onClick);
    return el("div", { class: "pb-row" }, button);
  }
}
