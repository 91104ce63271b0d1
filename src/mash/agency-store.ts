/** Reads of the partnership's agencies (reference data, no personal data) that the MASH's forms need. */
import type { Tx } from '../platform/db/transaction.ts';

export interface AgencyRow {
  id: string;
  name: string;
  type: string;
  area: string | null;
}

export function agencies(tx: Tx): Promise<AgencyRow[]> {
  return tx.query<AgencyRow>('SELECT id, name, type, area FROM agency ORDER BY name');
}

/** Those of the ids that are agencies. */
export async function knownAgencyIds(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM agency WHERE id = ANY($1::uuid[])', [ids]);
  return rows.map((r) => r.id);
}

export async function agencyType(tx: Tx, agencyId: string | null): Promise<string> {
  const row = await tx.one<{ type: string }>('SELECT type FROM agency WHERE id = $1', [agencyId]);
  return row.type;
}
