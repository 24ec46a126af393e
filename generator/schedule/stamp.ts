/**
 * The generated-at stamp the renderer writes into a workbook ("生成时间 2025-01-25 00:00:00 UTC")
 * differs on every run by design. only_if_changed compares what the report says, so the stamp is
 * replaced by a marker before hashing — the rest of the cell ("共 12 个项目 · 生成于 …") still counts.
 */
import { beijingTime } from "../render/values";
import { dateAndTimeIn } from "./naming";

const MARKER = "«generated-at»";

export interface StampScrubber {
  text(value: string): string;
  isStampDate(value: Date): boolean;
}

export function stampScrubber(generatedAt: Date, timeZone: string): StampScrubber {
  // longest first, so "… 08:00:00" is replaced whole rather than leaving its ":00" behind
  const spellings = stampSpellings(generatedAt, timeZone).sort((a, b) => b.length - a.length);
  return {
    text: (value) => spellings.reduce((text, s) => text.split(s).join(MARKER), value),
    isStampDate: (value) => Math.abs(value.getTime() - generatedAt.getTime()) < 1000,
  };
}

/** The ways a timestamp is commonly printed: ISO (UTC), and date + time on the job's clock and in UTC. */
function stampSpellings(at: Date, timeZone: string): string[] {
  const iso = at.toISOString();
  // and the way the built-in templates print it: "2025年1月25日 08:00" (Beijing time)
  const spellings = new Set([iso, iso.slice(0, 19), iso.slice(0, 16), beijingTime(at)]);
  for (const zone of [timeZone, "UTC"]) {
    const { date, time } = dateAndTimeIn(zone, at);
    const hhmmss = `${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`;
    for (const clock of [hhmmss, hhmmss.slice(0, 5)]) {
      spellings.add(`${date} ${clock}`);
      spellings.add(`${date}T${clock}`);
    }
  }
  return [...spellings];
}
