/**
 * A user principal for the access policy's unit tests: a referrer at a school, with no areas or teams,
 * unless `overrides` says otherwise. Roles and permissions are independent here (as in a principal built
 * from a token), so a test that wants a role's permissions passes both.
 */
import { permissionsOf, type Role } from './permissions.ts';
import type { Principal } from './principal.ts';

export function testUserPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    userId: 'u1',
    tokenId: null,
    label: 'user',
    agencyId: 'school',
    areas: [],
    teamIds: [],
    roles: ['REFERRER'],
    permissions: permissionsOf(['REFERRER']),
    ...overrides,
  };
}

/** A user principal with these roles and exactly their permissions. */
export function principalWithRoles(roles: Role[], overrides: Partial<Principal> = {}): Principal {
  return testUserPrincipal({ roles, permissions: permissionsOf(roles), ...overrides });
}
