/** The little DOM help the pane needs; no framework, so the bundle stays small for slow office networks. */

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "class") node.className = String(value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`task pane markup lacks #${id}`);
  return node as T;
}

export function replaceChildren(parent: HTMLElement, ...children: Child[]): void {
  parent.textContent = "";
  for (const child of children) if (child) parent.append(typeof child === "string" ? document.createTextNode(child) : child);
}

export function option(value: string, label: string, selected = false): HTMLOptionElement {
  const node = el("option", { value }, label);
  node.selected = selected;
  return node;
}
