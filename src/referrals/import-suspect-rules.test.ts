import { describe, expect, it } from 'vitest';
import { type SuspectImportRow, suspectInputOf, validateSuspectImportRow } from './import-suspect-rules.ts';

const NOW = new Date('2026-12-06T12:00:00Z');
const row = (overrides: Partial<SuspectImportRow> = {}): SuspectImportRow => ({
  sourceReference: 'NCH-1',
  receivedAt: '2026-05-14T09:00:00Z',
  referrer: { name: 'DC Example' },
  status: 'SUSPECT',
  role: 'PRIMARY_OFFENDER',
  source: 'VICTIM_REFERRAL',
  suspect: { details: { forename: 'Dan', surname: 'Example', estimatedAge: 30, gender: 'MALE' } },
  linkedChildren: [{ victimReference: 'MOS-1', linkType: 'GROOMER' }],
  ...overrides,
});

describe('an imported suspect referral row', () => {
  it('passes the suspect referral rules, a child linked by an imported referral’s reference', () => {
    expect(validateSuspectImportRow(row(), NOW)).toEqual([]);
  });

  it('names each bad field, and a link given both ways', () => {
    const fields = validateSuspectImportRow(
      row({
        status: 'NOPE',
        suspect: { details: { forename: 'Dan', gender: 'NOPE' } },
        linkedChildren: [
          {
            personId: '7d1f5f5e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
            victimReference: 'MOS-1',
            linkType: 'GROOMER',
          },
          { linkType: 'GROOMER' },
        ],
      }),
      NOW,
    ).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'status',
        'suspect.gender',
        'linkedChildren[0].victimReference',
        'linkedChildren[1].personId',
      ]),
    );
  });

  it('keeps a link by reference unresolved until it is written', () => {
    const input = suspectInputOf(row(), 'BLACKPOOL');
    expect(input.area).toBe('BLACKPOOL');
    expect(input.linkedChildren).toHaveLength(1);
  });
});
