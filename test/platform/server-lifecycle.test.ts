import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { openDatabase } from '../../src/platform/db/database.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp) => Promise<string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  return {
    child,
    output: () => out,
    waitFor: (re) =>
      new Promise((resolve, reject) => {
        const timer = setInterval(() => {
          const m = re.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[0]);
          }
          if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`server exited: ${out}`));
          }
        }, 100);
      }),
  };
}

describe('the server process', () => {
  it('prints a one-time setup link on first start, and shuts down cleanly on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    if (process.env['TEST_ENGINE'] === 'postgres') return; // the embedded default is what `npm start` runs
    const dataDir = mkdtempSync(join(tmpdir(), 'lantern-server-'));
    dirs.push(dataDir);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = start({ PORT: port, HOST: '127.0.0.1', LANTERN_DATA_DIR: dataDir });
    const link = await server.waitFor(/http:\/\/localhost:\d+\/setup\/[A-Za-z0-9_-]+/);
    await server.waitFor(/Lantern is running/);
    const setupPage = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(setupPage.status).toBe(200);
    expect(await setupPage.text()).toContain('Set up Lantern');

    const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // The embedded database was closed cleanly: it opens again with its data and an intact audit chain.
    const db = await openDatabase({ dataDir });
    const tokens = await db.pool.query('SELECT count(*)::int AS n FROM setup_token');
    expect(tokens.rows[0].n).toBe(1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await db.close();
  });

  it('refuses to start in production with a weak secret, saying which and how to fix it', {
    timeout: 60_000,
  }, async () => {
    const server = start({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      LANTERN_SESSION_SECRET: 'changeme',
    });
    const code = await new Promise<number | null>((resolve) => server.child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(server.output()).toMatch(/LANTERN_SESSION_SECRET is weak.*openssl rand/);
  });
});
