/** SQL for moving an episode between hubs (decision 0014): the flag to confirm, transfers and their history. */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

export async function setHubToConfirm(tx: Tx, episodeId: string, value: boolean): Promise<void> {
  await tx.query('UPDATE mash_episode SET hub_to_confirm = $2 WHERE id = $1', [episodeId, value]);
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
    `SELECT from_area, to_area, reason, ${actorNameSql('transferred_by_label')} AS transferred_by_label, transferred_at FROM episode_transfer
      WHERE episode_id = $1 ORDER BY transferred_at, id`,
    [episodeId],
  );
}

export interface HubArrivalRow {
  episode_id: string;
  reference: string;
  forename: string | null;
  surname: string | null;
  hub_to_confirm: boolean;
  from_area: string | null;
  due: Date;
}

/**
 * Open episodes of the caller's hubs that the hub has yet to take in: routed to it for want of a postcode
 * (to confirm), or transferred to it and not yet allocated. Row-level security keeps it to the caller's hubs.
 */
export function hubArrivals(tx: Tx): Promise<HubArrivalRow[]> {
  return tx.query<HubArrivalRow>(
    `SELECT e.id AS episode_id, r.reference, p.forename, p.surname, e.hub_to_confirm,
            (SELECT t.from_area FROM episode_transfer t WHERE t.episode_id = e.id AND t.to_area = e.area
              ORDER BY t.transferred_at DESC LIMIT 1) AS from_area,
            coalesce(least(e.rag_deadline, e.decision_deadline), e.decision_deadline) AS due
       FROM mash_episode e JOIN victim_referral r ON r.id = e.referral_id JOIN person p ON p.id = e.person_id
      WHERE e.closed_at IS NULL AND lantern_in_mash(e.area)
        AND (e.hub_to_confirm OR (e.allocated_to IS NULL
             AND EXISTS (SELECT 1 FROM episode_transfer t WHERE t.episode_id = e.id AND t.to_area = e.area)))
      ORDER BY due LIMIT 200`,
  );
}
