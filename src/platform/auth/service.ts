/**
 * Sign-in use-cases: password, TOTP enrolment and verification, session start and rotation, sign-out.
 * Each runs in one transaction with its audit event.
 */

import { appendAuditEvent } from '../audit/store.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { type Tx, withTransaction } from '../db/transaction.ts';
import { authContext } from './authenticate.ts';
import { isLocked, lockedUntilAfterFailure } from './lockout.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password.ts';
import { decryptSecret, encryptSecret, randomToken, sha256 } from './secrets.ts';
import { absoluteExpiry } from './session-rules.ts';
import {
  type AccountRow,
  addFailure,
  clearFailures,
  createSession,
  endSession,
  findAccountById,
  findAccountByUsername,
  lockAccountUntil,
  markTotpStep,
  type SessionStage,
  saveTotp,
} from './session-store.ts';
import { checkTotp, newTotpSecret } from './totp.ts';

export type PasswordOutcome =
  | { ok: true; sessionToken: string; stage: SessionStage }
  | { ok: false; reason: 'INVALID' | 'LOCKED' | 'DISABLED' };

type Stage = 'PASSWORD' | 'TOTP' | 'ENROL';

interface FailureDetails {
  stage: Stage;
  reason: string;
  failures?: number;
  locked?: boolean;
}

function actorOf(account: AccountRow) {
  return { userId: account.id, label: account.username, agencyId: account.agency_id };
}

/** Each refused attempt writes exactly one event saying why; never the password or code tried. */
async function auditFailure(tx: Tx, account: AccountRow | null, details: FailureDetails): Promise<void> {
  await appendAuditEvent(tx, {
    action: 'SIGN_IN_FAILED',
    outcome: 'FAILURE',
    ...(account
      ? { subjectType: 'user', subjectId: account.id, actor: actorOf(account) }
      : { actor: { userId: null, label: 'unknown account', agencyId: null } }),
    details,
  });
}

/**
 * Counts one failure in SQL and locks from the count that returns, so that concurrent failures (each in
 * its own transaction under the row lock) all count and the lock comes at the threshold however they
 * interleave.
 */
async function countFailure(
  tx: Tx,
  config: Config,
  account: AccountRow,
  now: Date,
): Promise<{ failures: number; locked: boolean }> {
  const failures = await addFailure(tx, account.id);
  const until = lockedUntilAfterFailure(failures, config.lockout, now);
  await lockAccountUntil(tx, account.id, until);
  return { failures, locked: until !== null };
}

export async function newSession(
  tx: Tx,
  config: Config,
  userId: string,
  stage: SessionStage,
  method: 'LOCAL' | 'OIDC',
  pendingTotpSecretEnc: string | null = null,
): Promise<string> {
  const token = randomToken();
  await createSession(tx, {
    token_hash: sha256(token),
    user_id: userId,
    stage,
    method,
    pending_totp_secret_enc: pendingTotpSecretEnc,
    absolute_expires_at: absoluteExpiry(new Date(), {
      idleMinutes: config.idleTimeoutMinutes,
      absoluteHours: config.absoluteTimeoutHours,
    }),
  });
  return token;
}

/**
 * The password stage. Every path (unknown, disabled, locked, wrong, right) does the same work: one lookup,
 * one argon2 verification (against a dummy hash when there is no real one), then one transaction that
 * locks the account row, decides, and writes exactly one audit event. So neither the page nor the time
 * taken tells an unknown, disabled or locked account from a wrong password.
 */
export async function signInWithPassword(
  db: Database,
  config: Config,
  username: string,
  password: string,
  correlationId: string,
): Promise<PasswordOutcome> {
  const name = username.trim().toLowerCase();
  const found = await withTransaction(db, authContext(correlationId), (tx) =>
    findAccountByUsername(tx, name),
  );
  // The slow check runs outside any transaction, holding no row lock and no pooled connection.
  const checkedHash = found?.password_hash ?? DUMMY_PASSWORD_HASH;
  const matches = await verifyPassword(checkedHash, password);
  return withTransaction(db, authContext(correlationId), async (tx) => {
    // Decide from the row as it is now, under its lock, not as read before the check: concurrent failures
    // may have locked the account meanwhile.
    const account = await findAccountByUsername(tx, name, true);
    const now = new Date();
    if (!account?.password_hash) {
      await auditFailure(tx, account, {
        stage: 'PASSWORD',
        reason: account ? 'no local password' : 'unknown account',
      });
      return { ok: false, reason: 'INVALID' } as const;
    }
    // A password checked against a hash that has since been replaced proves nothing.
    const passwordOk = matches && account.password_hash === checkedHash;
    if (account.disabled_at) {
      await auditFailure(tx, account, { stage: 'PASSWORD', reason: 'disabled' });
      return { ok: false, reason: 'DISABLED' } as const;
    }
    if (isLocked(account.locked_until, now)) {
      // A wrong guess while locked still counts (and lengthens the lock); the right password does not count.
      const failures = passwordOk
        ? account.failed_sign_ins
        : (await countFailure(tx, config, account, now)).failures;
      await auditFailure(tx, account, { stage: 'PASSWORD', reason: 'locked', failures, locked: true });
      return { ok: false, reason: 'LOCKED' } as const;
    }
    if (!passwordOk) {
      const counted = await countFailure(tx, config, account, now);
      await auditFailure(tx, account, { stage: 'PASSWORD', reason: 'wrong password', ...counted });
      return { ok: false, reason: 'INVALID' } as const;
    }
    const enrolled = account.totp_secret_enc !== null;
    const stage: SessionStage = enrolled ? 'PASSWORD' : 'ENROL';
    const pending = enrolled ? null : encryptSecret(config.sessionSecret, newTotpSecret());
    const sessionToken = await newSession(tx, config, account.id, stage, 'LOCAL', pending);
    await appendAuditEvent(tx, {
      action: 'SIGN_IN_PASSWORD_ACCEPTED',
      subjectType: 'user',
      subjectId: account.id,
      actor: actorOf(account),
      details: { stage: 'PASSWORD', next: enrolled ? 'TOTP' : 'ENROL' },
    });
    return { ok: true, sessionToken, stage } as const;
  });
}

