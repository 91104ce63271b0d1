import { describe, expect, it } from 'vitest';
import { FIELDS } from './comparisons.ts';
import { parseModel, serialiseModel } from './model.ts';
import { makeTestData } from './test-data.ts';
import { trainOnRecords } from './train.ts';

/** The labels each changed field had in version 1. */
const VERSION_1_LABELS: Record<string, string[]> = {
  dob: ['exact', 'one digit different', 'day and month swapped', 'within a year', 'else'],
  nhsNumber: ['exact', 'different'],
  otherId: ['exact', 'different'],
  email: ['exact', 'different'],
  city: ['exact', 'different'],
};

describe('reading a version 1 model', () => {
  it('weighs every pair as version 1 did: new levels take the weight of the level they split from', () => {
    const trained = trainOnRecords(makeTestData({ seed: 4, people: 300 }).records, {
      maxRandomPairs: 20_000,
    });
    const v2 = JSON.parse(serialiseModel(trained));
    const v1 = {
      ...v2,
      version: 1,
      fields: v2.fields.map((field: { field: string; levels: { label: string }[] }) => {
        const labels = VERSION_1_LABELS[field.field];
        return labels
          ? { ...field, levels: field.levels.filter((level) => labels.includes(level.label)) }
          : field;
      }),
    };
    const upgraded = parseModel(JSON.stringify(v1));
    expect(upgraded.parameters.version).toBe(2);
    const weights = (field: string) => Array.from(upgraded.weights[FIELDS.indexOf(field as never)]!);
    const email = weights('email');
    expect(email.slice(1, 4)).toEqual([email[4], email[4], email[4]]);
    const other = weights('otherId');
    expect(other.slice(1, 3)).toEqual([other[3], other[3]]);
    const dob = weights('dob');
    expect(dob[4]).toBe(dob[5]);
    expect(weights('city')[1]).toBe(weights('city')[2]);
    // Levels version 1 had keep their own weights.
    expect(email[0]).toBe(trained.weights[FIELDS.indexOf('email')]![0]);
    expect(dob.slice(0, 4)).toEqual(Array.from(trained.weights[FIELDS.indexOf('dob')]!).slice(0, 4));
  });
});
