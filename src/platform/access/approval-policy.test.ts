/**
 * Who may approve case permissions (SECURITY 25), and the hub areas a token gets: pure decisions, tested
 * over every combination that matters.
 */
import { describe, expect, it } from 'vitest';
import { type Permission, permissionsOf, type Role } from './permissions.ts';
import { type ApprovalRequest, decideApproval, tokenAreas } from './policy.ts';
import type { Principal } from './principal.ts';
import { principalWithRoles } from './test-principal.ts';

function user(id: string, agencyId: string, roles: Role[]): Principal {
  return principalWithRoles(roles, { userId: id, label: id, agencyId });
}

const CSE: Permission[] = [
  'referral:create',
  'referral:read-own-agency',
  'case:read',
  'case:search',
  'people:merge',
  'case:work',
];

function request(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    agencyId: 'police',
    permissions: CSE,
    requestedBy: 'admin',
    subjectUserId: 'newcomer',
    agencyAreas: ['BLACKPOOL'],
    agencyHasApprover: true,
    ...overrides,
  };
}

describe('approving case permissions', () => {
  it('a colleague of the same agency holding every permission asked for may approve', () => {
    expect(decideApproval(user('officer', 'police', ['CSE_OFFICER']), request(), [])).toEqual({
      allowed: true,
      basis: 'SAME_AGENCY',
    });
  });

  it('a colleague missing one of the permissions may not', () => {
    // A MASH manager holds case:read but not case:work, which a CSE officer's role gives.
    expect(decideApproval(user('manager', 'police', ['MASH_MANAGER']), request(), ['BLACKPOOL'])).toEqual({
      allowed: false,
      reason: 'LACKS_PERMISSIONS',
    });
  });

  it('an administrator, who holds no case permission, may never approve', () => {
    const admin = user('other-admin', 'police', ['ADMINISTRATOR']);
    expect(decideApproval(admin, request(), ['BLACKPOOL'])).toEqual({
      allowed: false,
      reason: 'LACKS_PERMISSIONS',
    });
    expect(decideApproval(admin, request({ agencyHasApprover: false }), ['BLACKPOOL']).allowed).toBe(false);
  });

  it('nobody approves their own request or a grant to themselves, whatever they hold', () => {
    const both = user('admin', 'police', ['ADMINISTRATOR', 'CSE_OFFICER', 'MASH_MANAGER']);
    expect(decideApproval(both, request(), ['BLACKPOOL'])).toEqual({ allowed: false, reason: 'OWN_REQUEST' });
    const subject = user('newcomer', 'police', ['CSE_OFFICER', 'MASH_MANAGER']);
    expect(decideApproval(subject, request({ agencyHasApprover: false }), ['BLACKPOOL'])).toEqual({
      allowed: false,
      reason: 'OWN_GRANT',
    });
  });

  it('a token never approves', () => {
    const token: Principal = {
      ...user('x', 'police', ['CSE_OFFICER']),
      kind: 'token',
      userId: null,
      tokenId: 't',
    };
    expect(decideApproval(token, request({ requestedBy: null }), [])).toEqual({
      allowed: false,
      reason: 'NOT_A_USER',
    });
  });

  it('a holder in another agency may not approve, however senior', () => {
    expect(decideApproval(user('officer', 'council', ['CSE_OFFICER']), request(), ['BLACKPOOL'])).toEqual({
      allowed: false,
      reason: 'OTHER_AGENCY',
    });
  });

  it('an agency with no holder yet is vouched for by a MASH manager of an agency serving the same area', () => {
    const manager = user('manager', 'council', ['MASH_MANAGER']);
    const first = request({ agencyHasApprover: false });
    expect(decideApproval(manager, first, ['BLACKPOOL', 'LANCASHIRE'])).toEqual({
      allowed: true,
      basis: 'AREA_MASH_MANAGER',
    });
    // Not while the agency has a colleague who could approve it,
    expect(decideApproval(manager, request(), ['BLACKPOOL']).allowed).toBe(false);
    // not from another area,
    expect(decideApproval(manager, first, ['LANCASHIRE']).allowed).toBe(false);
    // and not for an agency that serves no area at all.
    expect(
      decideApproval(manager, request({ agencyHasApprover: false, agencyAreas: [] }), ['BLACKPOOL']).allowed,
    ).toBe(false);
    // A practitioner is not a MASH manager.
    const practitioner = user('practitioner', 'council', ['MASH_PRACTITIONER']);
    expect(decideApproval(practitioner, first, ['BLACKPOOL'])).toEqual({
      allowed: false,
      reason: 'OTHER_AGENCY',
    });
  });
});

describe('the hub areas of a token', () => {
  const member = (roles: Role[], areas: string[]) => ({ permissions: permissionsOf(roles), areas });

  it('are those of the agency’s staff who hold every case permission the token holds', () => {
    const members = [
      member(['MASH_PRACTITIONER'], ['BLACKPOOL']),
      member(['CSE_OFFICER'], ['LANCASHIRE']),
      member(['REFERRER'], ['BLACKBURN']),
    ];
    expect(tokenAreas(new Set<Permission>(['case:read', 'mash:triage']), members)).toEqual(['BLACKPOOL']);
    expect(tokenAreas(new Set<Permission>(['case:read']), members)).toEqual(['BLACKPOOL', 'LANCASHIRE']);
    // Nobody holds both triage and casework: a token holding both gets no hub at all.
    expect(tokenAreas(new Set<Permission>(['mash:triage', 'case:work']), members)).toEqual([]);
  });

  it('are none for a school whose staff only refer, whatever the token was given', () => {
    const school = [member(['REFERRER'], ['BLACKPOOL'])];
    expect(tokenAreas(new Set<Permission>(['case:read', 'referral:read-own-agency']), school)).toEqual([]);
    expect(tokenAreas(new Set<Permission>(['case:read']), [])).toEqual([]);
  });

  it('are none for a token holding no case permission', () => {
    const members = [member(['ADMINISTRATOR', 'MASH_MANAGER'], ['BLACKPOOL'])];
    expect(tokenAreas(new Set<Permission>(['admin:users', 'stats:published']), members)).toEqual([]);
  });
});
