/** SQL for a person's addresses as the records about them give them (row-level security applies). */
import type { Tx } from '../platform/db/transaction.ts';

/**
 * The postcode of the person's current home as far as the caller may see: addresses not ended, the latest
 * moved-in first, then the latest record. Null when none is known.
 */
export async function currentPostcode(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx.maybeOne<{ postcode: string }>(
    `SELECT a.postcode FROM source_address a JOIN source_record s ON s.id = a.source_record_id
      WHERE s.person_id = $1 AND a.postcode IS NOT NULL AND (a.to_date IS NULL OR a.to_date >= current_date)
      ORDER BY a.from_date DESC NULLS LAST, s.submitted_at DESC LIMIT 1`,
    [personId],
  );
  return row?.postcode ?? null;
}
