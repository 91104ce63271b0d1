/**
 * A file of police disposals (CSV with a header row; columns in any order, names in any case, unknown ones
 * ignored), read into the rows the import takes (import-rules.ts), and their fields named back as columns.
 *
 * Columns:
 *   police_reference   the police system's reference of the disposal (required; unique per agency)
 *   pnc_reference      the person's PNC reference, as recorded on their register, or else
 *   person_id          their Lantern person id (exactly one of the two)
 *   tactic             a tactic's code or its name, any case (the register's list, `TACTICS` in codes.ts)
 *   started_on         when it was issued or happened (required)
 *   expires_on, review_on, court_date    dates (YYYY-MM-DD or DD/MM/YYYY)
 *   sentence_years, sentence_months      a conviction's sentence
 *   conditions         its conditions
 *   child_person_id    the child a notice protects (one linked to the person)
 *   issuing_officer    shown as who recorded the tactic (default: the import)
 */
import type { Readable } from 'node:stream';
import type { FieldError } from '../platform/http/errors.ts';
import type { CsvRecord } from '../platform/text/csv.ts';
import { forEachCsvRecord, headerColumns } from '../platform/text/csv-file.ts';
import type { DisposalImportRow } from './import-rules.ts';

/** Each field of a row and its column. */
const COLUMNS = {
  policeReference: 'police_reference',
  pncReference: 'pnc_reference',
  personId: 'person_id',
  tactic: 'tactic',
  startedOn: 'started_on',
  expiresOn: 'expires_on',
  reviewOn: 'review_on',
  courtDate: 'court_date',
  sentenceYears: 'sentence_years',
  sentenceMonths: 'sentence_months',
  conditions: 'conditions',
  childPersonId: 'child_person_id',
  issuingOfficer: 'issuing_officer',
} as const satisfies Record<keyof DisposalImportRow, string>;

export const REQUIRED_COLUMNS = [COLUMNS.policeReference, COLUMNS.tactic, COLUMNS.startedOn] as const;
/** One of these names the person. */
export const PERSON_COLUMNS = [COLUMNS.pncReference, COLUMNS.personId] as const;

/** A row's field (an import error's) as the file's column. */
export function columnOf(field: string): string {
  return (COLUMNS as Readonly<Record<string, string>>)[field] ?? field;
}

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** A data record of the file: its number among the data rows, and the row or why it could not be read. */
export interface FileRow {
  row: number;
  line: number;
  policeReference: string | null;
  parsed: DisposalImportRow | null;
  errors: FieldError[];
}

function rowOf(get: (column: string) => string): DisposalImportRow {
  return Object.fromEntries(
    Object.entries(COLUMNS).map(([field, column]) => [field, get(column)]),
  ) as unknown as DisposalImportRow;
}

/** Reads the file (or stream) a record at a time, handing on its rows in batches of `batchSize`. */
export async function readDisposalFile(
  input: string | Readable,
  batchSize: number,
  onBatch: (rows: FileRow[]) => Promise<void>,
): Promise<void> {
  let header: Map<string, number> | null = null;
  let batch: FileRow[] = [];
  let count = 0;
  const onRecord = async (record: CsvRecord) => {
    if (!header) {
      header = headerColumns(record.fields);
      const missing: string[] = REQUIRED_COLUMNS.filter((c) => !header!.has(c));
      if (!PERSON_COLUMNS.some((c) => header!.has(c))) missing.push(PERSON_COLUMNS.join(' or '));
      if (missing.length) throw new ImportFileError(`the header lacks: ${missing.join(', ')}`);
      return;
    }
    count++;
    const h = header;
    const get = (column: string) => {
      const i = h.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    const base = {
      row: count,
      line: record.line,
      policeReference: get(COLUMNS.policeReference).trim() || null,
    };
    if (record.error)
      batch.push({
        ...base,
        parsed: null,
        errors: [{ field: 'row', message: `not valid CSV: ${record.error}` }],
      });
    else if (record.fields.length !== h.size)
      batch.push({
        ...base,
        parsed: null,
        errors: [{ field: 'row', message: `${record.fields.length} fields where the header has ${h.size}` }],
      });
    else batch.push({ ...base, parsed: rowOf(get), errors: [] });
    if (batch.length >= batchSize) {
      const full = batch;
      batch = [];
      await onBatch(full);
    }
  };
  await forEachCsvRecord(input, onRecord);
  if (!header) throw new ImportFileError('the file is empty: it needs a header row');
  if (batch.length) await onBatch(batch);
}
