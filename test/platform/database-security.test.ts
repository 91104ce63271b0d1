import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { readRoleFacts, roleProblems } from '../../src/platform/db/bootstrap.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { assertSafeRoles, prepareDatabase } from '../../src/platform/db/prepare.ts';
import { APP_ROLE } from '../../src/platform/db/roles.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestApp, createTestUser, signIn, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await createTestUser(t, ['ADMINISTRATOR']);
  const auditor = await createTestUser(t, ['AUDITOR']);
  await signIn(t, auditor);
});
afterAll(async () => {
  await t?.close();
});

/** Runs SQL as the app role with no user context at all, as a request that forgot to set one would. */
async function asAppRoleWithoutContext(sql: string) {
  const client = await t.db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
    return await client.query(sql);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

describe('row-level security (SECURITY 5)', () => {
  it('with no user context, personal tables return no rows although they hold some', async () => {
    for (const table of ['app_user', 'user_session', 'audit_event', 'user_team', 'api_token']) {
      const all = await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`);
      const visible = await asAppRoleWithoutContext(`SELECT count(*)::int AS n FROM ${table}`);
      expect(visible.rows[0].n, table).toBe(0);
      if (table !== 'api_token' && table !== 'user_team') expect(all.rows[0].n, table).toBeGreaterThan(0);
    }
  });

  it('every table with personal data has row-level security enabled', async () => {
    const { rows } = await t.superuserQuery(
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relrowsecurity`,
    );
    const protectedTables = rows.map((r) => r.relname);
    for (const table of [
      'app_user',
      'user_session',
      'audit_event',
      'user_team',
      'api_token',
      'idempotency_key',
    ]) {
      expect(protectedTables).toContain(table);
    }
  });

  it('the app role is neither superuser nor BYPASSRLS, and requests run as it', async () => {
    const facts = await readRoleFacts(t.db);
    expect(facts.appSuper).toBe(false);
    expect(facts.appBypassRls).toBe(false);
    const who = await withTransaction(t.db, systemContext('test'), (tx) =>
      tx.one<{ u: string }>('SELECT current_user AS u'),
    );
    expect(who.u).toBe(APP_ROLE);
  });

  it('refuses to start when the app role could bypass row-level security', async () => {
    expect(roleProblems({ ...(await readRoleFacts(t.db)), appBypassRls: true }, t.db.engine)).not.toEqual([]);
    expect(
      roleProblems(
        {
          sessionUser: 'postgres',
          sessionSuper: true,
          sessionBypassRls: true,
          appRoleExists: true,
          appSuper: false,
          appBypassRls: false,
          memberOfApp: true,
        },
        'postgres',
      )[0],
    ).toMatch(/SUPERUSER or BYPASSRLS/);
    if (t.engine === 'pglite') {
      await t.superuserQuery(`ALTER ROLE ${APP_ROLE} BYPASSRLS`);
      await expect(assertSafeRoles(t.db)).rejects.toThrow(/must not be SUPERUSER or BYPASSRLS/);
      await t.superuserQuery(`ALTER ROLE ${APP_ROLE} NOBYPASSRLS`);
    } else {
      // On a server, logging in as a superuser is refused outright.
      const superDb = await openDatabase({ databaseUrl: process.env['TEST_DATABASE_URL']!, poolSize: 1 });
      await expect(prepareDatabase(superDb)).rejects.toThrow(/SUPERUSER or BYPASSRLS/);
      await superDb.close();
    }
  });
});

describe('the audit log (SECURITY 17–19)', () => {
  it('is append-only for the app role: UPDATE, DELETE and TRUNCATE fail', async () => {
    for (const sql of [
      "UPDATE audit_event SET action = 'X'",
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
    ]) {
      await expect(
        withTransaction(t.db, systemContext('test'), (tx) => tx.query(sql)),
        sql,
      ).rejects.toThrow(/permission denied|append-only/);
    }
  });

  it('rolls the audit event back with the change when the transaction fails, and the change with the audit', async () => {
    const before = await t.superuserQuery('SELECT count(*)::int AS n FROM audit_event');
    await expect(
      withTransaction(t.db, systemContext('test'), async (tx) => {
        await tx.query(
          "INSERT INTO agency (code, name, type) VALUES ('ROLLBACK-1', 'Rolled back agency', 'OTHER')",
        );
        await appendAuditEvent(tx, { action: 'AGENCY_CREATE', subjectType: 'agency' });
        throw new Error('fails after both writes');
      }),
    ).rejects.toThrow('fails after both writes');
    const after = await t.superuserQuery('SELECT count(*)::int AS n FROM audit_event');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const agency = await t.superuserQuery("SELECT 1 FROM agency WHERE code = 'ROLLBACK-1'");
    expect(agency.rowCount).toBe(0);
    // And the other way: an audit write that fails (no action) takes the change with it.
    await expect(
      withTransaction(t.db, systemContext('test'), async (tx) => {
        await tx.query(
          "INSERT INTO agency (code, name, type) VALUES ('ROLLBACK-2', 'Second rolled back', 'OTHER')",
        );
        await appendAuditEvent(tx, { action: null as unknown as string });
      }),
    ).rejects.toThrow();
    expect((await t.superuserQuery("SELECT 1 FROM agency WHERE code = 'ROLLBACK-2'")).rowCount).toBe(0);
  });

  it('chains every event; verify passes, then names the first altered, removed or reordered event', async () => {
    const intact = await verifyAuditChain(t.db);
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThan(3);

    // Tamper as a superuser would, with triggers switched off for the session.
    const tamper = async (sql: string) => {
      const client = t.engine === 'pglite' ? null : null;
      void client;
      await t.superuserQuery(
        `SET session_replication_role = replica; ${sql}; SET session_replication_role = origin`,
      );
    };
    await tamper("UPDATE audit_event SET actor_label = 'someone else' WHERE seq = 2");
    const altered = await verifyAuditChain(t.db);
    expect(altered.ok).toBe(false);
    expect(altered.problem).toMatchObject({ kind: 'ALTERED', seq: 2 });
    expect(altered.message).toMatch(/event 2 .* was altered/);
  });
});
