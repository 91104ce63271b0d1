/**
 * Reading a CSV file for matching, line by line: each row prepared once, malformed rows and values
 * reported (by row and line) instead of failing on them.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type CsvRecord, CsvRecordReader } from '../../platform/text/csv.ts';
import { type ColumnMap, parseMapOption, resolveColumns, rowToRecord } from './column-map.ts';
import { REGISTRY_DATE_OF_BIRTH_RANGE } from './dates.ts';
import { prepareRecord } from './prepare.ts';
import type { PreparedRecord, ValueIssue } from './record.ts';

export class CsvInputError extends Error {
  override name = 'CsvInputError';
}

export interface MalformedEntry {
  /** Data row number: 1 is the first row after the header. */
  row: number;
  /** File line on which the row starts. */
  line: number;
  /** The identity field concerned, for a bad value; absent for a bad row. */
  field?: ValueIssue['field'];
  reason: string;
  /** For a bad value: not a value at all (31/02), or a real one outside a plausible range. */
  kind?: ValueIssue['kind'];
}

/** Detailed entries kept in a summary; further ones are only counted, to bound memory. */
export const MAX_MALFORMED_ENTRIES = 10_000;

export interface InputOptions {
  inputPath: string;
  idColumn: string;
  /** A column map, or its text form `first_name=Col,surname=Col`. */
  map: ColumnMap | string;
  onProgress?: (progress: { phase: 'reading'; done: number; total: number }) => void;
}

export interface LoadedInput {
  rows: number;
  /** Per data row: its id ('' when it had none). */
  rowIds: string[];
  /** Per data row: index into `records`, or -1 when the row could not be read. */
  rowRecord: Int32Array;
  records: PreparedRecord[];
  /** Per record: values of the extra columns requested. */
  extras: string[][];
  malformed: MalformedEntry[];
  malformedTotal: number;
  implausibleDates: number;
}

/**
 * Generic linkage takes every real calendar date as a date: records of people born in 1712 are linked
 * like any others. Dates outside the registry's range are only counted, for the user to see.
 */
const CSV_PREPARE_OPTIONS = { dateOfBirthRange: null } as const;

function outsideRegistryRange(record: PreparedRecord): boolean {
  return (
    record.dob !== null &&
    (record.dobYear < REGISTRY_DATE_OF_BIRTH_RANGE.earliestYear ||
      record.dobYear > REGISTRY_DATE_OF_BIRTH_RANGE.latestYear)
  );
}

export async function loadInput(
  options: InputOptions,
  extraColumns: readonly string[],
): Promise<LoadedInput> {
  const map = typeof options.map === 'string' ? parseMapOption(options.map) : options.map;
  const progress = options.onProgress ?? (() => {});
  const input = createReadStream(options.inputPath, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const reader = new CsvRecordReader();
  const rowIds: string[] = [];
  const rowRecords: number[] = [];
  const records: PreparedRecord[] = [];
  const extras: string[][] = [];
  const malformed: MalformedEntry[] = [];
  let malformedTotal = 0;
  let implausibleDates = 0;
  let columns: ReturnType<typeof resolveColumns> | null = null;
  const report = (entry: MalformedEntry): void => {
    malformedTotal++;
    if (malformed.length < MAX_MALFORMED_ENTRIES) malformed.push(entry);
  };
  const issues: ValueIssue[] = [];

  const handle = (csv: CsvRecord): void => {
    if (columns === null) {
      if (csv.error) throw new CsvInputError(`The header row (line ${csv.line}) is malformed: ${csv.error}`);
      columns = resolveColumns(csv.fields, options.idColumn, map, extraColumns);
      return;
    }
    const row = rowIds.length + 1;
    const id = (csv.fields[columns.id] ?? '').trim();
    rowIds.push(id);
    let problem: string | null = null;
    if (csv.error) problem = `malformed quoting: ${csv.error}`;
    else if (csv.fields.length !== columns.headerLength) {
      problem = `expected ${columns.headerLength} columns, found ${csv.fields.length}`;
    } else if (id.length === 0) problem = 'no id';
    if (problem !== null) {
      report({ row, line: csv.line, reason: problem });
      rowRecords.push(-1);
      return;
    }
    issues.length = 0;
    const record = prepareRecord(rowToRecord(csv.fields, columns), issues, CSV_PREPARE_OPTIONS);
    for (const issue of issues) {
      report({ row, line: csv.line, field: issue.field, reason: issue.reason, kind: issue.kind });
    }
    if (outsideRegistryRange(record)) implausibleDates++;
    rowRecords.push(records.length);
    records.push(record);
    if (extraColumns.length > 0)
      extras.push(extraColumns.map((name) => csv.fields[columns!.extra[name]!] ?? ''));
    if (row % 50_000 === 0) progress({ phase: 'reading', done: row, total: 0 });
  };

  try {
    for await (const line of lines) for (const csv of reader.push(line)) handle(csv);
    for (const csv of reader.end()) handle(csv);
  } finally {
    lines.close();
    input.destroy();
  }
  if (columns === null) throw new CsvInputError(`${options.inputPath} is empty: expected a header row`);
  progress({ phase: 'reading', done: rowIds.length, total: rowIds.length });
  return {
    rows: rowIds.length,
    rowIds,
    rowRecord: Int32Array.from(rowRecords),
    records,
    extras,
    malformed,
    malformedTotal,
    implausibleDates,
  };
}
