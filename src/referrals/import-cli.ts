/**
 * `lantern import referrals FILE.csv --agency CODE --system NAME [--dry-run]`: a partnership's past victim
 * referrals and their MASH outcomes (decision 0026; the columns are in import-csv.ts), and
 * `lantern import suspect-referrals ...` its past suspect and offender referrals (import-suspect-csv.ts).
 * Prints each bad or changed row and a summary. Exit codes: 0 when the import ran (even with bad rows), 2
 * for a missing file, an unknown agency or a header without the required columns, 1 for anything else.
 */
import type { Command } from 'commander';
import { batchSizeOf, importCommand, runImportCommand, type WithDatabase } from '../platform/cli-commands.ts';
import { describeHistoryImport, ImportFileError, importHistoryFile } from './import-file.ts';

interface Options {
  agency: string;
  system: string;
  dryRun?: boolean;
  batch: number;
}

export function registerReferralImportCommands(program: Command, withDatabase: WithDatabase): void {
  const command = importCommand(program);
  for (const [name, kind, what] of [
    ['referrals', 'victim', 'past victim referrals and their MASH outcomes'],
    ['suspect-referrals', 'suspect', 'past suspect and offender referrals, linked to imported children'],
  ] as const) {
    command
      .command(name)
      .description(
        `import ${what} from CSV (re-runnable: rows already imported are left alone); ` +
          'bad rows are listed by row and column and the good rows imported',
      )
      .argument('<file>', 'the CSV file, with a header row')
      .requiredOption('--agency <code>', 'the code of the agency importing (the hub’s own agency)')
      .requiredOption('--system <name>', 'the system the history comes from, as pages will name it')
      .option('--dry-run', 'check every row and report, writing nothing')
      .option('--batch <n>', 'rows per transaction', (v) => Number.parseInt(v, 10), 200)
      .action((file: string, options: Options) =>
        withDatabase((db) =>
          runImportCommand(
            () =>
              importHistoryFile(db, file, {
                kind,
                agencyCode: options.agency,
                system: options.system,
                dryRun: options.dryRun === true,
                batchSize: batchSizeOf(options.batch, 200),
              }),
            describeHistoryImport,
            (error) => error instanceof ImportFileError,
          ),
        ),
      );
  }
}
