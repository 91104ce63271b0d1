/** Who is acting: a signed-in user, a partner system's API token, or nobody. */
import type { DbContext } from '../db/transaction.ts';
import type { Permission, Role } from './permissions.ts';

export interface Principal {
  kind: 'user' | 'token' | 'anonymous';
  /** The user, or for a token the user who issued it is NOT the actor: tokens act for their agency. */
  userId: string | null;
  tokenId: string | null;
  /** The username or token name: how the audit log names the actor. */
  label: string;
  /** A signed-in person's name as the header shows it (absent for tokens and nobody). */
  displayName?: string;
  agencyId: string | null;
  /** Partnership areas of the principal's teams (a MASH hub sees its area's referrals). */
  areas: readonly string[];
  teamIds: readonly string[];
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
}

export const ANONYMOUS: Principal = {
  kind: 'anonymous',
  userId: null,
  tokenId: null,
  label: 'anonymous',
  agencyId: null,
  areas: [],
  teamIds: [],
  roles: [],
  permissions: new Set(),
};

export function principalKey(principal: Principal): string {
  if (principal.kind === 'token') return `token:${principal.tokenId}`;
  if (principal.kind === 'user') return `user:${principal.userId}`;
  return 'anonymous';
}

export function can(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

/** The database context a principal's work runs in: row-level security reads these settings. */
export function contextFor(principal: Principal, correlationId: string): DbContext {
  return {
    userId: principal.userId,
    agencyId: principal.agencyId,
    teamIds: principal.teamIds,
    areas: principal.areas,
    permissions: principal.permissions,
    purpose: 'request',
    correlationId,
    principalKey: principalKey(principal),
    actorLabel: principal.label,
  };
}
