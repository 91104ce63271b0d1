/**
 * Who a command-line import acts as: the system's own work, labelled with the command in the audit, and an
 * operator of the importing agency over every area of the partnership, with no user (so no case team: a
 * restricted person is refused) and only the permissions the import needs.
 */
import { randomUUID } from 'node:crypto';
import { type DbContext, systemContext } from '../db/transaction.ts';
import type { Permission } from './permissions.ts';
import type { Principal } from './principal.ts';

/** A transaction context of the system purpose, its audit actor the command (e.g. "lantern import disposals"). */
export function importContext(actor: string): DbContext {
  return { ...systemContext(`import-${randomUUID()}`), actorLabel: actor };
}

export function importOperator(
  actor: string,
  agencyId: string,
  areas: readonly string[],
  permissions: readonly Permission[],
): Principal {
  return {
    kind: 'anonymous',
    userId: null,
    tokenId: null,
    label: actor,
    agencyId,
    areas,
    teamIds: [],
    roles: [],
    permissions: new Set(permissions),
  };
}
