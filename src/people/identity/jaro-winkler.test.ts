import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './jaro-winkler.ts';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('', 'A')).toBe(0);
  });

  it('stays within [0, 1] and is 1 exactly for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const similarity = jaroWinkler(a, b);
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
        expect(similarity === 1).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it('is 1 for a string compared with itself, including long ones that outgrow the buffers', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (a) => jaroWinkler(a, a) === 1));
  });

  it('is symmetric for names', () => {
    const name = fc.stringMatching(/^[A-E]{0,8}$/);
    fc.assert(
      fc.property(name, name, (a, b) => Math.abs(jaro(a, b) - jaro(b, a)) < 1e-12),
      { numRuns: 2000 },
    );
  });
});
