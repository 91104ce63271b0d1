/** SQL for requests to give case permissions (access_request) and what approving one writes. */
import type { Tx } from '../platform/db/transaction.ts';

export type RequestKind = 'ROLES' | 'TOKEN';
export type RequestCause = 'GRANT' | 'SIGN_IN_CHANGED';
export type RequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

export interface AccessRequestRow {
  id: string;
  kind: RequestKind;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  user_id: string | null;
  user_display_name: string | null;
  user_username: string | null;
  user_totp_enrolled: boolean | null;
  user_oidc: boolean | null;
  token_id: string | null;
  token_name: string | null;
  roles: string[];
  permissions: string[];
  cause: RequestCause;
  requested_by_user_id: string | null;
  requested_by_label: string;
  requested_by_name: string | null;
  requested_at: Date;
  status: RequestStatus;
}

const REQUEST_COLUMNS = `r.id, r.kind, r.agency_id, a.name AS agency_name, a.type AS agency_type,
  r.user_id, u.display_name AS user_display_name, u.username AS user_username,
  u.totp_enrolled_at IS NOT NULL AS user_totp_enrolled, u.oidc_subject IS NOT NULL AS user_oidc,
  r.token_id, t.name AS token_name, r.roles, r.permissions, r.cause, r.requested_by_user_id,
  r.requested_by_label, rb.display_name AS requested_by_name, r.requested_at, r.status`;

const REQUEST_FROM = `access_request r JOIN agency a ON a.id = r.agency_id
  LEFT JOIN app_user u ON u.id = r.user_id
  LEFT JOIN api_token t ON t.id = r.token_id
  LEFT JOIN app_user rb ON rb.id = r.requested_by_user_id`;

export function listPendingRequests(tx: Tx): Promise<AccessRequestRow[]> {
  return tx.query<AccessRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.status = 'PENDING' ORDER BY r.requested_at, r.id`,
  );
}

export function findRequest(tx: Tx, id: string, lock = false): Promise<AccessRequestRow | null> {
  return tx.maybeOne<AccessRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
}

export async function insertRequest(
  tx: Tx,
  r: {
    kind: RequestKind;
    agencyId: string;
    userId: string | null;
    tokenId: string | null;
    roles: readonly string[];
    permissions: readonly string[];
    cause: RequestCause;
    requestedByUserId: string | null;
    requestedByLabel: string;
  },
): Promise<{ id: string }> {
  return tx.one(
    `INSERT INTO access_request (kind, agency_id, user_id, token_id, roles, permissions, cause,
       requested_by_user_id, requested_by_label)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      r.kind,
      r.agencyId,
      r.userId,
      r.tokenId,
      [...r.roles],
      [...r.permissions],
      r.cause,
      r.requestedByUserId,
      r.requestedByLabel,
    ],
  );
}

export interface PendingRoles {
  id: string;
  user_id: string;
  agency_id: string;
  roles: string[];
  cause: RequestCause;
}

/** The roles each user waits for (a user has at most one pending request). */
export function pendingRolesOf(tx: Tx, userIds: readonly string[]): Promise<PendingRoles[]> {
  return tx.query<PendingRoles>(
    `SELECT id, user_id, agency_id, roles, cause FROM access_request
      WHERE kind = 'ROLES' AND status = 'PENDING' AND user_id = ANY($1::uuid[])`,
    [[...userIds]],
  );
}

/** A later change replaces what was asked before: the earlier request can no longer be decided. */
export async function withdrawPending(
  tx: Tx,
  target: { userId: string } | { tokenId: string },
): Promise<void> {
  const [column, id] = 'userId' in target ? ['user_id', target.userId] : ['token_id', target.tokenId];
  await tx.query(
    `UPDATE access_request SET status = 'WITHDRAWN' WHERE ${column} = $1 AND status = 'PENDING'`,
    [id],
  );
}

/** Records the decision; `decided_at = now()` lets the database check what this transaction applies. */
export async function decideRequest(
  tx: Tx,
  id: string,
  d: { status: 'APPROVED' | 'REJECTED'; byUserId: string | null; byLabel: string; reason: string },
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE access_request SET status = $2, decided_by_user_id = $3, decided_by_label = $4, decided_at = now(),
            decision_reason = $5
      WHERE id = $1 AND status = 'PENDING' RETURNING 1`,
    [id, d.status, d.byUserId, d.byLabel, d.reason],
  );
  return rows.length === 1;
}

export async function currentRoles(tx: Tx, userId: string): Promise<string[]> {
  const row = await tx.maybeOne<{ roles: string[] }>('SELECT roles FROM app_user WHERE id = $1', [userId]);
  return row?.roles ?? [];
}

/** Sets the roles in effect once a request is approved (the database checks the approval is this one). */
export async function setRoles(tx: Tx, userId: string, roles: readonly string[]): Promise<void> {
  await tx.query('UPDATE app_user SET roles = $2, updated_at = now() WHERE id = $1', [userId, [...roles]]);
}

/**
 * Gives an approved token its secret (only the hash is kept). Its lifetime, chosen when it was asked for,
 * starts now: a token waiting a week for approval still lasts as long as asked.
 */
export async function activateToken(tx: Tx, id: string, tokenHash: string, prefix: string): Promise<Date> {
  const row = await tx.one<{ expires_at: Date }>(
    `UPDATE api_token SET token_hash = $2, prefix = $3, approval = 'APPROVED',
            expires_at = now() + (expires_at - created_at)
      WHERE id = $1 AND approval = 'PENDING' RETURNING expires_at`,
    [id, tokenHash, prefix],
  );
  return row.expires_at;
}

export async function rejectToken(tx: Tx, id: string): Promise<void> {
  await tx.query(`UPDATE api_token SET approval = 'REJECTED' WHERE id = $1 AND approval = 'PENDING'`, [id]);
}

/** The partnership areas an agency serves: its own area and those of its teams. */
export async function agencyAreas(tx: Tx, agencyId: string): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    `SELECT area FROM agency WHERE id = $1 AND area IS NOT NULL
     UNION SELECT area FROM team WHERE agency_id = $1 AND area IS NOT NULL`,
    [agencyId],
  );
  return rows.map((r) => r.area).sort();
}

/** Active users of an agency and their roles in effect: who could approve for it. */
export function activeMembers(tx: Tx, agencyId: string): Promise<Array<{ id: string; roles: string[] }>> {
  return tx.query(
    'SELECT id, roles FROM app_user WHERE agency_id = $1 AND disabled_at IS NULL AND cardinality(roles) > 0',
    [agencyId],
  );
}
