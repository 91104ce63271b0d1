import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv } from '../../platform/text/csv.ts';
import { ColumnMapError } from './column-map.ts';
import { CsvInputError, runDedupe, runEval } from './run.ts';
import { makeTestData } from './test-data.ts';
import { CHOOSABLE_THRESHOLDS } from './threshold-choice.ts';

let dir: string;
const path = (name: string) => join(dir, name);
const MAP =
  'first_name=Forename,surname=Surname,dob=DOB,gender=Sex,postcode=Postcode,address=Address,city=Town,email=Email,nhs_number=NHS,other_id=Ref';
const HEADER = [
  'Id',
  'Forename',
  'Surname',
  'DOB',
  'Sex',
  'Postcode',
  'Address',
  'Town',
  'Email',
  'NHS',
  'Ref',
  'Person',
];

function generatedCsv(people: number): string {
  const data = makeTestData({ seed: 5, people });
  const lines = [formatCsvRow(HEADER)];
  data.records.forEach((r, i) => {
    // Half the dates in UK day-first form, as agency exports mix them.
    const dob =
      r.dob && i % 2 === 0 && !r.dob.includes('/') ? r.dob.split('-').reverse().join('/') : (r.dob ?? '');
    lines.push(
      formatCsvRow([
        r.id,
        r.firstName ?? '',
        r.surname ?? '',
        dob,
        r.gender ?? '',
        r.postcode ?? '',
        r.address ?? '',
        r.city ?? '',
        r.email ?? '',
        r.nhsNumber ?? '',
        r.otherId ?? '',
        data.truth[i]!,
      ]),
    );
  });
  return `${lines.join('\n')}\n`;
}

