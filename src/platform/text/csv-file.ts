/** A CSV file or stream read record by record, for the importers (each awaits its own writes per record). */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type CsvRecord, CsvRecordReader } from './csv.ts';

/**
 * Feeds every record of `input` (a path, or a stream of UTF-8 text) to `onRecord` in order, awaiting each;
 * a file opened here is closed however reading ends.
 */
export async function forEachCsvRecord(
  input: string | Readable,
  onRecord: (record: CsvRecord) => unknown,
): Promise<void> {
  const reader = new CsvRecordReader();
  const stream = typeof input === 'string' ? createReadStream(input, { encoding: 'utf8' }) : input;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) for (const record of reader.push(line)) await onRecord(record);
    for (const record of reader.end()) await onRecord(record);
  } finally {
    lines.close();
    if (typeof input === 'string') (stream as ReturnType<typeof createReadStream>).destroy();
  }
}

/** A header row's columns by name (trimmed, lower case, without a byte-order mark) and their positions. */
export function headerColumns(fields: readonly string[]): Map<string, number> {
  return new Map(
    fields.map((f, i) => [
      f
        .trim()
        .toLowerCase()
        .replace(/^\uFEFF/, ''),
      i,
    ]),
  );
}
