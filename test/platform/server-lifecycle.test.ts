import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createTestDataDir } from '../support/engines.ts';
import { freePort, killAllStarted, startServer as start } from '../support/process.ts';

const dirs: string[] = [];
afterEach(killAllStarted);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The data directory opens again holding the one setup token the server issued, its audit chain intact. */
async function expectOneServersData(dataDir: string): Promise<void> {
  const db = await openDatabase({ dataDir });
  const tokens = await db.pool.query('SELECT count(*)::int AS n FROM setup_token');
  expect(tokens.rows[0].n).toBe(1);
  expect((await verifyAuditChain(db)).ok).toBe(true);
  await db.close();
}

describe('the server process', () => {
  it('prints a one-time setup link on first start, and shuts down cleanly on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    if (process.env['TEST_ENGINE'] === 'postgres') return; // the embedded default is what `npm start` runs
    const dataDir = mkdtempSync(join(tmpdir(), 'lantern-server-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = start({ PORT: port, LANTERN_DATA_DIR: dataDir });
    const [link] = await server.waitFor(/http:\/\/localhost:\d+\/setup\/[A-Za-z0-9_-]+/);
    await server.waitFor(/Lantern is running/);
    const setupPage = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(setupPage.status).toBe(200);
    expect(await setupPage.text()).toContain('Set up Lantern');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Lantern is shutting down \(SIGTERM\)[\s\S]*Lantern stopped/);

    // The embedded database was closed cleanly: it opens again with its data and an intact audit chain.
    await expectOneServersData(dataDir);
  });

  it('refuses a second server on the same data directory, naming it and the first server, which keeps serving with its data intact', {
    timeout: 120_000,
  }, async () => {
    if (process.env['TEST_ENGINE'] === 'postgres') return; // the lock guards the embedded engine only
    // From the migrated template, not empty: creating a data directory from nothing takes PGlite a while.
    const dataDir = await createTestDataDir('lantern-server-');
    dirs.push(dataDir);
    const port = await freePort();
    const first = start({ PORT: port, LANTERN_DATA_DIR: dataDir });
    await first.waitFor(/Lantern is running/);
    const holder = JSON.parse(
      readFileSync(join(dataDir, readdirSync(dataDir).find((f) => f.startsWith('lantern.lock.'))!), 'utf8'),
    );

    const second = start({ PORT: await freePort(), LANTERN_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The data directory ${dataDir} is in use by process ${holder.pid}`);
    expect(second.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(second.output()).not.toContain('Lantern is running');

    // The first still serves, with its own writes only: the setup token it issued, an intact audit chain.
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await expectOneServersData(dataDir);
  });

  it('refuses to start in production with a weak secret, saying which and how to fix it', {
    timeout: 60_000,
  }, async () => {
    const server = start({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      LANTERN_SESSION_SECRET: 'changeme',
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/LANTERN_SESSION_SECRET is weak.*openssl rand/);
  });
});
