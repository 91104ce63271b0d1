import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import { pairMatchWeight } from './model.ts';
import { PairScorer } from './pair-scorer.ts';
import { prepareRecord } from './prepare.ts';
import { makeTestData } from './test-data.ts';
import { trainModel } from './train.ts';

const data = makeTestData({ seed: 33, people: 800 });
const records = [
  ...data.records,
  // Names swapped, and names missing: levels the table must not answer for.
  { id: 'swap-a', firstName: 'Jones', surname: 'Megan', dob: '2010-01-02' },
  { id: 'swap-b', firstName: 'Megan', surname: 'Jones', dob: '2010-01-02' },
  { id: 'no-forename', surname: 'Jones', dob: '2010-01-02' },
  { id: 'no-surname', firstName: 'Megan', dob: '2010-01-02' },
].map((record) => prepareRecord(record));
const model = trainModel({ records, seed: 1, maxRandomPairs: 20_000 });

describe('PairScorer', () => {
  it('gives exactly the weights of pairMatchWeight, names in the table or not', () => {
    // A table of 40 names leaves most names out of it; the default holds them all.
    for (const scorer of [new PairScorer(model, records), new PairScorer(model, records, 40)]) {
      let compared = 0;
      for (const [i, j] of candidatePairs(records)) {
        expect(scorer.weight(i, j)).toBe(pairMatchWeight(model, records[i]!, records[j]!));
        // And again, now that the pair of names is in the table, the other way round.
        expect(scorer.weight(j, i)).toBe(pairMatchWeight(model, records[j]!, records[i]!));
        compared++;
      }
      expect(compared).toBeGreaterThan(1000);
      const n = records.length;
      for (let i = n - 4; i < n; i++) {
        for (let j = n - 4; j < n; j++) {
          if (i !== j) expect(scorer.weight(i, j)).toBe(pairMatchWeight(model, records[i]!, records[j]!));
        }
      }
    }
  });
});
