/**
 * The real service as a child process, started the way the README says: `npm start`, which builds dist/
 * (quick when up to date) and then execs `node dist/main.js`, so npm's child is the server itself and npm
 * forwards SIGTERM and SIGINT to it. Each start is its own process group, so a test can kill npm and the
 * server together (`kill -9` of the whole service) and nothing outlives the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `re` in the output; rejects if the process exits or time runs out. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** The exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** SIGKILL to npm and the server at once, as when the machine loses power or the OOM killer strikes. */
  killHard(): void;
}

const started = new Set<ServerProcess>();

export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    // Only what the test gives: no DATABASE_URL or TEST_* leaking in from the test run's environment.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? ROOT,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += String(d);
  });
  child.stderr!.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server: ServerProcess = {
    child,
    output: () => out,
    exited,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const timer = setInterval(() => {
          const m = re.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearInterval(timer);
            reject(new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${re}:\n${out}`));
          } else if (Date.now() > deadline) {
            clearInterval(timer);
            reject(new Error(`no ${re} within ${timeoutMs} ms:\n${out}`));
          }
        }, 50);
      }),
    killHard() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group has already gone
      }
    },
  };
  started.add(server);
  void exited.then(() => started.delete(server));
  return server;
}

/** For afterEach: no server a test started outlives the test, whatever failed. */
export async function killAllStarted(): Promise<void> {
  const servers = [...started];
  for (const server of servers) server.killHard();
  await Promise.all(servers.map((server) => server.exited));
}

/** A port nothing listens on now: bound and released, so parallel test files never collide. */
export function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(String(port)));
    });
  });
}
