/**
 * Service-level tests act as a principal without going through HTTP: a user principal made from roles, and
 * a transaction in its context, exactly as a request would run it.
 */
import { type Permission, permissionsOf } from '../../src/platform/access/permissions.ts';
import { contextFor, type Principal } from '../../src/platform/access/principal.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { type Tx, withTransaction } from '../../src/platform/db/transaction.ts';

/** A user principal; `n` makes its user id (and label) distinct within a test file. */
export function testPrincipal(agencyId: string, roles: string[], areas: string[], n: number): Principal {
  return {
    kind: 'user',
    userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tokenId: null,
    label: `tester-${n}`,
    agencyId,
    areas,
    teamIds: [],
    roles: roles as never,
    permissions: permissionsOf(roles),
  };
}

export function actAs<T>(db: Database, principal: Principal, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(db, contextFor(principal, 'test'), work);
}

/** A user principal made of generated parts (property tests of the policy against row-level security). */
export function generatedPrincipal(p: {
  userId: string;
  agencyId: string;
  areas: readonly string[];
  permissions: readonly Permission[];
}): Principal {
  return {
    kind: 'user',
    userId: p.userId,
    tokenId: null,
    label: 'generated',
    agencyId: p.agencyId,
    areas: p.areas,
    teamIds: [],
    roles: [],
    permissions: new Set(p.permissions),
  };
}
