/**
 * Levels of pairs of names outside the scorer's tables (pair-scorer.ts), keyed by the two name ids, in an
 * open-addressing table of typed arrays. A Map keyed by idA × names + idB boxed every key above 2^31 as a
 * heap number, and at a million records held millions of entries for the garbage collector to trace: a
 * profile of the 1,000,000-record run put a sixth of scoring in that Map and the collection it caused.
 */

/** What `get` answers for a pair not (yet) in the table. */
export const UNKNOWN_LEVEL = -2;

const EMPTY = -1;

export class NamePairLevels {
  private first = new Int32Array(1024).fill(EMPTY);
  private second = new Int32Array(1024);
  private levels = new Int8Array(1024);
  private count = 0;

  /** Keeps at most `limit` pairs; later pairs are not kept (their level is computed each time). */
  constructor(private readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  /** The level kept for names x and y (either order), or UNKNOWN_LEVEL. */
  get(x: number, y: number): number {
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const mask = this.first.length - 1;
    for (let slot = slotOf(lo, hi, mask); ; slot = (slot + 1) & mask) {
      const key = this.first[slot]!;
      if (key === EMPTY) return UNKNOWN_LEVEL;
      if (key === lo && this.second[slot] === hi) return this.levels[slot]!;
    }
  }

  /** Keeps the level of names x and y, not already kept, while there is room. */
  set(x: number, y: number, level: number): void {
    if (this.count >= this.limit) return;
    // At most half full, so that probes stay short.
    if (2 * (this.count + 1) > this.first.length) this.grow();
    this.put(x < y ? x : y, x < y ? y : x, level);
    this.count++;
  }

  private put(lo: number, hi: number, level: number): void {
    const mask = this.first.length - 1;
    let slot = slotOf(lo, hi, mask);
    while (this.first[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.first[slot] = lo;
    this.second[slot] = hi;
    this.levels[slot] = level;
  }

  private grow(): void {
    const { first, second, levels } = this;
    this.first = new Int32Array(first.length * 2).fill(EMPTY);
    this.second = new Int32Array(first.length * 2);
    this.levels = new Int8Array(first.length * 2);
    for (let slot = 0; slot < first.length; slot++) {
      if (first[slot] !== EMPTY) this.put(first[slot]!, second[slot]!, levels[slot]!);
    }
  }
}

function slotOf(lo: number, hi: number, mask: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h & mask;
}
