/**
 * `lantern import missing FILE.csv --agency CODE`: police missing person reports into Lantern.
 *
 * Prints one line per bad row (row number, line, police reference, reason) and a summary. Exit codes: 0 when
 * the import ran (even with bad rows), 2 for a missing file, an unknown agency or a header without the
 * required columns, 1 for anything else.
 */
import type { Command } from 'commander';
import { batchSizeOf, importCommand, runImportCommand, type WithDatabase } from '../platform/cli-commands.ts';
import { describeImport, ImportInputError, importMissingCsv } from './import.ts';
import { DEFAULT_REPEAT_MISSING_RULE, type RepeatMissingRule } from './repeat-missing.ts';

/** The local rule from the environment (until config.ts carries it): defaults 3 episodes in 90 days. */
export function repeatMissingRuleFromEnv(env: NodeJS.ProcessEnv = process.env): RepeatMissingRule {
  const whole = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new ImportInputError(`${name} must be a whole number from ${min}`);
    return n;
  };
  return {
    episodes: whole('LANTERN_REPEAT_MISSING_EPISODES', DEFAULT_REPEAT_MISSING_RULE.episodes, 2),
    windowDays: whole('LANTERN_REPEAT_MISSING_DAYS', DEFAULT_REPEAT_MISSING_RULE.windowDays, 1),
  };
}

export function registerImportCommands(program: Command, withDatabase: WithDatabase): void {
  const command = importCommand(program);
  command
    .command('missing')
    .description(
      'import police missing person reports from CSV (re-runnable: rows already imported are skipped); ' +
        'bad rows are listed with their reason and the good rows imported',
    )
    .argument('<file>', 'the CSV file, with a header row')
    .requiredOption('--agency <code>', 'the code of the police agency that took the reports')
    .option('--batch <n>', 'rows per transaction', (v) => Number.parseInt(v, 10), 500)
    .action((file: string, options: { agency: string; batch: number }) =>
      withDatabase((db) =>
        runImportCommand(
          () =>
            importMissingCsv(db, file, {
              agencyCode: options.agency,
              batchSize: batchSizeOf(options.batch, 500),
              rule: repeatMissingRuleFromEnv(),
            }),
          describeImport,
          (error) => error instanceof ImportInputError,
        ),
      ),
    );
}
