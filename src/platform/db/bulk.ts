/**
 * Parameters for bulk writers: `INSERT ... SELECT FROM unnest(...)` with one array parameter a column, so a
 * batch costs one round trip and one run of the statement-level statistics triggers.
 */

/** The columns of a batch, one array a column, in the order `pick` lists them. */
export function columnsOf<T>(rows: readonly T[], pick: (row: T) => unknown[]): unknown[][] {
  const picked = rows.map(pick);
  return (picked[0] ?? []).map((_, c) => picked.map((row) => row[c]));
}

/**
 * A text[] value as PostgreSQL's array input reads it, every element quoted: a batch of text[] values is
 * ragged, which an array parameter cannot hold, so each row's array travels as one text and is cast.
 */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
