/**
 * SECURITY 29 and 17: every way a sign-in can end does the same expensive work (one argon2 verification
 * and a comparable transaction), so response time does not tell an unknown, disabled or locked account
 * from a wrong password; and every outcome writes exactly one audit event with its outcome and reason,
 * never the password.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordVerifications } from '../../src/platform/auth/password.ts';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { completeSecondFactor, signInWithPassword } from '../../src/platform/auth/service.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createTestApp, createTestUser, type TestApp, type TestUser } from '../support/app.ts';
import { passPasswordStage } from '../support/sign-in-stages.ts';

let t: TestApp;
let users: Record<'wrong' | 'disabled' | 'locked' | 'right', TestUser>;
beforeAll(async () => {
  // A high threshold keeps the wrong-password account from locking however often it is tried.
  t = await createTestApp({ LANTERN_LOCKOUT_THRESHOLD: '100' });
  const make = () => createTestUser(t, ['AUDITOR']);
  users = { wrong: await make(), disabled: await make(), locked: await make(), right: await make() };
  await t.superuserQuery('UPDATE app_user SET disabled_at = now() WHERE id = $1', [users.disabled.id]);
  await lock(users.locked);
});
afterAll(async () => {
  await t?.close();
});

async function lock(user: TestUser): Promise<void> {
  await t.superuserQuery(
    "UPDATE app_user SET failed_sign_ins = 100, locked_until = now() + interval '1 hour' WHERE id = $1",
    [user.id],
  );
}

type Path = 'unknown' | 'disabled' | 'locked' | 'wrong';
const WRONG = 'a wrong password, long enough';

function attempt(path: Path, correlationId = randomUUID()) {
  const username = path === 'unknown' ? 'nobody.at.all' : users[path].username;
  return signInWithPassword(t.db, t.config, username, WRONG, correlationId);
}

async function eventsOf(correlationId: string) {
  const { rows } = await t.superuserQuery(
    `SELECT action, outcome, subject_id, actor_label, details, row_to_json(audit_event)::text AS everything
       FROM audit_event WHERE correlation_id = $1`,
    [correlationId],
  );
  return rows;
}

/** The second factor entered with a code, and the one audit event it wrote (exactly one). */
async function enterCode(session: Parameters<typeof completeSecondFactor>[2], code: string) {
  const correlationId = randomUUID();
  const outcome = await completeSecondFactor(t.db, t.config, session, code, correlationId);
  const events = await eventsOf(correlationId);
  expect(events).toHaveLength(1);
  return { outcome, event: events[0] };
}

/**
 * The database as sign-in sees it, counting the transactions it opens and the statements it sends, so a
 * test can show that every path does comparable database work without timing anything.
 */
