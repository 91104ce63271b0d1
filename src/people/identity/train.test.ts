import { describe, expect, it } from 'vitest';
import { nhsCheckDigit } from '../nhs-number.ts';
import { FIELDS } from './comparisons.ts';
import {
  compileModel,
  explain,
  MODEL_VERSION,
  ModelFormatError,
  parseModel,
  scorePair,
  serialiseModel,
} from './model.ts';
import { prepareRecord } from './prepare.ts';
import { makeTestData } from './test-data.ts';
import { estimateUProbabilities, trainModel } from './train.ts';

const data = makeTestData({ seed: 11, people: 800 });
const records = data.records.map((record) => prepareRecord(record));
const model = trainModel({
  records,
  seed: 3,
  maxRandomPairs: 60_000,
  trainedAt: new Date('2025-01-02T03:04:05Z'),
});
const fieldIndex = (name: (typeof FIELDS)[number]) => FIELDS.indexOf(name);
const m = (field: (typeof FIELDS)[number], level: number) =>
  model.parameters.fields[fieldIndex(field)]!.levels[level]!.m;

describe('trainModel', () => {
  it('converges with a log-likelihood that never decreases', () => {
    const { sessions } = model.parameters.training;
    expect(sessions.map((session) => session.rule)).toEqual(['date of birth', 'forename + surname']);
    for (const { logLikelihoods, converged, iterations } of sessions) {
      expect(converged).toBe(true);
      expect(iterations).toBeLessThan(100);
      expect(logLikelihoods.length).toBeGreaterThan(2);
      for (let i = 1; i < logLikelihoods.length; i++) {
        const previous = logLikelihoods[i - 1]!;
        expect(logLikelihoods[i]!).toBeGreaterThanOrEqual(previous - 1e-9 * Math.abs(previous));
      }
    }
  });

  it('learns m-probabilities that fit the known truth', () => {
    // The share of true pairs (both dates known) whose dates of birth agree exactly, counted directly.
    let agree = 0;
    let known = 0;
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        if (data.truth[i] !== data.truth[j] || records[i]!.dob === null || records[j]!.dob === null) continue;
        known++;
        if (records[i]!.dob === records[j]!.dob) agree++;
      }
    }
    expect(m('dob', 0)).toBeGreaterThan(0.4);
    // EM on blocked pairs is biased by errors that come together in one record; observed gap ≈ 0.11.
    expect(Math.abs(m('dob', 0) - agree / known)).toBeLessThan(0.15);
    expect(m('nhsNumber', 0)).toBeGreaterThan(0.95);
    expect(m('gender', 0)).toBeGreaterThan(0.95);
    expect(m('surname', 5)).toBeLessThan(0.3);
  });

  it('estimates λ near the true share of matching pairs', () => {
    const sizes = new Map<string, number>();
    for (const label of data.truth) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    let truePairs = 0;
    for (const size of sizes.values()) truePairs += (size * (size - 1)) / 2;
    const n = records.length;
    const trueLambda = truePairs / ((n * (n - 1)) / 2);
    expect(model.parameters.lambda / trueLambda).toBeGreaterThan(0.6);
    expect(model.parameters.lambda / trueLambda).toBeLessThan(1.6);
  });

  it('estimates u-probabilities from random pairs, reproducibly for a seed', () => {
    const first = estimateUProbabilities(records, 5, 20_000);
    expect(estimateUProbabilities(records, 5, 20_000)).toEqual(first);
    expect(estimateUProbabilities(records, 6, 20_000)).not.toEqual(first);
    // Two random people rarely share a date of birth.
    expect(first.u[fieldIndex('dob')]![0]!).toBeLessThan(0.01);
    for (const row of first.u) expect(row.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 9);
  });

  it('scores true duplicates high and strangers low', () => {
    const index = new Map<string, number[]>();
    data.truth.forEach((label, i) => {
      index.set(label, [...(index.get(label) ?? []), i]);
    });
    const pair = [...index.values()].find((members) => members.length > 1)!;
    expect(scorePair(model, records[pair[0]!]!, records[pair[1]!]!).matchProbability).toBeGreaterThan(0.9);
    const stranger = scorePair(
      model,
      { id: 'a', firstName: 'Amelia', surname: 'Hargreaves', dob: '1990-01-01', postcode: 'PR1 2AB' },
      { id: 'b', firstName: 'Omar', surname: 'Patel', dob: '2005-06-07', postcode: 'LA1 1AA' },
    );
    expect(stranger.matchProbability).toBeLessThan(0.001);
  });
});

describe('term frequency adjustment', () => {
  it('gives an exact match on a rare surname more weight than on a common one', () => {
    const person = (surname: string) => ({ id: surname, firstName: 'Jessica', surname, dob: '2008-03-14' });
    const common = explain(model, person('Smith'), person('Smith'));
    const surnameCounts = model.parameters.termFrequencies.surname.counts;
    const rare = explain(model, person('Zeferelli'), person('Zeferelli'));
    expect(surnameCounts.SMITH).toBeGreaterThan(5);
    const weightOf = (e: typeof common) => e.fields.find((f) => f.field === 'surname')!.matchWeight;
    expect(weightOf(rare)).toBeGreaterThan(weightOf(common));
    expect(rare.totalWeight).toBeGreaterThan(common.totalWeight);
  });
});

