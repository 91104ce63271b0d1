import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  type ImportRow,
  londonInstant,
  validateImportRow,
  victimInputOf,
  withInstants,
} from './import-rules.ts';

const NOW = new Date('2026-12-06T12:00:00Z');

const row = (overrides: Partial<ImportRow> = {}): ImportRow => ({
  sourceReference: 'MOS-1',
  receivedAt: '2026-05-12T09:00:00Z',
  referrer: { name: 'Sam Example' },
  cinReferralSource: '2A',
  exploitationType: 'CSE',
  category: 'VICTIM_OF_CRIME',
  concerns: 'Seen with older men',
  exploitationModel: 'BOYFRIEND',
  contactMethod: 'ONLINE_SOCIAL_MEDIA',
  consent: 'YES',
  urgency: 'URGENT',
  indicators: [],
  child: { details: { forename: 'Amy', surname: 'Example', dob: '2011-03-04', gender: 'FEMALE' } },
  ...overrides,
});

describe('an imported row', () => {
  it('passes the referral rules when complete', () => {
    expect(validateImportRow(row(), NOW)).toEqual([]);
  });

  it('names each bad field, the outcome’s under outcome.', () => {
    const fields = validateImportRow(
      row({
        sourceReference: ' ',
        category: 'NOPE',
        outcome: {
          decidedAt: '2026-05-11T09:00:00Z',
          contactOutcome: 'NO_FURTHER_ACTION',
          statutoryMeasures: [],
          cinFactors: [],
          rationale: '',
          feedbackToReferrer: '',
          rag: 'PURPLE',
        },
      }),
      NOW,
    ).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'sourceReference',
        'category',
        'outcome.decidedAt',
        'outcome.nfaReason',
        'outcome.rag',
      ]),
    );
    // A past system that kept no rationale or feedback is not an error: they are named as not recorded.
    expect(fields).not.toContain('outcome.rationale');
  });

  it('refuses a received time in the future and a concern noticed after receipt', () => {
    const fields = validateImportRow(
      row({ receivedAt: '2027-01-01T00:00:00Z', concernNoticedAt: '2027-02-01T00:00:00Z' }),
      NOW,
    ).map((e) => e.field);
    expect(fields).toContain('receivedAt');
    expect(fields).toContain('concernNoticedAt');
  });

  it('takes the concern as noticed when received unless told otherwise', () => {
    expect(victimInputOf(row()).concernNoticedAt).toBe('2026-05-12T09:00:00Z');
  });

  it('reads a time without a zone as London time, in summer and in winter', () => {
    expect(londonInstant('2026-05-12 10:00')).toBe('2026-05-12T09:00:00.000Z');
    expect(londonInstant('2026-01-12T10:00')).toBe('2026-01-12T10:00:00.000Z');
    expect(londonInstant('2026-05-12T10:00:00+02:00')).toBe('2026-05-12T08:00:00.000Z');
    expect(londonInstant('2026-02-30 10:00')).toBe('2026-02-30 10:00');
  });

  it('has a fingerprint that ignores the order of keys and changes with the content', () => {
    const a = row();
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as ImportRow;
    expect(fingerprintOf(reordered)).toBe(fingerprintOf(a));
    expect(fingerprintOf(row({ category: 'RISK_ASSESSED_VULNERABILITY' }))).not.toBe(fingerprintOf(a));
    expect(fingerprintOf(withInstants(row({ receivedAt: '2026-05-12 10:00' })))).toBe(
      fingerprintOf(withInstants(a)),
    );
  });
});
