import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/auth/cookies.ts';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { createTestApp, createTestUser, signIn, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LANTERN_DEMO: '1' });
  await loadDemoPartnership(t.db, t.config.sessionSecret);
});
afterAll(async () => {
  await t?.close();
});

async function countEvents(action: string): Promise<number> {
  const { rows } = await t.superuserQuery('SELECT count(*)::int AS n FROM audit_event WHERE action = $1', [
    action,
  ]);
  return rows[0].n;
}

/**
 * An auditor's session, working, then aged in the database (`age` sets a column of `user_session`): the
 * page the next request is answered with, and why the session says it ended.
 */
async function agedSession(age: string) {
  const client = await signIn(t, await createTestUser(t, ['AUDITOR']));
  expect((await client.get('/audit')).statusCode).toBe(200);
  const hash = sha256(client.cookies.get(SESSION_COOKIE)!);
  await t.superuserQuery(`UPDATE user_session SET ${age} WHERE token_hash = $1`, [hash]);
  const after = await client.get('/audit');
  const { rows } = await t.superuserQuery('SELECT ended_reason FROM user_session WHERE token_hash = $1', [
    hash,
  ]);
  return { after, endedReason: rows[0].ended_reason };
}

describe('session timeouts (SECURITY 9)', () => {
  it('ends a session idle for longer than the idle timeout', async () => {
    const { after, endedReason } = await agedSession("last_seen_at = now() - interval '31 minutes'");
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/sign-in');
    expect(endedReason).toBe('IDLE_TIMEOUT');
  });

  it('ends a session past its absolute lifetime however active it is', async () => {
    const { after, endedReason } = await agedSession("absolute_expires_at = now() - interval '1 second'");
    expect(after.statusCode).toBe(303);
    expect(endedReason).toBe('ABSOLUTE_TIMEOUT');
  });

  it('keeps only the hash of the session token in the database', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const client = await signIn(t, user);
    const token = client.cookies.get(SESSION_COOKIE)!;
    const { rows } = await t.superuserQuery('SELECT token_hash FROM user_session');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.some((r) => r.token_hash === sha256(token))).toBe(true);
  });
});

describe('exactly one audit event per action (SECURITY 17)', () => {
  it('writes one event for a view, a search, a sign-in and a denial', async () => {
    const auditor = await createTestUser(t, ['AUDITOR']);
    const signInsBefore = await countEvents('SIGN_IN');
    const client = await signIn(t, auditor);
    expect(await countEvents('SIGN_IN')).toBe(signInsBefore + 1);

    const views = await countEvents('AUDIT_VIEW');
    await client.get('/audit');
    expect(await countEvents('AUDIT_VIEW')).toBe(views + 1);

    const searches = await countEvents('AUDIT_SEARCH');
    await client.post('/audit', { action: 'SIGN_IN' });
    expect(await countEvents('AUDIT_SEARCH')).toBe(searches + 1);

    const referrer = await createTestUser(t, ['REFERRER']);
    const other = await signIn(t, referrer);
    const denials = await countEvents('ACCESS_DENIED');
    expect((await other.get('/audit')).statusCode).toBe(403);
    expect(await countEvents('ACCESS_DENIED')).toBe(denials + 1);
    const { rows } = await t.superuserQuery(
      "SELECT actor_user_id, outcome, correlation_id, occurred_at FROM audit_event WHERE action = 'ACCESS_DENIED' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]).toMatchObject({ actor_user_id: referrer.id, outcome: 'DENIED' });
    expect(rows[0].correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the demo partnership', () => {
  it('signs in every demo user with the README password and TOTP secret, under the demo banner', async () => {
    for (const demo of DEMO_USERS) {
      const { rows } = await t.superuserQuery('SELECT id, agency_id FROM app_user WHERE username = $1', [
        demo.username,
      ]);
      const client = await signIn(t, {
        id: rows[0].id,
        agencyId: rows[0].agency_id,
        username: demo.username,
        password: DEMO_PASSWORD,
        totpSecret: demo.totpSecret,
      });
      const home = await client.get('/');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('DEMO — synthetic data');
    }
    const sign = await t.app.inject('/sign-in');
    expect(sign.body).toContain('DEMO — synthetic data');
  });

  it('loads again without duplicating anything', async () => {
    const before = await t.superuserQuery(
      'SELECT (SELECT count(*) FROM agency)::int AS a, (SELECT count(*) FROM team)::int AS t, (SELECT count(*) FROM app_user)::int AS u',
    );
    await loadDemoPartnership(t.db, t.config.sessionSecret);
    const after = await t.superuserQuery(
      'SELECT (SELECT count(*) FROM agency)::int AS a, (SELECT count(*) FROM team)::int AS t, (SELECT count(*) FROM app_user)::int AS u',
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(before.rows[0].a).toBeGreaterThanOrEqual(20);
  });

  it('names a research contact for every agency with a MASH desk, and none for schools (decision 0016)', async () => {
    const { rows } = await t.superuserQuery(
      'SELECT code, type, research_contact IS NOT NULL AS contact FROM agency ORDER BY code',
    );
    const contact = new Map(rows.map((r) => [r.code as string, r.contact as boolean]));
    expect(contact.get('POL')).toBe(true);
    expect(contact.get('NHS-LSC')).toBe(true);
    expect(contact.get('LCC-CSC')).toBe(true);
    expect(rows.filter((r) => r.type === 'EDUCATION').every((r) => !r.contact)).toBe(true);
  });

  it('marks the children’s services and the children’s charities as holding return home interviews', async () => {
    const { rows } = await t.superuserQuery(
      'SELECT code FROM agency WHERE provides_return_interviews ORDER BY code',
    );
    expect(rows.map((r) => r.code)).toEqual(['BPL-CSC', 'BWD-CSC', 'LCC-CSC', 'VOL-BCC', 'VOL-RHI']);
  });
});
