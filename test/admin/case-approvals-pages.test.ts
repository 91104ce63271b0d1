/**
 * No path from administration to case data (SECURITY 25), walked through the pages across roles: an
 * administrator asks for a case:read token and case roles; they wait, unusable, until a case-permission
 * holder of that agency approves them on the Approvals page (the token's secret shown once, to them); the
 * administrator cannot approve, nor give themselves case roles; an agency's first case roles are vouched
 * for by a MASH manager of its area; a reset of someone's sign-in suspends their case roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptSecret, sha256 } from '../../src/platform/auth/secrets.ts';
import { newTotpSecret } from '../../src/platform/auth/totp.ts';
import type { PageClient, TestApp, TestUser } from '../support/app.ts';
import {
  createAgencyWithTeam,
  createTeamUser,
  createTestApp,
  createTestUser,
  signIn,
} from '../support/app.ts';

let t: TestApp;
let police: { agencyId: string; teamId: string };
let admin: TestUser;
let officer: TestUser;
let manager: TestUser;
let adminPages: PageClient;

beforeAll(async () => {
  t = await createTestApp();
  police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'BLACKPOOL' });
  const council = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  admin = await createTestUser(t, ['ADMINISTRATOR'], { agencyId: council.agencyId });
  officer = await createTeamUser(t, ['CSE_OFFICER'], police);
  manager = await createTeamUser(t, ['MASH_MANAGER'], police);
  adminPages = await pagesOf(admin);
});
afterAll(async () => {
  await t?.close();
});

const signedIn = new Map<string, PageClient>();
/** One signed-in client per user: signing the same user in again within 30 seconds waits for a new code. */
async function pagesOf(user: TestUser): Promise<PageClient> {
  const client = signedIn.get(user.id) ?? (await signIn(t, user));
  signedIn.set(user.id, client);
  return client;
}

async function one(sql: string, params: unknown[] = []) {
  return (await t.superuserQuery(sql, params)).rows[0];
}

async function pendingRequestFor(column: 'user_id' | 'token_id', id: string): Promise<string> {
  return (await one(`SELECT id FROM access_request WHERE ${column} = $1 AND status = 'PENDING'`, [id])).id;
}

async function denials(userId: string, subjectId: string) {
  const { rows } = await t.superuserQuery(
    `SELECT outcome, details->>'reason' AS reason FROM audit_event
      WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND subject_id = $2 ORDER BY seq`,
    [userId, subjectId],
  );
  return rows;
}

/** Adds a user through the admin pages, then sets up their authenticator app as they would. */
async function addUser(
  roles: string[],
  agency = police,
  username = `new.${Math.random().toString(36).slice(2, 8)}`,
) {
  await adminPages.get('/admin/users/new');
  const password = 'A long initial passphrase 42';
  const added = await adminPages.post('/admin/users', {
    agencyId: agency.agencyId,
    teamIds: [agency.teamId],
    roles,
    username,
    displayName: 'Riley Newcomer',
    email: '',
    password,
    oidcSubject: '',
  });
  expect(added.statusCode, added.body).toBe(303);
  expect(added.headers.location).toMatch(/notice=user-created-pending$/);
  const id = (await one('SELECT id FROM app_user WHERE username = $1', [username])).id as string;
  const totpSecret = newTotpSecret();
  await t.superuserQuery('UPDATE app_user SET totp_secret_enc = $2, totp_enrolled_at = now() WHERE id = $1', [
    id,
    encryptSecret(t.config.sessionSecret, totpSecret),
  ]);
  return { id, username, password, totpSecret, agencyId: agency.agencyId } satisfies TestUser;
}

