/** SQL for the reference data episodes name: agencies (the areas are the kernel's, platform/codes/area-store.ts). */
import type { Tx } from '../platform/db/transaction.ts';

export async function agencyOf(
  tx: Tx,
  id: string,
): Promise<{
  id: string;
  name: string;
  type: string;
  area: string | null;
  provides_return_interviews: boolean;
} | null> {
  return tx.maybeOne('SELECT id, name, type, area, provides_return_interviews FROM agency WHERE id = $1', [
    id,
  ]);
}

export async function agencyByCode(
  tx: Tx,
  code: string,
): Promise<{ id: string; name: string; type: string; area: string | null } | null> {
  return tx.maybeOne('SELECT id, name, type, area FROM agency WHERE code = $1', [code]);
}

/**
 * Agencies that hold return home interviews: those marked as providers (migration 025), never the police
 * (who found the child and so are not independent of the episode).
 */
export function interviewProviders(tx: Tx): Promise<{ id: string; name: string }[]> {
  return tx.query<{ id: string; name: string }>(
    "SELECT id, name FROM agency WHERE provides_return_interviews AND type <> 'POLICE' ORDER BY name",
  );
}
