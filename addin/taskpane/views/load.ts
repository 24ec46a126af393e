/**
 * Every part of the pane that waits on the service goes through here: it shows what it is doing,
 * and when the request fails (the client's timeout makes sure it does) it shows why, in Chinese,
 * with a 重试 button that runs the same step again. So no part of the pane can stay on "正在…".
 */
import { describeError } from "../actions";
import { el, replaceChildren } from "../dom";

export interface LoadOptions {
  /** shown while waiting, e.g. "正在读取规划…" */
  loading: string;
  /** also told of a failure (the status line, the connection pill) */
  onError?: (error: unknown) => void;
}

/** Fills `container` with what `load` returns; on failure, with the reason and a 重试 button. Resolves either way. */
export async function loadInto(container: HTMLElement, options: LoadOptions, load: () => Promise<Array<Node | null>>): Promise<boolean> {
  container.dataset.state = "loading";
  replaceChildren(container, el("p", { class: "pb-loading" }, options.loading));
  try {
    const nodes = await load();
    replaceChildren(container, ...nodes);
    container.dataset.state = "ready";
    return true;
  } catch (error) {
    const retry = el("button", { class: "pb-button", "data-action": "retry" }, "重试");
    retry.addEventListener("click", () => void loadInto(container, options, load));
    replaceChildren(container, errorBlock(describeError(error), retry));
    container.dataset.state = "error";
    options.onError?.(error);
    return false;
  }
}

export function errorBlock(message: string, ...actions: HTMLElement[]): HTMLElement {
  return el("div", { class: "pb-error-block", role: "alert" }, el("p", {}, message), el("div", { class: "pb-row" }, ...actions));
}
