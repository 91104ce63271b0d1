/**
 * Test databases that start filled: several files need the same rows (the demo as `lantern demo` loads it,
 * the population with a row in every table), which take 7–15 s to make. The first file of a run that asks
 * makes them and keeps a copy (a PGlite dump, or a PostgreSQL template database); the others start from
 * that copy in under a second. A copy is never kept beyond the run that made it (its name holds the run's
 * id), so a change to the loader or the generator is always seen by the next run.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { OWNER_ROLE } from '../../src/platform/db/roles.ts';
import {
  adminUrl,
  createTestDatabase,
  databaseFromDump,
  databaseFromTemplate,
  openServerDatabase,
  type TestDatabase,
  TMP,
  templateDatabaseName,
  testEngine,
} from './engines.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the global setup, once per run: names the filled copies that run may use. */
    testRunId: string;
  }
}

/** What the copies of this run are called: `lantern_filled_<name>_<run>`, PostgreSQL's rules for names. */
function copyName(name: string): string {
  return `lantern_filled_${name}_${inject('testRunId')}`;
}

const WAIT_FOR_ANOTHER_MAKER_MS = 240_000;

/**
 * A fresh database holding what `fill` writes into an empty one. `fill` must do the same whichever
 * database it is given (a fixed seed, no dependence on the file calling it).
 */
export async function createFilledTestDatabase(
  name: string,
  fill: (database: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  return testEngine() === 'pglite' ? filledPglite(name, fill) : filledPostgres(name, fill);
}

async function filledPglite(name: string, fill: (database: TestDatabase) => Promise<void>) {
  const dumpPath = join(TMP, `pglite-${copyName(name)}.tar`);
  const lockPath = `${dumpPath}.making`;
  const started = Date.now();
  for (;;) {
    if (existsSync(dumpPath)) return databaseFromDump(readFileSync(dumpPath));
    let lock: number | null = null;
    try {
      lock = openSync(lockPath, 'wx');
    } catch {
      // Another worker is making it: wait for its dump, or make one after all if it seems to have died.
      if (Date.now() - started < WAIT_FOR_ANOTHER_MAKER_MS) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
    }
    const database = await createTestDatabase();
    try {
      await fill(database);
      const dump = await database.db.pglite!.dumpDataDir('none');
      const partial = `${dumpPath}.${randomBytes(4).toString('hex')}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, dumpPath);
      return database;
    } catch (error) {
      await database.dispose();
      throw error;
    } finally {
      if (lock !== null) {
        closeSync(lock);
        rmSync(lockPath, { force: true });
      }
    }
  }
}

async function filledPostgres(name: string, fill: (database: TestDatabase) => Promise<void>) {
  const copy = copyName(name);
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // One maker per copy across workers: the others wait here, then find it made.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [copy]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [copy]);
    if (!rowCount) {
      const making = `${copy}_making`;
      await admin.query(`DROP DATABASE IF EXISTS ${making} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${making} TEMPLATE ${templateDatabaseName()} OWNER ${OWNER_ROLE}`);
      const database = await openServerDatabase(making, { dropOnDispose: false });
      try {
        await fill(database);
      } finally {
        await database.dispose();
      }
      // Made whole or not at all: only a finished copy carries the name the others look for.
      await renameWhenClosed(admin, making, copy);
    }
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [copy]);
  } finally {
    await admin.end();
  }
  return databaseFromTemplate(copy);
}

/** A pool's connections may still be closing when its end() resolves: renaming waits for them. */
async function renameWhenClosed(admin: pg.Client, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`ALTER DATABASE ${from} RENAME TO ${to}`);
      return;
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
