/**
 * Edit distance with adjacent transpositions (optimal string alignment), bounded: identifiers and
 * e-mail users only need to know "one edit, two edits, or more", so the work stops once the distance
 * is past the bound. A transposed pair of digits (1234 → 1243) is one edit, as a person makes it.
 */

const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The edit distance of a and b, or max + 1 when it is more than `max`. Allocation-free for b up to 63 characters. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) > max ? max + 1 : Math.max(n, m);
  const buffers = m < 64 ? rows : [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let before = buffers[0]!;
  let previous = buffers[1]!;
  let current = buffers[2]!;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMinimum = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    // Rotate the three rows without allocating (this runs once per character per compared pair).
    const reused = before;
    before = previous;
    previous = current;
    current = reused;
  }
  const distance = previous[m]!;
  return distance > max ? max + 1 : distance;
}
