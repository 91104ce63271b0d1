import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { OIDC_COOKIE, SESSION_COOKIE } from '../../src/platform/auth/cookies.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createTestApp, createTestUser, PageClient, type TestApp, type TestUser } from '../support/app.ts';
import type { ProviderAccount, TestOidcProvider } from '../support/oidc-provider.ts';
import { followToCallback, startTestOidcProvider } from '../support/oidc-provider.ts';

const NOT_SET_UP = 'Your account is not set up in Lantern: ask your administrator';

let idp: TestOidcProvider;
let t: TestApp;
let env: Record<string, string>;
const extraApps: FastifyInstance[] = [];

beforeAll(async () => {
  idp = await startTestOidcProvider();
  env = {
    LANTERN_OIDC_ISSUER: idp.issuer,
    LANTERN_OIDC_CLIENT_ID: idp.clientId,
    LANTERN_OIDC_CLIENT_SECRET: idp.clientSecret,
    LANTERN_OIDC_REDIRECT_URI: idp.redirectUri,
    LANTERN_OIDC_LABEL: 'Test County Council account',
  };
  t = await createTestApp(env);
});

afterAll(async () => {
  for (const app of extraApps) await app.close();
  await t?.close();
  await idp?.close();
});

/** Another Lantern on the same database, with other settings. */
async function appWith(extra: Record<string, string>, base: Record<string, string> = env) {
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'silent', ...base, ...extra });
  const app = await buildApp({ config, db: t.db, logger: false });
  extraApps.push(app);
  return app;
}

async function withSubject(user: TestUser, subject: string) {
  await t.superuserQuery('UPDATE app_user SET oidc_subject = $2 WHERE id = $1', [user.id, subject]);
}

let n = 0;
const uniqueSubject = () => `idp-subject-${++n}-${Math.random().toString(36).slice(2, 8)}`;

/** Starts at Lantern, logs in at the provider as `account`, and returns to Lantern's callback. */
async function ssoSignIn(account: ProviderAccount | null, app: FastifyInstance = t.app) {
  idp.nextLogin(account);
  const client = new PageClient(app);
  const start = await client.get('/sign-in/oidc');
  expect(start.statusCode).toBe(302);
  const callback = await followToCallback(String(start.headers.location), idp.redirectUri);
  const oidcCookie = client.cookies.get(OIDC_COOKIE);
  const response = await client.get(`${callback.pathname}${callback.search}`);
  return { client, start, callback, oidcCookie, response };
}

async function failures(reason: string) {
  const { rows } = await t.superuserQuery(
    `SELECT subject_id, actor_label, details FROM audit_event
      WHERE action = 'SIGN_IN_FAILED' AND details->>'method' = 'OIDC' AND details->>'reason' = $1 ORDER BY seq`,
    [reason],
  );
  return rows as Array<{ subject_id: string | null; actor_label: string; details: Record<string, unknown> }>;
}

