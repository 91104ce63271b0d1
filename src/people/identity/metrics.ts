/**
 * Pairwise evaluation against known truth. A "pair" is two records in the same cluster; precision
 * is the share of predicted pairs that are true, recall the share of true pairs predicted.
 * Computed from cluster sizes, so no pairs are enumerated.
 */

export interface PairwiseMetrics {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

type ClusterLabel = string | number;

function pairsWithin(sizes: Iterable<number>): number {
  let total = 0;
  for (const size of sizes) total += (size * (size - 1)) / 2;
  return total;
}

function countBy<T>(items: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/**
 * Pairwise precision, recall and F1 of `predicted` cluster labels against `truth` labels (same
 * order, one per record). With no predicted pairs precision is 1; with no true pairs recall is 1.
 */
export function pairwiseMetrics(
  predicted: ArrayLike<ClusterLabel>,
  truth: ArrayLike<ClusterLabel>,
): PairwiseMetrics {
  if (predicted.length !== truth.length) {
    throw new RangeError(`predicted has ${predicted.length} labels but truth has ${truth.length}`);
  }
  const indices = Array.from({ length: predicted.length }, (_, i) => i);
  const predictedPairs = pairsWithin(countBy(indices.map((i) => predicted[i]!)).values());
  const truePairs = pairsWithin(countBy(indices.map((i) => truth[i]!)).values());
  // A NUL joins the labels: it does not occur in record ids.
  const truePositives = pairsWithin(countBy(indices.map((i) => `${predicted[i]}\u0000${truth[i]}`)).values());
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return {
    truePairs,
    predictedPairs,
    truePositives,
    falsePositives: predictedPairs - truePositives,
    falseNegatives: truePairs - truePositives,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** Counts true pairs among candidate pairs as they stream past; see blockingCoverage. */
export class CoverageCounter {
  private found = 0;
  candidatePairs = 0;

  constructor(private readonly truth: ArrayLike<ClusterLabel>) {}

  add(left: number, right: number): void {
    this.candidatePairs++;
    if (this.truth[left] === this.truth[right]) this.found++;
  }

  result(): BlockingCoverage {
    const truePairs = pairsWithin(countBy(Array.from(this.truth)).values());
    return {
      truePairs,
      truePairsFound: this.found,
      candidatePairs: this.candidatePairs,
      coverage: truePairs === 0 ? 1 : this.found / truePairs,
    };
  }
}

export interface BlockingCoverage {
  truePairs: number;
  truePairsFound: number;
  candidatePairs: number;
  /** Share of true pairs that blocking put forward for comparison (blocking's recall ceiling). */
  coverage: number;
}

/** The share of true pairs among `pairs` (each candidate pair once, as blocking yields them). */
export function blockingCoverage(
  truth: ArrayLike<ClusterLabel>,
  pairs: Iterable<readonly [number, number]>,
): BlockingCoverage {
  const counter = new CoverageCounter(truth);
  for (const [left, right] of pairs) counter.add(left, right);
  return counter.result();
}
