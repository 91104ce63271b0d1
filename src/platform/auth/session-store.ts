/** SQL for server-side sessions and the account facts sign-in needs. */
import type { Tx } from '../db/transaction.ts';

export type SessionStage = 'PASSWORD' | 'ENROL' | 'ACTIVE';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  stage: SessionStage;
  method: 'LOCAL' | 'OIDC';
  pending_totp_secret_enc: string | null;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
}

export interface AccountRow {
  id: string;
  agency_id: string;
  username: string;
  display_name: string;
  roles: string[];
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_last_step: number | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
}

const ACCOUNT_COLUMNS = `u.id, u.agency_id, u.username, u.display_name, u.roles, u.password_hash, u.totp_secret_enc,
  u.totp_last_step, u.failed_sign_ins, u.locked_until, u.disabled_at`;

/**
 * `lock` takes the row lock until the transaction ends, so that deciding a sign-in (locked? count a
 * failure? accept?) sees every concurrent attempt decided before it and none after.
 */
export function findAccountByUsername(tx: Tx, username: string, lock = false): Promise<AccountRow | null> {
  return tx.maybeOne<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.username = $1${lock ? ' FOR UPDATE' : ''}`,
    [username],
  );
}

export function findAccountById(tx: Tx, id: string, lock = false): Promise<AccountRow | null> {
  return tx.maybeOne<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
}

export function findAccountByOidcSubject(tx: Tx, subject: string): Promise<AccountRow | null> {
  return tx.maybeOne<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE u.oidc_subject = $1`, [
    subject,
  ]);
}

export function findAccountByEmail(tx: Tx, email: string): Promise<AccountRow | null> {
  return tx.maybeOne<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM app_user u WHERE lower(u.email) = lower($1)`,
    [email],
  );
}

/** Counts one failure in SQL, not from a value read earlier, so that concurrent failures all count. */
export async function addFailure(tx: Tx, userId: string): Promise<number> {
  const row = await tx.one<{ failed_sign_ins: number }>(
    'UPDATE app_user SET failed_sign_ins = failed_sign_ins + 1 WHERE id = $1 RETURNING failed_sign_ins',
    [userId],
  );
  return Number(row.failed_sign_ins);
}

/**
 * Locks the account until `until`, never shortening a lock already longer (greatest() ignores nulls, so
 * null leaves the lock as it is). Run on every failure, lock or not, so that every failure costs the same.
 */
export async function lockAccountUntil(tx: Tx, userId: string, until: Date | null): Promise<void> {
  await tx.query('UPDATE app_user SET locked_until = greatest(locked_until, $2) WHERE id = $1', [
    userId,
    until,
  ]);
}

export async function clearFailures(tx: Tx, userId: string): Promise<void> {
  await tx.query('UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export async function saveTotp(tx: Tx, userId: string, secretEnc: string, step: number): Promise<void> {
  await tx.query(
    `UPDATE app_user SET totp_secret_enc = $2, totp_last_step = $3, totp_enrolled_at = coalesce(totp_enrolled_at, now()),
       updated_at = now() WHERE id = $1`,
    [userId, secretEnc, step],
  );
}

export async function markTotpStep(tx: Tx, userId: string, step: number): Promise<void> {
  await tx.query('UPDATE app_user SET totp_last_step = $2 WHERE id = $1', [userId, step]);
}

export async function createSession(
  tx: Tx,
  session: Pick<
    SessionRow,
    'token_hash' | 'user_id' | 'stage' | 'method' | 'pending_totp_secret_enc' | 'absolute_expires_at'
  >,
): Promise<void> {
  await tx.query(
    `INSERT INTO user_session (token_hash, user_id, stage, method, pending_totp_secret_enc, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      session.token_hash,
      session.user_id,
      session.stage,
      session.method,
      session.pending_totp_secret_enc,
      session.absolute_expires_at,
    ],
  );
}

export function findLiveSession(tx: Tx, tokenHash: string): Promise<SessionRow | null> {
  return tx.maybeOne<SessionRow>(
    `SELECT token_hash, user_id, stage, method, pending_totp_secret_enc, created_at, last_seen_at, absolute_expires_at
       FROM user_session WHERE token_hash = $1 AND ended_at IS NULL`,
    [tokenHash],
  );
}

export async function endSession(tx: Tx, tokenHash: string, reason: string): Promise<void> {
  await tx.query(
    'UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE token_hash = $1 AND ended_at IS NULL',
    [tokenHash, reason],
  );
}

export async function endAllSessionsOf(tx: Tx, userId: string, reason: string): Promise<number> {
  const rows = await tx.query(
    'UPDATE user_session SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING 1',
    [userId, reason],
  );
  return rows.length;
}

export async function touchSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.query('UPDATE user_session SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function setPendingTotp(tx: Tx, tokenHash: string, secretEnc: string): Promise<void> {
  await tx.query('UPDATE user_session SET pending_totp_secret_enc = $2 WHERE token_hash = $1', [
    tokenHash,
    secretEnc,
  ]);
}

export interface MembershipRow {
  team_id: string;
  area: string | null;
}

export function teamsOf(tx: Tx, userId: string): Promise<MembershipRow[]> {
  return tx.query<MembershipRow>(
    'SELECT t.id AS team_id, t.area FROM user_team ut JOIN team t ON t.id = ut.team_id WHERE ut.user_id = $1',
    [userId],
  );
}

export interface TokenRow {
  id: string;
  name: string;
  agency_id: string;
  permissions: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  agency_area: string | null;
}

export function findTokenByHash(tx: Tx, tokenHash: string): Promise<TokenRow | null> {
  return tx.maybeOne<TokenRow>(
    `SELECT t.id, t.name, t.agency_id, t.permissions, t.expires_at, t.revoked_at, t.last_used_at, a.area AS agency_area
       FROM api_token t JOIN agency a ON a.id = t.agency_id WHERE t.token_hash = $1 AND t.approval = 'APPROVED'`,
    [tokenHash],
  );
}

export async function touchToken(tx: Tx, id: string): Promise<void> {
  await tx.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [id]);
}

/**
 * The roles and team areas of an agency's active staff holding any of `roles`, each combination once: what
 * a token of that agency may see is worked out from them (tokenAreas in the access policy).
 */
export function agencyStaffScopes(
  tx: Tx,
  agencyId: string,
  roles: readonly string[],
): Promise<Array<{ roles: string[]; area: string }>> {
  return tx.query(
    `SELECT DISTINCT u.roles, t.area
       FROM app_user u JOIN user_team ut ON ut.user_id = u.id JOIN team t ON t.id = ut.team_id
      WHERE u.agency_id = $1 AND u.disabled_at IS NULL AND t.area IS NOT NULL AND u.roles && $2::text[]`,
    [agencyId, [...roles]],
  );
}
