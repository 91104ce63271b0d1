import { describe, expect, it } from 'vitest';
import { cluster, UnionFind } from './cluster.ts';
import { blockingCoverage, pairwiseMetrics } from './metrics.ts';

describe('cluster', () => {
  it('links pairs at or above the threshold into connected components', () => {
    const ids = cluster(
      6,
      [
        { left: 0, right: 1, matchProbability: 0.99 },
        { left: 1, right: 2, matchProbability: 0.9 },
        { left: 3, right: 4, matchProbability: 0.5 },
        { left: 4, right: 5, matchProbability: 0.95 },
      ],
      0.9,
    );
    expect(Array.from(ids)).toEqual([0, 0, 0, 1, 2, 2]);
  });

  it('numbers clusters by first member whatever the order of unions', () => {
    const a = new UnionFind(5);
    a.union(4, 3);
    a.union(0, 2);
    const b = new UnionFind(5);
    b.union(2, 0);
    b.union(3, 4);
    expect(Array.from(a.clusterIds())).toEqual([0, 1, 0, 2, 2]);
    expect(Array.from(b.clusterIds())).toEqual(Array.from(a.clusterIds()));
  });
});

describe('pairwiseMetrics', () => {
  it('counts pairs within clusters', () => {
    // Truth: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}.
    const metrics = pairwiseMetrics([7, 7, 8, 8, 8], ['a', 'a', 'a', 'b', 'b']);
    expect(metrics).toMatchObject({
      truePairs: 4,
      predictedPairs: 4,
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 2,
    });
    expect(metrics.precision).toBe(0.5);
    expect(metrics.recall).toBe(0.5);
    expect(metrics.f1).toBe(0.5);
  });

  it('scores a perfect clustering 1 and handles no pairs at all', () => {
    expect(pairwiseMetrics([1, 1, 2], ['x', 'x', 'y']).f1).toBe(1);
    expect(pairwiseMetrics([1, 2, 3], ['x', 'y', 'z'])).toMatchObject({ precision: 1, recall: 1 });
    expect(() => pairwiseMetrics([1], [])).toThrow(RangeError);
  });
});

describe('blockingCoverage', () => {
  it('is the share of true pairs among the candidates', () => {
    const coverage = blockingCoverage(
      ['a', 'a', 'a', 'b'],
      [
        [0, 1],
        [1, 3],
      ],
    );
    expect(coverage).toEqual({ truePairs: 3, truePairsFound: 1, candidatePairs: 2, coverage: 1 / 3 });
  });
});
