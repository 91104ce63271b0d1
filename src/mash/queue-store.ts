/**
 * SQL for finding episodes: the queue with its filters, sorts and pages (LIMIT/OFFSET in SQL, never a slice
 * in memory), the decided list, the search by reference, and the breach marker. Row-level security keeps
 * every read inside the caller's hubs.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { EPISODE_COLUMNS, EPISODE_JOINS, type EpisodeRow } from './store.ts';

/** A queue's filters, as codes (the route reads them from the query string; no personal data). */
export interface QueueFilter {
  status: 'OPEN' | 'DECIDED';
  /** A RAG code, or NONE for untriaged. */
  rag: string | null;
  stage: string | null;
  /** UNALLOCATED, a user id (the route turns "me" into the caller's id), or null for anyone. */
  allocated: string | null;
  breached: boolean;
  area: string | null;
  sort: 'DEADLINE' | 'RECEIVED';
}

export interface QueueRow extends EpisodeRow {
  decision_outcome: string | null;
}

/** The WHERE clause and its parameters: fixed fragments only, every value a parameter. */
function where(filter: QueueFilter, now: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const conditions = [filter.status === 'OPEN' ? 'e.closed_at IS NULL' : 'e.closed_at IS NOT NULL'];
  if (filter.rag === 'NONE') conditions.push('e.rag IS NULL');
  else if (filter.rag) conditions.push(`e.rag = ${param(filter.rag)}`);
  if (filter.stage) conditions.push(`e.stage = ${param(filter.stage)}`);
  if (filter.allocated === 'UNALLOCATED') conditions.push('e.allocated_to IS NULL');
  else if (filter.allocated) conditions.push(`e.allocated_to = ${param(filter.allocated)}::uuid`);
  if (filter.breached)
    conditions.push(
      `(e.breached_at IS NOT NULL OR (e.decided_at IS NULL AND e.rag_deadline < ${param(now)}))`,
    );
  if (filter.area) conditions.push(`e.area = ${param(filter.area)}`);
  return { sql: conditions.join(' AND '), params };
}

function orderBy(filter: QueueFilter): string {
  if (filter.status === 'DECIDED') return 'e.decided_at DESC, e.id';
  if (filter.sort === 'RECEIVED') return 'e.received_at, e.id';
  return 'coalesce(e.rag_deadline, e.decision_deadline), e.received_at, e.id';
}

/** One page of the queue (or of the decided list), and how many episodes match in all. */
export async function queuePage(
  tx: Tx,
  filter: QueueFilter,
  now: Date,
  page: { limit: number; offset: number },
): Promise<{ rows: QueueRow[]; total: number }> {
  const { sql, params } = where(filter, now);
  const total = await tx.one<{ n: number }>(
    `SELECT count(*)::int AS n FROM mash_episode e WHERE ${sql}`,
    params,
  );
  const n = params.length;
  // The page is chosen from the episodes alone (their scope is a cheap check of the hub's areas), then
  // joined to its referrals and children: checking the referral's scope costs a lookup per row, and done
  // before the LIMIT it was done for every open episode of the hub (914 at scale 100: most of a second).
  const rows = await tx.query<QueueRow>(
    `SELECT ${EPISODE_COLUMNS}, d.social_care_outcome AS decision_outcome
       FROM (SELECT e.* FROM mash_episode e WHERE ${sql}
              ORDER BY ${orderBy(filter)} LIMIT $${n + 1} OFFSET $${n + 2}) e
       ${EPISODE_JOINS} LEFT JOIN mash_decision d ON d.episode_id = e.id
      ORDER BY ${orderBy(filter)}`,
    [...params, page.limit, page.offset],
  );
  return { rows, total: total.n };
}

/** The episode of a referral or episode reference, in the caller's hubs (row-level security). */
export async function episodeIdByReference(tx: Tx, reference: string): Promise<string | null> {
  const row = await tx.maybeOne<{ id: string }>(
    `SELECT e.id FROM mash_episode e JOIN victim_referral r ON r.id = e.referral_id
      WHERE r.reference = upper($1) AND lantern_in_mash(e.area)`,
    [reference],
  );
  return row?.id ?? null;
}

/** Marks up to `limit` open episodes past their RAG deadline, oldest first: returns how many it marked. */
export async function markBreaches(tx: Tx, now: Date, limit: number): Promise<number> {
  const rows = await tx.query(
    `UPDATE mash_episode SET breached_at = $1 WHERE id IN (SELECT id FROM mash_episode
      WHERE closed_at IS NULL AND breached_at IS NULL AND rag_deadline < $1 ORDER BY rag_deadline LIMIT $2)
     RETURNING 1`,
    [now, limit],
  );
  return rows.length;
}
