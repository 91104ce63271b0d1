/**
 * A small RFC 4180 CSV reader and writer. The reader is fed one physical line at a time (as
 * node:readline yields them) and reassembles quoted fields that span lines. Bad quoting never
 * throws: the record comes back with an `error` and reading carries on.
 */

export interface CsvRecord {
  fields: string[];
  /** The file line on which the record starts (1-based). */
  line: number;
  /** Set when the record's quoting is malformed; its fields are then a best effort. */
  error?: string;
}

interface ParsedText {
  fields: string[];
  complete: boolean;
  error?: string;
}

function parseRecordText(text: string): ParsedText {
  // Most lines have no quotes at all.
  if (!text.includes('"')) return { fields: text.split(','), complete: true };
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterClosingQuote = false;
  let error: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        inQuotes = false;
        afterClosingQuote = true;
      }
    } else if (c === ',') {
      fields.push(field);
      field = '';
      afterClosingQuote = false;
    } else if (c === '"' && field.length === 0 && !afterClosingQuote) {
      inQuotes = true;
    } else {
      if (c === '"') error ??= `a quote inside an unquoted field (column ${fields.length + 1})`;
      else if (afterClosingQuote) error ??= `text after a closing quote (column ${fields.length + 1})`;
      field += c;
    }
  }
  fields.push(field);
  return { fields, complete: !inQuotes, error };
}

/** A quoted field may span at most this many lines; beyond it the opening quote is taken as a mistake. */
export const MAX_LINES_PER_RECORD = 50;

export class CsvRecordReader {
  private pending: string[] = [];
  private pendingStart = 0;
  private lineNumber = 0;

  /** Feeds the next line (without its line break); returns the records it completes. */
  push(rawLine: string): CsvRecord[] {
    this.lineNumber++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    return this.accept(line, this.lineNumber);
  }

  /** Call at end of input: an unterminated quote becomes an error record, and the lines after it are read again. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (this.pending.length > 0) out.push(...this.abandonPending('an opening quote is never closed'));
    return out;
  }

  private accept(line: string, lineNumber: number): CsvRecord[] {
    if (this.pending.length === 0) {
      // Blank lines between records carry nothing.
      if (line.length === 0) return [];
      this.pendingStart = lineNumber;
    }
    this.pending.push(line);
    const parsed = parseRecordText(this.pending.join('\n'));
    if (parsed.complete) {
      const record: CsvRecord = { fields: parsed.fields, line: this.pendingStart };
      if (parsed.error) record.error = parsed.error;
      this.pending = [];
      return [record];
    }
    if (this.pending.length >= MAX_LINES_PER_RECORD) {
      return this.abandonPending(`an opening quote is not closed within ${MAX_LINES_PER_RECORD} lines`);
    }
    return [];
  }

  /** Reports the first pending line as malformed and re-reads the lines that followed it. */
  private abandonPending(reason: string): CsvRecord[] {
    const [first, ...rest] = this.pending;
    const start = this.pendingStart;
    this.pending = [];
    const out: CsvRecord[] = [{ fields: parseRecordText(`${first}"`).fields, line: start, error: reason }];
    rest.forEach((line, offset) => {
      out.push(...this.accept(line, start + 1 + offset));
    });
    return out;
  }
}

/** Parses a whole CSV text into records (see CsvRecordReader). */
export function parseCsv(text: string): CsvRecord[] {
  const reader = new CsvRecordReader();
  const records: CsvRecord[] = [];
  const lines = text.split('\n');
  // A final line break does not start another record.
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) records.push(...reader.push(line));
  records.push(...reader.end());
  return records;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field, quoted only when it must be. */
export function formatCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (without the line break). */
export function formatCsvRow(fields: readonly string[]): string {
  return fields.map(formatCsvField).join(',');
}
