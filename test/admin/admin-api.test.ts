/**
 * The administration API for partner systems: bearer tokens, JSON only, closed schemas, idempotent writes.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createAgencyWithTeam, createTestApp, createTestUser, signIn, type TestApp } from '../support/app.ts';
import { countRows } from '../support/audit.ts';

let t: TestApp;
let adminToken: string;
let homeAgencyId: string;

const newToken = (permissions: Permission[], name = 'Partner admin system') =>
  issueTestToken(t, homeAgencyId, permissions, name);

beforeAll(async () => {
  t = await createTestApp();
  homeAgencyId = (await createAgencyWithTeam(t)).agencyId;
  // A token manages only accounts whose roles are within its own permissions (SECURITY 25): this one can
  // add partnership members (published statistics), never anyone holding case or administration permissions.
  adminToken = await newToken(['admin:agencies', 'admin:users', 'stats:published']);
});
afterAll(async () => {
  await t?.close();
});

function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token = adminToken,
): Promise<LightMyRequestResponse> {
  return callApi(t, token, method, url, body, headers);
}

const count = (table: 'agency' | 'team' | 'app_user') => countRows(t, table);
let n = 0;
function code(): string {
  n += 1;
  return `API-${n}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}

describe('agencies and teams', () => {
  it('creates, reads, lists and changes an agency and its teams, auditing each write as the token', async () => {
    const c = code();
    const created = await call('POST', '/api/v1/agencies', {
      code: c,
      name: `Health trust ${c}`,
      type: 'HEALTH',
    });
    expect(created.statusCode).toBe(201);
    const agency = created.json();
    expect(agency).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: c,
      name: `Health trust ${c}`,
      type: 'HEALTH',
      area: null,
      createdAt: expect.any(String),
    });
    expect(created.headers['content-type']).toMatch(/^application\/json/);

    const team = await call('POST', '/api/v1/teams', {
      agencyId: agency.id,
      name: 'Safeguarding nurses',
      area: 'BLACKPOOL',
    });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({
      agencyId: agency.id,
      name: 'Safeguarding nurses',
      area: 'BLACKPOOL',
    });

    const one = await call('GET', `/api/v1/agencies/${agency.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().teams).toEqual([team.json()]);

    const patched = await call('PATCH', `/api/v1/agencies/${agency.id}`, { area: 'BLACKPOOL' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ code: c, name: `Health trust ${c}`, area: 'BLACKPOOL' });

    const list = await call('GET', '/api/v1/agencies');
    expect(list.statusCode).toBe(200);
    expect(list.json().agencies.map((a: { id: string }) => a.id)).toContain(agency.id);
    const teams = await call('GET', `/api/v1/teams?agencyId=${agency.id}`);
    expect(teams.json().teams).toHaveLength(1);

    const { rows } = await t.superuserQuery(
      `SELECT action, actor_label, actor_user_id FROM audit_event WHERE subject_id = $1 ORDER BY seq`,
      [agency.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['AGENCY_CREATE', 'ADMIN_VIEW', 'AGENCY_UPDATE']);
    expect(
      rows.every((r) => r.actor_label === 'token:Partner admin system' && r.actor_user_id === null),
    ).toBe(true);
  });

  it('a duplicate code is a 409 naming the field', async () => {
    const c = code();
    expect(
      (await call('POST', '/api/v1/agencies', { code: c, name: `First ${c}`, type: 'OTHER' })).statusCode,
    ).toBe(201);
    const dup = await call('POST', '/api/v1/agencies', { code: c, name: `Second ${c}`, type: 'OTHER' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'CONFLICT', details: [{ field: 'code' }] });
  });
});

describe('input is checked before anything is written', () => {
  it('accepts only JSON bodies', async () => {
    const before = await count('agency');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `code=${code()}&name=Form+agency&type=OTHER`,
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await count('agency')).toBe(before);
  });

  it('rejects unknown fields, naming them', async () => {
    const before = await count('agency');
    const response = await call('POST', '/api/v1/agencies', {
      code: code(),
      name: 'Agency with extras',
      type: 'OTHER',
      isAdmin: true,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('VALIDATION_FAILED');
    expect(body.details).toContainEqual({ field: 'isAdmin', message: 'isAdmin is not a recognised field' });
    expect(await count('agency')).toBe(before);

    const user = await call('POST', '/api/v1/users', {
      agencyId: homeAgencyId,
      username: 'extra.fields',
      displayName: 'Extra Fields',
      roles: ['REFERRER'],
      password: 'A long initial passphrase 42',
      permissions: ['audit:read'],
    });
    expect(user.statusCode).toBe(400);
    expect(user.json().details.map((d: { field: string }) => d.field)).toContain('permissions');
  });

  it('rejects over-long strings, missing fields and values outside the list, naming the field', async () => {
    const before = await count('agency');
    const long = await call('POST', '/api/v1/agencies', {
      code: code(),
      name: 'n'.repeat(201),
      type: 'OTHER',
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().details.map((d: { field: string }) => d.field)).toEqual(['name']);
    const missing = await call('POST', '/api/v1/agencies', { code: code(), type: 'SPACESHIP' });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['name', 'type']);
    // The schema passes it, the rules do not: the same field-named answer.
    const badCode = await call('POST', '/api/v1/agencies', {
      code: 'lower case',
      name: 'Lower case',
      type: 'OTHER',
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().details).toEqual([
      { field: 'code', message: expect.stringContaining('capital letters') },
    ]);
    const nul = await call('POST', '/api/v1/agencies', {
      code: code(),
      name: 'Null\u0000byte',
      type: 'OTHER',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().details.map((d: { field: string }) => d.field)).toEqual(['name']);
    const emptyPatch = await call('PATCH', `/api/v1/agencies/${homeAgencyId}`, {});
    expect(emptyPatch.statusCode).toBe(400);
    expect(await count('agency')).toBe(before);

    const users = await count('app_user');
    const badUser = await call('POST', '/api/v1/users', {
      agencyId: homeAgencyId,
      username: 'x'.repeat(65),
      displayName: 'Too Long',
      roles: ['GOD_MODE'],
    });
    expect(badUser.statusCode).toBe(400);
    const fields = badUser.json().details.map((d: { field: string }) => d.field);
    expect(fields).toContain('username');
    expect(fields).toContain('roles.0');
    expect(await count('app_user')).toBe(users);
  });

  it('answers a malformed id with 400 and an unknown one with 404, never 500', async () => {
    for (const url of ['/api/v1/agencies/nope', "/api/v1/users/1'%20OR%20'1'='1", '/api/v1/users/123']) {
      const response = await call('GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().details[0].field).toBe('id');
    }
    expect((await call('GET', '/api/v1/teams?agencyId=nope')).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/teams?other=1')).statusCode).toBe(400);
    expect((await call('PATCH', '/api/v1/agencies/nope', { name: 'Whatever name' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/users/nope/disable', {})).statusCode).toBe(400);
    const unknown = 'e4b9c9f0-3a7d-4c4e-8f1a-0d2b3c4d5e6f';
    expect((await call('GET', `/api/v1/agencies/${unknown}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/users/${unknown}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/agencies/${unknown}`, { name: 'Whatever name' })).statusCode).toBe(
      404,
    );
    expect((await call('POST', `/api/v1/users/${unknown}/enable`, {})).statusCode).toBe(404);
    const teamOfNobody = await call('POST', '/api/v1/teams', { agencyId: unknown, name: 'Orphan team' });
    expect(teamOfNobody.statusCode).toBe(400);
    expect(teamOfNobody.json().details).toEqual([
      { field: 'agencyId', message: 'Select an agency from the list' },
    ]);
  });
});

describe('idempotency', () => {
  it('refuses a malformed Idempotency-Key before writing anything', async () => {
    const before = await count('agency');
    const c = code();
    const response = await call(
      'POST',
      '/api/v1/agencies',
      { code: c, name: `Key ${c}`, type: 'OTHER' },
      { 'idempotency-key': 'k'.repeat(201) },
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await count('agency')).toBe(before);
  });

  it('replays the first response for a repeated Idempotency-Key and writes once', async () => {
    const before = await count('agency');
    const c = code();
    const body = { code: c, name: `Idempotent agency ${c}`, type: 'VOLUNTARY' };
    const headers = { 'idempotency-key': `create-${c}` };
    const first = await call('POST', '/api/v1/agencies', body, headers);
    const second = await call('POST', '/api/v1/agencies', body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('agency')).toBe(before + 1);
    const { rows } = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'AGENCY_CREATE' AND subject_id = $1",
      [first.json().id],
    );
    expect(rows[0].n).toBe(1);

    const different = await call(
      'POST',
      '/api/v1/agencies',
      { ...body, name: 'Something else entirely' },
      headers,
    );
    expect(different.statusCode).toBe(409);
    expect(await count('agency')).toBe(before + 1);

    // A failed write keeps no key: the corrected retry with the same key goes through.
    const failKey = { 'idempotency-key': `fail-${c}` };
    expect((await call('POST', '/api/v1/agencies', { ...body, code: 'bad code' }, failKey)).statusCode).toBe(
      400,
    );
    const d = code();
    const fixed = await call('POST', '/api/v1/agencies', { ...body, code: d, name: `Fixed ${d}` }, failKey);
    expect(fixed.statusCode).toBe(201);
  });
});

describe('who may call', () => {
  it('needs a token, and a token without the permission gets 403 and an ACCESS_DENIED event', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/agencies' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const referrals = await newToken(['referral:create'], 'Referral-only system');
    const denied = await call('GET', '/api/v1/users', undefined, {}, referrals);
    expect(denied.statusCode).toBe(403);
    const { rows } = await t.superuserQuery(
      "SELECT outcome FROM audit_event WHERE action = 'ACCESS_DENIED' AND actor_label = 'token:Referral-only system'",
    );
    expect(rows).toEqual([{ outcome: 'DENIED' }]);
  });

  it('has no API for tokens: a token cannot mint tokens', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await call(method, '/api/v1/tokens', method === 'POST' ? {} : undefined);
      expect(response.statusCode).toBe(404);
    }
  });

  it('describes the admin API in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/agencies', '/api/v1/agencies/{id}', '/api/v1/teams', '/api/v1/users']),
    );
    expect(doc.paths['/api/v1/agencies'].post.tags).toEqual(['Administration']);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin'))).toBe(false);
  });
});

describe('users', () => {
  it('creates, reads, changes, disables and enables a user', async () => {
    const { agencyId, teamId } = await createAgencyWithTeam(t);
    const created = await call('POST', '/api/v1/users', {
      agencyId,
      teamIds: [teamId],
      username: 'api.created.user',
      displayName: 'Api Created',
      email: 'api.created@example.org',
      roles: ['PARTNERSHIP_MEMBER'],
      password: 'A long initial passphrase 42',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({
      agencyId,
      teamIds: [teamId],
      username: 'api.created.user',
      roles: ['PARTNERSHIP_MEMBER'],
      pendingRoles: [],
      totpEnrolled: false,
      disabled: false,
    });
    expect(JSON.stringify(user)).not.toMatch(/password|argon/i);

    const got = await call('GET', `/api/v1/users/${user.id}`);
    expect(got.statusCode).toBe(200);
    const listed = await call('GET', '/api/v1/users');
    expect(listed.json().users.map((u: { id: string }) => u.id)).toContain(user.id);

    const patched = await call('PATCH', `/api/v1/users/${user.id}`, { displayName: 'Api Renamed' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      displayName: 'Api Renamed',
      roles: ['PARTNERSHIP_MEMBER'],
      teamIds: [teamId],
    });

    const disabled = await call('POST', `/api/v1/users/${user.id}/disable`, {});
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    const enabled = await call('POST', `/api/v1/users/${user.id}/enable`, {});
    expect(enabled.json().disabled).toBe(false);

    const { rows } = await t.superuserQuery(
      "SELECT action FROM audit_event WHERE subject_id = $1 AND action <> 'ADMIN_VIEW' ORDER BY seq",
      [user.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['USER_CREATE', 'USER_UPDATE', 'USER_DISABLE', 'USER_ENABLE']);
  });

  it('disabling through the API ends the user’s live session', async () => {
    const victim = await createTestUser(t, ['PARTNERSHIP_MEMBER']);
    const session = await signIn(t, victim);
    expect((await session.get('/')).statusCode).toBe(200);
    const response = await call('POST', `/api/v1/users/${victim.id}/disable`, {});
    expect(response.statusCode).toBe(200);
    expect((await session.get('/')).headers.location).toBe('/sign-in');
  });
});
