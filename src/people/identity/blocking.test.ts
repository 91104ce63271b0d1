import { describe, expect, it } from 'vitest';
import { type BlockingRule, candidatePairChunks, candidatePairs, planBlocking } from './blocking.ts';
import { CandidateIndex } from './candidate-index.ts';
import { blockingCoverage } from './metrics.ts';
import { prepareRecord } from './prepare.ts';
import { makeTestData } from './test-data.ts';
import { trainModel } from './train.ts';

const data = makeTestData({ seed: 21, people: 1500 });
const records = data.records.map((record) => prepareRecord(record));

describe('candidatePairs', () => {
  it('finds at least 99% of true pairs despite typos, nicknames, swaps, moves and gaps', () => {
    const coverage = blockingCoverage(data.truth, candidatePairs(records));
    expect(coverage.truePairs).toBeGreaterThan(1000);
    expect(coverage.coverage).toBeGreaterThanOrEqual(0.99);
    // ...while comparing a tiny share of all pairs.
    const n = records.length;
    expect(coverage.candidatePairs).toBeLessThan((n * (n - 1)) / 2 / 50);
  });

  it('yields each pair once, smaller index first', () => {
    const seen = new Set<number>();
    let misordered = 0;
    let repeated = 0;
    for (const [i, j] of candidatePairs(records)) {
      if (i >= j) misordered++;
      const key = i * records.length + j;
      if (seen.has(key)) repeated++;
      seen.add(key);
    }
    expect({ misordered, repeated }).toEqual({ misordered: 0, repeated: 0 });
  });

  it('yields, in order, every pair of a block not already in a block of an earlier rule (by key hash)', () => {
    // The definition, spelt out on the plan's key hashes; the generator reads block numbers instead.
    const plan = planBlocking(records, { maxBlockSize: 40 });
    const expected: number[] = [];
    plan.rules.forEach((_, r) => {
      const order = plan.orders[r]!;
      const starts = plan.starts[r]!;
      for (let b = 0; b + 1 < starts.length; b++) {
        for (let p = starts[b]!; p < starts[b + 1]! - 1; p++) {
          for (let q = p + 1; q < starts[b + 1]!; q++) {
            const i = order[p]!;
            const j = order[q]!;
            if (!plan.keys.slice(0, r).some((keys) => keys[i] === keys[j])) expected.push(i, j);
          }
        }
      }
    });
    const actual: number[] = [];
    for (const chunk of candidatePairChunks(plan, 777)) {
      for (let k = 0; k < chunk.length; k++) actual.push(chunk.left[k]!, chunk.right[k]!);
    }
    expect(expected.length).toBeGreaterThan(2000);
    expect(actual).toEqual(expected);
  });

  it('streams in chunks of the requested size', () => {
    const plan = planBlocking(records);
    const sizes = [...candidatePairChunks(plan, 1000)].map((chunk) => chunk.length);
    expect(sizes.slice(0, -1).every((size) => size === 1000)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe([...candidatePairs(records)].length);
  });

  it('sub-blocks oversized blocks, skips what is still too big, and reports both', () => {
    const crowd = Array.from({ length: 60 }, (_, i) =>
      prepareRecord({
        id: `c${i}`,
        firstName: i < 30 ? 'Amy' : `Zed${String.fromCharCode(65 + (i % 26))}`,
        surname: 'Smith',
      }),
    );
    const rule: BlockingRule = {
      name: 'surname',
      key: (r) => r.surname,
      refine: (r) => r.forename,
    };
    const plan = planBlocking(crowd, { rules: [rule], maxBlockSize: 20 });
    expect(plan.report.oversized).toEqual([
      { rule: 'surname', key: 'SMITH', size: 60, outcome: 'sub-blocked' },
      { rule: 'surname', key: 'SMITH / AMY', size: 30, outcome: 'skipped' },
    ]);
    // Only the ZED* records remain, in blocks of two or three by forename.
    const pairs = [...candidatePairChunks(plan)].reduce((total, chunk) => total + chunk.length, 0);
    expect(pairs).toBeGreaterThan(0);
    expect(pairs).toBeLessThan(60);
    const unrefinable = planBlocking(crowd, {
      rules: [{ name: 'surname only', key: (r) => r.surname }],
      maxBlockSize: 20,
    });
    expect(unrefinable.report.oversized[0]).toMatchObject({ outcome: 'skipped', size: 60 });
    expect([...candidatePairChunks(unrefinable)]).toEqual([]);
  });
});

describe('pair budgets and refinements in turn', () => {
  const letter = (n: number) => String.fromCharCode(65 + n);
  // 120 Smiths: 40 named Amy (20 born in 1990, 20 in 1991) and 40 pairs of others sharing a forename.
  const smiths = Array.from({ length: 120 }, (_, i) =>
    prepareRecord({
      id: `s${i}`,
      firstName: i < 40 ? 'Amy' : `Zed${letter((i - 40) % 20)}${letter(Math.floor((i - 40) / 40))}`,
      surname: 'Smith',
      dob: i < 40 ? `${1990 + (i % 2)}-01-01` : null,
    }),
  );
  const pairBudget = { perRecord: 2, atLeast: 0 };
  const rule: BlockingRule = {
    name: 'surname',
    key: (r) => r.surname,
    refine: [(r) => r.forename, (r) => (r.dobYear === 0 ? null : String(r.dobYear))],
  };

  it('splits by each refinement in turn while a part is still too big', () => {
    const plan = planBlocking(smiths, { rules: [rule], maxBlockSize: 30 });
    expect(plan.report.oversized).toEqual([
      { rule: 'surname', key: 'SMITH', size: 120, outcome: 'sub-blocked' },
      { rule: 'surname', key: 'SMITH / AMY', size: 40, outcome: 'sub-blocked' },
    ]);
    // Two blocks of 20 Amys by year, and the 40 pairs of others.
    expect(plan.report.rules[0]).toMatchObject({ cap: 30, pairs: 2 * ((20 * 19) / 2) + 40 });
  });

  it("lowers a rule's cap until its pairs fit the budget per record", () => {
    const whole = planBlocking(smiths, { rules: [rule], pairBudget: null });
    expect(whole.report.rules[0]).toMatchObject({ cap: 1000, pairs: (120 * 119) / 2 });
    const budgeted = planBlocking(smiths, { rules: [rule], pairBudget });
    const statistics = budgeted.report.rules[0]!;
    expect(statistics.pairs).toBeLessThanOrEqual(2 * smiths.length);
    expect(statistics.cap).toBeLessThan(20);
    expect(budgeted.report.oversized.map((block) => block.key)).toContain('SMITH / AMY / 1990');
    // A budget of at least so many pairs leaves small data alone.
    const floored = planBlocking(smiths, { rules: [rule], pairBudget: { perRecord: 2, atLeast: 10_000 } });
    expect(floored.report.rules[0]).toMatchObject({ cap: 1000, pairs: (120 * 119) / 2 });
  });

  it('gives the index the same blocks as batch blocking', () => {
    const options = { rules: [rule], pairBudget };
    const index = new CandidateIndex(smiths, options);
    const partners = new Map<number, Set<number>>(smiths.map((_, i) => [i, new Set<number>()]));
    for (const chunk of candidatePairChunks(planBlocking(smiths, options))) {
      for (let k = 0; k < chunk.length; k++) {
        partners.get(chunk.left[k]!)!.add(chunk.right[k]!);
        partners.get(chunk.right[k]!)!.add(chunk.left[k]!);
      }
    }
    smiths.forEach((record, i) => {
      const found = new Set(index.candidates(record));
      found.delete(i);
      expect(found).toEqual(partners.get(i));
    });
  });
});

describe('CandidateIndex', () => {
  const index = new CandidateIndex(records);

  it('returns, for every record, the same partners as batch blocking', () => {
    const partners = new Map<number, Set<number>>();
    for (const [i, j] of candidatePairs(records)) {
      if (!partners.has(i)) partners.set(i, new Set());
      if (!partners.has(j)) partners.set(j, new Set());
      partners.get(i)!.add(j);
      partners.get(j)!.add(i);
    }
    for (let i = 0; i < records.length; i += 7) {
      const found = new Set(index.candidates(records[i]!));
      found.delete(i);
      expect(found).toEqual(partners.get(i) ?? new Set());
    }
  });

  it('finds a person from a fresh, misspelt query and ranks the right records first', () => {
    const model = trainModel({ records, seed: 1, maxRandomPairs: 30_000 });
    const person = data.people[0]!;
    const query = {
      id: 'query',
      firstName: `${person.firstName}x`,
      surname: person.surname,
      dob: person.dob,
    };
    const results = index.search(model, query, { limit: 3 });
    expect(results.length).toBeGreaterThan(0);
    expect(data.truth[results[0]!.index]).toBe(person.personId);
    expect(index.candidateIds(query)).toContain(results[0]!.id);
  });

  it('returns nothing for a query with no usable values', () => {
    expect(index.candidates({ id: 'empty' })).toEqual([]);
  });
});
