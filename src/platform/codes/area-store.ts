import type { Tx } from '../db/transaction.ts';

/**
 * The partnership's areas: the areas its teams serve (the hubs). Areas are data, not a fixed list (see
 * areas.ts), so the modules that offer a choice of area or check one (referral routing, missing episodes,
 * MASH transfers) read them here.
 */
export async function partnershipAreas(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    'SELECT DISTINCT area FROM team WHERE area IS NOT NULL ORDER BY area',
  );
  return rows.map((r) => r.area);
}
