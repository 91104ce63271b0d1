/**
 * SECURITY 9: the idle timeout is accurate for short timeouts too. With a 1-minute timeout, a session used
 * every 20 seconds stays alive, and one left idle for 61 seconds ends. Time is moved by setting
 * last_seen_at back, as if the seconds had passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/auth/cookies.ts';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { createTestApp, createTestUser, type PageClient, signIn, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LANTERN_IDLE_TIMEOUT_MINUTES: '1' });
});
afterAll(async () => {
  await t?.close();
});

/** Lets `seconds` pass for this session: its last activity moves that far into the past. */
async function pass(client: PageClient, seconds: number): Promise<string> {
  const hash = sha256(client.cookies.get(SESSION_COOKIE)!);
  await t.superuserQuery(
    `UPDATE user_session SET last_seen_at = last_seen_at - make_interval(secs => $2) WHERE token_hash = $1`,
    [hash, seconds],
  );
  return hash;
}

async function endedReason(hash: string): Promise<string | null> {
  const { rows } = await t.superuserQuery('SELECT ended_reason FROM user_session WHERE token_hash = $1', [
    hash,
  ]);
  return rows[0].ended_reason;
}

describe('idle timeout of one minute (SECURITY 9)', () => {
  it('keeps a session used every 20 seconds alive for 3 minutes', async () => {
    const client = await signIn(t, await createTestUser(t, ['AUDITOR']));
    let hash = '';
    for (let elapsed = 20; elapsed <= 180; elapsed += 20) {
      hash = await pass(client, 20);
      const page = await client.get('/');
      expect(page.statusCode, `after ${elapsed} s`).toBe(200);
    }
    expect(await endedReason(hash)).toBeNull();
  });

  it('ends a session left idle for 61 seconds', async () => {
    const client = await signIn(t, await createTestUser(t, ['AUDITOR']));
    expect((await client.get('/')).statusCode).toBe(200);
    const hash = await pass(client, 61);
    const after = await client.get('/');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/sign-in');
    expect(await endedReason(hash)).toBe('IDLE_TIMEOUT');
  });
});
