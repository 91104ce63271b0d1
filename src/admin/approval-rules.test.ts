import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLE_NAMES } from '../platform/access/permissions.ts';
import {
  type Actor,
  agencyRoleErrors,
  splitRoles,
  tokenActorErrors,
  tokenAgencyErrors,
  validateDecision,
} from './approval-rules.ts';

const admin: Actor = { kind: 'user', userId: 'a', label: 'admin' };
const tokenWith = (permissions: string[]): Actor => ({
  kind: 'token',
  tokenId: 't',
  label: 'token:Identity system',
  permissions: new Set(permissions),
});

describe('which roles wait for approval', () => {
  it('case roles wait; other roles, and case roles already approved in the agency, take effect', () => {
    expect(
      splitRoles(admin, {
        requested: ['MASH_MANAGER', 'AUDITOR', 'REFERRER'],
        current: ['REFERRER'],
        sameAgency: true,
        signInChanged: false,
      }),
    ).toEqual({ effective: ['AUDITOR', 'REFERRER'], pending: ['MASH_MANAGER'] });
  });

  it('removing a role never waits', () => {
    expect(
      splitRoles(admin, {
        requested: ['AUDITOR'],
        current: ['CSE_OFFICER', 'AUDITOR'],
        sameAgency: true,
        signInChanged: false,
      }),
    ).toEqual({ effective: ['AUDITOR'], pending: [] });
  });

  it('a move to another agency, or a change of how the person signs in, sends case roles back for approval', () => {
    const change = { requested: ['CSE_OFFICER', 'AUDITOR'], current: ['CSE_OFFICER', 'AUDITOR'] };
    const waiting = { effective: ['AUDITOR'], pending: ['CSE_OFFICER'] };
    expect(splitRoles(admin, { ...change, sameAgency: false, signInChanged: false })).toEqual(waiting);
    expect(splitRoles(admin, { ...change, sameAgency: true, signInChanged: true })).toEqual(waiting);
  });

  it('a token’s requests wait like an administrator’s; the operator’s take effect', () => {
    const change = { requested: ['MASH_PRACTITIONER'], current: [], sameAgency: true, signInChanged: false };
    expect(splitRoles(tokenWith([...permissionsOf(['MASH_PRACTITIONER'])]), change).pending).toEqual([
      'MASH_PRACTITIONER',
    ]);
    expect(splitRoles({ kind: 'system' }, change)).toEqual({ effective: ['MASH_PRACTITIONER'], pending: [] });
  });
});

describe('what a token may manage', () => {
  it('only roles within its own permissions: never an administrator', () => {
    const provisioning = tokenWith(['admin:users', 'admin:agencies', 'stats:published']);
    expect(tokenActorErrors(provisioning, ['PARTNERSHIP_MEMBER'])).toEqual([]);
    expect(tokenActorErrors(provisioning, ['ADMINISTRATOR'])[0]?.field).toBe('roles');
    expect(tokenActorErrors(provisioning, ['MASH_MANAGER'])[0]?.message).toContain('MASH manager');
    // Whatever a token holds, no token holds admin:tokens, so none can make an administrator.
    expect(
      tokenActorErrors(
        tokenWith(ROLE_NAMES.flatMap((r) => [...permissionsOf([r])]).filter((p) => p !== 'admin:tokens')),
        ['ADMINISTRATOR'],
      ),
    ).not.toEqual([]);
    expect(tokenActorErrors(admin, ['ADMINISTRATOR'])).toEqual([]);
  });
});

describe('what an agency’s staff and tokens may hold', () => {
  it('a school can have MASH practitioners but no MASH manager or exploitation team officer', () => {
    expect(agencyRoleErrors(['REFERRER', 'MASH_PRACTITIONER'], 'EDUCATION')).toEqual([]);
    expect(agencyRoleErrors(['MASH_MANAGER', 'CSE_OFFICER'], 'EDUCATION')).toEqual([
      {
        field: 'roles',
        message: 'Education agencies cannot give their staff the role MASH manager or CSE team officer',
      },
    ]);
    expect(agencyRoleErrors(['MASH_MANAGER'], 'CHILDRENS_SOCIAL_CARE')).toEqual([]);
  });

  it('a token permission none of the agency’s staff could hold is refused on the permissions field', () => {
    expect(tokenAgencyErrors(['referral:create', 'case:read'], 'EDUCATION')).toEqual([]);
    expect(tokenAgencyErrors(['mash:decide'], 'EDUCATION')[0]?.field).toBe('permissions');
    expect(tokenAgencyErrors(['case:work'], 'VOLUNTARY')).toEqual([]);
    expect(tokenAgencyErrors(['mash:triage'], 'VOLUNTARY')[0]?.field).toBe('permissions');
    expect(tokenAgencyErrors(['admin:users', 'stats:published'], 'OTHER')).toEqual([]);
  });
});

describe('a decision', () => {
  it('needs approve or reject and a reason of up to 500 characters, line breaks allowed', () => {
    expect(validateDecision({ decision: 'APPROVE', reason: 'Joins the MASH desk\non Monday' })).toEqual([]);
    expect(validateDecision({ decision: '', reason: '' }).map((e) => e.field)).toEqual([
      'decision',
      'reason',
    ]);
    expect(validateDecision({ decision: 'REJECT', reason: 'x'.repeat(501) })[0]?.field).toBe('reason');
    expect(validateDecision({ decision: 'REJECT', reason: 'bell\u0007' })[0]?.field).toBe('reason');
  });
});
