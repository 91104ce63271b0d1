/** SQL for moving an episode between hubs (decision 0014): the flag to confirm, transfers and their history. */
import type { Tx } from '../platform/db/transaction.ts';

export async function setHubToConfirm(tx: Tx, episodeId: string, value: boolean): Promise<void> {
  await tx.query('UPDATE mash_episode SET hub_to_confirm = $2 WHERE id = $1', [episodeId, value]);
}

/** The partnership's hubs: the areas of its teams. */
export async function hubAreas(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ area: string }>(
    'SELECT DISTINCT area FROM team WHERE area IS NOT NULL ORDER BY area',
  );
  return rows.map((r) => r.area);
}

export async function insertTransfer(
  tx: Tx,
  t: {
    episodeId: string;
    fromArea: string;
    toArea: string;
    reason: string;
    byUser: string | null;
    byLabel: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO episode_transfer (episode_id, from_area, to_area, reason, transferred_by, transferred_by_label)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [t.episodeId, t.fromArea, t.toArea, t.reason, t.byUser, t.byLabel],
  );
}

/**
 * Moves the episode, its rows that carry the hub's area and its referral to the new hub (the database
 * function checks the caller holds it). Returns the people on the referral, whose areas must be recomputed.
 */
export async function moveEpisode(tx: Tx, episodeId: string, toArea: string): Promise<string[]> {
  const rows = await tx.query<{ person_id: string }>(
    'SELECT lantern_transfer_episode AS person_id FROM lantern_transfer_episode($1, $2)',
    [episodeId, toArea],
  );
  return rows.map((r) => r.person_id);
}

export interface TransferRow {
  from_area: string;
  to_area: string;
  reason: string;
  transferred_by_label: string;
  transferred_at: Date;
}

export function transfersOf(tx: Tx, episodeId: string): Promise<TransferRow[]> {
  return tx.query<TransferRow>(
    `SELECT from_area, to_area, reason, transferred_by_label, transferred_at FROM episode_transfer
      WHERE episode_id = $1 ORDER BY transferred_at, id`,
    [episodeId],
  );
}
