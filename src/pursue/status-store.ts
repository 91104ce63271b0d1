/**
 * SQL of a person's Pursue status (migration 043): the only writer of `pursue_status`, insert only; the
 * latest row is the status. Reads under row-level security.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { linkedChildrenSql, type Recorder } from './store.ts';

export interface StatusRow {
  status: string;
  reason: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function insertStatus(
  tx: Tx,
  personId: string,
  status: string,
  reason: string,
  by: Recorder,
): Promise<void> {
  await tx.query(
    `INSERT INTO pursue_status (person_id, status, reason, recorded_by_user, recorded_by_label, agency_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [personId, status, reason, by.userId, by.label, by.agencyId],
  );
}

/** Newest first: the first row is the status now. */
export function statusHistoryOf(tx: Tx, personId: string): Promise<StatusRow[]> {
  return tx.query<StatusRow>(
    `SELECT s.status, s.reason, ${actorNameSql('s.recorded_by_label')} AS recorded_by, s.recorded_at
       FROM pursue_status s WHERE s.person_id = $1 ORDER BY s.recorded_at DESC LIMIT 100`,
    [personId],
  );
}

/** Other suspects linked to a child this person is linked to: a group of offenders known to one another. */
export async function associatesCount(tx: Tx, personId: string): Promise<number> {
  const row = await tx.one<{ n: number }>(
    `WITH children AS (${linkedChildrenSql('$1')})
     SELECT count(DISTINCT x.person_id)::int AS n FROM (
       SELECT s.person_id FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
        WHERE l.child_person_id IN (SELECT * FROM children)
       UNION ALL
       SELECT rp.person_id FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
        WHERE rp.role = 'SUSPECT' AND v.person_id IN (SELECT * FROM children)
     ) x WHERE x.person_id <> $1`,
    [personId],
  );
  return row.n;
}
