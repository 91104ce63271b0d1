import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import { parseMapOption, resolveColumns, rowToRecord } from './column-map.ts';
import { compareIdentifier } from './comparisons.ts';
import {
  australianRecords,
  fakePeople,
  historicalPeople,
  ID_COLUMN,
  type LabelledSet,
} from './hard-test-data.ts';
import { compileModel, pairMatchWeight } from './model.ts';
import { PairScorer } from './pair-scorer.ts';
import { prepareRecord } from './prepare.ts';
import type { PreparedRecord } from './record.ts';
import { differingDigits, packDigits, packedIdentifierLevel } from './record-columns.ts';
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

/** A labelled set's rows as the CSV tool prepares them (every real date; no plausibility range). */
function prepared(set: LabelledSet): PreparedRecord[] {
  const columns = resolveColumns(set.header, ID_COLUMN, parseMapOption(set.map));
  return set.rows.map((row) => prepareRecord(rowToRecord(row, columns), [], { dateOfBirthRange: null }));
}

describe('PairScorer on other people’s data', () => {
  // Scores before and after the batch scorer compared fields as numbers are the same: pairMatchWeight
  // (comparisons.ts, unchanged) is the definition, and every candidate pair of these sets is held to it,
  // with hard rules on and off: e-mail, towns, 17th-century dates, impossible days, identifier slips.
  it.each([
    ['fake people', () => fakePeople(11)],
    ['Australian-style', () => australianRecords(12, 600)],
    ['historical', () => historicalPeople(13, 600)],
  ])('%s: exactly the weights of pairMatchWeight', (_name, make) => {
    const set = prepared(make());
    const trained = trainModel({ records: set, seed: 1, maxRandomPairs: 20_000 });
    for (const hardRules of [true, false]) {
      const model = compileModel(trained.parameters, { hardRules });
      const scorer = new PairScorer(model, set, 64);
      let compared = 0;
      let sum = 0;
      for (const [i, j] of candidatePairs(set)) {
        const weight = scorer.weight(i, j);
        expect(weight).toBe(pairMatchWeight(model, set[i]!, set[j]!));
        sum += weight;
        compared++;
      }
      expect(compared).toBeGreaterThan(1000);
      expect(Number.isFinite(sum)).toBe(true);
    }
  });
});

describe('packed digits', () => {
  it('counts differing digits of dates and levels ten-digit identifiers as compareIdentifier does', () => {
    expect(differingDigits(packDigits('1985-03-07'), packDigits('1985-03-07'))).toBe(0);
    expect(differingDigits(packDigits('1985-03-07'), packDigits('1958-03-07'))).toBe(2);
    expect(differingDigits(packDigits('9999-12-31'), packDigits('0001-01-01'))).toBe(7);
    expect(differingDigits(packDigits('1985-03-07'), packDigits('1985-03-08'))).toBe(1);
    const numbers = [
      '9434765919',
      '9434765918',
      '4934765919',
      '9434756919',
      '9434765991',
      '1234567890',
      '9434765000',
    ];
    for (const x of numbers) {
      for (const y of numbers) {
        if (x === y) continue;
        const packed = packedIdentifierLevel(
          packDigits(x, 0, 5),
          packDigits(x, 5),
          packDigits(y, 0, 5),
          packDigits(y, 5),
        );
        expect(packed).toBe(compareIdentifier(x, y));
      }
    }
  });
});