describe('explain', () => {
  const a = { id: 'a', firstName: 'Jess', surname: 'Hargreaves', dob: '2008-03-14', postcode: 'PR1 2AB' };
  const b = { id: 'b', firstName: 'Jessica', surname: 'Hargreaves', dob: '2008-03-14', postcode: 'PR1 2XY' };

  it('accounts for the whole score, field by field', () => {
    const explanation = explain(model, a, b);
    const sum = explanation.priorWeight + explanation.fields.reduce((total, f) => total + f.matchWeight, 0);
    expect(explanation.totalWeight).toBeCloseTo(sum, 9);
    expect(explanation.totalWeight).toBeCloseTo(scorePair(model, a, b).matchWeight, 9);
    expect(explanation.fields.map((f) => f.field)).toEqual([...FIELDS]);
    expect(explanation.fields[0]).toMatchObject({ field: 'forename', level: 'nickname or variant' });
    expect(explanation.fields[3]).toMatchObject({ field: 'postcode', level: 'sector' });
    expect(explanation.matchProbability).toBeGreaterThan(0);
    expect(explanation.matchProbability).toBeLessThan(1);
  });

  it('gives missing values a weight of zero: they neither help nor hurt', () => {
    const explanation = explain(model, a, b);
    const nhs = explanation.fields.find((f) => f.field === 'nhsNumber')!;
    expect(nhs).toMatchObject({ level: 'missing', matchWeight: 0 });
    const withOneSideKnown = explain(model, { ...a, nhsNumber: '9434765919', email: 'x@example.org' }, b);
    expect(withOneSideKnown.totalWeight).toBeCloseTo(explanation.totalWeight, 12);
    const withInvalidValues = explain(model, { ...a, dob: '2008-02-31' }, { ...b, dob: 'unknown' });
    expect(withInvalidValues.fields[2]).toMatchObject({ level: 'missing', matchWeight: 0 });
  });
});

describe('model serialisation', () => {
  it('round-trips through JSON', () => {
    const text = serialiseModel(model);
    const parsed = JSON.parse(text);
    expect(parsed.version).toBe(MODEL_VERSION);
    expect(parsed.trainedAt).toBe('2025-01-02T03:04:05.000Z');
    const restored = parseModel(text);
    expect(restored.parameters).toEqual(model.parameters);
    const pair = [records[0]!, records[1]!] as const;
    expect(scorePair(restored, ...pair).matchWeight).toBe(scorePair(model, ...pair).matchWeight);
  });

  it('rejects what it cannot use, saying why', () => {
    const good = JSON.parse(serialiseModel(model));
    expect(() => parseModel('{')).toThrow(ModelFormatError);
    expect(() => parseModel(JSON.stringify({ ...good, version: 99 }))).toThrow(/version 99 is not supported/);
    expect(() => parseModel(JSON.stringify({ ...good, lambda: 2 }))).toThrow(/lambda/);
    expect(() => parseModel(JSON.stringify({ ...good, trainedAt: 'soon' }))).toThrow(/trainedAt/);
    const renamed = structuredClone(good);
    renamed.fields[2].levels[0].label = 'same day';
    expect(() => parseModel(JSON.stringify(renamed))).toThrow(/dob level 0 must be "exact"/);
  });
});

describe('the registry’s hard rule on NHS numbers', () => {
  /** Two valid NHS numbers that differ in exactly two digits (no single slip joins two valid ones). */
  function nearMissNhsNumbers(): [string, string] {
    const nine = '943476591';
    const check = nhsCheckDigit(nine)!;
    for (let p = 0; p < 9; p++) {
      for (let q = p + 1; q < 9; q++) {
        for (let x = 0; x < 10; x++) {
          for (let y = 0; y < 10; y++) {
            if (String(x) === nine[p] || String(y) === nine[q]) continue;
            const other = `${nine.slice(0, p)}${x}${nine.slice(p + 1, q)}${y}${nine.slice(q + 1)}`;
            if (nhsCheckDigit(other) === check) return [`${nine}${check}`, `${other}${check}`];
          }
        }
      }
    }
    throw new Error('no near-miss NHS number found');
  }

  it('never auto-links two different valid NHS numbers, however close', () => {
    const [first, second] = nearMissNhsNumbers();
    const person = { firstName: 'Jessica', surname: 'Hargreaves', dob: '2008-03-14', postcode: 'PR1 2AB' };
    const a = { id: 'a', ...person, nhsNumber: first, email: 'jess.h@example.org' };
    const close = { id: 'b', ...person, nhsNumber: second, email: 'jess.h@example.org' };
    const far = { id: 'c', ...person, nhsNumber: '4010232137', email: 'jess.h@example.org' };
    expect(explain(model, a, close).fields[4]!.level).not.toBe('different');
    expect(model.hardRules).toBe(true);
    // The near miss weighs exactly as a wholly different number, and neither reaches auto-link: however
    // much else agrees, the pair is at most for review.
    expect(scorePair(model, a, close).matchWeight).toBe(scorePair(model, a, far).matchWeight);
    expect(scorePair(model, a, close).matchProbability).toBe(0.5);
    expect(explain(model, a, close).matchProbability).toBe(0.5);
    // Without the registry's hard rules (the CSV tool) the other evidence counts in full.
    const generic = compileModel(model.parameters, { hardRules: false });
    expect(scorePair(generic, a, far).matchProbability).toBeGreaterThan(0.5);
  });
});
