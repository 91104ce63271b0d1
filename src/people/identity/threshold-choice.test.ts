import { describe, expect, it } from 'vitest';
import { probabilityToWeight } from './model.ts';
import { CHOOSABLE_THRESHOLDS, ExpectedF1Threshold } from './threshold-choice.ts';

describe('ExpectedF1Threshold', () => {
  it('chooses among the evaluation thresholds from even odds up', () => {
    expect(CHOOSABLE_THRESHOLDS[0]).toBe(0.5);
    expect(CHOOSABLE_THRESHOLDS.at(-1)).toBe(0.999);
    expect(CHOOSABLE_THRESHOLDS).toContain(0.99);
  });

  it('gives null with no pairs', () => {
    expect(new ExpectedF1Threshold().choose()).toBeNull();
  });

  it('computes expected precision, recall and F1 from the pairs’ own probabilities', () => {
    const chooser = new ExpectedF1Threshold([0.5, 0.9]);
    // Two pairs at p = 0.95, two at p = 0.6, four at p = 0.1 (below every candidate).
    for (const p of [0.95, 0.95, 0.6, 0.6, 0.1, 0.1, 0.1, 0.1]) chooser.add(probabilityToWeight(p));
    const expectedTrue = 0.95 * 2 + 0.6 * 2 + 0.1 * 4;
    // At 0.9: 2 linked, 1.9 expected true. At 0.5: 4 linked, 3.1 expected true.
    const f1At09 = (2 * 1.9) / (2 + expectedTrue);
    const f1At05 = (2 * 3.1) / (4 + expectedTrue);
    expect(f1At05).toBeGreaterThan(f1At09);
    const choice = chooser.choose()!;
    expect(choice.threshold).toBe(0.5);
    expect(choice.pairs).toBe(8);
    expect(choice.expectedF1).toBeCloseTo(f1At05, 12);
    expect(choice.expectedPrecision).toBeCloseTo(3.1 / 4, 12);
    expect(choice.expectedRecall).toBeCloseTo(3.1 / expectedTrue, 12);
  });

  it('prefers the higher threshold when pairs between them are unlikely matches', () => {
    const chooser = new ExpectedF1Threshold([0.3, 0.9]);
    for (let i = 0; i < 10; i++) chooser.add(probabilityToWeight(0.999));
    for (let i = 0; i < 10; i++) chooser.add(probabilityToWeight(0.35));
    // At 0.3 ten more links bring 3.5 expected true pairs and 6.5 false: expected F1 falls (0.81 < 0.85).
    expect(chooser.choose()!.threshold).toBe(0.9);
  });

  it('on a tie takes the higher threshold, and a pair exactly at a threshold counts as linked there', () => {
    const chooser = new ExpectedF1Threshold([0.5, 0.9]);
    chooser.add(probabilityToWeight(0.9));
    expect(chooser.choose()!.threshold).toBe(0.9);
    expect(chooser.choose()!.expectedPrecision).toBeCloseTo(0.9, 12);
  });

  it('refuses candidates that do not ascend', () => {
    expect(() => new ExpectedF1Threshold([0.9, 0.5])).toThrow(RangeError);
    expect(() => new ExpectedF1Threshold([])).toThrow(RangeError);
  });
});
