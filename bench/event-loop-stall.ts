/**
 * Issue 22 item 2: requests never wait for background work. Loads the synthetic population at BENCH_SCALE
 * (default 100), gives the scheduled jobs a large backlog (every episode past its deadline open and not yet
 * breached; a second delta for every briefing count key, to fold), then runs the jobs as the service's first
 * tick does (breach marking and statistics folding together) while it
 *   - samples the event loop's delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution), and
 *   - sends a trivial request every 50 ms through the app (GET /healthz, which touches no database, and
 *     GET /readyz, which waits its turn for the connection), timed from when it was due to its answer.
 * The embedded engine runs inside the Node process, so a long statement stalls the loop itself. Figures:
 * the longest stall and p99 against the 100 ms budget, once in bounded batches (as the service runs them
 * now) and once with the jobs as one statement each (as before issue 22).
 *
 *   BENCH_STALL_TRACE=1    print every step and every stall over the budget, and on the embedded engine
 *                          every statement that held the loop 20 ms or more (with the time it ended), so
 *                          that a stall can be matched to what ran in it
 *
 *   BENCH_STALL_BEFORE=0   skip the one-statement run
 *
 *   BENCH_STALL_DIR=<dir>  the embedded engine loaded once into this directory and kept; each run works
 *                          on a fresh copy of it (three minutes of loading saved on each later run)
 */
import { cpSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { markBreaches } from '../src/mash/service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Database, type Engine, openDatabase } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/platform/db/prepare.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { timed } from '../src/platform/jobs/batches.ts';
import { compactBriefingCounts } from '../src/reports/compaction.ts';
import type { FoldUnit } from '../src/reports/fold-plan.ts';
import { compileStatisticsTriggers } from '../src/reports/statistics-warm-up.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { loadPopulation } from '../src/synth/load.ts';
import {
  type BenchDatabase,
  benchEngines,
  benchScale,
  fmt,
  heading,
  latency,
  openBenchDatabase,
  table,
} from './lib/support.ts';

const BUDGET_MS = 100;
const PROBE_EVERY_MS = 50;
const NOW = new Date('2026-10-01T12:00:00Z');

interface Backlog {
  episodes: number;
  countRows: number;
}

/** A superuser session on the bench database: PGlite's own login, or the server's BENCH_DATABASE_URL. */
async function superuserSession(bench: BenchDatabase) {
  if (!bench.superuserUrl) {
    const client = await bench.db.pool.connect();
    return { query: client.query.bind(client), end: async () => client.release() };
  }
  const client = new pg.Client({ connectionString: bench.superuserUrl });
  await client.connect();
  return { query: client.query.bind(client), end: () => client.end() };
}

/** The backlog a first start after a large load finds, made directly (as the superuser, triggers off). */
async function makeBacklog(bench: BenchDatabase): Promise<Backlog> {
  const client = await superuserSession(bench);
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const reopened = await client.query(
      'UPDATE mash_episode SET closed_at = NULL, breached_at = NULL WHERE rag_deadline < $1',
      [NOW],
    );
    // A zero delta beside every key: the totals stay, and every key has rows to fold.
    await client.query(
      `INSERT INTO briefing_count (day, area, division, figure, category, n)
       SELECT day, area, division, figure, category, 0 FROM briefing_count`,
    );
    await client.query('COMMIT');
    const counts = await client.query('SELECT count(*)::int AS n FROM briefing_count');
    // Both runs start from the same clean state: no dead rows left by the run before.
    await client.query('VACUUM ANALYZE mash_episode, briefing_count');
    await client.query('CHECKPOINT');
    return { episodes: reopened.rowCount ?? 0, countRows: counts.rows[0].n };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The embedded database for BENCH_STALL_DIR: loaded into the directory the first time (and left as the
 * load leaves it), then a fresh copy of it for each run, which finds what a first start after the load
 * finds (the folding would otherwise have done its work in the kept directory).
 */
async function keptDatabase(dir: string, load: (db: Database) => Promise<void>): Promise<BenchDatabase> {
  const kept = await openDatabase({ dataDir: dir });
  try {
    await prepareDatabase(kept);
    const { rows } = await kept.pool.query('SELECT EXISTS (SELECT 1 FROM synth_chunk) AS loaded');
    if (rows[0].loaded === true) console.log(`PGlite kept in ${dir}: loaded before`);
    else await load(kept);
  } finally {
    await kept.close();
  }
  const copy = `${dir}-run`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, copy, { recursive: true });
  const db = await openDatabase({ dataDir: copy });
  return {
    db,
    engine: 'pglite',
    where: `PGlite in ${copy}, a copy of ${dir}`,
    async dispose() {
      await db.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The jobs as one statement each, as they ran before issue 22. */
async function unbatched(db: Database): Promise<void> {
  const context = systemContext('bench-unbatched');
  await Promise.all([
    withTransaction(db, context, (tx) =>
      tx.query(
        'UPDATE mash_episode SET breached_at = $1 WHERE closed_at IS NULL AND breached_at IS NULL AND rag_deadline < $1',
        [NOW],
      ),
    ),
    withTransaction(db, context, (tx) => tx.query('SELECT lantern_briefing_compact()')),
  ]);
}

/** BENCH_STALL_TRACE=1 prints every step slower than half the budget. */
const trace = process.env['BENCH_STALL_TRACE'] === '1';

/**
 * The SQL of the first Query ('Q') or Parse ('P') message in a frontend protocol buffer, shortened; null
 * when it has neither (node-postgres sends a statement's Parse and its Bind/Execute in separate calls).
 */
function statementOf(message: Uint8Array): string | null {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  for (let at = 0; at + 5 <= message.length; at += 1 + view.getUint32(at + 1)) {
    const type = String.fromCharCode(message[at] as number);
    if (type !== 'Q' && type !== 'P') continue;
    // A Query's SQL follows its length; a Parse's follows the statement's name.
    const from = type === 'Q' ? at + 5 : message.indexOf(0, at + 5) + 1;
    const end = message.indexOf(0, from);
    const sql = new TextDecoder().decode(message.subarray(from, end < 0 ? undefined : end));
    return sql.replace(/\s+/g, ' ').slice(0, 110);
  }
  return null;
}

/**
 * With the trace on, every statement the embedded engine runs is timed where it holds the loop (PGlite's
 * synchronous protocol call), and those of 20 ms or more are printed with the time they ended.
 */
function traceStatements(db: Database): void {
  const pglite = db.pglite;
  if (!trace || !pglite) return;
  const run = pglite.execProtocolRawSync.bind(pglite);
  let parsed = '';
  pglite.execProtocolRawSync = (message: Uint8Array) => {
    const started = performance.now();
    const reply = run(message);
    const ms = performance.now() - started;
    parsed = statementOf(message) ?? parsed;
    if (ms >= 20) console.log(`    statement ${fmt(ms)} ms ending at ${fmt(performance.now())}: ${parsed}`);
    return reply;
  };
}

async function batched(db: Database): Promise<void> {
  let last = performance.now();
  const onBatch = (rows: number) => {
    const ms = performance.now() - last;
    if (trace && ms > BUDGET_MS / 2)
      console.log(`  breach batch of ${rows}: ${fmt(ms)} ms ending at ${fmt(performance.now())}`);
    last = performance.now();
  };
  const onStep = (step: FoldUnit & { ms: number }) => {
    if (trace && step.ms > BUDGET_MS / 2)
      console.log(
        `  fold ${step.from}..${step.to} part ${step.part + 1} of ${step.parts}: ${fmt(step.ms)} ms ending at ${fmt(performance.now())}`,
      );
  };
  await Promise.all([markBreaches(db, NOW, { onBatch }), compactBriefingCounts(db, { onStep })]);
}

interface Measured {
  seconds: number;
  loopMax: number;
  loopP99: number;
  healthz: number[];
  readyz: number[];
}

/** A request due every 50 ms, timed from when it was due (so time spent waiting for the loop counts). */
async function probe(app: FastifyInstance, url: string, until: () => boolean): Promise<number[]> {
  const out: number[] = [];
  let due = performance.now();
  while (!until()) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const response = await app.inject({ method: 'GET', url });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    out.push(performance.now() - due);
    due = Math.max(due + PROBE_EVERY_MS, performance.now() - PROBE_EVERY_MS);
  }
  return out;
}

async function measure(app: FastifyInstance, jobs: () => Promise<void>): Promise<Measured> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let tick = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    if (trace && now - tick > BUDGET_MS)
      console.log(`  stall of ${fmt(now - tick - 10)} ms ending at ${fmt(now)}`);
    tick = now;
  }, 10);
  let done = false;
  histogram.enable();
  const started = performance.now();
  const probes = Promise.all([probe(app, '/healthz', () => done), probe(app, '/readyz', () => done)]);
  if (trace) console.log(`  probes begin at ${fmt(started)}`);
  await sleep(200); // the probes run alone first: a baseline in the same figures
  if (trace) console.log(`  jobs begin at ${fmt(performance.now())}`);
  await jobs();
  const seconds = (performance.now() - started - 200) / 1000;
  await sleep(200);
  done = true;
  const [healthz, readyz] = await probes;
  histogram.disable();
  clearInterval(watchdog);
  // The histogram counts nanoseconds of delay beyond the resolution.
  return { seconds, loopMax: histogram.max / 1e6, loopP99: histogram.percentile(99) / 1e6, healthz, readyz };
}

