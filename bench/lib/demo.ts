/**
 * The demo a page benchmark measures: loaded here into a fresh bench database, or one loaded before and kept
 * (`BENCH_DEMO_DIR` for PGlite, `BENCH_DEMO_URL` for PostgreSQL). A kept demo's users sign in with the
 * second factors of the secret it was loaded with (`LANTERN_SESSION_SECRET`), which `benchConfig` reads.
 */
import { type Config, loadConfig } from '../../src/platform/config.ts';
import { type Database, type Engine, openDatabase } from '../../src/platform/db/database.ts';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { lastWholeUkDay } from '../../src/synth/demo-period.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from '../../src/synth/load-mash.ts';
import { fmt, openBenchDatabase } from './support.ts';

export interface Demo {
  engine: Engine;
  db: Database;
  dispose(): Promise<void>;
}

export function benchConfig(signInLimit: number): Config {
  const secret = process.env['LANTERN_SESSION_SECRET'];
  return loadConfig({
    LOG_LEVEL: 'silent',
    LANTERN_SIGN_IN_RATE_LIMIT: String(signInLimit),
    ...(secret ? { LANTERN_SESSION_SECRET: secret } : {}),
  });
}

/** The demo partnership and a population of `scale`, `months` to yesterday, in a fresh bench database. */
export async function freshDemo(
  engine: Engine,
  scale: number,
  months: number,
  config: Config,
): Promise<Demo> {
  const bench = await openBenchDatabase(engine);
  await loadDemoPartnership(bench.db, config.sessionSecret);
  console.log(`${bench.where}: loading scale ${scale}, ${months} months...`);
  const loaded = await loadPopulation(bench.db, {
    scale,
    seed: 1,
    months,
    periodEnd: lastWholeUkDay(new Date()),
    openWorkingDays: DEMO_OPEN_WORKING_DAYS,
  });
  console.log(`${loaded.message} (${fmt(loaded.ms / 1000)} s)`);
  return { engine, db: bench.db, dispose: () => bench.dispose() };
}

/** The demo loaded before for this engine, if one is named. */
export async function keptDemo(engine: Engine, config: Config): Promise<Demo | null> {
  const dir = process.env['BENCH_DEMO_DIR'];
  const url = process.env['BENCH_DEMO_URL'];
  let db: Database | null = null;
  if (engine === 'pglite' && dir) db = await openDatabase({ dataDir: dir, auditKey: config.auditKey });
  if (engine === 'postgres' && url)
    db = await openDatabase({ databaseUrl: url, auditKey: config.auditKey, poolSize: 4 });
  return db ? { engine, db, dispose: () => db.close() } : null;
}
