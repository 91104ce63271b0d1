/**
 * SQL for the missing-episode import: finding each row's child by the identifiers police files carry, and
 * writing a batch in one statement, or row by row in savepoints when the batch is refused.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { insertEpisodes, type NewEpisode } from './store.ts';

/** Source records' people by NHS number or by police person reference (several people may share one). */
export function peopleBySourceKey(
  tx: Tx,
  key: 'nhs_number' | 'police_ref',
  values: readonly string[],
): Promise<{ person_id: string; key: string }[]> {
  const column = key === 'nhs_number' ? 'nhs_number' : 'police_ref';
  return tx.query<{ person_id: string; key: string }>(
    `SELECT DISTINCT person_id, ${column} AS key FROM source_record WHERE ${column} = ANY($1::text[])`,
    [values],
  );
}

/** These people with their areas, and for one merged away, the person they were merged into. */
export function peopleWithMergeTargets(
  tx: Tx,
  ids: readonly string[],
): Promise<{ id: string; merged_into: string | null; areas: string[]; target_areas: string[] | null }[]> {
  return tx.query<{ id: string; merged_into: string | null; areas: string[]; target_areas: string[] | null }>(
    `SELECT p.id, p.merged_into, p.areas, t.areas AS target_areas FROM person p
       LEFT JOIN person t ON t.id = p.merged_into WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
}

/**
 * One statement for the batch; if it fails (a concurrent run took a reference), row by row in savepoints.
 * Returns the items written; `refused` hears of each row the database would not take, with its error.
 */
export async function insertEpisodesOrEachAlone<T extends { episode: NewEpisode & { id: string } }>(
  tx: Tx,
  items: readonly T[],
  refused: (item: T, error: Error) => void,
): Promise<T[]> {
  if (items.length === 0) return [];
  await tx.query('SAVEPOINT missing_batch');
  try {
    await insertEpisodes(
      tx,
      items.map((p) => p.episode),
    );
    await tx.query('RELEASE SAVEPOINT missing_batch');
    return [...items];
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT missing_batch');
  }
  const written: T[] = [];
  for (const p of items) {
    await tx.query('SAVEPOINT missing_row');
    try {
      await insertEpisodes(tx, [p.episode]);
      await tx.query('RELEASE SAVEPOINT missing_row');
      written.push(p);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT missing_row');
      refused(p, error as Error);
    }
  }
  return written;
}
