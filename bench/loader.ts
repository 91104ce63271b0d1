/**
 * Synthetic-data loader throughput: loads a fixed small population (scale 3: three chunks, about 32,000
 * rows with the MASH's work, missing episodes and disposals; BENCH_LOADER_SCALE changes it) into a fresh
 * database on the engine DATABASE_URL names, PGlite when it is unset, and prints rows, seconds, rows/s and
 * the ratio to the 10,000 rows/s target. The time is the loader's own (`LoadResult.ms`): generating,
 * planning and writing, with the statistics triggers running as they do in production.
 *
 * DATABASE_URL must be a superuser URL whose database name starts with `lantern_bench`: the benchmark
 * drops and re-creates that database (owned by lantern_owner, as the test harness makes them) and drops it
 * again at the end.
 */
import pg from 'pg';
import { bootstrapServer } from '../src/platform/db/bootstrap.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/platform/db/prepare.ts';
import { OWNER_ROLE } from '../src/platform/db/roles.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { loadPopulation } from '../src/synth/load.ts';
import { fmt, heading, openBenchDatabase, table } from './lib/support.ts';

const TARGET_ROWS_PER_SECOND = 10_000;
const scale = Number(process.env['BENCH_LOADER_SCALE'] ?? 3);
if (!(scale > 0 && scale <= 20)) throw new Error('BENCH_LOADER_SCALE must be above 0, up to 20');

interface Target {
  db: Database;
  where: string;
  dispose(): Promise<void>;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh database named by DATABASE_URL on its server, owned by lantern_owner and migrated. */
async function openServerDatabase(adminUrl: string): Promise<Target> {
  const url = new URL(adminUrl);
  const name = url.pathname.slice(1);
  if (!/^lantern_bench[a-z0-9_]*$/.test(name))
    throw new Error(
      `DATABASE_URL names database "${name}": the loader benchmark only re-creates lantern_bench*`,
    );
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const server = new URL(adminUrl);
  server.pathname = '/postgres';
  await bootstrapServer({ adminUrl: server.toString(), database: name });
  const owner = new URL(adminUrl);
  owner.username = OWNER_ROLE;
  owner.password = process.env['BENCH_OWNER_PASSWORD'] ?? '';
  const db = await openDatabase({ databaseUrl: owner.toString(), poolSize: 2 });
  await prepareDatabase(db);
  return {
    db,
    where: `PostgreSQL database ${name} on ${url.host}`,
    async dispose() {
      await db.close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const databaseUrl = process.env['DATABASE_URL'];
const target: Target = databaseUrl
  ? await openServerDatabase(databaseUrl)
  : await openBenchDatabase('pglite');
heading(`Loader throughput at scale ${scale} (seed 1, 6 months): ${target.where}`);
try {
  await loadDemoPartnership(target.db, 'bench-session-secret-that-is-long-enough-0123456789');
  const result = await loadPopulation(target.db, { scale, seed: 1, months: 6 });
  if (result.status !== 'loaded') throw new Error(result.message);
  const seconds = result.ms / 1000;
  const perSecond = result.rows / seconds;
  console.log(result.message);
  console.log(
    table(
      ['engine', 'rows', 'seconds', 'rows/s', 'of target'],
      [
        [
          databaseUrl ? 'PostgreSQL' : 'PGlite',
          fmt(result.rows, 0),
          fmt(seconds, 2),
          fmt(perSecond, 0),
          `${(perSecond / TARGET_ROWS_PER_SECOND).toFixed(2)}× of ${fmt(TARGET_ROWS_PER_SECOND, 0)}`,
        ],
      ],
    ),
  );
} finally {
  await target.dispose();
}
