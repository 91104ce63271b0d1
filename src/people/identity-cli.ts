/**
 * `lantern match ...`: identity matching on any CSV file, without the database.
 *
 *   lantern match dedupe --input people.csv --id Id --map first_name=Forename,surname=Surname,dob=DOB --out clusters.csv
 *   lantern match eval   --input people.csv --id Id --map ... --truth Person
 *   lantern match explain --input people.csv --id Id --map ...   (m, u and weights per level)
 *   lantern match export-synthetic --scale 1 --seed 7 --out synthetic.csv
 *
 * Exit codes: 0 done (malformed rows and values are reported, not fatal); 2 bad options, unknown
 * columns, or an input or model file that cannot be used; 1 anything else. Errors are one line,
 * never a stack trace. A progress bar is drawn on stderr when it is a terminal.
 */

import { writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { EXIT_USAGE } from '../platform/cli-commands.ts';
import { ColumnMapError, parseMapOption } from './identity/column-map.ts';
import { formatModelDiagnostics } from './identity/diagnostics.ts';
import { ModelFormatError, serialiseModel } from './identity/model.ts';
import {
  CsvInputError,
  type RunOptions,
  type RunProgress,
  runDedupe,
  runEval,
  runExplain,
} from './identity/run.ts';
import { CHOOSABLE_THRESHOLDS } from './identity/threshold-choice.ts';
import { MATCH_THRESHOLDS } from './identity/thresholds.ts';
import { evalReport, integer, runLine } from './identity-cli-report.ts';

class UsageError extends Error {
  override name = 'UsageError';
}

function probability(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number >= 1) {
    throw new InvalidArgumentError('expected a probability between 0 and 1, e.g. 0.99');
  }
  return number;
}

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('expected a whole number');
  }
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a number above 0');
  }
  return number;
}

const PHASE_LABELS: Record<string, string> = {
  generating: 'generating chunks',
  reading: 'reading rows',
  blocking: 'blocking',
  'random pairs': 'training: random pairs',
  'blocked pairs': 'training: blocked pairs',
  'expectation maximisation': 'training: EM',
  scoring: 'scoring pairs',
  clustering: 'clustering',
  writing: 'writing',
};

type Progress = { phase: RunProgress['phase'] | 'generating'; done: number; total: number };

