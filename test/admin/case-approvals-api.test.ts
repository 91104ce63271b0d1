/**
 * SECURITY 25 through the administration API and in the database itself: a token manages only accounts
 * within its own permissions and the case roles it asks for wait like an administrator's; no API enrols
 * anyone's authenticator app; and the database refuses a case grant nobody approved, whatever the
 * application does. Existing accounts and tokens stay in effect when the migration lands.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { CASE_PERMISSIONS, CASE_ROLES, permissionsOf } from '../../src/platform/access/permissions.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { bootstrapEmbedded } from '../../src/platform/db/bootstrap.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { loadMigrations, migrate } from '../../src/platform/db/migrate.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { createAgencyWithTeam, createTestApp, createTestUser } from '../support/app.ts';

let t: TestApp;
let home: { agencyId: string; teamId: string };
let admin: TestUser;

const token = (permissions: Permission[]) =>
  issueTestToken(t, home.agencyId, permissions, `Identity system ${Math.random()}`);

function call(
  secret: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return callApi(t, secret, method, url, body);
}

let n = 0;
function newUser(roles: string[]) {
  n += 1;
  return {
    agencyId: home.agencyId,
    teamIds: [home.teamId],
    username: `api.user${n}`,
    displayName: `Api User ${n}`,
    roles,
    password: 'A long initial passphrase 42',
  };
}

beforeAll(async () => {
  t = await createTestApp();
  home = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  admin = await createTestUser(t, ['ADMINISTRATOR'], { agencyId: home.agencyId });
});
afterAll(async () => {
  await t?.close();
});

describe('a token that manages users', () => {
  it('cannot create an administrator, nor a role beyond its own permissions, naming the field', async () => {
    const provisioning = await token(['admin:users', 'stats:published']);
    for (const roles of [['ADMINISTRATOR'], ['MASH_MANAGER'], ['PARTNERSHIP_MEMBER', 'AUDITOR']]) {
      const refused = await call(provisioning, 'POST', '/api/v1/users', newUser(roles));
      expect(refused.statusCode, roles.join()).toBe(400);
      expect(refused.json().details).toEqual([
        { field: 'roles', message: expect.stringContaining('This token cannot manage') },
      ]);
    }
    const member = await call(provisioning, 'POST', '/api/v1/users', newUser(['PARTNERSHIP_MEMBER']));
    expect(member.statusCode).toBe(201);
    expect(member.json()).toMatchObject({ roles: ['PARTNERSHIP_MEMBER'], pendingRoles: [] });
  });

  it('asks for the case roles it may give, which wait for approval like an administrator’s', async () => {
    const practitionerToken = await token([
      'admin:users',
      ...permissionsOf(['MASH_PRACTITIONER']),
    ] as Permission[]);
    const created = await call(practitionerToken, 'POST', '/api/v1/users', newUser(['MASH_PRACTITIONER']));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ roles: [], pendingRoles: ['MASH_PRACTITIONER'] });
    const principal = await principalForUser(t.db, created.json().id, 'test');
    expect([...principal!.permissions]).toEqual([]);
    const { rows } = await t.superuserQuery(
      `SELECT requested_by_user_id, requested_by_label FROM access_request WHERE user_id = $1 AND status = 'PENDING'`,
      [created.json().id],
    );
    expect(rows).toEqual([
      { requested_by_user_id: null, requested_by_label: expect.stringMatching(/^token:Identity system/) },
    ]);
    // A change that does not touch the roles keeps the request; still not a MASH manager.
    const renamed = await call(practitionerToken, 'PATCH', `/api/v1/users/${created.json().id}`, {
      displayName: 'Renamed',
    });
    expect(renamed.json()).toMatchObject({ roles: [], pendingRoles: ['MASH_PRACTITIONER'] });
    const promote = await call(practitionerToken, 'PATCH', `/api/v1/users/${created.json().id}`, {
      roles: ['MASH_MANAGER'],
    });
    expect(promote.statusCode).toBe(400);
  });

  it('cannot change, disable or take over an account beyond its permissions: 404, audited', async () => {
    const provisioning = await token(['admin:users', 'stats:published']);
    const before = (await t.superuserQuery('SELECT password_hash FROM app_user WHERE id = $1', [admin.id]))
      .rows[0];
    const takeover = await call(provisioning, 'PATCH', `/api/v1/users/${admin.id}`, {
      password: 'Token chosen passphrase 99',
      oidcSubject: 'attacker@idp',
    });
    expect(takeover.statusCode).toBe(404);
    expect((await call(provisioning, 'POST', `/api/v1/users/${admin.id}/disable`, {})).statusCode).toBe(404);
    const after = (
      await t.superuserQuery('SELECT password_hash, oidc_subject, disabled_at FROM app_user WHERE id = $1', [
        admin.id,
      ])
    ).rows[0];
    expect(after).toEqual({ password_hash: before.password_hash, oidc_subject: null, disabled_at: null });
    const { rows } = await t.superuserQuery(
      `SELECT details->>'reason' AS reason FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1`,
      [admin.id],
    );
    expect(rows).toEqual([{ reason: 'BEYOND_TOKEN_PERMISSIONS' }, { reason: 'BEYOND_TOKEN_PERMISSIONS' }]);
  });

  it('no API enrols or sets anyone’s authenticator app', async () => {
    const provisioning = await token(['admin:users', 'stats:published']);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths).filter((p) => /totp|authenticator|enrol/i.test(p))).toEqual([]);
    const member = (
      await call(provisioning, 'POST', '/api/v1/users', newUser(['PARTNERSHIP_MEMBER']))
    ).json();
    const sneaky = await call(provisioning, 'PATCH', `/api/v1/users/${member.id}`, {
      totpSecret: 'JBSWY3DPEHPK3PXP',
    });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().details.map((d: { field: string }) => d.field)).toEqual(['totpSecret']);
  });
});

describe('the database backs the approval rule', () => {
  it('refuses an unapproved case role, case token or decision, even from code that forgot to ask', async () => {
    const asAdmin = contextFor((await principalForUser(t.db, admin.id, 'test'))!, 'test');
    const attempts = [
      `UPDATE app_user SET roles = '{ADMINISTRATOR,MASH_MANAGER}' WHERE id = '${admin.id}'`,
      `INSERT INTO app_user (agency_id, username, display_name, roles) VALUES ('${home.agencyId}', 'sneaky.one', 'Sneaky', '{CSE_OFFICER}')`,
      `INSERT INTO api_token (name, agency_id, permissions, token_hash, prefix, approval, expires_at)
       VALUES ('Sneaky', '${home.agencyId}', '{case:read}', 'x', 'lnt_x', 'APPROVED', now() + interval '1 day')`,
    ];
    for (const sql of attempts) {
      await expect(
        withTransaction(t.db, asAdmin, (tx) => tx.query(sql)),
        sql,
      ).rejects.toThrow(/approval/);
    }
    // An administrator cannot mark a request approved by themselves.
    const practitionerToken = await token([
      'admin:users',
      ...permissionsOf(['MASH_PRACTITIONER']),
    ] as Permission[]);
    const user = (
      await call(practitionerToken, 'POST', '/api/v1/users', newUser(['MASH_PRACTITIONER']))
    ).json();
    await expect(
      withTransaction(t.db, asAdmin, (tx) =>
        tx.query(
          `UPDATE access_request SET status = 'APPROVED', decided_by_user_id = $1, decided_at = now() WHERE user_id = $2`,
          [admin.id, user.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('holds the same case roles and permissions as the code', async () => {
    const { rows } = await t.superuserQuery(
      'SELECT lantern_case_roles() AS roles, lantern_case_permissions() AS permissions',
    );
    expect([...rows[0].roles].sort()).toEqual([...CASE_ROLES].sort());
    expect([...rows[0].permissions].sort()).toEqual([...CASE_PERMISSIONS].sort());
  });

  // The migration's SQL is the same on both engines; a partly migrated database is quickest on PGlite.
  it.runIf(process.env['TEST_ENGINE'] !== 'postgres')(
    'treats accounts and tokens made before the migration as approved',
    async () => {
      const db = await openDatabase({ dataDir: 'memory://' });
      try {
        await bootstrapEmbedded(db);
        // The database as it was before migration 014: later migrations may build on what 014 made.
        await migrate(
          db,
          loadMigrations().filter((m) => m.version < 14),
        );
        await db.pool.query(
          `INSERT INTO agency (id, code, name, type) VALUES ('00000000-0000-4000-8000-000000000001', 'OLD-1', 'Old agency', 'POLICE')`,
        );
        await db.pool.query(
          `INSERT INTO app_user (agency_id, username, display_name, roles) VALUES ('00000000-0000-4000-8000-000000000001', 'old.officer', 'Old Officer', '{CSE_OFFICER}')`,
        );
        await db.pool.query(
          `INSERT INTO api_token (name, agency_id, permissions, token_hash, prefix, expires_at)
           VALUES ('Old system', '00000000-0000-4000-8000-000000000001', '{case:read}', 'old-hash', 'lnt_old', now() + interval '1 day')`,
        );
        await migrate(db);
        const token = await db.pool.query(
          `SELECT approval, token_hash FROM api_token WHERE name = 'Old system'`,
        );
        expect(token.rows).toEqual([{ approval: 'APPROVED', token_hash: 'old-hash' }]);
        const user = await db.pool.query(`SELECT roles FROM app_user WHERE username = 'old.officer'`);
        expect(user.rows).toEqual([{ roles: ['CSE_OFFICER'] }]);
        expect((await db.pool.query('SELECT count(*)::int AS n FROM access_request')).rows[0].n).toBe(0);
      } finally {
        await db.close();
      }
    },
  );
});
