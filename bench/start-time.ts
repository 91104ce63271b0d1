/**
 * Benchmark: how long `npm start` takes to serve, on the embedded database, from the compiled tree (issue
 * 12 asks a restart on an existing database to serve within 5 s). Measures the first start on an empty
 * data directory (migrations) and then restarts on it, each timed from spawn to the first 200 from /readyz.
 * The build step (`npm run build`, skipped when dist/ is up to date) is timed on its own.
 *   npx tsx bench/start-time.ts [restarts]     (default 3)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, heading, table } from './lib/support.ts';

const RESTARTS = Number(process.argv[2] ?? 3);
const ROOT = join(import.meta.dirname, '..');
const TARGET_SECONDS = 5;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function serving(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

/** Starts the compiled service and resolves with the seconds until /readyz answers 200. */
async function timeStart(dataDir: string): Promise<{ seconds: number; child: ChildProcess }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LANTERN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    if (await serving(port)) return { seconds: (performance.now() - started) / 1000, child };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

heading('Start-up on the embedded database (compiled tree)');
const buildStarted = performance.now();
const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error('npm run build failed');
const buildSeconds = (performance.now() - buildStarted) / 1000;

const dataDir = mkdtempSync(join(tmpdir(), 'lantern-start-'));
try {
  const rows: string[][] = [['build check (npm run build)', fmt(buildSeconds, 2), '']];
  const first = await timeStart(dataDir);
  await stop(first.child);
  rows.push(['first start, empty data directory', fmt(first.seconds, 2), '']);
  const restarts: number[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    const again = await timeStart(dataDir);
    await stop(again.child);
    restarts.push(again.seconds);
    rows.push([`restart ${i + 1}`, fmt(again.seconds, 2), fmt(again.seconds / TARGET_SECONDS, 2)]);
  }
  console.log(table(['step', 'seconds', `ratio to ${TARGET_SECONDS} s`], rows));
  console.log(`slowest restart ${fmt(Math.max(...restarts), 2)} s (target ${TARGET_SECONDS} s)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
