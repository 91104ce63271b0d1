import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLES } from './permissions.ts';
import { decideAccess, mayUseRoute } from './policy.ts';
import { testUserPrincipal } from './test-principal.ts';

const principal = testUserPrincipal;

describe('record access', () => {
  it('a referrer reads its own agency’s referral but not another agency’s', () => {
    const referrer = principal();
    expect(
      decideAccess(referrer, {
        permission: 'referral:read-own-agency',
        record: { agencyIds: ['school'] },
      }),
    ).toEqual({
      allowed: true,
    });
    expect(
      decideAccess(referrer, {
        permission: 'referral:read-own-agency',
        record: { agencyIds: ['police'] },
      }),
    ).toEqual({
      allowed: false,
      reason: 'OUT_OF_SCOPE',
    });
  });

  it('a MASH practitioner sees every referral of its hub’s area, and none of another area', () => {
    const mash = principal({
      agencyId: 'council',
      areas: ['BLACKPOOL'],
      permissions: permissionsOf(['MASH_PRACTITIONER']),
    });
    const record = { agencyIds: ['school'], areas: ['BLACKPOOL'] };
    expect(decideAccess(mash, { permission: 'case:read', record }).allowed).toBe(true);
    expect(
      decideAccess(mash, { permission: 'case:read', record: { ...record, areas: ['LANCASHIRE'] } }).allowed,
    ).toBe(false);
  });

  it('area scope does not extend a permission that is not hub-wide', () => {
    const mash = principal({
      agencyId: 'council',
      areas: ['BLACKPOOL'],
      permissions: permissionsOf(['MASH_PRACTITIONER']),
    });
    expect(
      decideAccess(mash, {
        permission: 'referral:read-own-agency',
        record: { agencyIds: ['school'], areas: ['BLACKPOOL'] },
      }).allowed,
    ).toBe(false);
  });

  it('a restricted record needs case-team membership and a justification', () => {
    const officer = principal({ agencyId: 'police', permissions: permissionsOf(['CSE_OFFICER']) });
    const record = { agencyIds: ['police'], restricted: true, caseTeamUserIds: ['u1'] };
    expect(decideAccess(officer, { permission: 'case:read', record })).toEqual({
      allowed: false,
      reason: 'JUSTIFICATION_REQUIRED',
    });
    expect(decideAccess(officer, { permission: 'case:read', record, justification: 'short' }).allowed).toBe(
      false,
    );
    expect(
      decideAccess(officer, {
        permission: 'case:read',
        record,
        justification: 'Reviewing the strategy discussion actions',
      }),
    ).toEqual({ allowed: true });
    expect(
      decideAccess(principal({ ...officer, userId: 'u2' }), {
        permission: 'case:read',
        record,
        justification: 'Reviewing the strategy discussion actions',
      }),
    ).toEqual({ allowed: false, reason: 'NOT_ON_CASE_TEAM' });
  });

  it('administrators hold no case permission, so no case record is ever in reach', () => {
    const admin = principal({ roles: ['ADMINISTRATOR'], permissions: permissionsOf(['ADMINISTRATOR']) });
    for (const permission of [
      'case:read',
      'case:search',
      'referral:read-own-agency',
      'mash:triage',
    ] as const) {
      expect(decideAccess(admin, { permission, record: { agencyIds: ['school'] } })).toEqual({
        allowed: false,
        reason: 'NO_PERMISSION',
      });
    }
    expect(ROLES.ADMINISTRATOR.permissions.every((p) => p.startsWith('admin:'))).toBe(true);
  });
});

describe('route permission', () => {
  const triager = principal({ permissions: new Set(['mash:triage']) });
  it('holds a single permission only when granted it', () => {
    expect(mayUseRoute(triager, 'mash:triage')).toBe(true);
    expect(mayUseRoute(triager, 'mash:decide')).toBe(false);
  });
  it('holds an any-of list when any one is granted, and never an empty list', () => {
    expect(mayUseRoute(triager, ['case:work', 'mash:triage'])).toBe(true);
    expect(mayUseRoute(triager, ['case:work', 'mash:decide'])).toBe(false);
    expect(mayUseRoute(triager, [])).toBe(false);
  });
  it('lets any signed-in principal use an "authenticated" route', () => {
    expect(mayUseRoute(principal({ permissions: new Set() }), 'authenticated')).toBe(true);
  });
});
