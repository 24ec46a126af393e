import type { Project, ProjectGroup } from "../../model";
import type { Paragraph } from "../paragraphs";
import { squeezeSpaces } from "../paragraphs";
import { nameDetails, readProjectList } from "./split";
import { indexOutside } from "./text";

/** "（一）公路" inside a box: a heading over the groups below it, kept as a prefix of their names */
const NESTED_HEADING = /^[（(][一二三四五六七八九十]{1,3}[）)]\s*([^，。；：:、\s]{1,16})$/u;

/** how a group or an item is numbered in a list: "1.", "2、", "（3）", "④", "（一）" — a place in the list, not part of its name */
const LIST_NUMBER = /^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|[（(][一二三四五六七八九十]{1,3}[）)])\s*/u;

export function withoutListNumber(text: string): string {
  return text.replace(LIST_NUMBER, "");
}

export function opensWithListNumber(text: string): boolean {
  return LIST_NUMBER.test(text);
}

export interface GroupHead {
  name: string;
  rest: string;
}

/** `小标题：list` or `小标题。list`: a short head with no punctuation of its own, then the list. */
export function splitGroupHead(text: string): GroupHead | null {
  const t = text.replace(/\*\*/g, "");
  const at = indexOutside(t, "：:。");
  if (at < 1 || at > 40) return null;
  const name = withoutListNumber(squeezeSpaces(t.slice(0, at)).trim());
  const rest = t.slice(at + 1).trim();
  if (name.length < 2 || name.length > 24 || /[，,、；;]/u.test(name) || !rest) return null;
  return { name, rest };
}

export function nestedHeading(text: string): string | null {
  const m = NESTED_HEADING.exec(text.trim());
  return m ? m[1] : null;
}

function toProjects(text: string, line: number): Project[] {
  return readProjectList(text).map(({ name, content }) => (content ? { name, content, ...nameDetails(name), line } : { name, ...nameDetails(name), line }));
}

/** Collects a box's groups paragraph by paragraph; `accept` says whether a paragraph still belongs to the box. */
export class GroupCollector {
  readonly groups: ProjectGroup[] = [];
  private prefix: string | null = null;
  /** a group opened by a heading of its own ("（一）重大交通项目" over numbered items), taking the plain paragraphs after it */
  private open: ProjectGroup | null = null;

  /** A nested heading ("（一）公路") that introduces the groups after it. */
  setPrefix(name: string): void {
    this.prefix = name;
    this.open = null;
  }

  /** A nested heading whose items follow as plain paragraphs: the heading names their group. */
  openGroup(name: string): void {
    this.open = { name, projects: [] };
    this.groups.push(this.open);
  }

  /** Takes a paragraph when it belongs to the box; false means the box has ended. */
  accept(p: Paragraph): boolean {
    const head = splitGroupHead(p.text);
    if (head) {
      this.open = null;
      const name = this.prefix ? `${this.prefix}/${head.name}` : head.name;
      this.groups.push({ name, projects: toProjects(head.rest, p.start) });
      return true;
    }
    if (this.open) {
      const projects = toProjects(withoutListNumber(p.text), p.start);
      this.open.projects.push(...projects);
      return projects.length > 0;
    }
    // a plain list with no head: the whole box when it comes first, or more of an unnamed list
    const last = this.groups[this.groups.length - 1];
    if (this.groups.length === 0 || (last && last.name === null)) {
      const projects = toProjects(p.text, p.start);
      if (projects.length === 0) return false;
      if (last && last.name === null) last.projects.push(...projects);
      else this.groups.push({ name: null, projects });
      return true;
    }
    return false;
  }
}