export type SecondFactorOutcome =
  | { ok: true; sessionToken: string }
  | { ok: false; reason: 'INVALID' | 'LOCKED' };

/** Starts the ACTIVE session with a new id, ending the one used for the steps before. */
async function activate(
  tx: Tx,
  config: Config,
  account: AccountRow,
  oldTokenHash: string,
  method: 'LOCAL' | 'OIDC',
) {
  await endSession(tx, oldTokenHash, 'SIGNED_IN');
  await clearFailures(tx, account.id);
  const sessionToken = await newSession(tx, config, account.id, 'ACTIVE', method);
  await appendAuditEvent(tx, {
    action: 'SIGN_IN',
    subjectType: 'user',
    subjectId: account.id,
    actor: actorOf(account),
    details: { method },
  });
  return sessionToken;
}

export async function completeSecondFactor(
  db: Database,
  config: Config,
  session: { tokenHash: string; userId: string; stage: SessionStage; pendingTotpSecretEnc: string | null },
  code: string,
  correlationId: string,
): Promise<SecondFactorOutcome> {
  const stage: Stage = session.stage === 'ENROL' ? 'ENROL' : 'TOTP';
  return withTransaction(db, authContext(correlationId), async (tx) => {
    // Under the row lock, concurrent codes are decided one at a time, each seeing the failures and the used
    // time step of those decided before it.
    const account = await findAccountById(tx, session.userId, true);
    const now = new Date();
    if (!account || account.disabled_at) {
      await auditFailure(tx, account, { stage, reason: account ? 'disabled' : 'unknown account' });
      return { ok: false, reason: 'INVALID' } as const;
    }
    if (isLocked(account.locked_until, now)) {
      await endSession(tx, session.tokenHash, 'LOCKED');
      await auditFailure(tx, account, { stage, reason: 'locked', failures: account.failed_sign_ins });
      return { ok: false, reason: 'LOCKED' } as const;
    }
    const sealed = session.stage === 'ENROL' ? session.pendingTotpSecretEnc : account.totp_secret_enc;
    if (!sealed) {
      await auditFailure(tx, account, { stage, reason: 'no authenticator enrolled' });
      return { ok: false, reason: 'INVALID' } as const;
    }
    const secret = decryptSecret(config.sessionSecret, sealed);
    const step = await checkTotp(
      secret,
      code,
      account.totp_last_step === null ? null : Number(account.totp_last_step),
      now,
    );
    if (step === null) {
      const counted = await countFailure(tx, config, account, now);
      await auditFailure(tx, account, { stage, reason: 'wrong code', ...counted });
      return { ok: false, reason: 'INVALID' } as const;
    }
    if (session.stage === 'ENROL') {
      await saveTotp(tx, account.id, sealed, step);
      await appendAuditEvent(tx, {
        action: 'TOTP_ENROLLED',
        subjectType: 'user',
        subjectId: account.id,
        actor: actorOf(account),
      });
    } else {
      await markTotpStep(tx, account.id, step);
    }
    return {
      ok: true,
      sessionToken: await activate(tx, config, account, session.tokenHash, 'LOCAL'),
    } as const;
  });
}

/** After an OpenID provider has authenticated the person (its own MFA applies), start an ACTIVE session. */
export async function signInWithProvider(
  db: Database,
  config: Config,
  userId: string,
  correlationId: string,
): Promise<string | null> {
  return withTransaction(db, authContext(correlationId), async (tx) => {
    const account = await findAccountById(tx, userId);
    if (!account || account.disabled_at) return null;
    await clearFailures(tx, account.id);
    const sessionToken = await newSession(tx, config, account.id, 'ACTIVE', 'OIDC');
    await appendAuditEvent(tx, {
      action: 'SIGN_IN',
      subjectType: 'user',
      subjectId: account.id,
      actor: actorOf(account),
      details: { method: 'OIDC' },
    });
    return sessionToken;
  });
}

export function totpSecretForEnrolment(config: Config, pendingTotpSecretEnc: string | null): string | null {
  return pendingTotpSecretEnc ? decryptSecret(config.sessionSecret, pendingTotpSecretEnc) : null;
}
