/**
 * Jaro–Winkler similarity. Called for millions of candidate pairs, so it reuses two module-level
 * flag buffers instead of allocating per call, and works on char codes.
 */

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

function ensureCapacity(length: number): void {
  if (matchedA.length >= length) return;
  const size = Math.max(length, matchedA.length * 2);
  matchedA = new Uint8Array(size);
  matchedB = new Uint8Array(size);
}

/** Jaro similarity in [0, 1]; 1 exactly when the strings are equal (two empty strings count as equal). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  ensureCapacity(Math.max(lenA, lenB));
  matchedA.fill(0, 0, lenA);
  matchedB.fill(0, 0, lenB);
  const window = Math.max(0, (Math.max(lenA, lenB) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < lenA; i++) {
    const code = a.charCodeAt(i);
    const from = Math.max(0, i - window);
    const to = Math.min(lenB - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let k = 0;
  for (let i = 0; i < lenA; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const transpositions = halfTranspositions >> 1;
  const similarity = (matches / lenA + matches / lenB + (matches - transpositions) / matches) / 3;
  // Different strings can reach a computed 1 only through rounding; keep "1 iff equal" exact.
  return similarity >= 1 ? 1 - Number.EPSILON : similarity;
}

/**
 * Jaro–Winkler: Jaro boosted by a common prefix of up to four characters (scaling 0.1), which suits
 * names, where typing errors tend to come late.
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 1) return 1;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  const similarity = j + prefix * 0.1 * (1 - j);
  return similarity >= 1 ? 1 - Number.EPSILON : similarity;
}
