/**
 * The generator's source records as a CSV file of the kind agencies hand over for matching: one row per
 * record with names, date of birth, gender, postcode and identifiers, plus the ground truth (`true_id`)
 * so that `lantern match eval --truth true_id` can measure identity resolution on it.
 *
 * `syntheticCsvLines` is pure and streams chunk by chunk (memory stays at one chunk whatever the scale);
 * `writeSyntheticCsv` writes those lines to a file.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { generatePopulationChunks } from './population.ts';
import type { PersonRole, SourceRecord } from './types.ts';

export const SYNTHETIC_CSV_HEADER = [
  'id',
  'first_name',
  'surname',
  'dob',
  'gender',
  'postcode',
  'nhs_number',
  'other_id',
  'true_id',
] as const;

/** The `--map` option that reads this file with `lantern match`. */
export const SYNTHETIC_CSV_MAP =
  'first_name=first_name,surname=surname,dob=dob,gender=gender,postcode=postcode,nhs_number=nhs_number,other_id=other_id';

export interface SyntheticCsvOptions {
  scale?: number;
  seed?: number;
  months?: number;
  /** Whose records to write (default children and suspects). */
  roles?: readonly PersonRole[];
  /**
   * How dates of birth are written: `iso` (YYYY-MM-DD, as the generator holds them; the default) or
   * `mixed` (police, youth justice and probation write them day-first, DD/MM/YYYY, as their systems do).
   */
  dates?: 'iso' | 'mixed';
  /**
   * Only records that name the person (forename and surname). Referrers often know a suspect only by a
   * first name or street name and a guessed age: such mentions cannot be matched by any record
   * linkage, and the accuracy figures in the README are measured without them (and stated with them).
   */
  namedOnly?: boolean;
  /** Called after each generated chunk with chunks done and chunks in all. */
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_ROLES: readonly PersonRole[] = ['CHILD', 'SUSPECT'];
const DAY_FIRST_AGENCIES = /^(POL|YJS|PRB)/;

/** One CSV field, quoted only when it must be (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function dobText(record: SourceRecord, dates: 'iso' | 'mixed'): string {
  const dob = record.dob;
  if (dob === null) return '';
  if (dates === 'iso' || !DAY_FIRST_AGENCIES.test(record.agencyCode)) return dob;
  return `${dob.slice(8, 10)}/${dob.slice(5, 7)}/${dob.slice(0, 4)}`;
}

/** The identifier written as other_id: the police reference, else the unique pupil number. */
function otherIdOf(record: SourceRecord): string {
  const police = record.identifiers.find((identifier) => identifier.kind === 'POLICE_REF');
  if (police) return police.value;
  return record.identifiers.find((identifier) => identifier.kind === 'SCHOOL_UPN')?.value ?? '';
}

/** The CSV fields of one source record, in SYNTHETIC_CSV_HEADER order. */
export function sourceRecordRow(record: SourceRecord, dates: 'iso' | 'mixed' = 'iso'): string[] {
  const nhs = record.identifiers.find((identifier) => identifier.kind === 'NHS_NUMBER');
  return [
    record.sourceRecordId,
    record.forename ?? '',
    record.surname ?? '',
    dobText(record, dates),
    record.gender,
    record.postcode ?? '',
    nhs?.value ?? '',
    otherIdOf(record),
    record.trueId,
  ];
}

/** The file's lines (without line breaks), header first, generated chunk by chunk. */
export function* syntheticCsvLines(options: SyntheticCsvOptions = {}): Generator<string, void, undefined> {
  const roles = new Set(options.roles ?? DEFAULT_ROLES);
  const dates = options.dates ?? 'iso';
  yield SYNTHETIC_CSV_HEADER.join(',');
  for (const chunk of generatePopulationChunks({
    scale: options.scale,
    seed: options.seed,
    months: options.months,
    onProgress: options.onProgress,
  })) {
    for (const record of chunk.sourceRecords) {
      if (!roles.has(record.subjectRole)) continue;
      if (options.namedOnly && (!record.forename?.trim() || !record.surname?.trim())) continue;
      yield sourceRecordRow(record, dates).map(field).join(',');
    }
  }
}

export interface SyntheticCsvSummary {
  rows: number;
  people: number;
}

/** Writes the CSV to `path` (overwriting it) and returns the rows written and distinct people. */
export async function writeSyntheticCsv(
  path: string,
  options: SyntheticCsvOptions = {},
): Promise<SyntheticCsvSummary> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const people = new Set<string>();
  let rows = -1;
  let buffer = '';
  try {
    for (const line of syntheticCsvLines(options)) {
      if (rows >= 0) people.add(line.slice(line.lastIndexOf(',') + 1));
      rows++;
      buffer += `${line}\n`;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer)) await once(out, 'drain');
        buffer = '';
      }
    }
    out.end(buffer);
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { rows, people: people.size };
}
