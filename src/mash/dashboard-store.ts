/** SQL for the managers' dashboard: counts over the caller's hubs' episodes and decisions. */
import type { Tx } from '../platform/db/transaction.ts';

export function openByRag(tx: Tx): Promise<Array<{ rag: string; n: number }>> {
  return tx.query<{ rag: string; n: number }>(
    `SELECT coalesce(rag, 'UNTRIAGED') AS rag, count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL GROUP BY 1`,
  );
}

export async function breachedOpen(tx: Tx): Promise<number> {
  const row = await tx.one<{ n: number }>(
    'SELECT count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL AND breached_at IS NOT NULL',
  );
  return row.n;
}

export function decisionsByOutcome(
  tx: Tx,
  period: { from: Date; to: Date },
): Promise<Array<{ social_care_outcome: string; within_standard: boolean; n: number }>> {
  return tx.query<{ social_care_outcome: string; within_standard: boolean; n: number }>(
    `SELECT social_care_outcome, within_standard, count(*)::int AS n FROM mash_decision
      WHERE decided_at >= $1 AND decided_at < $2 GROUP BY 1, 2`,
    [period.from, period.to],
  );
}

/**
 * Open episodes whose RAG deadline has passed at `now` (the deadline stored at triage is the one the RAG
 * timescale gives: `slaDeadline`); counted in SQL rather than by reading every open episode.
 */
export async function openPastRagDeadline(tx: Tx, now: Date): Promise<number> {
  const row = await tx.one<{ n: number }>(
    'SELECT count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL AND rag_deadline < $1',
    [now],
  );
  return row.n;
}
