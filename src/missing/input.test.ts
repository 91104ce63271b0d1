import { describe, expect, it } from 'vitest';
import { toDate, validateEpisodeInput } from './input.ts';

const now = new Date('2026-06-01T12:00:00Z');
const base = {
  personId: '4b0c6a0e-0000-4000-8000-000000000000',
  type: 'MISSING',
  from: { kind: 'HOME' },
  reportedAt: '2026-05-30T20:00:00Z',
  reportedBy: 'Mother',
  riskGrade: 'LOW',
  exploitationSuspected: false,
};
const fields = (input: object) => validateEpisodeInput({ ...base, ...input }, now).map((e) => e.field);

describe('validateEpisodeInput', () => {
  it('accepts a plain episode', () => expect(fields({})).toEqual([]));
  it('refuses a return before the report, an impossible grade and an unknown type', () => {
    expect(fields({ returned: { returnedAt: '2026-05-29T10:00:00Z', foundWhere: 'Home' } })).toEqual([
      'returnedAt',
    ]);
    expect(fields({ riskGrade: 'EXTREME', type: 'LOST' })).toEqual(['type', 'riskGrade']);
  });
  it('needs a placement exactly when missing from a placement', () => {
    expect(fields({ from: { kind: 'PLACEMENT' } })).toEqual(['from.placement']);
    expect(fields({ from: { kind: 'HOME', placementCode: 'CH-01' } })).toEqual(['from.placement']);
    expect(fields({ from: { kind: 'PLACEMENT', placementCode: 'CH-01' } })).toEqual([]);
    expect(fields({ from: { kind: 'SCHOOL' } })).toEqual(['from.kind']);
  });
  it('needs who reported, where the child was found, and real postcodes', () => {
    expect(fields({ reportedBy: ' ' })).toEqual(['reportedBy']);
    expect(fields({ returned: { returnedAt: '2026-05-31T10:00:00Z', foundWhere: '' } })).toEqual([
      'returned.foundWhere',
    ]);
    expect(fields({ from: { kind: 'HOME', postcode: 'NOT A CODE' } })).toEqual(['from.postcode']);
  });
});

describe('toDate', () => {
  it('reads London wall-clock times without a zone, and refuses impossible dates', () => {
    expect(toDate('2026-07-01 10:00')!.toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(toDate('2026-01-01T10:00')!.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(Number.isNaN(toDate('2026-02-30 10:00')!.getTime())).toBe(true);
    expect(Number.isNaN(toDate('yesterday')!.getTime())).toBe(true);
    expect(toDate('')).toBeNull();
  });
});
