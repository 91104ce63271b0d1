/**
 * `lantern match` as a user runs it: a subprocess on small CSV files, many of them broken. Whatever the
 * input, the command must end with a clear message and the right exit code, never a stack trace, and
 * `dedupe` must write a row for every input row that has an id.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/platform/text/csv.ts';

const BIN = resolve(import.meta.dirname, '../../bin/lantern.mjs');
const MAP = 'first_name=First,surname=Last,dob=DOB,gender=Sex,postcode=Postcode,nhs_number=NHS';
let dir: string;
const path = (name: string) => join(dir, name);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function lantern(...args: string[]): Promise<Result> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, 'match', ...args],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

function expectNoStackTrace(result: Result): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).not.toMatch(/\n\s+at /);
}

/** `lantern dedupe` on one input file, id column `Id`, with the column map `map`. */
function dedupeArgs(input: string, out: string, map: string, ...extra: string[]): string[] {
  return ['dedupe', '--input', input, '--id', 'Id', '--map', map, '--out', out, ...extra];
}

async function dedupe(
  name: string,
  text: string,
  ...extra: string[]
): Promise<Result & { rows: string[][] }> {
  await writeFile(path(name), text);
  const out = path(`${name}.out.csv`);
  await rm(out, { force: true });
  const result = await lantern(...dedupeArgs(path(name), out, MAP, ...extra));
  expectNoStackTrace(result);
  let rows: string[][] = [];
  try {
    rows = parseCsv(await readFile(out, 'utf8')).map((record) => record.fields);
  } catch {
    // No output file: the caller checks the exit code.
  }
  return { ...result, rows };
}

