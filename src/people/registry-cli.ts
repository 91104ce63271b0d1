/**
 * `lantern match train` and `lantern match dedupe-registry`: identity resolution over the registry in the
 * configured database (the CSV commands beside them work on files).
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Database } from '../platform/db/database.ts';
import { runBatchDedupe } from './batch-dedupe.ts';
import { trainRegistryModel } from './matching.ts';

type WithDatabase = (work: (db: Database) => Promise<number | undefined>) => Promise<never>;

export function registerRegistryCommands(match: Command, withDatabase: WithDatabase): void {
  match
    .command('train')
    .description('fit the matching model on every record in the registry and make it the active version')
    .option('--seed <n>', 'seed for sampling random pairs', '1')
    .action((options: { seed: string }) =>
      withDatabase(async (db) => {
        const started = Date.now();
        const { version, records } = await trainRegistryModel(
          db,
          'lantern match train',
          Number(options.seed) || 1,
        );
        console.log(
          `model version ${version} trained on ${records} records in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        return 0;
      }),
    );

  match
    .command('dedupe-registry')
    .description(
      'deduplicate the whole registry now: merge near-certain matches, queue likely ones for review',
    )
    .action(() =>
      withDatabase(async (db) => {
        const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr });
        let startedBar = false;
        const result = await runBatchDedupe(db, async (done, total, phase) => {
          if (!startedBar) {
            bar.start(total, done, { phase });
            startedBar = true;
          }
          bar.setTotal(total);
          bar.update(done, { phase });
        });
        if (startedBar) bar.stop();
        console.log(
          `${result.records} records, ${result.comparisons} comparisons: ${result.merged} people merged, ` +
            `${result.queued} likely matches queued for review (${result.seconds} s)`,
        );
        return 0;
      }),
    );
}
