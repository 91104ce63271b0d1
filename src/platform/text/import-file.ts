/**
 * The importers' files (CSV with a header row; columns in any order, names in any case, unknown ones
 * ignored) read a record at a time into rows, handed on in batches: each record numbered among the data
 * rows, with its line and its reference in the source system, parsed by the importer's format or kept with
 * what is wrong with it (not valid CSV, a field count other than the header's), so that one bad row is
 * reported and the rest imported.
 */
import type { Readable } from 'node:stream';
import type { FieldError } from '../http/errors.ts';
import type { CsvRecord } from './csv.ts';
import { forEachCsvRecord, headerColumns } from './csv-file.ts';

/** A file an import cannot read at all (none, empty, or without a column it needs): nothing is imported. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** A data record: its number among the data rows, its line, its reference, and the row or its errors. */
export interface ImportFileRow<R> {
  row: number;
  line: number;
  reference: string | null;
  parsed: R | null;
  errors: FieldError[];
}

/** How an importer reads its file. */
export interface ImportFileFormat<R> {
  /** The columns (or choices of columns) the header lacks, as a person reads them: none when it is whole. */
  missingColumns(header: ReadonlyMap<string, number>): string[];
  /** The column giving each row's reference in the source system (shown with the row's errors). */
  referenceColumn: string;
  rowOf(get: (column: string) => string): { parsed: R | null; errors: FieldError[] };
}

/** Reads the file (or stream) a record at a time, handing on its rows in batches of `batchSize`. */
export async function readImportFile<R>(
  input: string | Readable,
  format: ImportFileFormat<R>,
  batchSize: number,
  onBatch: (rows: ImportFileRow<R>[]) => Promise<void>,
): Promise<void> {
  let header: Map<string, number> | null = null;
  let batch: ImportFileRow<R>[] = [];
  let count = 0;
  const onRecord = async (record: CsvRecord) => {
    if (!header) {
      header = headerColumns(record.fields);
      const missing = format.missingColumns(header);
      if (missing.length) throw new ImportFileError(`the header lacks: ${missing.join(', ')}`);
      return;
    }
    count++;
    const h = header;
    const get = (column: string) => {
      const i = h.get(column);
      return i === undefined ? '' : (record.fields[i] ?? '');
    };
    const base = { row: count, line: record.line, reference: get(format.referenceColumn).trim() || null };
    const unreadable = (message: string) => ({
      ...base,
      parsed: null,
      errors: [{ field: 'row', message }],
    });
    if (record.error) batch.push(unreadable(`not valid CSV: ${record.error}`));
    else if (record.fields.length !== h.size)
      batch.push(unreadable(`${record.fields.length} fields where the header has ${h.size}`));
    else batch.push({ ...base, ...format.rowOf(get) });
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