describe('OpenID Connect sign-in', () => {
  it('signs in a user whose oidc_subject is the provider subject, with an ACTIVE session and an audit event', async () => {
    const user = await createTestUser(t, ['AUDITOR'], { enrolTotp: false });
    const subject = uniqueSubject();
    await withSubject(user, subject);

    const { client, start, oidcCookie, response } = await ssoSignIn({ sub: subject, email: 'x@example.org' });

    // The redirect to the provider: code flow with PKCE (S256), state, nonce and our scopes.
    const authorization = new URL(String(start.headers.location));
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('response_type')).toBe('code');
    expect(authorization.searchParams.get('scope')).toBe('openid email profile');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toBeTruthy();
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(idp.redirectUri);
    const startCookie = String(start.headers['set-cookie']);
    expect(startCookie).toMatch(
      /__Host-lantern_oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
    expect(startCookie).not.toMatch(/Domain=/i);
    // The cookie is sealed: neither the state nor the verifier can be read from it.
    expect(oidcCookie).toBeTruthy();
    expect(oidcCookie).not.toContain(authorization.searchParams.get('state'));

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(client.cookies.get(SESSION_COOKIE)).toBeTruthy();
    expect(client.cookies.has(OIDC_COOKIE)).toBe(false);
    // A browser honours the clearing of a __Host- cookie only when it is Secure with Path=/.
    const cleared = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(`${OIDC_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0; Path=\/;.*; Secure/);
    expect(String(response.headers['set-cookie'])).toMatch(
      /__Host-lantern_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );

    const { rows: sessions } = await t.superuserQuery(
      'SELECT stage, method FROM user_session WHERE user_id = $1 AND ended_at IS NULL',
      [user.id],
    );
    expect(sessions).toEqual([{ stage: 'ACTIVE', method: 'OIDC' }]);
    // No TOTP enrolment for single sign-on: the provider handles MFA.
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    expect((await client.get('/audit')).statusCode).toBe(200);

    const { rows: audit } = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'SIGN_IN' AND subject_id = $1",
      [user.id],
    );
    expect(audit.map((r) => r.details)).toEqual([{ method: 'OIDC' }]);
  });

  it('refuses a subject no Lantern user has, and audits it', async () => {
    const before = (await failures('unknown account')).length;
    const { client, response } = await ssoSignIn({ sub: uniqueSubject() });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain(NOT_SET_UP);
    expect(response.body).toContain('Sign in to Lantern');
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(client.cookies.has(OIDC_COOKIE)).toBe(false);
    const after = await failures('unknown account');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.actor_label).toBe('unknown account');
    // The sign-in page shown still works for a password sign-in (its form has a CSRF token).
    expect(client.csrf).toBeTruthy();
  });

  it('refuses a disabled user, and audits it against the user', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const subject = uniqueSubject();
    await withSubject(user, subject);
    await t.superuserQuery('UPDATE app_user SET disabled_at = now() WHERE id = $1', [user.id]);
    const { client, response } = await ssoSignIn({ sub: subject });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain(NOT_SET_UP);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    const rows = await failures('disabled');
    expect(rows.map((r) => r.subject_id)).toContain(user.id);
    const { rows: sessions } = await t.superuserQuery('SELECT 1 FROM user_session WHERE user_id = $1', [
      user.id,
    ]);
    expect(sessions).toHaveLength(0);
  });

  it('refuses a callback whose state was tampered with, or without the state cookie', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const subject = uniqueSubject();
    await withSubject(user, subject);
    idp.nextLogin({ sub: subject });

    const client = new PageClient(t.app);
    const start = await client.get('/sign-in/oidc');
    const callback = await followToCallback(String(start.headers.location), idp.redirectUri);
    const oidcCookie = client.cookies.get(OIDC_COOKIE)!;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const badState = await client.get(`${tampered.pathname}${tampered.search}`);
    expect(badState.statusCode).toBe(401);
    expect(badState.body).toContain('has expired or was not started from this page');

    // Another browser (no cookie), and a cookie altered by one character, are refused too.
    const stranger = new PageClient(t.app);
    const noCookie = await stranger.get(`${callback.pathname}${callback.search}`);
    expect(noCookie.statusCode).toBe(401);
    const forger = new PageClient(t.app);
    const mid = Math.floor(oidcCookie.length / 2);
    const altered = `${oidcCookie.slice(0, mid)}${oidcCookie[mid] === 'A' ? 'B' : 'A'}${oidcCookie.slice(mid + 1)}`;
    forger.cookies.set(OIDC_COOKIE, altered);
    const forged = await forger.get(`${callback.pathname}${callback.search}`);
    expect(forged.statusCode).toBe(401);

    expect(await failures('state mismatch')).not.toHaveLength(0);
    expect(await failures('no state cookie')).not.toHaveLength(0);
    const { rows: sessions } = await t.superuserQuery('SELECT 1 FROM user_session WHERE user_id = $1', [
      user.id,
    ]);
    expect(sessions).toHaveLength(0);
  });

  it('cannot use an authorization code twice', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const subject = uniqueSubject();
    await withSubject(user, subject);
    const { callback, oidcCookie, response } = await ssoSignIn({ sub: subject });
    expect(response.statusCode).toBe(303);
    // Replaying the callback with the (captured) state cookie: the provider refuses the spent code.
    const replay = new PageClient(t.app);
    replay.cookies.set(OIDC_COOKIE, oidcCookie!);
    const again = await replay.get(`${callback.pathname}${callback.search}`);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain('Single sign-on could not be completed');
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('shows its own message, not the provider’s, when the provider refuses', async () => {
    const { callback, response } = await ssoSignIn(null);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Single sign-on was cancelled or refused');
    expect(response.body).not.toContain('test provider refused');
    expect(response.body).not.toContain('access_denied');
    expect(await failures('provider error')).not.toHaveLength(0);
  });

  it('maps by verified email when LANTERN_OIDC_USER_CLAIM=email', async () => {
    const app = await appWith({ LANTERN_OIDC_USER_CLAIM: 'email' });
    const user = await createTestUser(t, ['AUDITOR']);
    const email = `${user.username}@Example.org`;
    await t.superuserQuery('UPDATE app_user SET email = $2 WHERE id = $1', [user.id, email.toLowerCase()]);

    // The provider subject is not what identifies the user in this mode.
    const ok = await ssoSignIn({ sub: uniqueSubject(), email, email_verified: true }, app);
    expect(ok.response.statusCode).toBe(303);
    expect(ok.response.headers.location).toBe('/');
    expect((await ok.client.get('/')).statusCode).toBe(200);
    const { rows } = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM user_session WHERE user_id = $1 AND method = 'OIDC' AND stage = 'ACTIVE'",
      [user.id],
    );
    expect(rows[0].n).toBe(1);

    // An address the provider has not verified identifies no one.
    const unverified = await ssoSignIn({ sub: uniqueSubject(), email, email_verified: false }, app);
    expect(unverified.response.statusCode).toBe(401);
    expect(unverified.response.body).toContain(NOT_SET_UP);
    expect(await failures('no verified email')).not.toHaveLength(0);

    const unknown = await ssoSignIn(
      { sub: uniqueSubject(), email: 'nobody@example.org', email_verified: true },
      app,
    );
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.response.body).toContain(NOT_SET_UP);
  });

  it('shows the single sign-on link only when configured', async () => {
    const withSso = await new PageClient(t.app).get('/sign-in');
    expect(withSso.statusCode).toBe(200);
    expect(withSso.body).toContain('href="/sign-in/oidc"');
    expect(withSso.body).toContain('sign in with Test County Council account');

    const plain = await appWith({}, {});
    const without = await new PageClient(plain).get('/sign-in');
    expect(without.statusCode).toBe(200);
    expect(without.body).not.toContain('/sign-in/oidc');
    expect((await new PageClient(plain).get('/sign-in/oidc')).statusCode).toBe(404);
    expect((await new PageClient(plain).get('/sign-in/oidc/callback?code=x&state=y')).statusCode).toBe(404);
  });

  it('starts while the provider is down, says single sign-on is unavailable, and retries later', async () => {
    const port = await freePort();
    const app = await appWith({ LANTERN_OIDC_ISSUER: `http://127.0.0.1:${port}` });
    const down = await new PageClient(app).get('/sign-in/oidc');
    expect(down.statusCode).toBe(503);
    expect(down.body).toContain('Single sign-on is unavailable');
    // Password sign-in is unaffected.
    expect((await new PageClient(app).get('/sign-in')).statusCode).toBe(200);

    const late = await startTestOidcProvider({ port });
    try {
      const up = await new PageClient(app).get('/sign-in/oidc');
      expect(up.statusCode).toBe(302);
      expect(String(up.headers.location)).toContain(`http://127.0.0.1:${port}/`);
    } finally {
      await late.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
