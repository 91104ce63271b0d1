/**
 * The CSV tool's default auto-link threshold, chosen from the data without labels (decision 0030).
 *
 * A trained Fellegi–Sunter model gives every scored pair a match probability p. Taking the model at its
 * word, linking every pair with p ≥ t is expected to find Σ p (over those pairs) true pairs among the
 * n(t) it links, out of Σ p over all pairs scored: expected precision Σ p / n(t), expected recall
 * Σ p / Σ p(all), and expected F1 2 Σ p / (n(t) + Σ p(all)). The threshold of the highest expected F1
 * among the candidates is chosen. Only candidates at even odds or above are considered: below 0.5 the
 * model itself says a link is more likely wrong than right. The registry never uses this: it keeps
 * MATCH_THRESHOLDS.autoLink and its hard rules.
 */
import { probabilityToWeight } from './model.ts';
import { EVALUATION_THRESHOLDS, MATCH_THRESHOLDS } from './thresholds.ts';

/** Thresholds the CSV tool chooses among: the evaluation curve's, from even odds up. */
export const CHOOSABLE_THRESHOLDS: readonly number[] = Object.freeze(
  EVALUATION_THRESHOLDS.filter((threshold) => threshold >= MATCH_THRESHOLDS.review),
);

export interface ThresholdChoice {
  threshold: number;
  /** What the model expects at that threshold, pairwise over the pairs scored. */
  expectedPrecision: number;
  expectedRecall: number;
  expectedF1: number;
  /** Pairs the chooser saw (every candidate pair scored). */
  pairs: number;
}

/** Collects the match weights of scored pairs and chooses the threshold of best expected F1. */
export class ExpectedF1Threshold {
  private readonly weights: Float64Array;
  /** Per candidate threshold: pairs at or above it but below the next one, and their summed p. */
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  /** Pairs and summed p below the lowest candidate (they count towards expected true pairs only). */
  private belowCount = 0;
  private belowSum = 0;

  constructor(private readonly candidates: readonly number[] = CHOOSABLE_THRESHOLDS) {
    if (candidates.length === 0) throw new RangeError('no candidate thresholds');
    for (let i = 1; i < candidates.length; i++) {
      if (!(candidates[i]! > candidates[i - 1]!)) throw new RangeError('candidates must ascend');
    }
    this.weights = Float64Array.from(candidates, probabilityToWeight);
    this.counts = new Float64Array(candidates.length);
    this.sums = new Float64Array(candidates.length);
  }

  /** The lowest threshold that can be chosen. */
  get lowest(): number {
    return this.candidates[0]!;
  }

  /** Adds one scored pair by its match weight (log2 odds). */
  add(weight: number): void {
    const odds = 2 ** weight;
    const probability = Number.isFinite(odds) ? odds / (1 + odds) : 1;
    const weights = this.weights;
    let bucket = -1;
    // Few candidates, and most pairs fall below the lowest: a linear scan from the top is cheapest.
    for (let i = weights.length - 1; i >= 0; i--) {
      if (weight >= weights[i]!) {
        bucket = i;
        break;
      }
    }
    if (bucket < 0) {
      this.belowCount++;
      this.belowSum += probability;
    } else {
      this.counts[bucket]!++;
      this.sums[bucket]! += probability;
    }
  }

  /** The candidate of highest expected F1 (the higher threshold on a tie), or null with no pairs. */
  choose(): ThresholdChoice | null {
    let expectedTrue = this.belowSum;
    let pairs = this.belowCount;
    for (let i = 0; i < this.candidates.length; i++) {
      expectedTrue += this.sums[i]!;
      pairs += this.counts[i]!;
    }
    if (pairs === 0 || expectedTrue === 0) return null;
    let best: ThresholdChoice | null = null;
    let linked = 0;
    let expectedLinkedTrue = 0;
    // From the top down, so each threshold's linked pairs are the running sums.
    for (let i = this.candidates.length - 1; i >= 0; i--) {
      linked += this.counts[i]!;
      expectedLinkedTrue += this.sums[i]!;
      const expectedF1 = (2 * expectedLinkedTrue) / (linked + expectedTrue);
      if (best === null || expectedF1 > best.expectedF1) {
        best = {
          threshold: this.candidates[i]!,
          expectedPrecision: linked === 0 ? 1 : expectedLinkedTrue / linked,
          expectedRecall: expectedLinkedTrue / expectedTrue,
          expectedF1,
          pairs,
        };
      }
    }
    return best;
  }
}