describe('a token that can read case data', () => {
  it('waits without a secret; the administrator cannot approve it; a police CSE officer does and sees the secret once', async () => {
    await adminPages.get('/admin/tokens');
    const asked = await adminPages.post('/admin/tokens', {
      name: 'Police case system',
      agencyId: police.agencyId,
      permissions: ['referral:read-own-agency', 'case:read'],
      expiresInDays: '30',
    });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/admin/tokens?notice=token-requested');
    const list = await adminPages.get(String(asked.headers.location));
    expect(list.body).toContain('Waiting for approval');
    expect(list.body).toContain('No secret yet');
    expect(list.body).not.toContain('token-secret');
    const token = await one(
      `SELECT id, approval, token_hash, prefix FROM api_token WHERE name = 'Police case system'`,
    );
    expect(token).toMatchObject({ approval: 'PENDING', token_hash: null, prefix: null });
    const requestId = await pendingRequestFor('token_id', token.id);
    expect(
      await one('SELECT permissions, requested_by_user_id FROM access_request WHERE id = $1', [requestId]),
    ).toEqual({
      permissions: ['referral:read-own-agency', 'case:read'],
      requested_by_user_id: admin.id,
    });
    // Unusable: it has no secret, so any bearer for it fails.
    const guess = await t.app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer lnt_${'A'.repeat(43)}` },
    });
    expect(guess.statusCode).toBe(401);

    // The administrator has nothing to approve, and cannot open or approve the request: 404, audited.
    expect((await adminPages.get('/')).body).not.toContain('href="/approvals"');
    expect((await adminPages.get('/approvals')).body).toContain('Nothing is waiting for your approval');
    expect((await adminPages.get(`/approvals/${requestId}`)).statusCode).toBe(404);
    const tried = await adminPages.post(`/approvals/${requestId}`, {
      decision: 'APPROVE',
      reason: 'Looks fine to me',
    });
    expect(tried.statusCode).toBe(404);
    expect(await denials(admin.id, requestId)).toEqual([
      { outcome: 'DENIED', reason: 'OWN_REQUEST' },
      { outcome: 'DENIED', reason: 'OWN_REQUEST' },
    ]);
    // Nor can another administrator, even one of the police: they hold no case permission.
    const policeAdmin = await createTestUser(t, ['ADMINISTRATOR'], { agencyId: police.agencyId });
    const other = await pagesOf(policeAdmin);
    await other.get('/');
    expect(
      (await other.post(`/approvals/${requestId}`, { decision: 'APPROVE', reason: 'Fine' })).statusCode,
    ).toBe(404);
    expect(await denials(policeAdmin.id, requestId)).toEqual([
      { outcome: 'DENIED', reason: 'LACKS_PERMISSIONS' },
    ]);
    expect((await one('SELECT approval FROM api_token WHERE id = $1', [token.id])).approval).toBe('PENDING');

    // A CSE officer of the police holds case:read: they see the request, and approve it with a reason.
    const officerPages = await pagesOf(officer);
    const home = await officerPages.get('/');
    expect(home.body).toContain('href="/approvals"');
    const queue = await officerPages.get('/approvals');
    expect(queue.body).toContain('API token “Police case system”');
    const adminName = (await one('SELECT display_name FROM app_user WHERE id = $1', [admin.id])).display_name;
    expect(queue.body).toContain(adminName);
    const form = await officerPages.get(`/approvals/${requestId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Read people, referrals and case records in scope');
    const noReason = await officerPages.post(`/approvals/${requestId}`, { decision: 'APPROVE', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect((await one('SELECT status FROM access_request WHERE id = $1', [requestId])).status).toBe(
      'PENDING',
    );
    const approved = await officerPages.post(`/approvals/${requestId}`, {
      decision: 'APPROVE',
      reason: 'Our case system reads referrals for the CSE team',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.body).toContain('it will not be shown again');
    const secret = /id="token-secret">([^<]+)</.exec(approved.body)![1]!;

    const works = await t.app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(works.statusCode).toBe(200);
    expect(await one('SELECT approval, token_hash FROM api_token WHERE id = $1', [token.id])).toEqual({
      approval: 'APPROVED',
      token_hash: sha256(secret),
    });
    const audit = await one(
      `SELECT actor_user_id, subject_type, subject_id, justification, details, details::text LIKE $2 AS leaks
         FROM audit_event WHERE action = 'ACCESS_APPROVE' AND subject_id = $1`,
      [token.id, `%${secret}%`],
    );
    expect(audit).toMatchObject({
      actor_user_id: officer.id,
      subject_type: 'api_token',
      justification: 'Our case system reads referrals for the CSE team',
      details: {
        request: requestId,
        permissions: ['referral:read-own-agency', 'case:read'],
        basis: 'SAME_AGENCY',
      },
      leaks: false,
    });
    // Never shown again, to anyone.
    expect((await officerPages.get(`/approvals/${requestId}`)).statusCode).toBe(404);
    const adminList = await adminPages.get('/admin/tokens');
    expect(adminList.body).toContain('Active');
    expect(adminList.body).not.toContain(secret);
  });
});

describe('case roles for a colleague', () => {
  it('an administrator cannot ask for case roles for their own account', async () => {
    await adminPages.get(`/admin/users/${admin.id}`);
    const refused = await adminPages.post(`/admin/users/${admin.id}`, {
      agencyId: admin.agencyId,
      displayName: 'Admin Who Wants More',
      email: '',
      oidcSubject: '',
      roles: ['ADMINISTRATOR', 'MASH_MANAGER'],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#roles"');
    expect(refused.body).toContain('You cannot ask for case roles for your own account');
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [admin.id])).roles).toEqual([
      'ADMINISTRATOR',
    ]);
    expect(
      (await one('SELECT count(*)::int AS n FROM access_request WHERE user_id = $1', [admin.id])).n,
    ).toBe(0);
  });

  it('wait, not in effect, until a holder of them in that agency approves; then they work', async () => {
    const newcomer = await addUser(['MASH_PRACTITIONER']);
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [newcomer.id])).roles).toEqual([]);
    const theirs = await signIn(t, newcomer);
    expect((await theirs.get('/mash')).statusCode).toBe(403);
    const requestId = await pendingRequestFor('user_id', newcomer.id);

    // The CSE officer lacks MASH permissions: not theirs to approve.
    const officerPages = await pagesOf(officer);
    expect((await officerPages.get('/approvals')).body).not.toContain(requestId);
    expect((await officerPages.get(`/approvals/${requestId}`)).statusCode).toBe(404);
    expect(await denials(officer.id, requestId)).toEqual([
      { outcome: 'DENIED', reason: 'LACKS_PERMISSIONS' },
    ]);

    const managerPages = await pagesOf(manager);
    const page = await managerPages.get(`/approvals/${requestId}`);
    expect(page.body).toContain('Riley Newcomer');
    expect(page.body).toContain('MASH practitioner');
    const approved = await managerPages.post(`/approvals/${requestId}`, {
      decision: 'APPROVE',
      reason: 'Joins our MASH desk this week',
    });
    expect(approved.headers.location).toBe('/approvals?notice=access-approved');
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [newcomer.id])).roles).toEqual([
      'MASH_PRACTITIONER',
    ]);
    expect((await theirs.get('/mash')).statusCode).toBe(200);
    expect(
      await one(
        `SELECT actor_user_id, details->'roles' AS roles FROM audit_event WHERE action = 'ACCESS_APPROVE' AND subject_id = $1`,
        [newcomer.id],
      ),
    ).toEqual({ actor_user_id: manager.id, roles: ['MASH_PRACTITIONER'] });
  });

  it('a rejection gives nothing and is audited with its reason', async () => {
    const newcomer = await addUser(['CSE_OFFICER']);
    const requestId = await pendingRequestFor('user_id', newcomer.id);
    const officerPages = await pagesOf(officer);
    await officerPages.get(`/approvals/${requestId}`);
    const rejected = await officerPages.post(`/approvals/${requestId}`, {
      decision: 'REJECT',
      reason: 'Not known to the CSE team',
    });
    expect(rejected.headers.location).toBe('/approvals?notice=access-rejected');
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [newcomer.id])).roles).toEqual([]);
    expect(
      await one(
        `SELECT actor_user_id, justification FROM audit_event WHERE action = 'ACCESS_REJECT' AND subject_id = $1`,
        [newcomer.id],
      ),
    ).toEqual({ actor_user_id: officer.id, justification: 'Not known to the CSE team' });
  });

  it('an agency’s first case roles are approved by a MASH manager of its area, not of another area', async () => {
    const youth = await createAgencyWithTeam(t, { type: 'YOUTH_JUSTICE', area: 'BLACKPOOL' });
    const first = await addUser(['CSE_OFFICER'], youth);
    const requestId = await pendingRequestFor('user_id', first.id);
    const lancs = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
    const farManager = await createTeamUser(t, ['MASH_MANAGER'], lancs);
    expect((await (await pagesOf(farManager)).get(`/approvals/${requestId}`)).statusCode).toBe(404);
    expect(await denials(farManager.id, requestId)).toEqual([{ outcome: 'DENIED', reason: 'OTHER_AGENCY' }]);

    // The police's MASH manager serves Blackpool: they may vouch for the youth justice service's first officer.
    const managerPages = await pagesOf(manager);
    expect((await managerPages.get('/approvals')).body).toContain(`/approvals/${requestId}`);
    await managerPages.get(`/approvals/${requestId}`);
    const approved = await managerPages.post(`/approvals/${requestId}`, {
      decision: 'APPROVE',
      reason: 'Known to the MASH: the new exploitation worker',
    });
    expect(approved.statusCode).toBe(303);
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [first.id])).roles).toEqual([
      'CSE_OFFICER',
    ]);
    const basis = await one(
      `SELECT details->>'basis' AS basis FROM audit_event WHERE action = 'ACCESS_APPROVE' AND subject_id = $1`,
      [first.id],
    );
    expect(basis).toEqual({ basis: 'AREA_MASH_MANAGER' });
  });

  it('an administrator’s reset of someone’s sign-in suspends their case roles until a colleague approves again', async () => {
    const holder = await createTeamUser(t, ['CSE_OFFICER', 'AUDITOR'], police);
    await adminPages.get(`/admin/users/${holder.id}`);
    expect((await adminPages.post(`/admin/users/${holder.id}/reset-totp`)).statusCode).toBe(303);
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [holder.id])).roles).toEqual(['AUDITOR']);
    const requestId = await pendingRequestFor('user_id', holder.id);
    const officerPages = await pagesOf(officer);
    expect((await officerPages.get(`/approvals/${requestId}`)).body).toContain(
      'An administrator changed how this person signs in',
    );

    // So does a new password or single sign-on identity set by an administrator.
    const other = await createTeamUser(t, ['CSE_OFFICER'], police);
    await adminPages.get(`/admin/users/${other.id}`);
    const changed = await adminPages.post(`/admin/users/${other.id}`, {
      agencyId: police.agencyId,
      teamIds: [police.teamId],
      displayName: 'Test Officer',
      email: '',
      oidcSubject: 'someone-else@idp',
      roles: ['CSE_OFFICER'],
    });
    expect(changed.statusCode).toBe(303);
    expect((await one('SELECT roles FROM app_user WHERE id = $1', [other.id])).roles).toEqual([]);
    expect(
      (await one(`SELECT cause FROM access_request WHERE user_id = $1 AND status = 'PENDING'`, [other.id]))
        .cause,
    ).toBe('SIGN_IN_CHANGED');
  });
});
