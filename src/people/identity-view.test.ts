import { describe, expect, it } from 'vitest';
import type { Explanation } from './identity/index.ts';
import {
  ageOf,
  explanationView,
  genderOf,
  matchQueueView,
  nameOf,
  noticeOf,
  percent,
} from './identity-view.ts';
import type { PendingMatchRow } from './matching-store.ts';

const explanation = {
  priorWeight: -12.34,
  lambda: 0.001,
  fields: [
    { field: 'surname', level: 'jaro-winkler >= 0.95', matchWeight: 8.26, m: 0.2, u: 0.01 },
    { field: 'dob', level: 'day and month swapped', matchWeight: 0.04, m: 0.1, u: 0.1 },
    { field: 'nhsNumber', level: 'missing', matchWeight: 0, m: null, u: null },
    { field: 'email', level: 'missing', matchWeight: 0, m: null, u: null },
    { field: 'postcode', level: 'different', matchWeight: -3.01, m: 0.1, u: 0.9 },
  ],
  totalWeight: -7.05,
  matchProbability: 0.0075,
} as unknown as Explanation;

describe('identity view models', () => {
  it('never rounds a probability to a certainty', () => {
    expect(percent(0.9999)).toBe('over 99.9%');
    expect(percent(0.0001)).toBe('under 0.1%');
    expect(percent(0.8766)).toBe('87.7%');
  });

  it('names people, their age and gender as the pages show them', () => {
    expect(nameOf({ forename: 'Ty', surname: null })).toBe('Ty');
    expect(nameOf({ forename: null, surname: null })).toBe('Name not known');
    expect(ageOf({ dob: '2012-01-05', estimated_age: 12 })).toBe('5 January 2012');
    expect(ageOf({ dob: null, estimated_age: 12 })).toBe('Not known (about 12)');
    expect(ageOf({ dob: null })).toBe('Not known');
    expect(genderOf({ gender: null })).toBe('Not known');
  });

  it('shows only known notices', () => {
    expect(noticeOf({ notice: 'merged' })).toMatch(/^Records merged/);
    expect(noticeOf({ notice: 'toString' })).toBeNull();
    expect(noticeOf(undefined)).toBeNull();
  });

  it('labels the explanation, leaving out fields Lantern never records', () => {
    expect(explanationView(explanation)).toEqual({
      rows: [
        { field: 'Last name', level: 'Spelt almost the same', weight: '+8.3' },
        { field: 'Date of birth', level: 'Day and month swapped', weight: '0.0' },
        { field: 'Postcode', level: 'Different', weight: '−3.0' },
      ],
      missing: ['NHS number'],
      prior: '−12.3',
      total: '−7.0',
      percent: '0.8%',
    });
  });

  it('hides a restricted person’s name and date of birth in the queue', () => {
    const row: PendingMatchRow = {
      id: 'm1',
      person_id: 'a',
      candidate_person_id: 'b',
      probability: 0.9,
      explanation,
      source: 'INTAKE',
      created_at: new Date('2026-01-01T10:00:00Z'),
      person_name: 'Rebecca Hallowell',
      person_dob: null,
      candidate_name: '',
      candidate_dob: '2012-08-21',
    };
    const [view] = matchQueueView([row], new Set(['b']));
    expect(view).toMatchObject({
      id: 'm1',
      percent: '90.0%',
      source: 'At intake',
      person: { id: 'a', name: 'Rebecca Hallowell', dob: 'Not known', href: '/people/a' },
      candidate: { id: 'b', name: 'Restricted record', dob: 'Not shown', href: '/people/b' },
      confirmHref: '/matches/m1/confirm',
      rejectHref: '/matches/m1/reject',
    });
    expect(matchQueueView([{ ...row, source: 'BATCH', person_name: '' }], new Set())[0]).toMatchObject({
      source: 'Batch matching',
      person: { name: 'Name not known' },
    });
  });
});
