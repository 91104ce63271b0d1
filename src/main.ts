/** Starts the service: embedded PGlite under ./data unless DATABASE_URL names a PostgreSQL server. */

import { issueSetupTokenIfEmpty } from './admin/setup.ts';
import { buildApp } from './app.ts';
import { markBreaches } from './mash/service.ts';
import { recordRepeatMissingRule } from './missing/service.ts';
import { BATCH_DEDUPE_JOB, batchDedupeHandler } from './people/batch-dedupe.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { type Database, DataDirectoryLockedError, openDatabase } from './platform/db/database.ts';
import { prepareDatabase } from './platform/db/prepare.ts';
import { systemContext, withTransaction } from './platform/db/transaction.ts';
import { drainOnClose, installShutdown } from './platform/http/shutdown.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import { Schedule } from './platform/jobs/schedule.ts';
import { bringPrioritiesUpToDate, tidyPriorities } from './pursue/priority-service.ts';
import { compactBriefingCounts } from './reports/compaction.ts';
import { compileStatisticsTriggers } from './reports/statistics-warm-up.ts';
import { warmDefaultBriefings } from './reports/warm.ts';
import { loadDemoPartnership } from './synth/demo-partnership.ts';

/** Past this a shutdown gives up and exits 1; under the 30 s most orchestrators allow before a kill. */
const SHUTDOWN_DEADLINE_MS = 25_000;
/** A shutdown answers 503 until clients have been quiet this long (at most DRAIN_CAP_MS), then closes. */
const DRAIN_QUIET_MS = 250;
const DRAIN_CAP_MS = 3_000;

/**
 * The synthetic population generator needs @faker-js/faker, a development dependency: it is loaded only
 * when the demo is asked for, so a production install (`npm ci --omit=dev`) starts without it. Loaded
 * before the database is opened, so a missing dependency stops the start with nothing touched.
 */
async function importDemo(): Promise<(db: Database, sessionSecret: string) => Promise<void>> {
  const [{ completeDemoSetup }, { loadPopulation }, { DEMO_OPEN_WORKING_DAYS }, { demoPeriodEnd }] =
    await Promise.all([
      import('./synth/demo-setup.ts'),
      import('./synth/load.ts'),
      import('./synth/load-mash.ts'),
      import('./synth/demo-period.ts'),
    ]).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      console.error(
        'LANTERN_DEMO needs the development dependencies (the synthetic data generator): install with `npm ci`, not `npm ci --omit=dev`.',
      );
      return process.exit(1);
    });
  return async (db, sessionSecret) => {
    console.log(await loadDemoPartnership(db, sessionSecret));
    // The briefing's partnership over six months to the day it is first loaded (scale 1, seed 1); a no-op
    // when already loaded (its end is kept: decision 0014).
    const periodEnd = await demoPeriodEnd(db, 1);
    const options = { scale: 1, seed: 1, months: 6, periodEnd, openWorkingDays: DEMO_OPEN_WORKING_DAYS };
    console.log((await loadPopulation(db, options)).message);
    for (const line of await completeDemoSetup(db)) console.log(line);
  };
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const loadDemo = config.demo ? await importDemo() : null;
  let db: Database;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      auditKey: config.auditKey,
    });
  } catch (error) {
    // Another process holds the embedded data directory: say which, touch nothing, and stop.
    if (error instanceof DataDirectoryLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await prepareDatabase(db);
    // The briefing's missing facts at each referral are kept by the database with the configured rule.
    await withTransaction(db, systemContext('start-up'), (tx) =>
      recordRepeatMissingRule(tx, config.repeatMissing),
    );
  } catch (error) {
    console.error((error as Error).message);
    await db.close();
    process.exit(1);
  }
  if (loadDemo) await loadDemo(db, config.sessionSecret);
  const app = await buildApp({
    config,
    db,
    plugins: [drainOnClose({ quietMs: DRAIN_QUIET_MS, capMs: DRAIN_CAP_MS })],
  });
  // The embedded engine runs in this thread: the statistics triggers' first firing (60-120 ms of compiling
  // at scale 100) is paid here, before any request or job, not by whoever writes first.
  if (db.engine === 'pglite') await compileStatisticsTriggers(db);
  // Background jobs run in the same process; they live in the database, so any instance may take them.
  const jobs = new JobRunner(db).register(BATCH_DEDUPE_JOB, batchDedupeHandler);
  jobs.start();
  const schedule = new Schedule((task, error) =>
    app.log.error({ task, err: error }, 'scheduled task failed'),
  );
  schedule.start([
    { name: 'mark MASH breaches', everyMs: 60_000, run: () => markBreaches(db) },
    // What was recorded since the Pursue priorities' facts were last brought up to date (a reading does too).
    // 200 at a time: on the embedded engine a step holds the one thread (about 150 ms for 200 re-read at scale 100).
    { name: 'catch up the Pursue priorities', everyMs: 2_000, run: () => bringPrioritiesUpToDate(db, 200) },
    { name: 'tidy the Pursue priorities', everyMs: 600_000, run: () => tidyPriorities(db) },
    { name: 'compact briefing counts', everyMs: 3_600_000, run: () => compactBriefingCounts(db) },
    // The default period's published briefings, worked out before anyone asks (reports/warm.ts).
    { name: 'prepare the default briefings', everyMs: 600_000, run: () => warmDefaultBriefings(db) },
  ]);

  installShutdown({
    app,
    stopBackground: async () => void (await Promise.all([schedule.stop(), jobs.stop()])),
    closeDatabase: () => db.close(),
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    print: (line) => console.log(line),
    exit: (code) => process.exit(code),
  });

  await app.listen({ port: config.port, host: config.host });
  const setupToken = await issueSetupTokenIfEmpty(db);
  if (setupToken) {
    console.log(
      `\nLantern has no users yet. Create the first administrator here (one-time link, valid 24 hours):\n\n  ${config.baseUrl}/setup/${setupToken}\n`,
    );
  }
  console.log(
    `Lantern is running at ${config.baseUrl} (${db.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`,
  );
}

await main();
