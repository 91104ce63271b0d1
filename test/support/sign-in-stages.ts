/**
 * Signing in stage by stage through the auth service (no HTTP): the password stage, which a test expects to
 * pass, and the session it leaves as `completeSecondFactor` reads it.
 */
import { randomUUID } from 'node:crypto';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { signInWithPassword } from '../../src/platform/auth/service.ts';
import type { TestApp, TestUser } from './app.ts';

/** Passes the password stage (throws if it fails) and returns the half-signed-in session it leaves. */
export async function passPasswordStage(t: TestApp, user: TestUser, correlationId: string = randomUUID()) {
  const started = await signInWithPassword(t.db, t.config, user.username, user.password, correlationId);
  if (!started.ok) throw new Error('the password stage should pass');
  return {
    tokenHash: sha256(started.sessionToken),
    userId: user.id,
    stage: started.stage,
    pendingTotpSecretEnc: null,
  };
}
