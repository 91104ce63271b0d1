/** SQL for agencies, teams, users and API tokens. */
import type { Tx } from '../platform/db/transaction.ts';

export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  type: string;
  area: string | null;
  research_contact: string | null;
  provides_return_interviews: boolean;
  created_at: Date;
}

export interface TeamRow {
  id: string;
  agency_id: string;
  agency_name: string;
  name: string;
  area: string | null;
}

export interface UserRow {
  id: string;
  agency_id: string;
  agency_name: string;
  username: string;
  display_name: string;
  email: string | null;
  roles: string[];
  team_ids: string[];
  totp_enrolled: boolean;
  oidc_subject: string | null;
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
}

export interface TokenRow {
  id: string;
  name: string;
  agency_id: string;
  agency_name: string;
  permissions: string[];
  /** Null until the token has a secret (one waiting for approval, or rejected). */
  prefix: string | null;
  approval: 'PENDING' | 'APPROVED' | 'REJECTED';
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const AGENCY_COLUMNS = 'id, code, name, type, area, research_contact, provides_return_interviews, created_at';

export function listAgencies(
  tx: Tx,
  window: { limit: number; offset: number } = { limit: 10_000, offset: 0 },
): Promise<AgencyRow[]> {
  return tx.query<AgencyRow>(`SELECT ${AGENCY_COLUMNS} FROM agency ORDER BY name, id LIMIT $1 OFFSET $2`, [
    window.limit,
    window.offset,
  ]);
}

export function findAgency(tx: Tx, id: string): Promise<AgencyRow | null> {
  return tx.maybeOne<AgencyRow>(`SELECT ${AGENCY_COLUMNS} FROM agency WHERE id = $1`, [id]);
}

export function insertAgency(
  tx: Tx,
  a: {
    code: string;
    name: string;
    type: string;
    area: string | null;
    researchContact: string | null;
    providesReturnInterviews: boolean;
  },
): Promise<AgencyRow> {
  return tx.one<AgencyRow>(
    `INSERT INTO agency (code, name, type, area, research_contact, provides_return_interviews)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${AGENCY_COLUMNS}`,
    [a.code, a.name, a.type, a.area, a.researchContact, a.providesReturnInterviews],
  );
}

export function updateAgency(
  tx: Tx,
  id: string,
  a: {
    name: string;
    type: string;
    area: string | null;
    researchContact?: string | null;
    providesReturnInterviews?: boolean;
  },
): Promise<AgencyRow | null> {
  // An absent research contact or provider mark (the API's patch) is left as it is; null clears the contact.
  return tx.maybeOne<AgencyRow>(
    `UPDATE agency SET name = $2, type = $3, area = $4,
       research_contact = CASE WHEN $5::boolean THEN $6 ELSE research_contact END,
       provides_return_interviews = coalesce($7::boolean, provides_return_interviews), updated_at = now()
     WHERE id = $1 RETURNING ${AGENCY_COLUMNS}`,
    [
      id,
      a.name,
      a.type,
      a.area,
      a.researchContact !== undefined,
      a.researchContact ?? null,
      a.providesReturnInterviews ?? null,
    ],
  );
}

export function listTeams(
  tx: Tx,
  agencyId?: string,
  window: { limit: number; offset: number } = { limit: 10_000, offset: 0 },
): Promise<TeamRow[]> {
  return tx.query<TeamRow>(
    `SELECT t.id, t.agency_id, a.name AS agency_name, t.name, t.area FROM team t JOIN agency a ON a.id = t.agency_id
     WHERE $1::uuid IS NULL OR t.agency_id = $1 ORDER BY a.name, t.name, t.id LIMIT $2 OFFSET $3`,
    [agencyId ?? null, window.limit, window.offset],
  );
}

export function insertTeam(
  tx: Tx,
  t: { agencyId: string; name: string; area: string | null },
): Promise<{ id: string }> {
  return tx.one('INSERT INTO team (agency_id, name, area) VALUES ($1, $2, $3) RETURNING id', [
    t.agencyId,
    t.name,
    t.area,
  ]);
}

const USER_COLUMNS = `u.id, u.agency_id, a.name AS agency_name, u.username, u.display_name, u.email, u.roles,
  coalesce((SELECT array_agg(ut.team_id ORDER BY ut.team_id) FROM user_team ut WHERE ut.user_id = u.id), '{}') AS team_ids,
  u.totp_enrolled_at IS NOT NULL AS totp_enrolled, u.oidc_subject, u.disabled_at, u.locked_until, u.created_at`;

/** Users by username, a page at a time (usernames are unique, so pages neither repeat nor skip one). */
export function listUsers(tx: Tx, window: { limit: number; offset: number }): Promise<UserRow[]> {
  return tx.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u JOIN agency a ON a.id = u.agency_id ORDER BY u.username
      LIMIT $1 OFFSET $2`,
    [window.limit, window.offset],
  );
}

export function findUser(tx: Tx, id: string): Promise<UserRow | null> {
  return tx.maybeOne<UserRow>(
    `SELECT ${USER_COLUMNS} FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1`,
    [id],
  );
}

export async function countUsers(tx: Tx): Promise<number> {
  const row = await tx.one<{ n: number }>('SELECT count(*) AS n FROM app_user');
  return Number(row.n);
}

export function insertUser(
  tx: Tx,
  u: {
    agencyId: string;
    username: string;
    displayName: string;
    email: string | null;
    roles: string[];
    passwordHash: string | null;
    oidcSubject: string | null;
  },
): Promise<{ id: string }> {
  return tx.one(
    `INSERT INTO app_user (agency_id, username, display_name, email, roles, password_hash, oidc_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [u.agencyId, u.username, u.displayName, u.email, u.roles, u.passwordHash, u.oidcSubject],
  );
}

export async function updateUser(
  tx: Tx,
  id: string,
  u: {
    agencyId: string;
    displayName: string;
    email: string | null;
    roles: string[];
    oidcSubject: string | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE app_user SET agency_id = $2, display_name = $3, email = $4, roles = $5, oidc_subject = $6, updated_at = now()
     WHERE id = $1`,
    [id, u.agencyId, u.displayName, u.email, u.roles, u.oidcSubject],
  );
}

export async function setUserPassword(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx.query(
    'UPDATE app_user SET password_hash = $2, failed_sign_ins = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
    [id, passwordHash],
  );
}

export async function setUserDisabled(tx: Tx, id: string, disabled: boolean): Promise<void> {
  await tx.query(
    'UPDATE app_user SET disabled_at = CASE WHEN $2 THEN now() ELSE NULL END, updated_at = now() WHERE id = $1',
    [id, disabled],
  );
}

export async function resetUserTotp(tx: Tx, id: string): Promise<void> {
  await tx.query(
    'UPDATE app_user SET totp_secret_enc = NULL, totp_enrolled_at = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1',
    [id],
  );
}

export async function replaceUserTeams(tx: Tx, userId: string, teamIds: string[]): Promise<void> {
  await tx.query('DELETE FROM user_team WHERE user_id = $1', [userId]);
  if (teamIds.length) {
    await tx.query('INSERT INTO user_team (user_id, team_id) SELECT $1, unnest($2::uuid[])', [
      userId,
      teamIds,
    ]);
  }
}

export async function teamsExist(tx: Tx, teamIds: string[]): Promise<boolean> {
  if (teamIds.length === 0) return true;
  const row = await tx.one<{ n: number }>('SELECT count(*) AS n FROM team WHERE id = ANY($1::uuid[])', [
    teamIds,
  ]);
  return Number(row.n) === new Set(teamIds).size;
}

export function listTokens(tx: Tx): Promise<TokenRow[]> {
  return tx.query<TokenRow>(
    `SELECT t.id, t.name, t.agency_id, a.name AS agency_name, t.permissions, t.prefix, t.approval, t.created_at,
            t.expires_at, t.revoked_at, t.last_used_at
       FROM api_token t JOIN agency a ON a.id = t.agency_id ORDER BY t.created_at DESC`,
  );
}

export function insertToken(
  tx: Tx,
  t: {
    name: string;
    agencyId: string;
    permissions: string[];
    tokenHash: string | null;
    prefix: string | null;
    approval: 'PENDING' | 'APPROVED';
    createdBy: string | null;
    expiresAt: Date;
  },
): Promise<{ id: string }> {
  return tx.one(
    `INSERT INTO api_token (name, agency_id, permissions, token_hash, prefix, approval, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [t.name, t.agencyId, t.permissions, t.tokenHash, t.prefix, t.approval, t.createdBy, t.expiresAt],
  );
}

export async function revokeToken(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING 1',
    [id],
  );
  return rows.length === 1;
}

export function listAgenciesWithTeamCounts(tx: Tx): Promise<Array<AgencyRow & { team_count: number }>> {
  return tx.query<AgencyRow & { team_count: number }>(
    `SELECT a.id, a.code, a.name, a.type, a.area, a.created_at,
            (SELECT count(*) FROM team t WHERE t.agency_id = a.id)::int AS team_count
       FROM agency a ORDER BY a.name`,
  );
}
