/**
 * SQL for the child's missing facts: every episode start (a definer function), the flags kept on the person,
 * and the MASH strategy discussion task a run of repeat missing raises. The task row is written here rather
 * than through the MASH module, since missing sits below mash and may not import it.
 */

import { randomUUID } from 'node:crypto';
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** Every episode of the child, whoever reported it (a definer function, for the repeat rule only). */
export async function episodeStarts(tx: Tx, personId: string): Promise<{ id: string; startedAt: Date }[]> {
  const rows = await tx.query<{ episode_id: string; reported_at: Date }>(
    'SELECT episode_id, reported_at FROM lantern_missing_episode_starts($1)',
    [personId],
  );
  return rows.map((r) => ({ id: r.episode_id, startedAt: r.reported_at }));
}

/** Serialises episode writes for one child, so that two at once cannot both start a run. */
export async function lockChild(tx: Tx, personId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 7310))', [`missing:${personId}`]);
}

export async function setPersonFlags(
  tx: Tx,
  personId: string,
  flags: { repeatMissing: boolean; since: Date | null; moreThanOnce: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE person SET repeat_missing = $2, repeat_missing_since = $3, missing_more_than_once = $4 WHERE id = $1`,
    [personId, flags.repeatMissing, flags.since, flags.moreThanOnce],
  );
}

/**
 * Records the local rule that the database's own facts use (each referral's missing facts at the referral,
 * decision 0025); true when it changed, and every referral's facts were worked out again.
 */
export async function setDatabaseRule(
  tx: Tx,
  rule: { episodes: number; windowDays: number },
): Promise<boolean> {
  const row = await tx.one<{ changed: boolean }>(
    'SELECT lantern_set_repeat_missing_rule($1, $2) AS changed',
    [rule.episodes, rule.windowDays],
  );
  return row.changed;
}

export async function insertMashTask(
  tx: Tx,
  t: { personId: string; area: string; kind: string; description: string; sourceEpisodeId: string | null },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO mash_task (id, person_id, area, kind, description, source_episode_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, t.personId, t.area, t.kind, t.description, t.sourceEpisodeId],
  );
  return id;
}

export interface MashTaskRow {
  id: string;
  person_id: string;
  area: string;
  kind: string;
  description: string;
  source_episode_id: string | null;
  created_at: Date;
  done_at: Date | null;
  done_by_label: string | null;
}

export function mashTasksOf(tx: Tx, personId: string): Promise<MashTaskRow[]> {
  return tx.query<MashTaskRow>(
    `SELECT id, person_id, area, kind, description, source_episode_id, created_at, done_at, ${actorNameSql('done_by_label')} AS done_by_label
       FROM mash_task WHERE person_id = $1 ORDER BY created_at`,
    [personId],
  );
}

/** The children flagged repeat missing now (the daily refresh clears the lapsed ones). */
export async function childrenFlaggedRepeatMissing(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM person WHERE repeat_missing');
  return rows.map((r) => r.id);
}

/** The child's repeat-missing flag as kept on the person (false for a person the caller cannot see). */
export async function isFlaggedRepeatMissing(tx: Tx, personId: string): Promise<boolean> {
  const row = await tx.maybeOne<{ repeat_missing: boolean }>(
    'SELECT repeat_missing FROM person WHERE id = $1',
    [personId],
  );
  return row?.repeat_missing ?? false;
}

/** Every episode start of each of these children, in one read (the import's batch). */
export function episodeStartsOfChildren(
  tx: Tx,
  personIds: readonly string[],
): Promise<{ person_id: string; id: string; reported_at: Date }[]> {
  return tx.query<{ person_id: string; id: string; reported_at: Date }>(
    'SELECT person_id, id, reported_at FROM missing_episode WHERE person_id = ANY($1::uuid[])',
    [personIds],
  );
}

/** The flags of many children in one statement (the import's batch). */
export async function setFlagsOfChildren(
  tx: Tx,
  flags: readonly { id: string; repeat: boolean; since: Date | null; more: boolean }[],
): Promise<void> {
  await tx.query(
    `UPDATE person p SET repeat_missing = f.repeat, repeat_missing_since = f.since, missing_more_than_once = f.more
       FROM unnest($1::uuid[], $2::boolean[], $3::timestamptz[], $4::boolean[]) AS f(id, repeat, since, more)
      WHERE p.id = f.id`,
    [flags.map((f) => f.id), flags.map((f) => f.repeat), flags.map((f) => f.since), flags.map((f) => f.more)],
  );
}

/**
 * Victim referrals received in [from, to), each with the start (epoch seconds) of every episode of its child
 * reported up to the referral: the briefing's missing facts. Reads referrals, which the referrals module
 * owns, because missing sits below referrals and may not import it; the query only counts.
 */
export function referralsWithEpisodeStarts(
  tx: Tx,
  period: { from: Date; to: Date },
): Promise<{ received_at: Date; starts: (string | number)[] }[]> {
  return tx.query<{ received_at: Date; starts: (string | number)[] }>(
    `SELECT r.received_at,
            coalesce(array_agg(extract(epoch FROM e.reported_at)::float8 ORDER BY e.reported_at)
                     FILTER (WHERE e.id IS NOT NULL), '{}') AS starts
       FROM victim_referral r
       LEFT JOIN missing_episode e ON e.person_id = r.person_id AND e.reported_at <= r.received_at
      WHERE r.received_at >= $1 AND r.received_at < $2
      GROUP BY r.id, r.received_at`,
    [period.from, period.to],
  );
}

export interface OpenMashTaskRow {
  id: string;
  person_id: string;
  area: string;
  description: string;
  created_at: Date;
  forename: string | null;
  surname: string | null;
}

/** Open MASH tasks of these hub areas (row-level security keeps them to the caller's hubs). */
export function openMashTasks(tx: Tx, areas: readonly string[]): Promise<OpenMashTaskRow[]> {
  return tx.query<OpenMashTaskRow>(
    `SELECT t.id, t.person_id, t.area, t.description, t.created_at, p.forename, p.surname
       FROM mash_task t LEFT JOIN person p ON p.id = t.person_id
      WHERE t.done_at IS NULL AND t.area = ANY($1::text[]) ORDER BY t.created_at LIMIT 500`,
    [areas],
  );
}

/** Marks an open task done; false when there is no such open task the caller may change. */
export async function completeMashTask(tx: Tx, id: string, label: string, at: Date): Promise<boolean> {
  const rows = await tx.query(
    'UPDATE mash_task SET done_at = $3, done_by_label = $2 WHERE id = $1 AND done_at IS NULL RETURNING 1',
    [id, label, at],
  );
  return rows.length === 1;
}

/** The task as the caller may see it (null when it does not exist or is out of their sight). */
export function findMashTask(tx: Tx, id: string): Promise<{ area: string; done_at: Date | null } | null> {
  return tx.maybeOne<{ area: string; done_at: Date | null }>(
    'SELECT area, done_at FROM mash_task WHERE id = $1',
    [id],
  );
}
