/**
 * Works out who is calling: a browser session (cookie) for pages, a bearer token for the API. A session
 * past its idle or absolute timeout, of a disabled user, or still mid sign-in, gives no principal.
 */

import {
  isCasePermission,
  isPermission,
  isRole,
  type Permission,
  permissionsOf,
  ROLE_NAMES,
  ROLES,
  type Role,
  withImpliedPermissions,
} from '../access/permissions.ts';
import { tokenAreas } from '../access/policy.ts';
import { ANONYMOUS, type Principal } from '../access/principal.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { contextOfNoOne, type DbContext, withTransaction } from '../db/transaction.ts';
import { sha256 } from './secrets.ts';
import { sessionExpiry, shouldTouch, touchIntervalMs } from './session-rules.ts';
import {
  agencyStaffScopes,
  endSession,
  findAccountById,
  findLiveSession,
  findTokenByHash,
  type SessionRow,
  teamsOf,
  touchSession,
  touchToken,
} from './session-store.ts';

export interface ResolvedSession {
  tokenHash: string;
  row: SessionRow;
}

export interface Caller {
  principal: Principal;
  /** The live session, in whatever stage (sign-in pages need a session that is not yet ACTIVE). */
  session: ResolvedSession | null;
}

export function authContext(correlationId: string): DbContext {
  return contextOfNoOne('authenticate', correlationId, 'anonymous');
}

export async function principalForUser(
  db: Database,
  userId: string,
  correlationId: string,
): Promise<Principal | null> {
  return withTransaction(db, authContext(correlationId), async (tx) => {
    const account = await findAccountById(tx, userId);
    if (!account || account.disabled_at) return null;
    const teams = await teamsOf(tx, account.id);
    const roles = account.roles.filter(isRole) as Role[];
    return {
      kind: 'user',
      userId: account.id,
      tokenId: null,
      label: account.username,
      displayName: account.display_name,
      agencyId: account.agency_id,
      areas: [...new Set(teams.map((t) => t.area).filter((a): a is string => !!a))],
      teamIds: teams.map((t) => t.team_id),
      roles,
      permissions: permissionsOf(roles),
    };
  });
}

export async function resolveSession(
  db: Database,
  config: Config,
  token: string | undefined,
  correlationId: string,
): Promise<Caller> {
  if (!token || token.length > 200) return { principal: ANONYMOUS, session: null };
  const tokenHash = sha256(token);
  const now = new Date();
  const session = await withTransaction(db, authContext(correlationId), async (tx) => {
    const row = await findLiveSession(tx, tokenHash);
    if (!row) return null;
    const expiry = sessionExpiry(
      row,
      { idleMinutes: config.idleTimeoutMinutes, absoluteHours: config.absoluteTimeoutHours },
      now,
    );
    if (expiry) {
      await endSession(tx, tokenHash, expiry === 'IDLE' ? 'IDLE_TIMEOUT' : 'ABSOLUTE_TIMEOUT');
      return null;
    }
    if (shouldTouch(row.last_seen_at, now, touchIntervalMs(config.idleTimeoutMinutes)))
      await touchSession(tx, tokenHash);
    return row;
  });
  if (!session) return { principal: ANONYMOUS, session: null };
  if (session.stage !== 'ACTIVE') return { principal: ANONYMOUS, session: { tokenHash, row: session } };
  const principal = await principalForUser(db, session.user_id, correlationId);
  if (!principal) return { principal: ANONYMOUS, session: null };
  return { principal, session: { tokenHash, row: session } };
}

export const TOKEN_PREFIX = 'lnt_';

export async function resolveBearer(
  db: Database,
  header: string | undefined,
  correlationId: string,
): Promise<Principal> {
  const match = /^Bearer (lnt_[A-Za-z0-9_-]{20,120})$/.exec(header ?? '');
  if (!match) return ANONYMOUS;
  const now = new Date();
  return withTransaction(db, authContext(correlationId), async (tx) => {
    const token = await findTokenByHash(tx, sha256(match[1]!));
    if (!token || token.revoked_at || token.expires_at.getTime() <= now.getTime()) return ANONYMOUS;
    if (!token.last_used_at || shouldTouch(token.last_used_at, now)) await touchToken(tx, token.id);
    const permissions = withImpliedPermissions(token.permissions.filter(isPermission) as Permission[]);
    // A token sees exactly what its agency's staff holding its case permissions see (SECURITY 25): the hub
    // areas of their teams, and none at all where none of them works in a hub (a school, say).
    const casePermissions = [...permissions].filter(isCasePermission);
    const candidateRoles = ROLE_NAMES.filter((r) => ROLES[r].permissions.some((p) => permissions.has(p)));
    const staff = casePermissions.length ? await agencyStaffScopes(tx, token.agency_id, candidateRoles) : [];
    const members = staff.map((s) => ({ permissions: permissionsOf(s.roles), areas: [s.area] }));
    return {
      kind: 'token',
      userId: null,
      tokenId: token.id,
      label: `token:${token.name}`,
      agencyId: token.agency_id,
      areas: tokenAreas(permissions, members),
      teamIds: [],
      roles: [],
      permissions,
    } satisfies Principal;
  });
}
