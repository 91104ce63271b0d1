/**
 * SECURITY 24: the documented backup and restore (README, "Backup and restore") gives back every record and
 * a verifiable audit chain. A database with rows in every table is backed up and restored into a new one:
 * every table holds exactly the same rows (compared by a digest of their contents, not only counted), the
 * audit chain verifies to the same length, and the service runs on the restored database.
 *
 * Embedded: the data directory dump, and the data directory copied as a directory. Server: `pg_dump -Fc`,
 * then `pg_restore` into a database made by `lantern db bootstrap`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { bootstrapServer } from '../../src/platform/db/bootstrap.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { createTeamUser, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { OWNER_PASSWORD, ownerUrl, testEngine } from '../support/engines.ts';
import type { AgencyWithTeam } from '../support/factories/index.ts';
import type { CaseIds, TableState } from '../support/populate.ts';
import { tableStates } from '../support/populate.ts';
import { createPopulatedApp } from '../support/populated-app.ts';

const run = promisify(execFile);

let t: TestApp;
let ids: CaseIds;
let practitioner: TestUser;
let before: Record<string, TableState>;
let events: number;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  let lancashireMash: AgencyWithTeam;
  ({ t, ids, lancashireMash } = await createPopulatedApp());
  practitioner = await createTeamUser(t, ['MASH_PRACTITIONER'], lancashireMash);
  // Work through the pages, so that the audit log holds sign-ins, views and searches too.
  const client = await signIn(t, practitioner);
  expect((await client.get(`/people/${ids.personId}`)).statusCode).toBe(200);
  await client.get('/search');
  expect((await client.post('/search', { name: ids.childName.surname })).statusCode).toBe(200);

  before = await tableStates(t.superuserQuery);
  for (const [table, state] of Object.entries(before))
    if (!table.startsWith('briefing_run_s')) expect(state.rows, `${table} holds rows`).toBeGreaterThan(0);
  const intact = await verifyAuditChain(t.db);
  expect(intact.ok).toBe(true);
  events = intact.checked;
  expect(events).toBe(before['audit_event']!.rows);
  expect(events).toBeGreaterThanOrEqual(5);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t?.close();
});

/** The restored database: the same rows in every table, the whole chain verified, the service running. */
async function expectRestored(db: Database, query: (sql: string) => Promise<pg.QueryResult>) {
  await prepareDatabase(db); // as the service does at start: roles checked, migrations already current
  expect(await tableStates(query)).toEqual(before);
  const chain = await verifyAuditChain(db);
  expect(chain).toMatchObject({ ok: true, checked: events });

  const app = await buildApp({ config: t.config, db, logger: false });
  try {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const client = await signIn({ ...t, app, db }, practitioner);
    const person = await client.get(`/people/${ids.personId}`);
    expect(person.statusCode).toBe(200);
    expect(person.body).toContain(ids.childName.surname);
  } finally {
    await app.close();
  }
  expect((await verifyAuditChain(db)).ok).toBe(true); // and it keeps chaining after the restore
}

describe('backup and restore (SECURITY 24)', () => {
  it.runIf(testEngine() === 'pglite')(
    'embedded: a data directory dump, and a copied data directory, restore every row and a verifiable audit chain',
    async () => {
      const dump = await t.db.pglite!.dumpDataDir('none');

      const fromDump = await openDatabase({ dataDir: 'memory://', loadDataDir: dump });
      cleanups.push(() => fromDump.close());
      await expectRestored(fromDump, (sql) => fromDump.pool.query(sql));

      // README: stop the service and copy the data directory; restore by putting the directory back.
      const original = mkdtempSync(join(tmpdir(), 'lantern-data-'));
      const copy = mkdtempSync(join(tmpdir(), 'lantern-restored-'));
      cleanups.push(async () => {
        rmSync(original, { recursive: true, force: true });
        rmSync(copy, { recursive: true, force: true });
      });
      await (await openDatabase({ dataDir: original, loadDataDir: dump })).close();
      cpSync(original, copy, { recursive: true });
      const fromCopy = await openDatabase({ dataDir: copy });
      cleanups.push(() => fromCopy.close());
      await expectRestored(fromCopy, (sql) => fromCopy.pool.query(sql));
    },
  );

  it.runIf(testEngine() === 'postgres')(
    'server: pg_dump and pg_restore into a bootstrapped database restore every row and a verifiable audit chain',
    async () => {
      const admin = new URL(process.env['TEST_DATABASE_URL']!);
      const source = new URL(admin);
      source.pathname = new URL(t.url!).pathname;
      const dir = mkdtempSync(join(tmpdir(), 'lantern-dump-'));
      const file = join(dir, 'lantern.dump');
      const name = `lantern_restored_${randomBytes(5).toString('hex')}`;
      const target = new URL(admin);
      target.pathname = `/${name}`;
      cleanups.push(async () => {
        rmSync(dir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: admin.toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      });

      await run('pg_dump', ['-Fc', '-d', source.toString(), '-f', file], { timeout: 60_000 });
      await bootstrapServer({ adminUrl: admin.toString(), database: name, ownerPassword: OWNER_PASSWORD });
      const restore = await run('pg_restore', ['-d', target.toString(), file], { timeout: 60_000 });
      expect(restore.stderr).toBe('');

      const superuser = new pg.Client({ connectionString: target.toString() });
      await superuser.connect();
      const restored = await openDatabase({ databaseUrl: ownerUrl(name), poolSize: 2 });
      cleanups.push(async () => {
        await restored.close();
        await superuser.end();
      });
      await expectRestored(restored, (sql) => superuser.query(sql));
    },
  );
});
