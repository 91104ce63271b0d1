import { describe, expect, it } from 'vitest';
import {
  importRefusal,
  mayImportIntoArea,
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

  it('the import of history is a MASH manager’s, into the areas of their own hub (decision 0026)', () => {
    const manager = principal(['MASH_MANAGER'], { agencyId: 'council', areas: ['BLACKPOOL'] });
    expect(importRefusal(manager)).toBeNull();
    expect(mayImportIntoArea(manager, 'BLACKPOOL')).toBe(true);
    expect(mayImportIntoArea(manager, 'LANCASHIRE')).toBe(false);
    expect(importRefusal(principal(['MASH_PRACTITIONER'], { areas: ['BLACKPOOL'] }))).toContain(
      'referral:import',
    );
    // The import alone cannot write what a hub writes: refused up front, naming what it lacks.
    const importOnly = principal([], { permissions: new Set(['referral:import']), areas: ['BLACKPOOL'] });
    expect(importRefusal(importOnly)).toContain('mash:decide');
    expect(importRefusal({ ...manager, agencyId: null })).toBe('Only an agency imports history');
  });
});
