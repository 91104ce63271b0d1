/**
 * The identity engine on the hard labelled sets (src/people/identity/hard-test-data.ts), as a new user
 * runs `lantern match eval`: default settings, a model trained on each file. Prints precision, recall and
 * F1 at the threshold the tool chooses without labels (decision 0030), at the registry's 0.99 and at the
 * F1-optimal one, the seconds each run took, and the
 * threshold curve. The historical set is the 50,000-record one (the suite runs a 5,000-record one).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  australianRecords,
  fakePeople,
  historicalPeople,
  ID_COLUMN,
  type LabelledSet,
  TRUTH_COLUMN,
} from '../../src/people/identity/hard-test-data.ts';
import { type EvalSummary, runEval } from '../../src/people/identity/run.ts';
import { formatCsvRow } from '../../src/platform/text/csv.ts';
import { fmt, heading, table } from './support.ts';

/** Sets and the F1 targets for them; 20,000 historical people make about 50,000 records. */
const SETS: readonly { make: () => LabelledSet; target: number }[] = [
  { make: () => fakePeople(11), target: 0.88 },
  { make: () => australianRecords(12), target: 0.996 },
  { make: () => australianRecords(22, 5000), target: 0.996 },
  { make: () => historicalPeople(13, 20_000), target: 0.8 },
];

const f4 = (n: number) => n.toFixed(4);

export async function hardDataSection(): Promise<void> {
  heading('Identity matching on hard labelled data (default settings, model trained on each file)');
  const dir = await mkdtemp(join(tmpdir(), 'lantern-bench-hard-'));
  const results: [LabelledSet, EvalSummary, number][] = [];
  try {
    for (const { make, target } of SETS) {
      const set = make();
      const inputPath = join(dir, `${set.name.replace(/\W/g, '')}-${set.rows.length}.csv`);
      await writeFile(inputPath, `${[set.header, ...set.rows].map(formatCsvRow).join('\n')}\n`);
      results.push([
        set,
        await runEval({ inputPath, idColumn: ID_COLUMN, map: set.map, truthColumn: TRUTH_COLUMN }),
        target,
      ]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    table(
      [
        'set',
        'records',
        'seconds',
        'chosen p',
        'expected F1',
        'precision',
        'recall',
        'F1',
        'F1 target',
        'F1 at 0.99',
        'best p',
        'best F1',
        'coverage',
      ],
      results.map(([set, r, target]) => [
        set.name,
        r.rows.toLocaleString('en-GB'),
        fmt(r.seconds),
        String(r.threshold),
        r.thresholdChoice ? f4(r.thresholdChoice.expectedF1) : '-',
        f4(r.precision),
        f4(r.recall),
        f4(r.f1),
        String(target),
        f4(r.sweep.find((point) => point.threshold === 0.99)?.f1 ?? Number.NaN),
        String(r.bestF1.threshold),
        f4(r.bestF1.f1),
        f4(r.blockingCoverage),
      ]),
    ),
  );
  console.log(
    '(precision, recall and F1 pairwise at the threshold the tool chose without labels, the one of its model’s best expected F1; F1 at 0.99: at the registry’s auto-link threshold; best: the F1-optimal threshold, from the labels)',
  );
  for (const [set, r] of results) {
    console.log('');
    console.log(
      table(
        [`${set.name} (${r.rows.toLocaleString('en-GB')}): threshold`, 'precision', 'recall', 'F1'],
        r.sweep.map((point) => [
          `p >= ${point.threshold}`,
          f4(point.precision),
          f4(point.recall),
          f4(point.f1),
        ]),
      ),
    );
  }
}
