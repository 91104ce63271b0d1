/**
 * Issue 13: "My work" and the MASH queue, as the demo's MASH practitioner, manager and police researcher
 * open them, over the synthetic population at BENCH_SCALE (default 100, the issue's `lantern demo --scale
 * 100`), on the embedded database and on PostgreSQL when BENCH_DATABASE_URL is set. Each page is fetched
 * through the real app (session cookie, access policy, row-level security, audit) one request after another;
 * the figures are milliseconds at the median and p95 against the 300 ms median budget.
 *
 *   BENCH_PAGE_RUNS=40   requests per page (after 5 warm-up requests)
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Engine } from '../src/platform/db/database.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { lastWholeUkDay } from '../src/synth/demo-period.ts';
import { loadPopulation } from '../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from '../src/synth/load-mash.ts';
import { PageClient } from '../test/support/app.ts';
import { unusedTotpCode } from '../test/support/totp.ts';
import {
  benchEngines,
  benchScale,
  fmt,
  heading,
  latency,
  openBenchDatabase,
  ratio,
  table,
  timeEach,
} from './lib/support.ts';

const RUNS = Number(process.env['BENCH_PAGE_RUNS'] ?? 40);
const WARM_UP = 5;
const BUDGET_MEDIAN_MS = 300;

/** Who opens which page: the roles and their lists. */
const VISITS: readonly { username: string; path: string }[] = [
  { username: 'demo.mash', path: '/my-work' },
  { username: 'demo.mash', path: '/mash' },
  { username: 'demo.manager', path: '/my-work' },
  { username: 'demo.manager', path: '/mash' },
  { username: 'demo.police.mash', path: '/my-work' },
  { username: 'demo.cse', path: '/my-work' },
];

async function signInDemo(app: FastifyInstance, username: string): Promise<PageClient> {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const client = new PageClient(app);
  await client.get('/sign-in');
  const password = await client.post('/sign-in', { username, password: DEMO_PASSWORD });
  if (password.headers.location !== '/sign-in/totp') throw new Error(`sign-in of ${username} failed`);
  await client.get('/sign-in/totp');
  const totp = await client.post('/sign-in/totp', { code: await unusedTotpCode(user.totpSecret) });
  if (totp.statusCode !== 303) throw new Error(`TOTP of ${username} failed`);
  return client;
}

async function runEngine(engine: Engine, scale: number): Promise<string[][]> {
  const bench = await openBenchDatabase(engine);
  try {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      LANTERN_SIGN_IN_RATE_LIMIT: '10000',
      LANTERN_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
    });
    await loadDemoPartnership(bench.db, config.sessionSecret);
    console.log(`${bench.where}: loading scale ${scale}...`);
    // As `lantern demo` loads it: six months to yesterday, the last working days' referrals still open.
    const loaded = await loadPopulation(bench.db, {
      scale,
      seed: 1,
      months: 6,
      periodEnd: lastWholeUkDay(new Date()),
      openWorkingDays: DEMO_OPEN_WORKING_DAYS,
    });
    console.log(`${loaded.message} (${fmt(loaded.ms / 1000)} s)`);
    const app = await buildApp({ config, db: bench.db, logger: false });
    try {
      const rows: string[][] = [];
      const clients = new Map<string, PageClient>();
      for (const visit of VISITS) {
        const client = clients.get(visit.username) ?? (await signInDemo(app, visit.username));
        clients.set(visit.username, client);
        let bytes = 0;
        const fetch = async () => {
          const response = await client.get(visit.path);
          if (response.statusCode !== 200) throw new Error(`${visit.path}: ${response.statusCode}`);
          bytes = response.body.length;
        };
        await timeEach(WARM_UP, fetch);
        const l = latency(await timeEach(RUNS, fetch));
        rows.push([
          `${engine} ${visit.username} ${visit.path}`,
          fmt(l.p50),
          fmt(l.p95),
          ratio(l.p50, BUDGET_MEDIAN_MS),
          `${Math.round(bytes / 1024)} KB`,
        ]);
      }
      return rows;
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}

const scale = benchScale();
heading(`MASH pages at scale ${scale} (${RUNS} requests each; budget ${BUDGET_MEDIAN_MS} ms at the median)`);
const all: string[][] = [];
for (const engine of benchEngines()) all.push(...(await runEngine(engine, scale)));
console.log(table(['page', 'p50 ms', 'p95 ms', 'p50 / budget', 'size'], all));
