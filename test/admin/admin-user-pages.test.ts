/**
 * User accounts through the administration pages: disabling, enabling, changing roles and resetting the
 * authenticator app end sessions as they should; an administrator cannot disable themselves.
 */
import { describe, expect, it } from 'vitest';
import { admin, auditRows, client, t, useAdminPages } from '../support/admin-pages.ts';
import { createAgencyWithTeam, createTestUser, PageClient, signIn } from '../support/app.ts';

useAdminPages();

describe('user accounts', () => {
  it('disabling a user ends their live session; enabling lets them sign in again', async () => {
    const victim = await createTestUser(t, ['REFERRER']);
    const session = await signIn(t, victim);
    expect((await session.get('/')).statusCode).toBe(200);

    const page = await client.get(`/admin/users/${victim.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Disable user');
    const disabled = await client.post(`/admin/users/${victim.id}/disable`);
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe(`/admin/users/${victim.id}?notice=user-disabled`);

    const after = await session.get('/');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/sign-in');
    const { rows } = await t.superuserQuery(
      'SELECT ended_reason FROM user_session WHERE user_id = $1 AND ended_at IS NOT NULL',
      [victim.id],
    );
    expect(rows.map((r) => r.ended_reason)).toContain('USER_DISABLED');
    expect(await auditRows('USER_DISABLE', victim.id)).toHaveLength(1);
    await expect(signIn(t, victim)).rejects.toThrow(/password step failed/);

    const listed = await client.get('/admin/users');
    expect(listed.body).toContain('Disabled');

    expect((await client.post(`/admin/users/${victim.id}/enable`)).statusCode).toBe(303);
    expect(await auditRows('USER_ENABLE', victim.id)).toHaveLength(1);
    // The password is accepted again (the TOTP code of this time step was used already, so stop there).
    const back = new PageClient(t.app);
    await back.get('/sign-in');
    const password = await back.post('/sign-in', { username: victim.username, password: victim.password });
    expect(password.headers.location).toBe('/sign-in/totp');
  });

  it('changing a user’s roles ends their sessions; a change of name alone does not', async () => {
    const { agencyId, teamId } = await createAgencyWithTeam(t);
    const victim = await createTestUser(t, ['REFERRER'], { agencyId, teamIds: [teamId] });
    const session = await signIn(t, victim);
    const base = { agencyId, teamIds: [teamId], displayName: 'Renamed Person', email: '', oidcSubject: '' };

    await client.get(`/admin/users/${victim.id}`);
    const renamed = await client.post(`/admin/users/${victim.id}`, { ...base, roles: ['REFERRER'] });
    expect(renamed.statusCode).toBe(303);
    expect((await session.get('/')).statusCode).toBe(200);

    // An auditor's role reaches no case data, so it takes effect at once (a case role would wait).
    const changed = await client.post(`/admin/users/${victim.id}`, {
      ...base,
      roles: ['REFERRER', 'AUDITOR'],
    });
    expect(changed.statusCode).toBe(303);
    expect((await session.get('/')).headers.location).toBe('/sign-in');
    const { rows } = await t.superuserQuery('SELECT roles, display_name FROM app_user WHERE id = $1', [
      victim.id,
    ]);
    expect(rows[0]).toEqual({ roles: ['REFERRER', 'AUDITOR'], display_name: 'Renamed Person' });
    const updates = await auditRows('USER_UPDATE', victim.id);
    expect(updates).toHaveLength(2);

    // A bad edit shows the errors and changes nothing.
    const bad = await client.post(`/admin/users/${victim.id}`, {
      ...base,
      displayName: '',
      roles: ['NOT_A_ROLE'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the user’s full name');
    expect(bad.body).toContain('&quot;NOT_A_ROLE&quot; is not a role');
    const { rows: unchanged } = await t.superuserQuery('SELECT roles FROM app_user WHERE id = $1', [
      victim.id,
    ]);
    expect(unchanged[0].roles).toEqual(['REFERRER', 'AUDITOR']);
    expect(await auditRows('USER_UPDATE', victim.id)).toHaveLength(2);
  });

  it('resetting TOTP makes the user enrol again and ends their sessions', async () => {
    const victim = await createTestUser(t, ['AUDITOR']);
    const session = await signIn(t, victim);
    await client.get(`/admin/users/${victim.id}`);
    const reset = await client.post(`/admin/users/${victim.id}/reset-totp`);
    expect(reset.statusCode).toBe(303);
    expect((await session.get('/')).headers.location).toBe('/sign-in');
    const { rows } = await t.superuserQuery(
      'SELECT totp_enrolled_at, totp_secret_enc FROM app_user WHERE id = $1',
      [victim.id],
    );
    expect(rows[0]).toEqual({ totp_enrolled_at: null, totp_secret_enc: null });
    expect(await auditRows('USER_TOTP_RESET', victim.id)).toHaveLength(1);
  });

  it('an administrator cannot disable their own account', async () => {
    await client.get(`/admin/users/${admin.id}`);
    const response = await client.post(`/admin/users/${admin.id}/disable`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('You cannot disable your own account');
    const { rows } = await t.superuserQuery('SELECT disabled_at FROM app_user WHERE id = $1', [admin.id]);
    expect(rows[0].disabled_at).toBeNull();
  });
});
