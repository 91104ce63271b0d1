import { describe, expect, it } from 'vitest';
import {
  mayLearnHubFacts,
  mayLookForKnownChild,
  maySeeEarlierReferralsAtIntake,
  referralListScope,
} from './policy-referrals.ts';
import { principalWithRoles } from './test-principal.ts';

const principal = principalWithRoles;

describe('referral access decisions', () => {
  it('a referrer’s list is narrowed to its own agency; a hub practitioner’s is not', () => {
    expect(referralListScope(principal(['REFERRER']))).toEqual({ ownAgencyOnly: true, agencyId: 'school' });
    expect(referralListScope(principal(['MASH_PRACTITIONER'], { areas: ['BLACKPOOL'] }))).toEqual({
      ownAgencyOnly: false,
      agencyId: null,
    });
  });

  it('hub facts belong to case readers of the referral’s area only', () => {
    const hub = principal(['MASH_PRACTITIONER'], { agencyId: 'council', areas: ['BLACKPOOL'] });
    expect(mayLearnHubFacts(hub, 'BLACKPOOL')).toBe(true);
    expect(mayLearnHubFacts(hub, 'LANCASHIRE')).toBe(false);
    expect(mayLearnHubFacts(hub, null)).toBe(false);
    expect(mayLearnHubFacts(principal(['REFERRER'], { areas: ['BLACKPOOL'] }), 'BLACKPOOL')).toBe(false);
  });

  it('earlier referrals at intake and the known-child search follow case:read and case:search', () => {
    const referrer = principal(['REFERRER']);
    const hub = principal(['MASH_PRACTITIONER'], { areas: ['BLACKPOOL'] });
    expect(maySeeEarlierReferralsAtIntake(referrer)).toBe(false);
    expect(mayLookForKnownChild(referrer)).toBe(false);
    expect(maySeeEarlierReferralsAtIntake(hub)).toBe(hub.permissions.has('case:read'));
    expect(mayLookForKnownChild(hub)).toBe(hub.permissions.has('case:search'));
    expect(mayLookForKnownChild(principal([], { permissions: new Set(['case:search']) }))).toBe(true);
    expect(maySeeEarlierReferralsAtIntake(principal([], { permissions: new Set(['case:read']) }))).toBe(true);
  });
});
