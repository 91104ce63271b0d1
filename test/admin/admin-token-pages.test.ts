/**
 * API tokens through the administration pages: a token without case permissions is issued at once, its
 * secret shown once and stored only as a hash; revoked and expired tokens fail. (A token with a case
 * permission waits for approval: case-approvals-pages.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { auditRows, client, t, useAdminPages } from '../support/admin-pages.ts';
import { createAgencyWithTeam } from '../support/app.ts';

useAdminPages();

describe('API tokens', () => {
  it('shows the secret once, stores only its SHA-256, and a revoked token fails on the next request', async () => {
    const { agencyId } = await createAgencyWithTeam(t);
    await client.get('/admin/tokens');
    // Published statistics reach no case data: issued at once (a case permission would wait for approval).
    const issued = await client.post('/admin/tokens', {
      name: 'School MIS connector',
      agencyId,
      permissions: ['stats:published'],
      expiresInDays: '30',
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.body).toContain('it will not be shown again');
    const secret = /id="token-secret">([^<]+)</.exec(issued.body)?.[1];
    expect(secret).toMatch(/^lnt_[A-Za-z0-9_-]{40,}$/);

    const { rows } = await t.superuserQuery(
      'SELECT id, token_hash, prefix, permissions, expires_at, row_to_json(api_token)::text AS whole FROM api_token WHERE name = $1',
      ['School MIS connector'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(secret!));
    expect(rows[0].whole).not.toContain(secret);
    expect(secret!.startsWith(rows[0].prefix)).toBe(true);
    expect(rows[0].permissions).toEqual(['stats:published']);
    const days = (new Date(rows[0].expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const { rows: audit } = await t.superuserQuery(
      'SELECT count(*)::int AS n FROM audit_event WHERE details::text LIKE $1',
      [`%${secret}%`],
    );
    expect(audit[0].n).toBe(0);
    expect(await auditRows('TOKEN_CREATE', rows[0].id)).toHaveLength(1);

    // Never shown again.
    const list = await client.get('/admin/tokens');
    expect(list.body).toContain('School MIS connector');
    expect(list.body).not.toContain(secret);

    // The token works (it authenticates, though it may not administer)...
    const authorised = { authorization: `Bearer ${secret}` };
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/agencies', headers: authorised });
    expect(before.statusCode).toBe(403);
    // ...until it is revoked.
    const revoked = await client.post(`/admin/tokens/${rows[0].id}/revoke`);
    expect(revoked.statusCode).toBe(303);
    expect(await auditRows('TOKEN_REVOKE', rows[0].id)).toHaveLength(1);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/agencies', headers: authorised });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
    expect((await client.get('/admin/tokens')).body).toContain('Revoked');

    // Revoking twice is a clear 404, not a second event.
    await client.get('/admin/tokens');
    expect((await client.post(`/admin/tokens/${rows[0].id}/revoke`)).statusCode).toBe(404);
    expect(await auditRows('TOKEN_REVOKE', rows[0].id)).toHaveLength(1);
  });

  it('an expired token fails', async () => {
    const { agencyId } = await createAgencyWithTeam(t);
    await client.get('/admin/tokens');
    const issued = await client.post('/admin/tokens', {
      name: 'Short-lived connector',
      agencyId,
      permissions: ['stats:published'],
      expiresInDays: '1',
    });
    const secret = /id="token-secret">([^<]+)</.exec(issued.body)![1]!;
    const headers = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agencies', headers })).statusCode).toBe(403);
    await t.superuserQuery(
      "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [sha256(secret)],
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/agencies', headers })).statusCode).toBe(401);
    expect((await client.get('/admin/tokens')).body).toContain('Expired');
  });
});
