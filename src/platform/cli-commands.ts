/**
 * What the modules' `lantern` subcommands share: the database handed to a command by the CLI (cli.ts), the
 * exit code of a problem with what was asked, and the `lantern import` command every importer adds to.
 */
import type { Command } from 'commander';
import type { Database } from './db/database.ts';

/** Exit code for a problem with what was asked (a missing file, an unknown agency, a bad header). */
export const EXIT_USAGE = 2;

/** Runs a command's work with the database open, then exits with the code the work answers. */
export type WithDatabase = (work: (db: Database) => Promise<number | undefined>) => Promise<never>;

/** `lantern import`, made by whichever importer registers first. */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import records from partner systems')
  );
}

/** The rows per transaction asked for with `--batch`, or the importer's own size when that is not above 0. */
export function batchSizeOf(asked: number, fallback: number): number {
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}

/**
 * Runs an import and prints its report's lines (exit 0, even with bad rows); a problem with what was asked
 * (`isUsageProblem`) is printed alone and exits with EXIT_USAGE; anything else fails the command.
 */
export async function runImportCommand<R>(
  run: () => Promise<R>,
  describe: (report: R) => readonly string[],
  isUsageProblem: (error: unknown) => boolean,
): Promise<number> {
  try {
    for (const line of describe(await run())) console.log(line);
    return 0;
  } catch (error) {
    if (!isUsageProblem(error)) throw error;
    console.error((error as Error).message);
    return EXIT_USAGE;
  }
}