const HEADER = 'Id,First,Last,DOB,Sex,Postcode,NHS';
const GOOD = [
  'a1,Jessica,Hall,2010-03-14,F,PR1 2AB,9434765919',
  'a2,Jess,Hall,14/03/2010,F,PR1 2AB,943 476 5919',
  'a3,Jessica,Hal,2010-03-14,Female,PR1 2AB,',
  'b1,Tom,Green,2009-11-02,M,BB1 1AA,',
  'b2,Thomas,Green,2009-11-02,male,BB1 1AA,',
  'c1,Amir,Khan,2011-07-21,M,FY1 4DU,',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lantern-match-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lantern match dedupe', () => {
  it('clusters a clean file, one output row per input row', async () => {
    const result = await dedupe('clean.csv', `${[HEADER, ...GOOD].join('\n')}\n`, '--threshold', '0.9');
    expect(result.code).toBe(0);
    expect(result.rows[0]).toEqual(['id', 'cluster_id']);
    expect(result.rows.slice(1).map((row) => row[0])).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
    const cluster = new Map(result.rows.slice(1).map(([id, c]) => [id!, c!]));
    expect(cluster.get('a2')).toBe(cluster.get('a1'));
    expect(cluster.get('c1')).toBe('c1');
    expect(result.stdout).toMatch(/rows 6, matched 6, clusters \d+/);
    expect(result.stdout).toMatch(/comparisons at [\d,]+\/s/);
  });

  it('reports wrong column counts, bad dates and bad identifiers, and still writes every row', async () => {
    const text = [
      HEADER,
      ...GOOD,
      'x1,Too,Few',
      'x2,Too,Many,2010-01-01,F,PR1 2AB,,extra,fields',
      'x3,Bad,Date,31/02/2010,F,PR1 2AB,',
      'x4,Bad,Date,not a date,F,PR1 2AB,',
      'x5,Bad,Nhs,2010-01-01,F,PR1 2AB,1234567890',
      'x6,Odd,Sex,2010-01-01,banana,PR1 2AB,',
      ',No,Id,2010-01-01,F,PR1 2AB,',
    ].join('\r\n');
    const result = await dedupe('malformed.csv', text);
    expect(result.code).toBe(0);
    const ids = result.rows.slice(1).map((row) => row[0]);
    expect(ids).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
    expect(result.stdout).toMatch(/malformed 7 \(row 7 \(line 8\): expected 7 columns, found 3/);
    expect(result.stdout).toContain('and 4 more');
  });

  it('handles quoted fields with commas, quotes and line breaks', async () => {
    const text = [
      HEADER,
      '"q1","O\'Neil, Mary","Smith ""Jr""",2010-01-01,F,PR1 2AB,',
      '"q2","Mary\nAnn",Smith,2010-01-01,F,PR1 2AB,',
      'q3,Mary,Sm"ith,2010-01-01,F,PR1 2AB,',
      // An opening quote never closed: the lines after it are read again as rows of their own.
      'q4,"Unclosed,Smith,2010-01-01,F,PR1 2AB,',
      'q5,Mary,Smith,2010-01-01,F,PR1 2AB,',
    ].join('\n');
    const result = await dedupe('quotes.csv', text);
    expect(result.code).toBe(0);
    expect(result.rows.slice(1).map((row) => row[0])).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(result.stdout).toMatch(
      /malformed 2 \(row 3 \(line 5\): malformed quoting: a quote inside an unquoted field/,
    );
    expect(result.stdout).toContain('an opening quote is never closed');
  });

  it('writes just the header for a header-only file', async () => {
    const result = await dedupe('header-only.csv', `${HEADER}\n`);
    expect(result.code).toBe(0);
    expect(result.rows).toEqual([['id', 'cluster_id']]);
    expect(result.stdout).toMatch(/rows 0/);
  });

  it('refuses an empty file with exit code 2', async () => {
    const result = await dedupe('empty.csv', '');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/empty: expected a header row/);
  });

  it('names an unknown mapped column and lists the header, exit code 2', async () => {
    await writeFile(path('cols.csv'), `${[HEADER, ...GOOD].join('\n')}\n`);
    const result = await lantern(
      ...dedupeArgs(path('cols.csv'), path('cols.out.csv'), 'first_name=Forename,surname=Last'),
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Column not in the file: "Forename" (first_name)');
    expect(result.stderr).toContain('The header has: Id, First, Last');
  });

  // Several CLI processes in turn, each starting TypeScript: slow when the machine is busy.
  it('exits 2 with a clear message for bad options', { timeout: 300_000 }, async () => {
    await writeFile(path('opts.csv'), `${[HEADER, ...GOOD].join('\n')}\n`);
    const base = ['dedupe', '--input', path('opts.csv'), '--id', 'Id', '--out', path('opts.out.csv')];
    const cases: [string[], RegExp][] = [
      [[...base, '--map', 'favourite_colour=First'], /Unknown field "favourite_colour"/],
      [[...base, '--map', 'first_name'], /is not field=column/],
      [[...base, '--map', MAP, '--threshold', '1.5'], /expected a probability between 0 and 1/],
      [[...base, '--map', MAP, '--threshold', '0.8', '--review-threshold', '0.9'], /must not be above/],
      [
        ['dedupe', '--input', path('opts.csv'), '--map', MAP, '--out', path('x.csv')],
        /required option '--id/,
      ],
      [
        ['dedupe', '--input', path('missing.csv'), '--id', 'Id', '--map', MAP, '--out', path('x.csv')],
        /No such file/,
      ],
      [[...base, '--map', MAP, '--model', path('opts.csv')], /Not a usable identity model/],
      [
        ['dedupe', '--input', path('opts.csv'), '--id', 'Nope', '--map', MAP, '--out', path('x.csv')],
        /"Nope" \(id\)/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await lantern(...args);
      expectNoStackTrace(result);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(message);
    }
  });

  it('stores a model and reuses it', async () => {
    await writeFile(path('model-in.csv'), `${[HEADER, ...GOOD].join('\n')}\n`);
    const first = await lantern(
      ...dedupeArgs(path('model-in.csv'), path('m1.csv'), MAP, '--model-out', path('model.json')),
    );
    expect(first.code).toBe(0);
    const second = await lantern(
      ...dedupeArgs(path('model-in.csv'), path('m2.csv'), MAP, '--model', path('model.json')),
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('model loaded');
    expect(await readFile(path('m2.csv'), 'utf8')).toBe(await readFile(path('m1.csv'), 'utf8'));
  });
});

describe('lantern match eval and export-synthetic', () => {
  it('exports the synthetic population and evaluates against its truth', async () => {
    const exported = await lantern(
      'export-synthetic',
      '--scale',
      '0.3',
      '--seed',
      '7',
      '--named-only',
      '--out',
      path('synth.csv'),
    );
    expectNoStackTrace(exported);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/wrote [\d,]+ records of [\d,]+ people/);
    const evalArgs = [
      'eval',
      '--input',
      path('synth.csv'),
      '--id',
      'id',
      '--truth',
      'true_id',
      '--map',
      'first_name=first_name,surname=surname,dob=dob,gender=gender,postcode=postcode,nhs_number=nhs_number,other_id=other_id',
    ];
    // Without --threshold the tool chooses one from the data and says which, and why (decision 0030).
    const chosen = await lantern(...evalArgs);
    expectNoStackTrace(chosen);
    expect(chosen.code).toBe(0);
    const said = chosen.stdout.match(
      /threshold (0\.\d+) chosen from the data \(the model's best expected F1 [01]\.\d{4}: expected precision [01]\.\d{4}, recall [01]\.\d{4}; --threshold sets one\)/,
    );
    expect(said).not.toBeNull();
    expect(Number(said![1])).toBeGreaterThanOrEqual(0.5);
    expect(chosen.stdout).toContain(`auto-link (p >= ${said![1]})`);
    // With the registry's threshold given, as before.
    const result = await lantern(...evalArgs, '--threshold', '0.99');
    expectNoStackTrace(result);
    expect(result.stdout).not.toContain('chosen from the data');
    expect(result.stdout).toContain('threshold 0.99, rows');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/blocking coverage 0\.9\d{3}|blocking coverage 1\.0000/);
    expect(result.stdout).toMatch(/auto-link \(p >= 0\.99\)\s+[01]\.\d{4}\s+[01]\.\d{4}\s+[01]\.\d{4}/);
    expect(result.stdout).toMatch(/\+ review \(p >= 0\.5\)\s+[01]\.\d{4}/);
    expect(result.stdout).toMatch(/p >= 0\.9\s+[01]\.\d{4}\s+[01]\.\d{4}\s+[01]\.\d{4}/);
    expect(result.stdout).toMatch(
      /F1-optimal threshold 0\.\d+ \(precision [01]\.\d{4}, recall [01]\.\d{4}, F1 [01]\.\d{4}\)/,
    );
  });

  it('explain prints the trained m, u and weight of every comparison level', async () => {
    await writeFile(path('explain.csv'), `${[HEADER, ...GOOD].join('\n')}\n`);
    const result = await lantern('explain', '--input', path('explain.csv'), '--id', 'Id', '--map', MAP);
    expectNoStackTrace(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('model trained on the input');
    expect(result.stdout).toMatch(/prior: λ = [\d.e-]+ \(weight -?\d+\.\d{2} bits\); hard rules off/);
    const number = String.raw`(?:\d\.\d{4}|\d\.\d{2}e-\d+)`;
    expect(result.stdout).toMatch(
      new RegExp(String.raw`forename\s+exact\s+${number}\s+${number}\s+[+-]\d+\.\d{2}`),
    );
    expect(result.stdout).toMatch(
      new RegExp(String.raw`\n\s+one digit different or transposed\s+${number}\s+${number}\s+[+-]\d+\.\d{2}`),
    );
    expect(result.stdout).toMatch(/email\s+exact/);
    expect(result.stdout).toContain('same user, different domain');
  });

  it('eval names a missing truth column, exit code 2', async () => {
    await writeFile(path('notruth.csv'), `${[HEADER, ...GOOD].join('\n')}\n`);
    const result = await lantern(
      'eval',
      '--input',
      path('notruth.csv'),
      '--id',
      'Id',
      '--map',
      MAP,
      '--truth',
      'Person',
    );
    expectNoStackTrace(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Person" (extra)');
  });

  it('export-synthetic refuses a bad scale', async () => {
    const result = await lantern('export-synthetic', '--scale', '-1', '--out', path('bad.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a number above 0/);
  });
});