function countingDb(): { db: Database; work: { transactions: number; statements: number } } {
  const work = { transactions: 0, statements: 0 };
  const real = t.db.pool;
  const pool = {
    async connect() {
      const client = await real.connect();
      work.transactions += 1;
      return new Proxy(client, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (property === 'query')
            return (...args: unknown[]) => {
              work.statements += 1;
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  } as unknown as Database['pool'];
  return { db: { ...t.db, pool }, work };
}

describe('the same work on every sign-in path (SECURITY 29)', () => {
  it('verifies one password hash whatever the account, including disabled and locked ones', async () => {
    const paths: Path[] = ['unknown', 'disabled', 'locked', 'wrong'];
    for (const path of paths) {
      const before = passwordVerifications();
      const outcome = await attempt(path);
      expect(outcome.ok).toBe(false);
      expect(passwordVerifications() - before, path).toBe(1);
    }
    const before = passwordVerifications();
    const right = await signInWithPassword(
      t.db,
      t.config,
      users.right.username,
      users.right.password,
      randomUUID(),
    );
    expect(right.ok).toBe(true);
    expect(passwordVerifications() - before).toBe(1);
  });

  it('does comparable database work on every path: two transactions, statements within two of a wrong password', async () => {
    const workOf = async (path: Path) => {
      const { db, work } = countingDb();
      const username = path === 'unknown' ? 'nobody.at.all' : users[path].username;
      await signInWithPassword(db, t.config, username, WRONG, randomUUID());
      return work;
    };
    const wrong = await workOf('wrong');
    for (const path of ['unknown', 'disabled', 'locked'] as const) {
      const work = await workOf(path);
      expect(work.transactions, path).toBe(2);
      expect(Math.abs(work.statements - wrong.statements), path).toBeLessThanOrEqual(2);
    }
    expect(wrong.transactions).toBe(2);
    // The timings themselves are in `npm run bench sign-in-timing`: on a loaded 2-core machine a timing
    // assertion here would fail for reasons other than the code.
  });
});

describe('exactly one audit event for every sign-in outcome (SECURITY 17)', () => {
  it('audits unknown, disabled, locked and wrong-password attempts once each, with the reason', async () => {
    const expected: Record<Path, { reason: string; subject: string | null; label: string }> = {
      unknown: { reason: 'unknown account', subject: null, label: 'unknown account' },
      disabled: { reason: 'disabled', subject: users.disabled.id, label: users.disabled.username },
      locked: { reason: 'locked', subject: users.locked.id, label: users.locked.username },
      wrong: { reason: 'wrong password', subject: users.wrong.id, label: users.wrong.username },
    };
    for (const [path, want] of Object.entries(expected) as Array<[Path, (typeof expected)[Path]]>) {
      const id = randomUUID();
      await attempt(path, id);
      const events = await eventsOf(id);
      expect(events, path).toHaveLength(1);
      expect(events[0], path).toMatchObject({
        action: 'SIGN_IN_FAILED',
        outcome: 'FAILURE',
        subject_id: want.subject,
        actor_label: want.label,
        details: { stage: 'PASSWORD', reason: want.reason },
      });
      expect(events[0].everything).not.toContain(WRONG);
    }
  });

  it('audits the accepted password, a wrong code, a locked account at the code and the final sign-in once each', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const passwordId = randomUUID();
    const session = await passPasswordStage(t, user, passwordId);
    const accepted = await eventsOf(passwordId);
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({
      action: 'SIGN_IN_PASSWORD_ACCEPTED',
      outcome: 'SUCCESS',
      subject_id: user.id,
      details: { stage: 'PASSWORD', next: 'TOTP' },
    });
    expect(accepted[0].everything).not.toContain(user.password);

    const right = await currentTotpCode(user.totpSecret);
    const wrong = await enterCode(session, right === '111111' ? '222222' : '111111');
    expect(wrong.outcome).toEqual({ ok: false, reason: 'INVALID' });
    expect(wrong.event).toMatchObject({
      action: 'SIGN_IN_FAILED',
      outcome: 'FAILURE',
      subject_id: user.id,
      details: { stage: 'TOTP', reason: 'wrong code', failures: 1 },
    });

    const final = await enterCode(session, right);
    expect(final.outcome.ok).toBe(true);
    expect(final.event).toMatchObject({ action: 'SIGN_IN', outcome: 'SUCCESS', subject_id: user.id });

    // A second sign-in, then the account is locked before the code is entered.
    const again = await signInWithPassword(t.db, t.config, user.username, user.password, randomUUID());
    if (!again.ok) throw new Error('the password stage should pass');
    await lock(user);
    const locked = await enterCode(
      { ...session, tokenHash: sha256(again.sessionToken) },
      await currentTotpCode(user.totpSecret),
    );
    expect(locked.outcome).toEqual({ ok: false, reason: 'LOCKED' });
    expect(locked.event).toMatchObject({
      action: 'SIGN_IN_FAILED',
      subject_id: user.id,
      details: { stage: 'TOTP', reason: 'locked' },
    });
  });

  it('audits a code entered for an account disabled since its password was accepted', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const session = await passPasswordStage(t, user);
    await t.superuserQuery('UPDATE app_user SET disabled_at = now() WHERE id = $1', [user.id]);
    const entered = await enterCode(session, await currentTotpCode(user.totpSecret));
    expect(entered.outcome.ok).toBe(false);
    expect(entered.event).toMatchObject({
      action: 'SIGN_IN_FAILED',
      subject_id: user.id,
      details: { stage: 'TOTP', reason: 'disabled' },
    });
  });
});
