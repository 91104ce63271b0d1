/**
 * SQL of the import of police disposals (migration 046): the importing agency, the references it has
 * already imported, and the people a PNC reference names. The tactics themselves are
 * written by `store.ts` (`insertTactic`), the one writer of `disposal`. Reads run under row-level security.
 */
import type { Tx } from '../platform/db/transaction.ts';

export interface ImportingAgency {
  id: string;
  name: string;
  type: string;
}

export function agencyByCode(tx: Tx, code: string): Promise<ImportingAgency | null> {
  return tx.maybeOne<ImportingAgency>('SELECT id, name, type FROM agency WHERE code = $1', [code]);
}

export function agencyById(tx: Tx, id: string): Promise<ImportingAgency | null> {
  return tx.maybeOne<ImportingAgency>('SELECT id, name, type FROM agency WHERE id = $1', [id]);
}

/**
 * Which of these references the agency has already imported, with the fingerprint of the row each came from
 * (none for those imported before migration 053), as far as the caller may see the tactics (one it may not
 * see is caught by the unique index when the row is written).
 */
export async function importedReferences(
  tx: Tx,
  agencyId: string,
  references: readonly string[],
): Promise<Map<string, string | null>> {
  if (references.length === 0) return new Map();
  const rows = await tx.query<{ source_reference: string; source_fingerprint: string | null }>(
    `SELECT source_reference, source_fingerprint FROM disposal
      WHERE agency_id = $1 AND source_reference = ANY ($2::text[])`,
    [agencyId, references],
  );
  return new Map(rows.map((r) => [r.source_reference, r.source_fingerprint]));
}

/**
 * The people each PNC reference (in search form) is recorded against, as far as the caller may see them; a
 * person merged into another stands for the one they were merged into.
 */
export async function peopleByPnc(tx: Tx, keys: readonly string[]): Promise<Map<string, string[]>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<{ search_key: string; person_ids: string[] }>(
    `SELECT i.search_key, array_agg(DISTINCT coalesce(p.merged_into, p.id) ORDER BY coalesce(p.merged_into, p.id)) AS person_ids
       FROM person_identifier i JOIN person p ON p.id = i.person_id
      WHERE i.kind = 'PNC_REFERENCE' AND i.search_key = ANY ($1::text[])
      GROUP BY i.search_key`,
    [keys],
  );
  return new Map(rows.map((r) => [r.search_key, r.person_ids]));
}
