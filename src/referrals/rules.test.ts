import { describe, expect, it } from 'vitest';
import { type VictimReferralInput, validateSuspectReferral, validateVictimReferral } from './rules.ts';

const now = new Date('2026-11-30T10:00:00Z');

function valid(): VictimReferralInput {
  return {
    referrer: { name: 'Morgan Example' },
    cinReferralSource: '2A',
    concernNoticedAt: '2026-11-30T09:00:00Z',
    child: { details: { forename: 'Jessica', dob: '2011-03-14' } },
    exploitationType: 'CSE',
    category: 'VICTIM_OF_CRIME',
    concerns: 'Brief factual concern.',
    indicators: [],
    exploitationModel: 'UNKNOWN',
    contactMethod: 'UNKNOWN',
    suspects: [],
    associates: [],
    placesOfConcern: [],
    consent: 'YES',
    urgency: 'ROUTINE',
  };
}

const fields = (input: VictimReferralInput) => validateVictimReferral(input, now).map((e) => e.field);

describe('victim referral', () => {
  it('accepts a complete referral', () => {
    expect(validateVictimReferral(valid(), now)).toEqual([]);
  });

  it('refuses unknown codes, naming each field', () => {
    expect(fields({ ...valid(), cinReferralSource: '99' })).toEqual(['cinReferralSource']);
    expect(fields({ ...valid(), exploitationType: 'X' })).toEqual(['exploitationType']);
    expect(fields({ ...valid(), category: 'X' })).toEqual(['category']);
    expect(fields({ ...valid(), exploitationModel: 'X' })).toEqual(['exploitationModel']);
    expect(fields({ ...valid(), contactMethod: 'X' })).toEqual(['contactMethod']);
    expect(fields({ ...valid(), indicators: ['NOT_AN_INDICATOR'] })).toEqual(['indicators']);
    expect(fields({ ...valid(), consent: 'MAYBE' })).toEqual(['consent']);
    expect(fields({ ...valid(), urgency: 'SOON' })).toEqual(['urgency']);
  });

  it('refuses a concern-noticed time in the future and a missing child', () => {
    expect(fields({ ...valid(), concernNoticedAt: '2026-12-01T09:00:00Z' })).toEqual(['concernNoticedAt']);
    expect(fields({ ...valid(), concernNoticedAt: 'yesterday' })).toEqual(['concernNoticedAt']);
    expect(fields({ ...valid(), child: {} })).toEqual(['child']);
    expect(fields({ ...valid(), child: { personId: 'not-a-uuid' } })).toEqual(['child.personId']);
  });

  it('takes a partner system’s original receipt time when it is real and not in the future', () => {
    expect(fields({ ...valid(), originalReceivedAt: '2026-11-29T17:00:00Z' })).toEqual([]);
    expect(fields({ ...valid(), originalReceivedAt: null })).toEqual([]);
    expect(fields({ ...valid(), originalReceivedAt: '2026-12-02T09:00:00Z' })).toEqual([
      'originalReceivedAt',
    ]);
    expect(fields({ ...valid(), originalReceivedAt: 'last week' })).toEqual(['originalReceivedAt']);
  });

  it('needs a reason when consent was not sought', () => {
    expect(fields({ ...valid(), consent: 'NOT_SOUGHT' })).toEqual(['consentNote']);
    expect(
      fields({ ...valid(), consent: 'NOT_SOUGHT', consentNote: 'Would place the child at greater risk' }),
    ).toEqual([]);
  });

  it('checks each suspect and place', () => {
    expect(fields({ ...valid(), suspects: [{}] })).toEqual(['suspects[0]']);
    expect(fields({ ...valid(), placesOfConcern: [{ description: ' ' }] })).toEqual([
      'placesOfConcern[0].description',
    ]);
  });
});

describe('suspect referral', () => {
  it('refuses unknown status, role, source and link type', () => {
    const errors = validateSuspectReferral(
      {
        referrer: { name: 'Sam' },
        receivedAt: '2026-11-30T09:00:00Z',
        suspect: { details: { forename: 'Dale' } },
        status: 'GUILTY',
        role: 'X',
        source: 'Y',
        linkedChildren: [{ personId: '00000000-0000-4000-8000-000000000000', linkType: 'Z' }],
      },
      now,
    ).map((e) => e.field);
    expect(errors).toEqual(['status', 'role', 'source', 'linkedChildren[0].linkType']);
  });
});
