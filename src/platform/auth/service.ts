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
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { decryptSecret, encryptSecret, randomToken, sha256 } from './secrets.ts';
import { absoluteExpiry } from './session-rules.ts';
import {
  type AccountRow,
  clearFailures,
  createSession,
  endSession,
  findAccountById,
  findAccountByUsername,
  markTotpStep,
  recordFailure,
  type SessionStage,
  saveTotp,
} from './session-store.ts';
import { checkTotp, newTotpSecret } from './totp.ts';

export type PasswordOutcome =
  | { ok: true; sessionToken: string; stage: SessionStage }
  | { ok: false; reason: 'INVALID' | 'LOCKED' | 'DISABLED' };

function actorOf(account: AccountRow) {
  return { userId: account.id, label: account.username, agencyId: account.agency_id };
}

async function failSignIn(
  tx: Tx,
  config: Config,
  account: AccountRow,
  stage: string,
  now: Date,
): Promise<void> {
  const failures = account.failed_sign_ins + 1;
  const lockedUntil = lockedUntilAfterFailure(failures, config.lockout, now);
  await recordFailure(tx, account.id, failures, lockedUntil);
  await appendAuditEvent(tx, {
    action: 'SIGN_IN_FAILED',
    outcome: 'FAILURE',
    subjectType: 'user',
    subjectId: account.id,
    actor: actorOf(account),
    details: { stage, failures, locked: lockedUntil !== null },
  });
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

export async function signInWithPassword(
  db: Database,
  config: Config,
  username: string,
  password: string,
  correlationId: string,
): Promise<PasswordOutcome> {
  const now = new Date();
  const account = await withTransaction(db, authContext(correlationId), (tx) =>
    findAccountByUsername(tx, username.trim().toLowerCase()),
  );
  if (!account?.password_hash) {
    await verifyPassword(await dummyPasswordHash(), password);
    await withTransaction(db, authContext(correlationId), (tx) =>
      appendAuditEvent(tx, {
        action: 'SIGN_IN_FAILED',
        outcome: 'FAILURE',
        actor: { userId: null, label: 'unknown account', agencyId: null },
        details: { stage: 'PASSWORD', reason: 'unknown account' },
      }),
    );
    return { ok: false, reason: 'INVALID' };
  }
  if (account.disabled_at) return { ok: false, reason: 'DISABLED' };
  const passwordOk = isLocked(account.locked_until, now)
    ? false
    : await verifyPassword(account.password_hash, password);
  return withTransaction(db, authContext(correlationId), async (tx) => {
    if (isLocked(account.locked_until, now)) {
      await appendAuditEvent(tx, {
        action: 'SIGN_IN_FAILED',
        outcome: 'FAILURE',
        subjectType: 'user',
        subjectId: account.id,
        actor: actorOf(account),
        details: { stage: 'PASSWORD', reason: 'locked' },
      });
      return { ok: false, reason: 'LOCKED' } as const;
    }
    if (!passwordOk) {
      await failSignIn(tx, config, account, 'PASSWORD', now);
      return { ok: false, reason: 'INVALID' } as const;
    }
    const enrolled = account.totp_secret_enc !== null;
    const stage: SessionStage = enrolled ? 'PASSWORD' : 'ENROL';
    const pending = enrolled ? null : encryptSecret(config.sessionSecret, newTotpSecret());
    const sessionToken = await newSession(tx, config, account.id, stage, 'LOCAL', pending);
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
  const now = new Date();
  return withTransaction(db, authContext(correlationId), async (tx) => {
    const account = await findAccountById(tx, session.userId);
    if (!account || account.disabled_at) return { ok: false, reason: 'INVALID' } as const;
    if (isLocked(account.locked_until, now)) {
      await endSession(tx, session.tokenHash, 'LOCKED');
      return { ok: false, reason: 'LOCKED' } as const;
    }
    const sealed = session.stage === 'ENROL' ? session.pendingTotpSecretEnc : account.totp_secret_enc;
    if (!sealed) return { ok: false, reason: 'INVALID' } as const;
    const secret = decryptSecret(config.sessionSecret, sealed);
    const step = await checkTotp(
      secret,
      code,
      account.totp_last_step === null ? null : Number(account.totp_last_step),
      now,
    );
    if (step === null) {
      await failSignIn(tx, config, account, session.stage === 'ENROL' ? 'ENROL' : 'TOTP', now);
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
