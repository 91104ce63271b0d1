/**
 * `lantern import disposals FILE.csv --agency CODE [--dry-run]`: a police force's disposals (tactics against
 * suspects and offenders) into the disruption register; the columns are in import-csv.ts. Prints each
 * rejected row (row number, police reference, column and reason) and a summary. Exit codes: 0 when the
 * import ran (even with rejected rows), 2 for a missing file, an unknown or non-police agency or a header
 * without the required columns, 1 for anything else.
 */
import type { Command } from 'commander';
import { batchSizeOf, importCommand, runImportCommand, type WithDatabase } from '../platform/cli-commands.ts';
import { describeDisposalImport, ImportFileError, importDisposalFile } from './import-file.ts';

interface Options {
  agency: string;
  dryRun?: boolean;
  batch: number;
}

export function registerDisposalImportCommands(program: Command, withDatabase: WithDatabase): void {
  importCommand(program)
    .command('disposals')
    .description(
      'import police disposals (tactics against suspects and offenders) from CSV (re-runnable: a police ' +
        'reference already imported is skipped); rejected rows are listed by row and column and the good rows imported',
    )
    .argument('<file>', 'the CSV file, with a header row')
    .requiredOption('--agency <code>', 'the code of the police agency whose disposals they are')
    .option('--dry-run', 'check every row and report, writing nothing')
    .option('--batch <n>', 'rows per transaction', (v) => Number.parseInt(v, 10), 200)
    .action((file: string, options: Options) =>
      withDatabase((db) =>
        runImportCommand(
          () =>
            importDisposalFile(db, file, {
              agencyCode: options.agency,
              dryRun: options.dryRun === true,
              batchSize: batchSizeOf(options.batch, 200),
            }),
          describeDisposalImport,
          (error) => error instanceof ImportFileError,
        ),
      ),
    );
}
