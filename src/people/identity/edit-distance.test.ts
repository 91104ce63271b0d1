import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from './edit-distance.ts';

describe('boundedEditDistance', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions as one edit each', () => {
    expect(boundedEditDistance('1234567', '1234567', 2)).toBe(0);
    expect(boundedEditDistance('1234567', '1234517', 2)).toBe(1);
    expect(boundedEditDistance('1234567', '1243567', 2)).toBe(1);
    expect(boundedEditDistance('1234567', '123567', 2)).toBe(1);
    expect(boundedEditDistance('jane.hall', 'jane.hal', 2)).toBe(1);
    expect(boundedEditDistance('1234567', '2134576', 2)).toBe(2);
    expect(boundedEditDistance('1234567', '7654321', 2)).toBe(3);
    expect(boundedEditDistance('', 'ab', 2)).toBe(2);
  });

  it('is symmetric and never more than the bound plus one', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'acb', 'xyz', '9434765919', '9434765991', '4934765919'];
    for (const a of words) {
      for (const b of words) {
        const d = boundedEditDistance(a, b, 2);
        expect(d).toBe(boundedEditDistance(b, a, 2));
        expect(d).toBeLessThanOrEqual(3);
      }
    }
  });
});