function rowsOf(label: string, m: Measured): string[][] {
  const verdict = (ms: number) => (ms <= BUDGET_MS ? 'within' : 'OVER');
  const h = latency(m.healthz);
  const r = latency(m.readyz);
  const hMax = Math.max(...m.healthz);
  const rMax = Math.max(...m.readyz);
  return [
    [`${label}: event loop delay`, fmt(m.seconds), fmt(m.loopP99), fmt(m.loopMax), '', verdict(m.loopMax)],
    [`${label}: GET /healthz`, '', fmt(h.p99), fmt(hMax), String(h.n), verdict(hMax)],
    [`${label}: GET /readyz`, '', fmt(r.p99), fmt(rMax), String(r.n), verdict(rMax)],
  ];
}

async function runEngine(engine: Engine, scale: number): Promise<void> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LANTERN_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
  });
  const load = async (db: Database) => {
    await loadDemoPartnership(db, config.sessionSecret);
    console.log(`loading scale ${scale}...`);
    const loaded = await loadPopulation(db, { scale, seed: 1, months: 6 });
    console.log(`${loaded.message} (${fmt(loaded.ms / 1000)} s)`);
  };
  const keptDir = engine === 'pglite' ? process.env['BENCH_STALL_DIR'] : undefined;
  const bench = keptDir ? await keptDatabase(keptDir, load) : await openBenchDatabase(engine);
  try {
    console.log(bench.where);
    if (!keptDir) await load(bench.db);
    const app = await buildApp({ config, db: bench.db, logger: false });
    try {
      const rows: string[][] = [];
      // Bounded batches first, on what a first start after the load finds (the load's own deltas and a
      // zero delta beside every key). The one-statement run comes second and finds less to fold (the
      // batched run folded the load's deltas): the comparison favours the old way, never the new.
      const backlog = await makeBacklog(bench);
      // As the service does before it starts its jobs (src/main.ts).
      if (engine === 'pglite') await compileStatisticsTriggers(bench.db);
      traceStatements(bench.db);
      console.log(
        `backlog: ${backlog.episodes} open episodes past their deadline, ${backlog.countRows} count rows`,
      );
      // The probes' first requests run cold code (Fastify's inject, the routes' first replies): 100-115 ms
      // with the loop held, whatever the jobs do, and seen by the trace's watchdog (the histogram drops its
      // first interval). A service has answered requests before its jobs' first tick: so have the probes.
      for (const url of ['/healthz', '/readyz']) {
        const { ms } = await timed(() => app.inject({ method: 'GET', url }));
        console.log(`first ${url} after the app was built (cold, before any job): ${fmt(ms)} ms`);
      }
      rows.push(...rowsOf('bounded batches (now)', await measure(app, () => batched(bench.db))));
      if (process.env['BENCH_STALL_BEFORE'] !== '0') {
        const before = await makeBacklog(bench);
        console.log(
          `backlog: ${before.episodes} open episodes past their deadline, ${before.countRows} count rows`,
        );
        rows.push(...rowsOf('one statement each (before)', await measure(app, () => unbatched(bench.db))));
      }
      heading(`Event loop while the scheduled jobs run: ${engine}, scale ${scale} (budget ${BUDGET_MS} ms)`);
      console.log(table(['', 'job s', 'p99 ms', 'max ms', 'requests', `≤ ${BUDGET_MS} ms`], rows));
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}

const scale = benchScale();
for (const engine of benchEngines()) await runEngine(engine, scale);
