/**
 * The embedded data directory is held by one process at a time (SECURITY.md property 28): a second open,
 * in this process, another process or the CLI, is refused with DataDirectoryLockedError naming the
 * directory and the holder, before any database file is touched; a lock left by a dead process is taken
 * over, and of several processes racing for it exactly one wins.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, openDatabase } from '../../src/platform/db/database.ts';
import { runLantern } from '../support/cli.ts';
import { ROOT } from '../support/process.ts';

const pglite = process.env['TEST_ENGINE'] !== 'postgres'; // the lock is the embedded engine's alone
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-lock-'));
  dirs.push(dir);
  return dir;
}

const lockFiles = (dir: string) => readdirSync(dir).filter((f) => /^lantern\.lock\.\d+$/.test(f));
const topGeneration = (dir: string) => Math.max(0, ...lockFiles(dir).map((f) => Number(f.split('.').at(-1))));
const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, lockFiles(dir).at(-1)!), 'utf8'));

/** Every database file with its size and modification time: the lock files are the only ones allowed to change. */
function snapshot(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = join(sub, e.name);
    if (e.isDirectory()) return snapshot(dir, rel);
    if (rel.startsWith('lantern.lock')) return [];
    const s = statSync(join(dir, rel));
    return [`${rel} ${s.size} ${s.mtimeMs}`];
  });
}

/** A pid that was real a moment ago and is now certainly dead. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function procStart(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

function writeLock(dir: string, generation: number, holder: Record<string, unknown>) {
  const base = { startedAt: new Date().toISOString(), procStart: null, command: 'test', state: 'held' };
  writeFileSync(
    join(dir, `lantern.lock.${generation}`),
    JSON.stringify({ ...base, dataDir: dir, ...holder }),
  );
}

/**
 * One real data directory (a new one takes PGlite ~10 s to create), shared by the tests that open it: made
 * by `lantern migrate`, whose output the last test reads.
 */
let dir: string;
let firstMigrate: Awaited<ReturnType<typeof runLantern>>;
beforeAll(async () => {
  if (!pglite) return;
  dir = tempDir();
  firstMigrate = await runLantern(['migrate'], { LANTERN_DATA_DIR: dir });
  const db = await openDatabase({ dataDir: dir });
  await db.pool.query('CREATE TABLE kept (n int PRIMARY KEY); INSERT INTO kept VALUES (1)');
  await db.close();
}, 120_000);

describe.runIf(pglite)('the embedded data directory lock', () => {
  it('refuses a second open of a held directory, naming it and the holder, and touches no database file', {
    timeout: 60_000,
  }, async () => {
    const db = await openDatabase({ dataDir: dir });
    const before = snapshot(dir);
    const second = await openDatabase({ dataDir: dir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DataDirectoryLockedError);
    expect((second as Error).message).toContain(dir);
    expect((second as Error).message).toContain(`process ${process.pid}`);
    expect(snapshot(dir)).toEqual(before);
    expect((await db.pool.query('SELECT n FROM kept')).rows).toEqual([{ n: 1 }]);
    await db.close();

    // Closing releases it: the next open succeeds and sees the data.
    const again = await openDatabase({ dataDir: dir });
    expect((await again.pool.query('SELECT n FROM kept')).rows).toEqual([{ n: 1 }]);
    await again.close();
  });

  it('takes over a lock whose process is dead, or whose pid now belongs to another process', {
    timeout: 60_000,
  }, async () => {
    const stale = topGeneration(dir) + 2;
    writeLock(dir, stale, { pid: await deadPid() });
    const db = await openDatabase({ dataDir: dir });
    expect(lockFiles(dir)).toEqual([`lantern.lock.${stale + 1}`]);
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, state: 'held' });
    await db.close();
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, state: 'released' });

    // A live pid with another start time is a reused pid (after a reboot or container restart): stale too.
    writeLock(dir, stale + 5, { pid: process.ppid, procStart: '1' });
    const reused = await openDatabase({ dataDir: dir });
    expect(lockFiles(dir)).toEqual([`lantern.lock.${stale + 6}`]);
    await reused.close();
  });

  it('refuses while another live process holds the lock', { timeout: 60_000 }, async () => {
    const empty = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await new Promise((resolve) => holder.on('spawn', resolve));
      writeLock(empty, 1, { pid: holder.pid, procStart: procStart(holder.pid!), command: 'main.js' });
      const error = await openDatabase({ dataDir: empty }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirectoryLockedError);
      expect((error as Error).message).toContain(`process ${holder.pid} (main.js`);
      // PGlite never ran: the directory holds nothing but the lock.
      expect(readdirSync(empty)).toEqual(['lantern.lock.1']);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('lets exactly one of several processes racing for a stale lock win', { timeout: 60_000 }, async () => {
    const raced = tempDir();
    writeLock(raced, 1, { pid: await deadPid() });
    // Each contender says it is ready, then blocks reading its standard input until the test closes it, so
    // that all try at the same instant (woken within microseconds of each other) without spinning on a
    // processor the others still need to start; it tries once, reports, and keeps what it won until the
    // test has heard from everyone.
    const script = `
      import { readFileSync } from 'node:fs';
      import { lockDataDir } from ${JSON.stringify(join(ROOT, 'src/platform/db/data-dir-lock.ts'))};
      console.log('ready');
      readFileSync(0);
      try { lockDataDir(${JSON.stringify(raced)}); console.log('won'); } catch (e) { console.log(e.name); }
      setInterval(() => {}, 1000);`;
    const contenders = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
      });
      const said = (word: RegExp) =>
        new Promise<string>((resolve, reject) => {
          const timer = setInterval(() => {
            const m = word.exec(out);
            if (m) resolve(m[0]);
            if (m || child.exitCode !== null) clearInterval(timer);
            if (!m && child.exitCode !== null) reject(new Error(`contender exited: ${out}`));
          }, 20);
        });
      return { child, said };
    });
    try {
      await Promise.all(contenders.map((c) => c.said(/ready/)));
      for (const c of contenders) c.child.stdin.end();
      const outcomes = await Promise.all(contenders.map((c) => c.said(/won|DataDirectoryLockedError/)));
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'DataDirectoryLockedError')).toHaveLength(5);
      expect(lockFiles(raced)).toEqual(['lantern.lock.2']);
    } finally {
      for (const c of contenders) c.child.kill('SIGKILL');
    }
  });

  it('refuses the CLI on a held directory with the message and exit 1, no stack trace', {
    timeout: 60_000,
  }, async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      const result = await runLantern(['audit', 'verify'], { LANTERN_DATA_DIR: dir });
      const out = result.stdout + result.stderr;
      expect(result.code).toBe(1);
      expect(out).toContain(`The data directory ${dir} is in use by process ${process.pid}`);
      expect(out).not.toMatch(/\n\s+at /);
    } finally {
      await db.close();
    }
  });

  it('migrates a new directory naming each migration it applied, then applies nothing the second time', {
    timeout: 120_000,
  }, async () => {
    const latest = readdirSync(join(import.meta.dirname, '..', '..', 'migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .at(-1)!
      .replace(/\.sql$/, '');
    const first = firstMigrate;
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied 001_');
    expect(first.stdout).toContain(`applied ${latest}`);
    expect(first.stdout).toContain(`migrations are up to date (version ${Number(latest.slice(0, 3))})`);
    const again = await runLantern(['migrate'], { LANTERN_DATA_DIR: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('applied');
    expect(again.stdout).toContain('migrations are up to date');
  });
});
