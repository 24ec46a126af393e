import type { ProjectBox } from "../../model";
import { squeezeSpaces } from "../paragraphs";

export interface Caption {
  /** "专栏 5-1" (spacing normalised) or "专栏" */
  label: string;
  title: string;
}

/**
 * "专栏 3-1:title", "专栏2-2 title", "专栏 5：title", "专栏：title", "专栏3-1title". The title is a
 * short line without a sentence's full stop; anything longer is prose that mentions a box.
 */
const CAPTION = /^专栏\s*([0-9０-９]{1,2}(?:\s*[-－—–]\s*[0-9０-９]{1,2})?)?\s*[:：.．、]?\s*(.*)$/u;

export function matchCaption(text: string): Caption | null {
  // every paragraph of a document with boxes is asked: most start with neither 专 nor a ** mark
  const lead = text.trimStart().charCodeAt(0);
  if (lead !== 0x4e13 && lead !== 0x2a) return null;
  const t = text.trim().replace(/\*\*/g, "");
  if (!t.startsWith("专栏") || t.length > 60) return null;
  const m = CAPTION.exec(t);
  if (!m) return null;
  const title = squeezeSpaces(m[2]).trim();
  if (/[。；]/u.test(title)) return null;
  const number = m[1] ? toHalfWidth(m[1]).replace(/\s+/g, "").replace(/[－—–]/g, "-") : "";
  // a box mentioned in prose ("专栏中所列项目…") is not a caption: a caption has a number or a separator
  if (!number && !/^专栏\s*[:：]/u.test(t)) return null;
  return { label: number ? `专栏 ${number}` : "专栏", title };
}

function toHalfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * What a box holds, from its title: the indicator table; named projects or works; or a layout of
 * parks, areas and industry directions.
 */
export function boxKind(title: string, holdsIndicatorTable: boolean): ProjectBox["kind"] {
  if (holdsIndicatorTable || /主要指标|指标体系|指标$/u.test(title)) return "indicators";
  if (/项目|工程|建设/u.test(title)) return "projects";
  return "layout";
}
