/**
 * Administration pages: agencies, teams and users (accounts: admin-user-pages.test.ts; API tokens:
 * admin-token-pages.test.ts), driven through the real pages with every control on (CSRF, RLS under the
 * app role).
 */
import { describe, expect, it } from 'vitest';
import { isCasePermission } from '../../src/platform/access/permissions.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { admin, auditRows, client, t, useAdminPages } from '../support/admin-pages.ts';
import { createAgencyWithTeam, createTestUser, signIn } from '../support/app.ts';
import { countRows } from '../support/audit.ts';
import { expectShownAgain } from '../support/form-pages.ts';

useAdminPages();

const count = (table: 'agency' | 'team' | 'app_user' | 'api_token' | 'user_team') => countRows(t, table);

function idFromLocation(location: unknown, prefix: string): string {
  const match = new RegExp(`^${prefix}/([0-9a-f-]{36})\\?notice=`).exec(String(location));
  if (!match) throw new Error(`unexpected redirect ${String(location)}`);
  return match[1]!;
}

let codeCounter = 0;
function uniqueCode(): string {
  codeCounter += 1;
  return `PG-${codeCounter}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}

describe('agencies, teams and users through the pages', () => {
  it('an administrator marks an agency as holding return home interviews, and unmarks it', async () => {
    const code = uniqueCode();
    await client.get('/admin/agencies');
    const created = await client.post('/admin/agencies', {
      name: `Safe Return ${code}`,
      code,
      type: 'VOLUNTARY',
    });
    const agencyId = idFromLocation(created.headers.location, '/admin/agencies');
    const marked = async () =>
      (await t.superuserQuery('SELECT provides_return_interviews AS p FROM agency WHERE id = $1', [agencyId]))
        .rows[0].p;
    expect(await marked()).toBe(false);
    const page = await client.get(`/admin/agencies/${agencyId}`);
    expect(page.body).toContain('This agency holds return home interviews');
    const fields = { name: `Safe Return ${code}`, type: 'VOLUNTARY', area: '' };
    expect(
      (await client.post(`/admin/agencies/${agencyId}`, { ...fields, providesReturnInterviews: 'yes' }))
        .statusCode,
    ).toBe(303);
    expect(await marked()).toBe(true);
    expect((await client.get(`/admin/agencies/${agencyId}`)).body).toMatch(
      /Holds return home interviews\s*<\/dt>\s*<dd[^>]*>\s*Yes/,
    );
    expect((await client.post(`/admin/agencies/${agencyId}`, fields)).statusCode).toBe(303);
    expect(await marked()).toBe(false);
  });

  it('an administrator creates an agency, a team and a user, and each action is audited', async () => {
    const list = await client.get('/admin/agencies');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Add an agency');
    expect((await auditRows('ADMIN_VIEW')).some((r) => r.actor_user_id === admin.id)).toBe(true);

    const code = uniqueCode();
    const created = await client.post('/admin/agencies', {
      name: `Fylde Youth Service ${code}`,
      code,
      type: 'YOUTH_JUSTICE',
      area: 'LANCASHIRE',
    });
    expect(created.statusCode).toBe(303);
    const agencyId = idFromLocation(created.headers.location, '/admin/agencies');
    const shown = await client.get(String(created.headers.location));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Agency added');
    expect(shown.body).toContain(`Fylde Youth Service ${code}`);
    expect(shown.body).toContain('Youth justice');

    const team = await client.post(`/admin/agencies/${agencyId}/teams`, {
      teamName: 'Fylde exploitation team',
      teamArea: 'LANCASHIRE',
    });
    expect(team.statusCode).toBe(303);
    expect(team.headers.location).toBe(`/admin/agencies/${agencyId}?notice=team-created`);
    const { rows: teams } = await t.superuserQuery('SELECT id, name, area FROM team WHERE agency_id = $1', [
      agencyId,
    ]);
    expect(teams).toEqual([{ id: expect.any(String), name: 'Fylde exploitation team', area: 'LANCASHIRE' }]);

    const edited = await client.post(`/admin/agencies/${agencyId}`, {
      name: `Fylde Youth Justice ${code}`,
      type: 'YOUTH_JUSTICE',
      area: 'LANCASHIRE',
    });
    expect(edited.statusCode).toBe(303);
    const list2 = await client.get('/admin/agencies');
    expect(list2.body).toContain(`Fylde Youth Justice ${code}`);

    const form = await client.get('/admin/users/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Fylde exploitation team');
    expect(form.body).toContain('MASH practitioner');
    const username = `fylde.officer${codeCounter}`;
    const user = await client.post('/admin/users', {
      agencyId,
      teamIds: [teams[0].id],
      roles: ['CSE_OFFICER', 'ANALYST'],
      username,
      displayName: 'Morgan Example',
      email: `${username}@example.org`,
      password: 'A long initial passphrase 42',
      oidcSubject: '',
    });
    expect(user.statusCode).toBe(303);
    const userId = idFromLocation(user.headers.location, '/admin/users');
    const { rows: users } = await t.superuserQuery(
      'SELECT username, roles, agency_id, totp_enrolled_at, password_hash FROM app_user WHERE id = $1',
      [userId],
    );
    // Both roles reach case data: they wait for a case-permission holder of the agency (SECURITY 25).
    expect(users[0]).toMatchObject({ username, roles: [], agency_id: agencyId });
    const { rows: waiting } = await t.superuserQuery(
      "SELECT roles, requested_by_user_id FROM access_request WHERE user_id = $1 AND status = 'PENDING'",
      [userId],
    );
    expect(waiting).toEqual([{ roles: ['CSE_OFFICER', 'ANALYST'], requested_by_user_id: admin.id }]);
    expect(users[0].totp_enrolled_at).toBeNull();
    expect(users[0].password_hash).toMatch(/^\$argon2id\$/);
    const membership = await t.superuserQuery('SELECT team_id FROM user_team WHERE user_id = $1', [userId]);
    expect(membership.rows).toEqual([{ team_id: teams[0].id }]);

    const userList = await client.get('/admin/users');
    expect(userList.statusCode).toBe(200);
    expect(userList.body).toContain(username);
    expect(userList.body).toContain('Waiting for approval: CSE team officer, Analyst');
    expect(userList.body).toContain('Fylde exploitation team');

    for (const [action, subject] of [
      ['AGENCY_CREATE', agencyId],
      ['AGENCY_UPDATE', agencyId],
      ['TEAM_CREATE', teams[0].id],
      ['USER_CREATE', userId],
    ] as const) {
      const rows = await auditRows(action, subject);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_user_id: admin.id,
        actor_label: admin.username,
        outcome: 'SUCCESS',
      });
    }
    const views = await auditRows('ADMIN_VIEW');
    expect(views.some((r) => r.subject_type === 'user' && r.subject_id === null)).toBe(true);
  });

  it('validation errors name the field, keep what was entered, answer 400 and write nothing', async () => {
    const before = { agency: await count('agency'), audit: (await auditRows('AGENCY_CREATE')).length };
    const bad = await client.post('/admin/agencies', {
      name: 'Test <b>agency</b>',
      code: 'no good!',
      type: 'SPACESHIP',
      area: 'x'.repeat(101),
    });
    expectShownAgain(
      bad,
      'There is a problem',
      'href="#code"',
      'Enter a short code of 2 to 32 capital letters',
      'href="#type"',
      'Select the type of agency',
      'Area must be 100 characters or fewer',
    );
    // What was entered is shown back, escaped.
    expect(bad.body).toContain('value="Test &lt;b&gt;agency&lt;/b&gt;"');
    expect(bad.body).toContain('value="NO GOOD!"');
    expect(await count('agency')).toBe(before.agency);
    expect((await auditRows('AGENCY_CREATE')).length).toBe(before.audit);

    // Each refused name: too long; too short for the database (refused first, with a message, never a 500);
    // a NUL, which never reaches the form's own rules (the edge refuses it on every route, naming the field);
    // other control characters, the form's own error shown against the field.
    for (const [name, message] of [
      ['n'.repeat(201), 'Agency name must be 200 characters or fewer'],
      ['A', 'Agency name must be 2 characters or more'],
      ['Null\u0000byte', 'The field “name” contains a NUL character'],
      ['Tab\tbyte', 'Remove the control characters'],
    ] as const) {
      const refused = await client.post('/admin/agencies', { name, code: uniqueCode(), type: 'HEALTH' });
      expect(refused.statusCode, JSON.stringify(name)).toBe(400);
      expect(refused.body).toContain(message);
    }
    const repeated = await client.post('/admin/agencies', {
      name: ['Two', 'Values'],
      code: [uniqueCode(), 'X'],
      type: 'HEALTH',
    });
    // A repeated text field counts once (its first value), it does not break the form.
    expect(repeated.statusCode).toBe(303);
    expect(await count('agency')).toBe(before.agency + 1);

    const { agencyId, teamId } = await createAgencyWithTeam(t);
    const teamsBefore = await count('team');
    const badTeam = await client.post(`/admin/agencies/${agencyId}/teams`, { teamName: 'x' });
    expectShownAgain(badTeam, 'href="#teamName"', 'Enter the team’s name');
    expect(await count('team')).toBe(teamsBefore);

    const usersBefore = await count('app_user');
    const membershipsBefore = await count('user_team');
    const badUser = await client.post('/admin/users', {
      agencyId,
      teamIds: [teamId],
      username: 'valid.username',
      displayName: 'Riley Example',
      email: 'not-an-email',
      password: 'short',
    });
    expectShownAgain(
      badUser,
      'href="#roles"',
      'Select at least one role',
      'href="#email"',
      'Enter an email address in the correct format',
      'href="#password"',
      'value="valid.username"',
      'value="Riley Example"',
    );
    expect(badUser.body).not.toContain('value="short"');
    // The team ticked stays ticked.
    expect(badUser.body).toMatch(new RegExp(`value="${teamId}" checked`));
    expect(await count('app_user')).toBe(usersBefore);
    expect(await count('user_team')).toBe(membershipsBefore);

    // A team that does not exist is refused before anything is written.
    const ghostTeam = await client.post('/admin/users', {
      agencyId,
      teamIds: ['00000000-0000-4000-8000-000000000000'],
      roles: ['REFERRER'],
      username: 'ghost.team.user',
      displayName: 'Ghost Team',
      password: 'A long initial passphrase 42',
    });
    expectShownAgain(ghostTeam, 'Select teams from the list');
    const badToken = await client.post('/admin/tokens', {
      name: 'x',
      agencyId,
      permissions: ['admin:tokens'],
      expiresInDays: 'ninety',
    });
    expectShownAgain(
      badToken,
      'href="#name"',
      'href="#permissions"',
      'cannot be given to an API token',
      'href="#expiresInDays"',
      'value="ninety"',
    );
    expect(await count('app_user')).toBe(usersBefore);
    expect(await count('api_token')).toBe(0);
  });

  it('a duplicate agency or username gets a clear error and nothing is written', async () => {
    const code = uniqueCode();
    const first = await client.post('/admin/agencies', { name: `Agency ${code}`, code, type: 'HEALTH' });
    expect(first.statusCode).toBe(303);
    const agencyId = idFromLocation(first.headers.location, '/admin/agencies');
    const agencies = await count('agency');
    const again = await client.post('/admin/agencies', { name: `Another ${code}`, code, type: 'HEALTH' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('href="#code"');
    expect(again.body).toContain('An agency with that code or name already exists');
    const sameName = await client.post('/admin/agencies', {
      name: `agency ${code.toLowerCase()}`,
      code: uniqueCode(),
      type: 'HEALTH',
    });
    expect(sameName.statusCode).toBe(409);
    expect(await count('agency')).toBe(agencies);

    await client.post(`/admin/agencies/${agencyId}/teams`, { teamName: 'Duty team' });
    const dupTeam = await client.post(`/admin/agencies/${agencyId}/teams`, { teamName: 'Duty team' });
    expect(dupTeam.statusCode).toBe(409);
    expect(dupTeam.body).toContain('That agency already has a team with that name');

    const existing = await createTestUser(t, ['REFERRER']);
    const users = await count('app_user');
    const dupUser = await client.post('/admin/users', {
      agencyId,
      roles: ['REFERRER'],
      username: existing.username,
      displayName: 'Someone Else',
      password: 'A long initial passphrase 42',
    });
    expect(dupUser.statusCode).toBe(409);
    expect(dupUser.body).toContain('href="#username"');
    expect(dupUser.body).toContain('Another user already has that username');
    expect(await count('app_user')).toBe(users);
  });
});

describe('who may administer', () => {
  it('a user without an admin permission gets 403 and an ACCESS_DENIED audit event, and changes nothing', async () => {
    const referrer = await createTestUser(t, ['REFERRER']);
    const other = await signIn(t, referrer);
    for (const url of ['/admin/agencies', '/admin/users', '/admin/users/new', '/admin/tokens']) {
      const response = await other.get(url);
      expect(response.statusCode, url).toBe(403);
    }
    const agencies = await count('agency');
    const post = await other.post('/admin/agencies', {
      name: 'Sneaky agency',
      code: uniqueCode(),
      type: 'OTHER',
    });
    expect(post.statusCode).toBe(403);
    expect(await count('agency')).toBe(agencies);
    const denied = (await auditRows('ACCESS_DENIED')).filter((r) => r.actor_user_id === referrer.id);
    expect(denied).toHaveLength(5);
    expect(denied.every((r) => r.outcome === 'DENIED')).toBe(true);
  });

  it('an administrator holds no case permission and cannot open the audit log', async () => {
    const principal = await principalForUser(t.db, admin.id, 'test');
    expect(principal).not.toBeNull();
    expect([...principal!.permissions].filter(isCasePermission)).toEqual([]);
    expect([...principal!.permissions].sort()).toEqual(['admin:agencies', 'admin:tokens', 'admin:users']);
    expect((await client.get('/audit')).statusCode).toBe(403);
  });

  it('a malformed or unknown id answers 404, never 500', async () => {
    const unknown = '0b1e5c1e-8f5a-4c1d-9a3e-1b2c3d4e5f60';
    for (const url of [
      '/admin/agencies/not-a-uuid',
      `/admin/agencies/${unknown}`,
      '/admin/users/1',
      "/admin/users/'%20OR%201=1--",
      `/admin/users/${unknown}`,
    ]) {
      expect((await client.get(url)).statusCode, url).toBe(404);
    }
    await client.get('/admin/users');
    for (const url of [
      '/admin/agencies/xyz',
      '/admin/agencies/xyz/teams',
      `/admin/agencies/${unknown}/teams`,
      '/admin/users/xyz',
      '/admin/users/xyz/disable',
      `/admin/users/${unknown}/enable`,
      '/admin/users/xyz/reset-totp',
      '/admin/tokens/xyz/revoke',
      `/admin/tokens/${unknown}/revoke`,
    ]) {
      expect((await client.post(url, { name: 'Valid name', teamName: 'Valid team' })).statusCode, url).toBe(
        404,
      );
    }
  });
});
