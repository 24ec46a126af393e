/**
 * One way every benchmark states a figure: what was measured, beside the baseline measured in the
 * same run, the target it is held to, and whether it met it. `npm run bench` ends with the tally.
 */

export interface Figure {
  /** what was measured: "parse, .txt seeds" */
  name: string;
  value: number;
  /** "MB/s", "s", "MB", "×", "req/s", "ms" */
  unit: string;
  /** the figure it is compared with, measured in the same run */
  baseline?: { name: string; value: number; unit: string };
  /** the goal in words ("≥ 30 MB/s", "≤ 3× the baseline") and whether the figure meets it */
  target: string;
  met: boolean;
  /** digits after the point (default: 2 below 10, 1 below 1000, else 0) */
  digits?: number;
}

const results: Figure[] = [];

function format(value: number, digits?: number): string {
  const d = digits ?? (Math.abs(value) < 10 ? 2 : Math.abs(value) < 1000 ? 1 : 0);
  return value.toFixed(d);
}

/** Prints one figure as a line: `name  value unit   baseline …   target …   met|MISSED`. */
export function report(f: Figure): void {
  results.push(f);
  const value = `${format(f.value, f.digits)} ${f.unit}`;
  const baseline = f.baseline ? `   baseline ${f.baseline.name}: ${format(f.baseline.value, f.digits)} ${f.baseline.unit}` : "";
  console.log(`${f.name.padEnd(44)} ${value.padStart(14)}${baseline}   target ${f.target}   ${f.met ? "met" : "MISSED"}`);
}

/** Every figure reported so far in this process. */
export function reported(): readonly Figure[] {
  return results;
}

/** Seconds taken by fn (awaited). */
export async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
