import { describe, expect, it } from 'vitest';
import { testRow } from '../platform/chronology/test-row.ts';
import { referralSummary } from './chronology-service.ts';

describe('the referrals’ chronology lines, in words', () => {
  it('words a referral and a suspect referral’s link with labels', () => {
    expect(referralSummary(testRow({ d1: 'VR-2026-000001', d2: 'CSE', d3: 'VICTIM_OF_CRIME' }))).toBe(
      'Referral VR-2026-000001 made: Child sexual exploitation, victim of crime',
    );
    expect(referralSummary(testRow({ kind: 'SUSPECT_LINK', d1: 'SR-2026-000002', d2: 'GROOMER' }))).toBe(
      'Named on suspect referral SR-2026-000002 (groomer)',
    );
  });
});
