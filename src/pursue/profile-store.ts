/**
 * SQL of a person's monitoring profile (migration 048): the only writer of `pursue_profile`, insert only;
 * the latest row is the answer. Reads under row-level security.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { Recorder } from './store.ts';

export interface ProfileRow {
  ethnicity: string;
  nationality: string;
  recorded_by: string;
  recorded_at: Date;
}

export async function insertProfile(
  tx: Tx,
  personId: string,
  ethnicity: string,
  nationality: string,
  by: Recorder,
): Promise<void> {
  await tx.query(
    `INSERT INTO pursue_profile (person_id, ethnicity, nationality, recorded_by_user, recorded_by_label, agency_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [personId, ethnicity, nationality, by.userId, by.label, by.agencyId],
  );
}

/** The latest answers, or null when none has been recorded. */
export async function latestProfileOf(tx: Tx, personId: string): Promise<ProfileRow | null> {
  const rows = await tx.query<ProfileRow>(
    `SELECT pr.ethnicity, pr.nationality, ${actorNameSql('pr.recorded_by_label')} AS recorded_by, pr.recorded_at
       FROM pursue_profile pr WHERE pr.person_id = $1 ORDER BY pr.recorded_at DESC LIMIT 1`,
    [personId],
  );
  return rows[0] ?? null;
}

/**
 * The ethnicity referrals gave for the person, offered first on the form: the latest suspect referral's,
 * else the latest record's about them (as the kept facts read it for the completeness, migration 050).
 */
export async function referredEthnicityOf(tx: Tx, personId: string): Promise<string | null> {
  const row = await tx.one<{ ethnicity: string | null }>(
    `SELECT coalesce((SELECT s.suspect_ethnicity FROM suspect_referral s
                       WHERE s.person_id = $1 AND s.suspect_ethnicity IS NOT NULL
                       ORDER BY s.received_at DESC LIMIT 1),
                     (SELECT sr.ethnicity FROM source_record sr
                       WHERE sr.person_id = $1 AND sr.ethnicity IS NOT NULL
                       ORDER BY sr.submitted_at DESC LIMIT 1)) AS ethnicity`,
    [personId],
  );
  return row.ethnicity;
}

export interface CompletenessRow {
  people: number;
  ethnicity_recorded: number;
  ethnicity_not_stated: number;
  ethnicity_refused: number;
  nationality_recorded: number;
  nationality_not_stated: number;
  nationality_refused: number;
}

/**
 * How complete the partnership's monitoring is, over the people in its priorities (eliminated people left
 * out): counts only, by the database (migration 050), for the Pursue readers.
 */
export function completeness(tx: Tx): Promise<CompletenessRow> {
  return tx.one<CompletenessRow>('SELECT * FROM lantern_pursue_monitoring_completeness()');
}
