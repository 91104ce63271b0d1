/** Who a sharing grant reaches, with what and when (SECURITY 31); the SQL twin is held to it elsewhere. */
import { describe, expect, it } from 'vitest';
import type { Role } from './permissions.ts';
import { decideGrantAccess, grantReaches, isActiveGrant, mayRevokeGrant } from './policy-sharing.ts';
import type { Principal } from './principal.ts';
import { principalWithRoles } from './test-principal.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

const grant = {
  recipientKind: 'TEAM' as const,
  recipientId: 'south',
  startsAt: new Date(NOW.getTime() - DAY),
  expiresAt: new Date(NOW.getTime() + 89 * DAY),
  revokedAt: null as Date | null,
  personId: 'child',
  episodeId: 'episode',
  referralId: 'referral',
  items: ['REFERRAL'],
  contributionIds: ['health-research'],
  riskAssessmentId: null as string | null,
};

function officer(overrides: Partial<Principal> = {}, roles: Role[] = ['CSE_OFFICER']): Principal {
  return principalWithRoles(roles, {
    userId: 'officer',
    agencyId: 'police',
    teamIds: ['south'],
    ...overrides,
  });
}

describe('a sharing grant', () => {
  it('reaches its recipient directly, through a team or through an agency, and no one else', () => {
    expect(decideGrantAccess(officer(), grant, NOW)).toEqual({ allowed: true });
    expect(decideGrantAccess(officer({ teamIds: ['west'] }), grant, NOW)).toEqual({
      allowed: false,
      reason: 'OUT_OF_SCOPE',
    });
    const toUser = { ...grant, recipientKind: 'USER' as const, recipientId: 'officer' };
    expect(decideGrantAccess(officer({ teamIds: [] }), toUser, NOW).allowed).toBe(true);
    expect(decideGrantAccess(officer({ userId: 'colleague' }), toUser, NOW).allowed).toBe(false);
    const toAgency = { ...grant, recipientKind: 'AGENCY' as const, recipientId: 'police' };
    expect(decideGrantAccess(officer({ teamIds: [] }), toAgency, NOW).allowed).toBe(true);
    expect(decideGrantAccess(officer({ agencyId: 'health' }), toAgency, NOW).allowed).toBe(false);
  });

  it('reaches no token, and no one who does not read cases (an administrator of the same team)', () => {
    expect(decideGrantAccess(officer({ kind: 'token', userId: null }), grant, NOW).allowed).toBe(false);
    expect(decideGrantAccess(officer({}, ['ADMINISTRATOR']), grant, NOW)).toEqual({
      allowed: false,
      reason: 'NO_PERMISSION',
    });
    // A referrer reads their own agency's referrals: a school may be a recipient.
    expect(decideGrantAccess(officer({}, ['REFERRER']), grant, NOW).allowed).toBe(true);
  });

  it('holds from its start until its expiry, unless revoked', () => {
    expect(isActiveGrant(grant, NOW)).toBe(true);
    expect(isActiveGrant(grant, grant.expiresAt)).toBe(false);
    expect(isActiveGrant(grant, new Date(grant.startsAt.getTime() - 1))).toBe(false);
    expect(isActiveGrant({ ...grant, revokedAt: NOW }, NOW)).toBe(false);
  });

  it('reaches the child and exactly the items it names', () => {
    const reaches = (thing: Parameters<typeof grantReaches>[2]) => grantReaches(officer(), grant, thing, NOW);
    expect(reaches({ item: 'person', id: 'child' })).toBe(true);
    expect(reaches({ item: 'person', id: 'sibling' })).toBe(false);
    expect(reaches({ item: 'referral', id: 'referral' })).toBe(true);
    expect(reaches({ item: 'referral', id: 'other-referral' })).toBe(false);
    expect(reaches({ item: 'contribution', id: 'health-research' })).toBe(true);
    expect(reaches({ item: 'contribution', id: 'council-research' })).toBe(false);
    expect(reaches({ item: 'strategy', episodeId: 'episode' })).toBe(false);
    expect(reaches({ item: 'decision', episodeId: 'episode' })).toBe(false);
    expect(reaches({ item: 'risk_assessment', id: 'latest' })).toBe(false);
    const more = { ...grant, items: ['STRATEGY', 'DECISION'], riskAssessmentId: 'latest' };
    expect(grantReaches(officer(), more, { item: 'decision', episodeId: 'episode' }, NOW)).toBe(true);
    expect(grantReaches(officer(), more, { item: 'risk_assessment', id: 'latest' }, NOW)).toBe(true);
    expect(grantReaches(officer(), more, { item: 'referral', id: 'referral' }, NOW)).toBe(false);
    expect(grantReaches(officer(), { ...grant, revokedAt: NOW }, { item: 'person', id: 'child' }, NOW)).toBe(
      false,
    );
  });

  it('is ended by a hub member of its area who records sharing decisions', () => {
    const hub = (roles: Role[], areas = ['BLACKPOOL']) => principalWithRoles(roles, { areas });
    expect(mayRevokeGrant(hub(['MASH_PRACTITIONER']), { area: 'BLACKPOOL' })).toBe(true);
    expect(mayRevokeGrant(hub(['MASH_MANAGER'], ['LANCASHIRE']), { area: 'BLACKPOOL' })).toBe(false);
    expect(mayRevokeGrant(hub(['CSE_OFFICER']), { area: 'BLACKPOOL' })).toBe(false);
  });
});
