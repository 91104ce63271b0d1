/**
 * SECURITY 29: lockout counts every failure under concurrency. Guesses sent in parallel each count, the
 * account locks at the threshold, and a right password or code is refused once failures have locked it,
 * however the requests interleave.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSecondFactor, signInWithPassword } from '../../src/platform/auth/service.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import { createTestApp, createTestUser, PageClient, type TestApp, type TestUser } from '../support/app.ts';
import { passPasswordStage } from '../support/sign-in-stages.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LANTERN_LOCKOUT_THRESHOLD: '5' });
});
afterAll(async () => {
  await t?.close();
});

const GUESSES = 20;

async function accountState(user: TestUser): Promise<{ failures: number; lockedUntil: Date | null }> {
  const { rows } = await t.superuserQuery(
    'SELECT failed_sign_ins, locked_until FROM app_user WHERE id = $1',
    [user.id],
  );
  return {
    failures: rows[0].failed_sign_ins,
    lockedUntil: rows[0].locked_until ? new Date(rows[0].locked_until) : null,
  };
}

/** The audit trail of one account's sign-in attempts, in the order they were decided. */
async function attempts(user: TestUser): Promise<Array<{ action: string; correlation_id: string }>> {
  const { rows } = await t.superuserQuery(
    `SELECT action, correlation_id FROM audit_event
      WHERE subject_id = $1 AND action LIKE 'SIGN_IN%' ORDER BY seq`,
    [user.id],
  );
  return rows as Array<{ action: string; correlation_id: string }>;
}

describe('parallel wrong passwords (SECURITY 29)', () => {
  it('counts all 20 concurrent wrong passwords and locks the account, refusing the right password', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const rightId = randomUUID();
    const guesses = Array.from({ length: GUESSES }, (_, i) =>
      signInWithPassword(t.db, t.config, user.username, `wrong password number ${i}`, randomUUID()),
    );
    // The right password is sent in the middle of the burst, as the probe did.
    guesses.splice(GUESSES / 2, 0, signInWithPassword(t.db, t.config, user.username, user.password, rightId));
    const outcomes = await Promise.all(guesses);
    const right = outcomes[GUESSES / 2]!;
    const wrong = outcomes.filter((_, i) => i !== GUESSES / 2);
    expect(wrong.every((o) => !o.ok)).toBe(true);

    const state = await accountState(user);
    expect(state.failures).toBe(GUESSES);
    expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    // The right password may only have been accepted if it was decided before the fifth failure; once
    // the threshold was reached it must be refused as locked.
    const trail = await attempts(user);
    const position = trail.findIndex((e) => e.correlation_id === rightId);
    const failuresBefore = trail.slice(0, position).filter((e) => e.action === 'SIGN_IN_FAILED').length;
    if (right.ok) expect(failuresBefore).toBeLessThan(5);
    else {
      expect(right.reason).toBe('LOCKED');
      expect(failuresBefore).toBeGreaterThanOrEqual(5);
    }

    const after = await signInWithPassword(t.db, t.config, user.username, user.password, randomUUID());
    expect(after).toEqual({ ok: false, reason: 'LOCKED' });
    // A right password is not a failure: the count is unchanged.
    expect((await accountState(user)).failures).toBe(GUESSES);
  });

  it('locks through the sign-in page too: parallel posts from many clients, then the right password gets 401', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const clients = await Promise.all(
      Array.from({ length: GUESSES }, async () => {
        const client = new PageClient(t.app);
        await client.get('/sign-in');
        return client;
      }),
    );
    const responses = await Promise.all(
      clients.map((c, i) => c.post('/sign-in', { username: user.username, password: `not it ${i} at all` })),
    );
    expect(responses.every((r) => r.statusCode === 401)).toBe(true);
    expect((await accountState(user)).failures).toBe(GUESSES);
    const right = await clients[0]!.post('/sign-in', { username: user.username, password: user.password });
    expect(right.statusCode).toBe(401);
    expect(right.body).toContain('or the account is locked');
  });
});

describe('parallel wrong security codes (SECURITY 29)', () => {
  it('counts every concurrent wrong code and then refuses the right code as locked', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const session = await passPasswordStage(t, user);
    const right = await currentTotpCode(user.totpSecret);
    const wrongCode = right === '000000' ? '000001' : '000000';
    const outcomes = await Promise.all(
      Array.from({ length: GUESSES }, () =>
        completeSecondFactor(t.db, t.config, session, wrongCode, randomUUID()),
      ),
    );
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    const state = await accountState(user);
    // Those decided after the lock are refused as LOCKED (and end the session) without counting; every
    // wrong code decided before it counts, so the lock is reached however they interleave.
    expect(state.failures).toBeGreaterThanOrEqual(5);
    expect(state.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const counted = outcomes.filter((o) => !o.ok && o.reason === 'INVALID').length;
    expect(state.failures).toBe(counted);
    expect(await completeSecondFactor(t.db, t.config, session, right, randomUUID())).toEqual({
      ok: false,
      reason: 'LOCKED',
    });
  });
});