async function outputRows(file: string): Promise<string[][]> {
  return parseCsv(await readFile(file, 'utf8')).map((record) => record.fields);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lantern-identity-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runDedupe', () => {
  it('writes a cluster for every row and reports malformed rows and values by row number', async () => {
    const good = generatedCsv(300).trimEnd().split('\n');
    const bad = [
      'B1,Jess,Hall,31/02/2008,F,PR1 2AB,1 Mill Lane,Preston,,1234567890,,X1',
      'B2,Jess,Hall',
      'B3,"Hall, Jess",Hall,2008-03-14,F,PR1 2AB,1 Mill Lane,Preston,not-an-email,,,X3',
      'B4,Jess,"Ha"ll,2008-03-14,F,PR1 2AB,1 Mill Lane,Preston,,,,X4',
      ',Nobody,Known,2008-03-14,F,PR1 2AB,1 Mill Lane,Preston,,,,X5',
    ];
    const lines = [good[0]!, ...bad, ...good.slice(1)];
    await writeFile(path('input.csv'), `${lines.join('\r\n')}\r\n`);

    const summary = await runDedupe({
      inputPath: path('input.csv'),
      idColumn: 'Id',
      map: MAP,
      outPath: path('out.csv'),
      maxRandomPairs: 40_000,
    });

    expect(summary.rows).toBe(lines.length - 1);
    expect(summary.trained).toBe(true);
    expect(summary.comparisons).toBeGreaterThan(0);
    expect(summary.malformed).toEqual(
      expect.arrayContaining([
        { row: 1, line: 2, field: 'dob', reason: expect.stringMatching(/not a valid date/), kind: 'invalid' },
        {
          row: 1,
          line: 2,
          field: 'nhsNumber',
          reason: expect.stringMatching(/not a valid NHS number/),
          kind: 'invalid',
        },
        { row: 2, line: 3, reason: 'expected 12 columns, found 3' },
        { row: 3, line: 4, field: 'email', reason: 'not an e-mail address', kind: 'invalid' },
        { row: 4, line: 5, reason: expect.stringMatching(/malformed quoting/) },
        { row: 5, line: 6, reason: 'no id' },
      ]),
    );
    expect(summary.malformedTotal).toBe(summary.malformed.length);

    const rows = await outputRows(path('out.csv'));
    expect(rows[0]).toEqual(['id', 'cluster_id']);
    const ids = rows.slice(1).map((row) => row[0]);
    // Every row with an id, in input order; the id-less row cannot be written.
    expect(ids.slice(0, 4)).toEqual(['B1', 'B2', 'B3', 'B4']);
    expect(ids.length).toBe(summary.rows - 1);
    const clusterOf = new Map(rows.slice(1).map((row) => [row[0]!, row[1]!]));
    expect(clusterOf.get('B2')).toBe('B2');
    expect(clusterOf.get('B4')).toBe('B4');
    expect(new Set(clusterOf.values()).size).toBe(summary.clusters);
  });

  it('links people born before 1900: real dates are dates, only impossible ones are malformed', async () => {
    const lines = [
      formatCsvRow(HEADER),
      'H1,Josiah,Pennington,1712-03-04,M,,,Whitby,,,,J',
      'H2,Josiah,Penington,04/03/1712,M,,,Whitby,,,,J',
      'H3,Mercy,Aldous,1689-11-30,F,,,Dunwich,,,,M',
      'H4,Mercy,Aldous,30/11/1689,F,,,Dunwich,,,,M',
      'H5,Ezra,Thwaite,31/02/1701,M,,,Ripon,,,,E',
    ];
    await writeFile(path('old.csv'), `${lines.join('\n')}\n`);
    const summary = await runDedupe({
      inputPath: path('old.csv'),
      idColumn: 'Id',
      map: MAP,
      outPath: path('old.out.csv'),
      threshold: 0.5,
    });
    expect(summary.malformed).toEqual([
      { row: 5, line: 6, field: 'dob', reason: expect.stringMatching(/not a valid date/), kind: 'invalid' },
    ]);
    expect(summary.implausibleDates).toBe(4);
    const clusterOf = new Map((await outputRows(path('old.out.csv'))).slice(1).map((r) => [r[0]!, r[1]!]));
    expect(clusterOf.get('H2')).toBe(clusterOf.get('H1'));
    expect(clusterOf.get('H4')).toBe(clusterOf.get('H3'));
    expect(clusterOf.get('H3')).not.toBe(clusterOf.get('H1'));
  });

  it('reuses a stored model and gives the same clusters', async () => {
    await writeFile(path('people.csv'), generatedCsv(200));
    const options = { inputPath: path('people.csv'), idColumn: 'Id', map: MAP, maxRandomPairs: 40_000 };
    const first = await runDedupe({
      ...options,
      outPath: path('first.csv'),
      modelOutPath: path('model.json'),
    });
    const second = await runDedupe({
      ...options,
      outPath: path('second.csv'),
      modelPath: path('model.json'),
    });
    expect(first.trained).toBe(true);
    expect(second.trained).toBe(false);
    expect(await outputRows(path('second.csv'))).toEqual(await outputRows(path('first.csv')));
  });

  it('handles a header-only file and refuses an empty one or unknown columns, saying why', async () => {
    await writeFile(path('header.csv'), `${formatCsvRow(HEADER)}\n`);
    const summary = await runDedupe({
      inputPath: path('header.csv'),
      idColumn: 'Id',
      map: MAP,
      outPath: path('h.csv'),
    });
    expect(summary).toMatchObject({ rows: 0, clusters: 0, comparisons: 0, malformed: [] });
    expect(await readFile(path('h.csv'), 'utf8')).toBe('id,cluster_id\n');

    await writeFile(path('empty.csv'), '');
    await expect(
      runDedupe({ inputPath: path('empty.csv'), idColumn: 'Id', map: MAP, outPath: path('e.csv') }),
    ).rejects.toThrow(CsvInputError);
    await expect(
      runDedupe({
        inputPath: path('header.csv'),
        idColumn: 'Id',
        map: 'surname=Family',
        outPath: path('u.csv'),
      }),
    ).rejects.toThrow(/Column not in the file: "Family" \(surname\)/);
    await expect(
      runDedupe({
        inputPath: path('header.csv'),
        idColumn: 'Id',
        map: 'family=Surname',
        outPath: path('u.csv'),
      }),
    ).rejects.toThrow(ColumnMapError);
  });
});

