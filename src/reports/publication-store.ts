/**
 * The first publication of each closed period's briefing (per scope and mode): its cells as shown, so that
 * a later production can say what was revised (revision.ts). The one writer of `briefing_publication`, through
 * the database's functions (the application role has no access to the table, as to the counts).
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { PublishedCell } from './revision.ts';

export interface PublicationKey {
  from: string;
  to: string;
  area: string | null;
  division: string | null;
  mode: string;
}

const keyParams = (k: PublicationKey) => [k.from, k.to, k.area, k.division, k.mode];

export async function firstPublication(
  tx: Tx,
  key: PublicationKey,
): Promise<{ publishedAt: Date; digest: string; cells: PublishedCell[] } | null> {
  const row = await tx.maybeOne<{ first_published_at: Date; digest: string; cells: PublishedCell[] }>(
    'SELECT first_published_at, digest, cells FROM lantern_briefing_first_publication($1, $2, $3, $4, $5)',
    keyParams(key),
  );
  return row ? { publishedAt: row.first_published_at, digest: row.digest, cells: row.cells } : null;
}

/** Records the first publication; a concurrent first one wins and this one is dropped. */
export async function recordPublication(
  tx: Tx,
  key: PublicationKey,
  at: Date,
  digest: string,
  cells: readonly PublishedCell[],
): Promise<void> {
  await tx.query('SELECT lantern_briefing_record_publication($1, $2, $3, $4, $5, $6, $7, $8::jsonb)', [
    ...keyParams(key),
    at,
    digest,
    JSON.stringify(cells),
  ]);
}
