/**
 * The records the identity benchmark matches: the synthetic population's source records that name the
 * person, seed 7, at the scale that gives enough; beyond the generator's 500 chunks a second seed is
 * added with its identifiers removed (their numbers would collide with the first seed's).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { prepareRecord } from '../../src/people/identity/prepare.ts';
import type { IdentityRecord, PreparedRecord } from '../../src/people/identity/record.ts';
import { sourceRecordRow } from '../../src/synth/export-csv.ts';
import { CHUNK_LIMIT } from '../../src/synth/identifiers.ts';
import { generatePopulationChunks } from '../../src/synth/population.ts';

/** Named records per scale-1 chunk, roughly (1,461 at seed 7). */
const NAMED_PER_CHUNK = 1400;

export interface Data {
  records: PreparedRecord[];
  truth: string[];
  /** "forename surname" as a trigram search would be given it. */
  names: string[];
  generateSeconds: number;
}

/**
 * The records, generated; or read from BENCH_IDENTITY_CACHE (a directory) when an earlier run left them
 * there. Generating a million takes minutes, longer than matching them.
 */
export function makeData(size: number): Data {
  const dir = process.env['BENCH_IDENTITY_CACHE'];
  if (!dir) return generateData(size);
  const file = join(dir, `identity-data-${size}.json`);
  const started = performance.now();
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Cached;
    return {
      records: cached.inputs.map((input) => prepareRecord(input)),
      truth: cached.truth,
      names: cached.names,
      generateSeconds: (performance.now() - started) / 1000,
    };
  }
  const inputs: IdentityRecord[] = [];
  const data = generateData(size, inputs);
  writeFileSync(file, JSON.stringify({ inputs, truth: data.truth, names: data.names } satisfies Cached));
  return data;
}

interface Cached {
  inputs: IdentityRecord[];
  truth: string[];
  names: string[];
}

function generateData(size: number, inputs: IdentityRecord[] = []): Data {
  const started = performance.now();
  const records: PreparedRecord[] = [];
  const truth: string[] = [];
  const names: string[] = [];
  const scale = Math.ceil(size / NAMED_PER_CHUNK) + 1;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'generating {bar} {value}/{total} chunks', clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(scale, 0);
  const seeds =
    scale <= CHUNK_LIMIT
      ? [[7, scale]]
      : [
          [7, CHUNK_LIMIT],
          [8, scale - CHUNK_LIMIT],
        ];
  let done = 0;
  for (const [seed, chunks] of seeds) {
    const withIdentifiers = seed === 7;
    for (const chunk of generatePopulationChunks({ scale: chunks, seed })) {
      bar.update(++done);
      for (const source of chunk.sourceRecords) {
        if (records.length >= size) break;
        if (source.subjectRole === 'ASSOCIATE' || !source.forename || !source.surname) continue;
        const row = sourceRecordRow(source);
        const value = (i: number) => (row[i] ? row[i]! : null);
        const input: IdentityRecord = {
          id: row[0]! + (seed === 7 ? '' : `-${seed}`),
          firstName: value(1),
          surname: value(2),
          dob: value(3),
          gender: value(4),
          postcode: value(5),
          nhsNumber: withIdentifiers ? value(6) : null,
          otherId: withIdentifiers ? value(7) : null,
        };
        inputs.push(input);
        records.push(prepareRecord(input));
        truth.push(`${seed}:${source.trueId}`);
        names.push(`${row[1]} ${row[2]}`);
      }
      if (records.length >= size) break;
    }
    if (records.length >= size) break;
  }
  bar.stop();
  return { records, truth, names, generateSeconds: (performance.now() - started) / 1000 };
}