describe('runEval', () => {
  it('measures precision, recall and blocking coverage against the truth column', async () => {
    await writeFile(path('eval.csv'), generatedCsv(600));
    const result = await runEval({
      inputPath: path('eval.csv'),
      idColumn: 'Id',
      map: MAP,
      truthColumn: 'Person',
      maxRandomPairs: 40_000,
      // The registry's auto-link threshold, given: without one the run chooses its own (next test).
      threshold: 0.99,
    });
    expect(result.truePairs).toBeGreaterThan(500);
    expect(result.thresholdChoice).toBeNull();
    // Auto-linking (p ≥ 0.99) is precise; the review band brings recall up.
    expect(result.threshold).toBe(0.99);
    expect(result.precision).toBeGreaterThan(0.99);
    expect(result.recall).toBeGreaterThan(0.9);
    expect(result.review.recall).toBeGreaterThan(0.95);
    expect(result.review.f1).toBeGreaterThan(0.96);
    expect(result.blockingCoverage).toBeGreaterThan(0.98);
    // The threshold curve: ascending thresholds, the auto-link point among them, the best F1 its maximum.
    const thresholds = result.sweep.map((point) => point.threshold);
    expect(thresholds).toEqual([...thresholds].sort((a, b) => a - b));
    expect(result.sweep.find((point) => point.threshold === 0.99)).toMatchObject({
      precision: result.precision,
      recall: result.recall,
    });
    expect(result.bestF1.f1).toBe(Math.max(...result.sweep.map((point) => point.f1)));
    expect(result.sweep[0]!.recall).toBeGreaterThanOrEqual(result.sweep.at(-1)!.recall);
  });

  it('without a threshold chooses the one of best expected F1, from even odds up, and clusters at it', async () => {
    await writeFile(path('eval-default.csv'), generatedCsv(600));
    const options = {
      inputPath: path('eval-default.csv'),
      idColumn: 'Id',
      map: MAP,
      truthColumn: 'Person',
      maxRandomPairs: 40_000,
    };
    const result = await runEval(options);
    const choice = result.thresholdChoice!;
    expect(choice).not.toBeNull();
    expect(result.threshold).toBe(choice.threshold);
    expect(CHOOSABLE_THRESHOLDS).toContain(result.threshold);
    expect(result.threshold).toBeGreaterThanOrEqual(0.5);
    expect(choice.pairs).toBe(result.comparisons);
    expect(choice.expectedF1).toBeGreaterThan(0);
    expect(choice.expectedF1).toBeLessThanOrEqual(1);
    // The review band starts at 0.5 or at the chosen threshold, whichever is lower.
    expect(result.reviewThreshold).toBe(Math.min(0.5, result.threshold));
    // The clusters are those of the curve at the chosen threshold, and F1 is no worse than at 0.99 here.
    const atChosen = result.sweep.find((point) => point.threshold === result.threshold)!;
    expect(result.f1).toBe(atChosen.f1);
    expect(result.f1).toBeGreaterThanOrEqual(result.sweep.find((point) => point.threshold === 0.99)!.f1);
    expect(result.precision).toBeGreaterThan(0.97);
    // The same file with that threshold given gives the same clusters.
    const given = await runEval({ ...options, threshold: result.threshold });
    expect(given.thresholdChoice).toBeNull();
    expect([given.precision, given.recall]).toEqual([result.precision, result.recall]);
  });

  it('accepts a full name column in place of forename and surname', async () => {
    const data = makeTestData({ seed: 8, people: 300 });
    const lines = [formatCsvRow(['ref', 'name', 'born', 'truth'])];
    data.records.forEach((r, i) => {
      lines.push(formatCsvRow([r.id, `${r.firstName} ${r.surname}`, r.dob ?? '', data.truth[i]!]));
    });
    await writeFile(path('names.csv'), lines.join('\n'));
    const result = await runEval({
      inputPath: path('names.csv'),
      idColumn: 'ref',
      map: 'full_name=name,dob=born',
      truthColumn: 'truth',
      maxRandomPairs: 40_000,
    });
    expect(result.rows).toBe(data.records.length);
    expect(result.f1).toBeGreaterThan(0.8);
  });
});
