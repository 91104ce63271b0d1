import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/auth/cookies.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import type { TestApp } from '../support/app.ts';
import { auditActions, createTestApp, createTestUser, PageClient, signIn } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** A new auditor (TOTP enrolled unless told), and a browser on the sign-in page (its CSRF cookie set). */
async function onSignInPage(options: { enrolTotp?: boolean } = {}) {
  const user = await createTestUser(t, ['AUDITOR'], options);
  const client = new PageClient(t.app);
  await client.get('/sign-in');
  return { user, client };
}

describe('sign-in', () => {
  it('signs in with password and TOTP, with a new session id at the second step, and signs out server-side', async () => {
    const { user, client } = await onSignInPage();
    const first = await client.post('/sign-in', { username: user.username, password: user.password });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/sign-in/totp');
    const passwordStageId = client.cookies.get(SESSION_COOKIE);
    expect(passwordStageId).toBeTruthy();
    // Mid sign-in, no page is reachable.
    expect((await client.get('/audit')).statusCode).toBe(303);

    await client.get('/sign-in/totp');
    const second = await client.post('/sign-in/totp', { code: await currentTotpCode(user.totpSecret) });
    expect(second.statusCode).toBe(303);
    const activeId = client.cookies.get(SESSION_COOKIE);
    expect(activeId).toBeTruthy();
    expect(activeId).not.toBe(passwordStageId);

    const audit = await client.get('/audit');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('OFFICIAL-SENSITIVE');
    // The header names the person signed in, not their username.
    expect(audit.body).toMatch(
      /Sign out<span class="govuk-visually-hidden">,<\/span> Test User \d+<\/button>/,
    );
    expect(audit.body).not.toContain(
      `Sign out<span class="govuk-visually-hidden">,</span> ${user.username}<`,
    );

    const stolen = new PageClient(t.app);
    stolen.cookies.set(SESSION_COOKIE, activeId!);
    expect((await stolen.get('/audit')).statusCode).toBe(200);

    const out = await client.post('/sign-out');
    expect(out.statusCode).toBe(303);
    // The browser is told to drop the cookie with the same attributes, or it would ignore a __Host- clear.
    expect(String(out.headers['set-cookie'])).toMatch(/__Host-lantern_session=; .*Secure/);
    // The session ended on the server: the old cookie no longer works anywhere.
    expect((await stolen.get('/audit')).statusCode).toBe(303);
    const actions = await auditActions(t);
    expect(actions).toContain('SIGN_IN');
    expect(actions).toContain('SIGN_OUT');
  });

  it('sets the session cookie with the __Host- prefix, Secure, HttpOnly, SameSite and no Domain', async () => {
    const { user, client } = await onSignInPage();
    const response = await client.post('/sign-in', { username: user.username, password: user.password });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/__Host-lantern_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('refuses a wrong password and a wrong code with one message, and audits each failure', async () => {
    const { user, client } = await onSignInPage();
    const wrong = await client.post('/sign-in', {
      username: user.username,
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('The username or password is not right');
    const unknown = await client.post('/sign-in', {
      username: 'nobody.here',
      password: 'not the password at all',
    });
    expect(unknown.body).toContain('The username or password is not right');
    const { rows } = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'SIGN_IN_FAILED' AND (subject_id = $1 OR actor_label = 'unknown account')",
      [user.id],
    );
    expect(rows[0].n).toBe(2);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const { user, client } = await onSignInPage();
    for (let i = 0; i < 5; i++)
      await client.post('/sign-in', { username: user.username, password: 'wrong password here' });
    const right = await client.post('/sign-in', { username: user.username, password: user.password });
    expect(right.statusCode).toBe(401);
    const { rows } = await t.superuserQuery(
      'SELECT failed_sign_ins, locked_until FROM app_user WHERE id = $1',
      [user.id],
    );
    expect(rows[0].failed_sign_ins).toBe(5);
    expect(new Date(rows[0].locked_until).getTime()).toBeGreaterThan(Date.now());
  });

  it('rejects a form without a valid CSRF token and changes nothing', async () => {
    const { user, client } = await onSignInPage();
    const forged = await client.post('/sign-in', {
      username: user.username,
      password: user.password,
      _csrf: 'forged',
    });
    expect(forged.statusCode).toBe(403);
    expect(client.cookies.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('makes a user without TOTP enrol before anything else', async () => {
    const { user, client } = await onSignInPage({ enrolTotp: false });
    const first = await client.post('/sign-in', { username: user.username, password: user.password });
    expect(first.headers.location).toBe('/sign-in/enrol');
    const page = await client.get('/sign-in/enrol');
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)?.[1];
    expect(secret).toBeTruthy();
    const done = await client.post('/sign-in/enrol', { code: await currentTotpCode(secret!) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/');
    expect((await client.get('/')).statusCode).toBe(200);
    const again = await signIn(t, { ...user, totpSecret: secret! }).catch((e: Error) => e);
    // The code just used cannot be replayed in the same time step, so a second sign-in may need the next one.
    expect(again instanceof Error ? again.message : 'ok').toMatch(/ok|TOTP step failed/);
  });
});
