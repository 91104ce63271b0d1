/** Starts the service: embedded PGlite under ./data unless DATABASE_URL names a PostgreSQL server. */

import { loadDemoPartnership } from './admin/demo.ts';
import { buildApp } from './app.ts';
import { markBreaches } from './mash/service.ts';
import { BATCH_DEDUPE_JOB, batchDedupeHandler } from './people/batch-dedupe.ts';
import { issueSetupTokenIfEmpty } from './platform/auth/setup.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { prepareDatabase } from './platform/db/prepare.ts';
import { JobRunner } from './platform/jobs/runner.ts';
import { Schedule } from './platform/jobs/schedule.ts';
import { compactBriefingCounts } from './reports/compaction.ts';
import { completeDemoSetup } from './synth/demo-setup.ts';
import { loadPopulation } from './synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from './synth/load-mash.ts';

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
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    auditKey: config.auditKey,
  });
  try {
    await prepareDatabase(db);
  } catch (error) {
    console.error((error as Error).message);
    await db.close();
    process.exit(1);
  }
  if (config.demo) {
    console.log(await loadDemoPartnership(db, config.sessionSecret));
    // The briefing's partnership over six months (scale 1, seed 1); a no-op when already loaded.
    console.log(
      (await loadPopulation(db, { scale: 1, seed: 1, months: 6, openWorkingDays: DEMO_OPEN_WORKING_DAYS }))
        .message,
    );
    for (const line of await completeDemoSetup(db)) console.log(line);
  }
  const app = await buildApp({ config, db });
  // Background jobs run in the same process; they live in the database, so any instance may take them.
  const jobs = new JobRunner(db).register(BATCH_DEDUPE_JOB, batchDedupeHandler);
  jobs.start();
  const schedule = new Schedule((task, error) =>
    app.log.error({ task, err: error }, 'scheduled task failed'),
  );
  schedule.start([
    { name: 'mark MASH breaches', everyMs: 60_000, run: () => markBreaches(db) },
    { name: 'compact briefing counts', everyMs: 3_600_000, run: () => compactBriefingCounts(db) },
  ]);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // app.close() stops accepting connections and waits for in-flight requests; then the database closes.
    await schedule.stop();
    await jobs.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

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
