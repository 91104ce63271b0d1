/** SQL for the reference data episodes name: agencies (the areas are the kernel's, platform/codes/area-store.ts). */
import type { Tx } from '../platform/db/transaction.ts';

export async function agencyOf(
  tx: Tx,
  id: string,
): Promise<{ id: string; name: string; type: string; area: string | null } | null> {
  return tx.maybeOne('SELECT id, name, type, area FROM agency WHERE id = $1', [id]);
}

export async function agencyByCode(
  tx: Tx,
  code: string,
): Promise<{ id: string; name: string; type: string; area: string | null } | null> {
  return tx.maybeOne('SELECT id, name, type, area FROM agency WHERE code = $1', [code]);
}

/** Agencies that may hold a return home interview: anyone independent of the police. */
export function independentAgencies(tx: Tx): Promise<{ id: string; name: string }[]> {
  return tx.query<{ id: string; name: string }>(
    "SELECT id, name FROM agency WHERE type <> 'POLICE' ORDER BY name",
  );
}