/** A progress bar on stderr (drawn only when stderr is a terminal), one phase after another. */
function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update: (_: Progress) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {percentage}% | {value}/{total}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let phase = '';
  return {
    update(progress: Progress) {
      const label = PHASE_LABELS[progress.phase] ?? progress.phase;
      // Reading does not know the row count in advance: show rows read as done of done.
      const total = progress.total > 0 ? progress.total : Math.max(progress.done, 1);
      if (!started) {
        bar.start(total, progress.done, { phase: label });
        started = true;
      } else if (label !== phase || bar.getTotal() !== total) bar.setTotal(total);
      phase = label;
      bar.update(Math.min(progress.done, total), { phase: label });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

interface MatchCliOptions {
  input: string;
  id: string;
  map: string;
  model?: string;
  modelOut?: string;
  threshold?: number;
  reviewThreshold?: number;
  seed: number;
  progress: boolean;
}

function runOptions(options: MatchCliOptions, onProgress: (progress: RunProgress) => void): RunOptions {
  // Without --threshold the run chooses one from the data (the model's best expected F1, decision 0030).
  const { threshold, reviewThreshold } = options;
  if (threshold !== undefined && reviewThreshold !== undefined && reviewThreshold > threshold) {
    throw new UsageError(
      `--review-threshold (${reviewThreshold}) must not be above --threshold (${threshold})`,
    );
  }
  return {
    inputPath: options.input,
    idColumn: options.id,
    // Parsed here so that a bad map is reported before the file is read.
    map: parseMapOption(options.map),
    modelPath: options.model,
    modelOutPath: options.modelOut,
    threshold,
    reviewThreshold,
    seed: options.seed,
    onProgress,
  };
}

function isUsageProblem(error: unknown): boolean {
  if (
    error instanceof UsageError ||
    error instanceof ColumnMapError ||
    error instanceof CsvInputError ||
    error instanceof ModelFormatError ||
    error instanceof RangeError
  ) {
    return true;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'ENOTDIR';
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' && e.path) return `No such file: ${e.path}`;
  if (e?.code === 'EISDIR' && e.path) return `${e.path} is a directory, not a file`;
  if (e?.code === 'EACCES' && e.path) return `Permission denied: ${e.path}`;
  return e instanceof Error ? e.message : String(error);
}

/** Runs one command's work, printing errors as one line and choosing the exit code. */
async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
    process.exitCode = 0;
  } catch (error) {
    console.error(`lantern match: ${describe(error)}`);
    process.exitCode = isUsageProblem(error) ? EXIT_USAGE : 1;
  }
}

function matchOptions(command: Command): Command {
  return command
    .requiredOption('--input <file>', 'the CSV file to read (header row first)')
    .requiredOption('--id <column>', 'the column holding each row’s id')
    .requiredOption(
      '--map <fields>',
      'field=column pairs, e.g. first_name=Forename,surname=Surname,dob=DOB,postcode=Postcode; fields: first_name, surname, full_name, dob, gender, postcode, address, city, email, nhs_number, other_id',
    )
    .option('--model <file>', 'use a stored model instead of training one on the input')
    .option('--model-out <file>', 'store the model used (trained or loaded) for reuse')
    .option(
      '--threshold <p>',
      `match probability to auto-link at (default: chosen from the data, the threshold of the model’s best expected F1, at least ${CHOOSABLE_THRESHOLDS[0]})`,
      probability,
    )
    .option(
      '--review-threshold <p>',
      `match probability from which a pair goes for review (default ${MATCH_THRESHOLDS.review})`,
      probability,
    )
    .option('--seed <n>', 'training seed', wholeNumber, 1)
    .option('--no-progress', 'no progress bar');
}

/** What `match export-synthetic` needs from the demo generator (src/synth), which people may not import. */
export type SyntheticExportLoader = () => Promise<{
  SYNTHETIC_CSV_MAP: string;
  CHUNK_LIMIT: number;
  writeSyntheticCsv(
    out: string,
    options: {
      scale: number;
      seed: number;
      months: number;
      dates: 'iso' | 'mixed';
      namedOnly: boolean;
      onProgress: (done: number, total: number) => void;
    },
  ): Promise<{ rows: number; people: number }>;
}>;

/**
 * Adds the `match` command group (`dedupe`, `eval`, `explain`, `export-synthetic`) and returns it, so that the
 * registry commands can join it.
 */
export function registerMatchCommands(program: Command, synthetic: SyntheticExportLoader): Command {
  const match = program
    .command('match')
    .description('identity matching (record linkage) on CSV files: deduplicate, evaluate, make test data');
  // Bad options exit 2 (commander's default is 1); help exits 0.
  match.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  });

  matchOptions(match.command('dedupe'))
    .description('find the records that are the same person; writes id,cluster_id for every row with an id')
    .requiredOption('--out <file>', 'where to write id,cluster_id')
    .option('--review-out <file>', 'also write the review-band pairs: id_a,id_b,match_probability')
    .action((options: MatchCliOptions & { out: string; reviewOut?: string }) =>
      guarded(async () => {
        const bar = progressBar(options.progress);
        try {
          const summary = await runDedupe({
            ...runOptions(options, bar.update),
            outPath: options.out,
            reviewOutPath: options.reviewOut,
          });
          bar.stop();
          console.log(runLine(summary));
        } finally {
          bar.stop();
        }
      }),
    );

  matchOptions(match.command('eval'))
    .description(
      'deduplicate a file with known truth and print pairwise precision, recall, F1 and blocking coverage',
    )
    .requiredOption('--truth <column>', 'the column holding each row’s true person')
    .action((options: MatchCliOptions & { truth: string }) =>
      guarded(async () => {
        const bar = progressBar(options.progress);
        try {
          const summary = await runEval({ ...runOptions(options, bar.update), truthColumn: options.truth });
          bar.stop();
          console.log(evalReport(summary));
        } finally {
          bar.stop();
        }
      }),
    );

  matchOptions(match.command('explain'))
    .description(
      'train a model on a file (or load one with --model) and print the m and u of every comparison level and the match weights',
    )
    .action((options: MatchCliOptions) =>
      guarded(async () => {
        const bar = progressBar(options.progress);
        try {
          const { model, trained } = await runExplain(runOptions(options, bar.update));
          bar.stop();
          if (options.modelOut) await writeFile(options.modelOut, serialiseModel(model));
          console.log(`model ${trained ? 'trained on the input' : 'loaded'}`);
          console.log(formatModelDiagnostics(model));
        } finally {
          bar.stop();
        }
      }),
    );

  match
    .command('export-synthetic')
    .description(
      'write the synthetic population’s source records (children and suspects) as CSV with a true_id column',
    )
    .requiredOption('--out <file>', 'where to write the CSV')
    .option('--scale <s>', 'partnerships’ worth of records (1 ≈ 1,800 records)', positiveNumber, 1)
    .option('--seed <n>', 'generator seed', wholeNumber, 1)
    .option('--months <m>', 'months of referrals (1 to 24)', wholeNumber, 6)
    .option('--named-only', 'only records giving forename and surname (leave out first-name-only mentions)')
    .option('--dates <style>', 'iso, or mixed (police, youth justice and probation write DD/MM/YYYY)', 'iso')
    .option('--no-progress', 'no progress bar')
    .action(
      (options: {
        out: string;
        scale: number;
        seed: number;
        months: number;
        namedOnly?: boolean;
        dates: string;
        progress: boolean;
      }) =>
        guarded(async () => {
          if (options.dates !== 'iso' && options.dates !== 'mixed') {
            throw new UsageError(`--dates must be iso or mixed (got ${options.dates})`);
          }
          if (options.months < 1 || options.months > 24)
            throw new UsageError('--months must be from 1 to 24');
          // The synthetic generator is a development dependency, handed in by the composition root and
          // loaded only for this command; it knows how large a population it can make.
          const { SYNTHETIC_CSV_MAP, writeSyntheticCsv, CHUNK_LIMIT } = await synthetic();
          if (options.scale > CHUNK_LIMIT) throw new UsageError(`--scale must be at most ${CHUNK_LIMIT}`);
          const bar = progressBar(options.progress);
          try {
            const summary = await writeSyntheticCsv(options.out, {
              scale: options.scale,
              seed: options.seed,
              months: options.months,
              dates: options.dates,
              namedOnly: options.namedOnly ?? false,
              onProgress: (done, total) => bar.update({ phase: 'generating', done, total }),
            });
            bar.stop();
            console.log(
              `wrote ${integer(summary.rows)} records of ${integer(summary.people)} people to ${options.out}; match them with:\n` +
                `  lantern match eval --input ${options.out} --id id --truth true_id --map ${SYNTHETIC_CSV_MAP}`,
            );
          } finally {
            bar.stop();
          }
        }),
    );
  return match;
}
