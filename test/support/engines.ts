/**
 * Test databases on either engine. Migrations run once per test run into a template (a PGlite data-dir
 * dump, or a PostgreSQL template database); each test file gets its own copy, so files run in parallel
 * and never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bootstrapServer } from '../../src/platform/db/bootstrap.ts';
import { BytesBlob } from '../../src/platform/db/bytes-blob.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { loadMigrations } from '../../src/platform/db/migrate.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { OWNER_ROLE } from '../../src/platform/db/roles.ts';

export type TestEngine = 'pglite' | 'postgres';

export const TMP = join(import.meta.dirname, '..', '..', '.tmp');
export const OWNER_PASSWORD = 'lantern-test-owner-password';

export function testEngine(): TestEngine {
  return process.env['TEST_ENGINE'] === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * What a test's embedded database starts with apart from the migrations. PGlite's default 128 MB of
 * shared buffers are set up (written through) at every start, 0.4 s of each test database's 0.9 s;
 * a test database holds a few megabytes, and the size of the buffer pool changes no result.
 */
const TEMPLATE_SETTINGS = "ALTER SYSTEM SET shared_buffers = '16MB'";

export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  hash.update(TEMPLATE_SETTINGS);
  for (const m of loadMigrations()) hash.update(m.checksum);
  return hash.digest('hex').slice(0, 12);
}

function templatePath(): string {
  return join(TMP, `pglite-template-${migrationsFingerprint()}.tar`);
}

export function templateDatabaseName(): string {
  return `lantern_template_${migrationsFingerprint()}`;
}

export function adminUrl(): string {
  const url = process.env['TEST_DATABASE_URL'];
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** The same server as TEST_DATABASE_URL, logged in as the owner role, on another database. */
export function ownerUrl(database: string): string {
  const url = new URL(adminUrl());
  url.username = OWNER_ROLE;
  url.password = OWNER_PASSWORD;
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs once per test run (vitest globalSetup): builds the migrated template for the engine under test. */
export async function buildTemplate(engine: TestEngine): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  if (engine === 'pglite') {
    const path = templatePath();
    if (existsSync(path)) return;
    const db = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(db);
    await db.pool.query(TEMPLATE_SETTINGS);
    // Uncompressed: each file's copy starts in half the time (PGlite gunzips in JavaScript).
    const dump = await db.pglite!.dumpDataDir('none');
    await db.close();
    const partial = `${path}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
    return;
  }
  const name = templateDatabaseName();
  await bootstrapServer({ adminUrl: adminUrl(), database: name, ownerPassword: OWNER_PASSWORD });
  const db = await openDatabase({ databaseUrl: ownerUrl(name), poolSize: 1 });
  try {
    await prepareDatabase(db);
  } finally {
    await db.close();
  }
}

export interface TestDatabase {
  db: Database;
  engine: TestEngine;
  /** For the PostgreSQL engine: the owner's URL, to point a CLI run at this database. */
  url: string | null;
  /** Another connection to the same database as a superuser: for tests that tamper "directly". */
  superuserQuery(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  dispose(): Promise<void>;
}

/** The template, read once per worker (files share a worker's modules: see vitest.config.ts). */
let templateDump: Buffer | null = null;

function templateTar(): Blob {
  templateDump ??= readFileSync(templatePath());
  return tarBlob(templateDump);
}

/** A dump made by `dumpDataDir('none')`, typed so that PGlite reads it as a tar at once. */
// PGlite only reads a data-directory tar (see BytesBlob): one template's bytes serve every database.
const tarBlob = (dump: Buffer): Blob => new BytesBlob(dump, 'application/x-tar', { owned: false });

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') return databaseFromTar(templateTar());
  return databaseFromTemplate(templateDatabaseName());
}

/**
 * A new embedded data directory holding the migrated template, closed, for a test that runs the CLI or
 * a server on it: four seconds faster than letting PGlite create the directory and migrating it.
 */
export function createTestDataDir(prefix: string): Promise<string> {
  return dataDirFromTar(prefix, templateTar());
}

/** A new embedded data directory holding a copy of this in-memory test database, for a CLI or a server. */
export async function dataDirFromDatabase(database: TestDatabase, prefix: string): Promise<string> {
  return dataDirFromTar(prefix, await database.db.pglite!.dumpDataDir('none'));
}

async function dataDirFromTar(prefix: string, tar: Blob): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await (await openDatabase({ dataDir: dir, loadDataDir: tar })).close();
  return dir;
}

/** An embedded database in memory started from a dump (`dumpDataDir('none')`). */
export function databaseFromDump(dump: Buffer): Promise<TestDatabase> {
  return databaseFromTar(tarBlob(dump));
}

async function databaseFromTar(tar: Blob): Promise<TestDatabase> {
  const db = await openDatabase({ dataDir: 'memory://', loadDataDir: tar });
  return {
    db,
    engine: 'pglite',
    url: null,
    // PGlite's only login is a superuser: run outside any SET ROLE.
    superuserQuery: (sql, params) => db.pool.query(sql, params),
    dispose: () => db.close(),
  };
}

/** A new server database copied from a template database, dropped when disposed of. */
export async function databaseFromTemplate(template: string): Promise<TestDatabase> {
  const name = `lantern_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${OWNER_ROLE}`);
  await admin.end();
  return openServerDatabase(name, { dropOnDispose: true });
}

/** A server database as the owner (for the app) and as a superuser (for tampering), by name. */
export async function openServerDatabase(
  name: string,
  options: { dropOnDispose: boolean },
): Promise<TestDatabase> {
  const db = await openDatabase({ databaseUrl: ownerUrl(name), poolSize: 4 });
  const superUrl = new URL(adminUrl());
  superUrl.pathname = `/${name}`;
  // One client (it queues queries itself): its end() waits for the connection to close, which a pool's
  // does not, so the forced drop below never terminates a connection that is still closing.
  const superClient = new pg.Client({ connectionString: superUrl.toString() });
  await superClient.connect();
  return {
    db,
    engine: 'postgres',
    url: ownerUrl(name),
    superuserQuery: (sql, params) => superClient.query(sql, params),
    async dispose() {
      await superClient.end();
      await db.close();
      if (!options.dropOnDispose) return;
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
