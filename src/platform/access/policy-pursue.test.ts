import { describe, expect, it } from 'vitest';
import { decideDisruptionRead, decideDisruptionWrite } from './policy-pursue.ts';
import { principalWithRoles } from './test-principal.ts';

const officer = (userId: string) =>
  principalWithRoles(['CSE_OFFICER'], { userId, agencyId: 'police', areas: ['lancashire'] });
const suspect = { agencyIds: ['school'], areas: ['lancashire'], restricted: true, caseTeamUserIds: ['u1'] };
const REASON = 'Preparing the disruption meeting';

describe('a restricted suspect’s register (SECURITY 3)', () => {
  it.each([
    ['reading', decideDisruptionRead],
    ['recording', decideDisruptionWrite],
  ])('%s needs the case team and a reason', (_, decide) => {
    expect(decide(officer('u1'), suspect)).toEqual({ allowed: false, reason: 'JUSTIFICATION_REQUIRED' });
    expect(decide(officer('u1'), suspect, 'because')).toEqual({
      allowed: false,
      reason: 'JUSTIFICATION_REQUIRED',
    });
    expect(decide(officer('u1'), suspect, REASON)).toEqual({ allowed: true });
    expect(decide(officer('u2'), suspect, REASON)).toEqual({ allowed: false, reason: 'NOT_ON_CASE_TEAM' });
  });

  it('asks no reason of a person who is not restricted', () => {
    expect(decideDisruptionRead(officer('u2'), { ...suspect, restricted: false })).toEqual({ allowed: true });
  });

  it('still needs the permission first', () => {
    const referrer = principalWithRoles(['REFERRER'], { userId: 'u1', agencyId: 'school' });
    expect(decideDisruptionWrite(referrer, suspect, REASON)).toEqual({
      allowed: false,
      reason: 'NO_PERMISSION',
    });
  });
});
