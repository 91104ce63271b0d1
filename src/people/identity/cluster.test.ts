import { describe, expect, it } from 'vitest';
import { cluster, conflicting, constrainedClusters, LinkList, UnionFind } from './cluster.ts';
import { blockingCoverage, pairwiseMetrics } from './metrics.ts';
import { prepareRecord } from './prepare.ts';

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

describe('constrainedClusters', () => {
  const person = (id: string, nhsNumber: string | null, dob: string | null) =>
    prepareRecord({ id, firstName: 'Jess', surname: 'Hall', nhsNumber, dob });

  it('refuses a chain of links that would join two NHS numbers or far-apart dates of birth', () => {
    const records = [
      person('a', '9434765919', '2010-03-14'),
      person('b', null, '2010-03-14'),
      person('c', '4010232137', '2010-03-14'),
      person('d', null, '2013-08-01'),
      person('e', null, '2010-14-03'.replace('14-03', '03-14')),
    ];
    const links = new LinkList();
    links.add(0, 1, 20); // a–b strong
    links.add(1, 2, 8); // b–c weaker: would put two NHS numbers together
    links.add(1, 3, 7); // b–d: dates of birth two years apart
    links.add(0, 4, 9);
    const result = constrainedClusters(records, links, 5);
    expect(Array.from(result.clusterIds)).toEqual([0, 0, 1, 2, 0]);
    expect(result.refused).toBe(2);
    // Below the threshold nothing is linked.
    expect(Array.from(constrainedClusters(records, links, 25).clusterIds)).toEqual([0, 1, 2, 3, 4]);
  });

  it('without hard rules, joins conflicting records when the evidence says so', () => {
    const records = [person('a', '9434765919', '2010-03-14'), person('b', '4010232137', '2010-03-14')];
    const links = new LinkList();
    links.add(0, 1, 12);
    expect(Array.from(constrainedClusters(records, links, 5).clusterIds)).toEqual([0, 1]);
    expect(Array.from(constrainedClusters(records, links, 5, { hardRules: false }).clusterIds)).toEqual([
      0, 0,
    ]);
  });

  it('with linkage, does not chain two people together through one link', () => {
    // a–b and c–d are strong pairs; b–c is one link above the threshold, but a and d, a and c, b and d
    // are strongly different: the two pairs stay two clusters.
    const records = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, null, null));
    const strong = new Set(['0|1', '2|3', '1|2', '3|4', '2|4']);
    const weightOf = (left: number, right: number) =>
      strong.has(`${Math.min(left, right)}|${Math.max(left, right)}`) ? 20 : -20;
    const links = new LinkList();
    links.add(0, 1, 20);
    links.add(2, 3, 19);
    links.add(1, 2, 10);
    const linked = constrainedClusters(records, links, 5, { hardRules: false, weightOf });
    expect(Array.from(linked.clusterIds)).toEqual([0, 0, 1, 1, 2]);
    expect(linked.refused).toBe(1);
    // Plain strongest-first linking chains them.
    expect(Array.from(constrainedClusters(records, links, 5, { hardRules: false }).clusterIds)).toEqual([
      0, 0, 0, 0, 1,
    ]);
    // A record that links to most of a cluster joins it (e links to c and d).
    links.add(3, 4, 8);
    expect(
      Array.from(constrainedClusters(records, links, 5, { hardRules: false, weightOf }).clusterIds),
    ).toEqual([0, 0, 1, 1, 1]);
  });

  it('allows swapped day and month and missing values', () => {
    expect(conflicting(person('a', null, '2010-03-04'), person('b', null, '2010-04-03'))).toBe(false);
    expect(conflicting(person('a', null, null), person('b', '9434765919', '1990-01-01'))).toBe(false);
    expect(conflicting(person('a', '9434765919', null), person('b', '4010232137', null))).toBe(true);
    // Slips stay compatible: a year out with a day out, a wrong digit in the year.
    expect(conflicting(person('a', null, '1989-05-26'), person('b', null, '1990-05-27'))).toBe(false);
    expect(conflicting(person('a', null, '2010-05-26'), person('b', null, '2016-05-26'))).toBe(false);
    expect(conflicting(person('a', null, '2010-03-14'), person('b', null, '2013-07-22'))).toBe(true);
  });

  it('grows its link list past the initial capacity and orders strongest first', () => {
    const links = new LinkList();
    for (let k = 0; k < 3000; k++) links.add(k, k + 1, k % 7);
    expect(links.length).toBe(3000);
    const order = links.orderFrom(5);
    expect(order.length).toBe([...Array(3000).keys()].filter((k) => k % 7 >= 5).length);
    expect(links.weight[order[0]!]).toBe(6);
    expect(links.weight[order.at(-1)!]).toBe(5);
  });
});
