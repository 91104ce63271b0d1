import { describe, expect, it } from 'vitest';
import { createRng, weightedOrder } from './random.ts';

describe('seeded random', () => {
  it('gives the same sequence for the same seed and salt, and a different one otherwise', () => {
    const a = createRng(1, 'x');
    const b = createRng(1, 'x');
    const c = createRng(1, 'y');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps draws inside their ranges', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const n = rng.next();
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
      const k = rng.int(3, 5);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(5);
    }
  });

  it('follows weights roughly and never picks a zero weight', () => {
    const rng = createRng(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 4000; i++)
      counts[
        rng.weighted([
          ['a', 3],
          ['b', 1],
          ['never', 0],
        ] as const)
      ]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.4);
    expect(counts.a / counts.b).toBeLessThan(3.6);
  });

  it('orders heavier items first more often', () => {
    const rng = createRng(5);
    let heavyFirst = 0;
    for (let i = 0; i < 500; i++)
      if (weightedOrder(rng, ['light', 'heavy'], (x) => (x === 'heavy' ? 9 : 1))[0] === 'heavy') heavyFirst++;
    expect(heavyFirst).toBeGreaterThan(400);
  });
});
