/**
 * How many lines cover each step of a width: each line's spans (in steps, within 0…width) merged,
 * so a line counts once however many runs it has, through a difference array. Where the count
 * drops, columns part: a page's two columns, a table's cells printed without rules.
 */
export function lineCoverage(lines: Iterable<Array<readonly [number, number]>>, width: number): Int32Array {
  const diff = new Int32Array(width + 2);
  for (const line of lines) {
    if (!line.length) continue;
    const spans = line.sort((p, q) => p[0] - q[0]);
    let [a, b] = spans[0];
    for (let k = 1; k < spans.length; k++) {
      const [x1, x2] = spans[k];
      if (x1 <= b + 1) b = Math.max(b, x2);
      else {
        diff[a]++;
        diff[b + 1]--;
        [a, b] = [x1, x2];
      }
    }
    diff[a]++;
    diff[b + 1]--;
  }
  const cover = new Int32Array(width + 1);
  for (let x = 0, run = 0; x <= width; x++) cover[x] = run += diff[x];
  return cover;
}
