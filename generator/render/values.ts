/**
 * How a value reads in a workbook: a number a clerk can sum when the document printed a plain
 * number, else the text as printed; in a comparison, one form for every plan (7 and 7% both read 7
 * under the row's unit %), with the kind of value named.
 */
import type { Quantity, ValueKind } from "../model";

export { effectiveUnit } from "../model";

export type Display = number | string | null;

const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** `7.5` → 7.5; `7左右`, `[5.4]`, `>95` → the text as printed. */
export function displayQuantity(q: Quantity | null | undefined): Display {
  if (!q) return null;
  // "60.1*": the flag is the row's (its 说明 says 标记 *), the figure a plain number
  const figure = q.raw.trim().replace(/[※▲*＊△]+$/u, "");
  if (q.value !== null && !q.cumulative && (q.comparator === "=" || q.comparator === null) && !q.parts && q.upper == null && PLAIN_NUMBER.test(figure)) return q.value;
  return q.raw || null;
}

export function numberOf(q: Quantity | null | undefined): number | null {
  return q?.value ?? null;
}

/** The kind of a value as a clerk names it. */
export const KIND_LABELS: Record<ValueKind, string> = {
  level: "水平值",
  rate: "年增速",
  cumulative: "累计变化",
  text: "文字",
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * One form for a figure under a row that states the unit: "7%" and "7" both read 7; "5.5万人以上"
 * reads ≥5.5, "6左右" ≈6 as "6左右", a range "10-20", a cumulative "[4]"; words stay as printed.
 * `value` is the figure in the row's unit (converted where the row's unit differs).
 */
export function comparableForm(q: Quantity | null, value: number | null): Display {
  if (!q) return null;
  if (q.value === null || value === null) return q.raw;
  if (q.parts) return q.parts.map((p) => `${p.subject ? `${p.subject} ` : ""}${p.raw}`).join("；");
  const factor = q.value !== 0 ? value / q.value : 1;
  let text = q.upper != null ? `${round(value)}-${round(q.upper * factor)}` : String(round(value));
  switch (q.comparator) {
    case "≈":
      text += "左右";
      break;
    case "≥":
    case ">":
    case "≤":
    case "<":
      text = q.comparator + text;
      break;
  }
  if (q.kind === "cumulative") text = `[${text}]`;
  return text === String(round(value)) ? round(value) : text;
}

/** "2026年1月1日 08:00" in Beijing time (China keeps no summer time: UTC+8 all year). */
export function beijingTime(date: Date): string {
  const t = new Date(date.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** 序号 "12" is the number 12 (no green triangle in Excel); "3-1" or "（一）" stays text. */
export function seqValue(seq: string | null): Display {
  if (seq === null) return null;
  return /^\d{1,6}$/.test(seq.trim()) ? Number(seq.trim()) : seq;
}
