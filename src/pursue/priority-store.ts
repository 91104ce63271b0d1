/**
 * The facts the priority score reads, kept per person by the database (migration 045, decision 0042), and
 * the score worked out from them for the day from the weights (`scoreSql`) and kept beside them, so that a
 * reading walks the scores from the top and only the people shown leave the database. Rows: the people the reader may see (row-level security on the facts and on
 * `person`); intelligence only for the police (`police`). No ethnicity, religion or nationality is kept or
 * selected: the score cannot use what it is never given.
 */
import type { Database } from '../platform/db/database.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { GRAVITY_KINDS, type GravityKind, type PriorityWeights } from './priority-rules.ts';

export interface PriorityFactsRow {
  list: 'TOP' | 'REVIEW';
  person_id: string;
  name: string | null;
  last_event_on: string;
  events_in_year: number;
  linked_children: number;
  kinds: GravityKind[];
  active_tactic: boolean;
  score: number;
}

const whole = (n: number): string => {
  if (!Number.isInteger(n)) throw new Error(`a priority weight must be a whole number: ${n}`);
  return String(n);
};

interface ScoreColumns {
  days: string;
  events: string;
  kinds: string;
  children: string;
}

/**
 * The score of `scoreOf` (priority-rules.ts) as SQL over the named columns. Built from the weights (whole
 * numbers and the fixed kind codes, never user input); `test/pursue/priority-facts.test.ts` checks it gives
 * `scoreOf`'s score for every person.
 */
export function scoreSql(w: PriorityWeights, c: ScoreColumns): string {
  const recency = `CASE ${w.recency.map((r) => `WHEN ${c.days} <= ${whole(r.withinDays)} THEN ${whole(r.points)}`).join(' ')} ELSE ${whole(w.recencyOtherwise)} END`;
  const frequency = `CASE ${w.frequency.map((f) => `WHEN ${c.events} >= ${whole(f.atLeast)} THEN ${whole(f.points)}`).join(' ')} ELSE ${whole(w.frequencyOtherwise)} END`;
  const byKind = `CASE ${GRAVITY_KINDS.map((k) => `WHEN '${k}' = ANY (${c.kinds}) THEN ${whole(w.gravity[k])}`).join(' ')} ELSE ${whole(w.gravity.NAMED)} END`;
  const byChildren = `CASE ${w.children.map((x) => `WHEN ${c.children} >= ${whole(x.atLeast)} THEN ${whole(x.points)}`).join(' ')} ELSE 0 END`;
  return `(${recency}) * (${frequency}) * greatest(${byKind}, ${byChildren})`;
}

/**
 * Scores up to `maxRows` people whose score is not yet today's (new facts, or a new day), for a police
 * reader and for any other. The system's work: run in a transaction of the system purpose.
 */
export async function scorePriorityFacts(
  tx: Tx,
  today: string,
  weights: PriorityWeights,
  maxRows: number,
): Promise<void> {
  await tx.query(
    // Never scored, then scored before today: each through the index on scored_on (an OR of the two read
    // every row, 40 ms at scale 100 on a reading with nothing to do).
    `WITH unscored AS (
       SELECT person_id FROM pursue_priority_fact WHERE scored_on IS NULL LIMIT $2 FOR UPDATE SKIP LOCKED
     ), outdated AS (
       SELECT person_id FROM pursue_priority_fact WHERE scored_on < $1::date LIMIT $2 FOR UPDATE SKIP LOCKED
     ), stale AS (
       SELECT person_id FROM unscored UNION SELECT person_id FROM outdated
     ), facts AS (
       SELECT f.person_id, greatest(f.last_event_on, f.last_intelligence_on) AS last_on_police,
              greatest(0, $1::date - greatest(f.last_event_on, f.last_intelligence_on)) AS p_days,
              (SELECT count(*) FROM unnest(f.event_days || f.intelligence_days) d WHERE d > $1::date - 365) AS p_events,
              CASE WHEN f.last_intelligence_on IS NOT NULL THEN f.kinds || 'INTELLIGENCE'::text ELSE f.kinds END AS p_kinds,
              greatest(0, $1::date - f.last_event_on) AS o_days,
              (SELECT count(*) FROM unnest(f.event_days) d WHERE d > $1::date - 365) AS o_events,
              f.kinds AS o_kinds, f.linked_children
         FROM pursue_priority_fact f JOIN stale USING (person_id)
     )
     UPDATE pursue_priority_fact f
        SET last_on_police = facts.last_on_police,
            score_police = ${scoreSql(weights, { days: 'p_days', events: 'p_events', kinds: 'p_kinds', children: 'facts.linked_children' })},
            -- Someone only intelligence names is not scored for readers who may not see intelligence.
            score_other = CASE WHEN facts.o_days IS NULL THEN NULL
              ELSE ${scoreSql(weights, { days: 'o_days', events: 'o_events', kinds: 'o_kinds', children: 'facts.linked_children' })} END,
            scored_on = $1::date
       FROM facts WHERE f.person_id = facts.person_id`,
    [today, maxRows],
  );
}

/** Changes queued and people not yet scored for `today`: what a reading may not yet reflect. */
export async function prioritiesWaiting(tx: Tx, today: string): Promise<number> {
  const row = await tx.one<{ n: string }>(
    `SELECT lantern_priority_backlog()
            + (SELECT count(*) FROM pursue_priority_fact WHERE scored_on IS NULL)
            + (SELECT count(*) FROM pursue_priority_fact WHERE scored_on < $1::date) AS n`,
    [today],
  );
  return Number(row.n);
}

/**
 * The `limit` highest scores, and the `limit` highest of those with no tactic in force scoring
 * `reviewFrom` or more, among the people the reader may see: each list walks the kept scores from the top
 * (an index) and stops at `limit` rows that pass row-level security.
 */
export async function priorityLists(
  tx: Tx,
  today: string,
  police: boolean,
  weights: PriorityWeights,
  limit: number,
  pseudonymous = false,
): Promise<PriorityFactsRow[]> {
  const [score, last] = police ? ['score_police', 'last_on_police'] : ['score_other', 'last_event_on'];
  const days = police ? 'f.event_days || f.intelligence_days' : 'f.event_days';
  const kinds = police
    ? `CASE WHEN f.last_intelligence_on IS NOT NULL THEN f.kinds || 'INTELLIGENCE'::text ELSE f.kinds END`
    : 'f.kinds';
  // An analyst's reading names no one: a pseudonym from the id, which opens nothing for them (migration 049).
  const who = pseudonymous
    ? `'Person ' || upper(left(md5(f.person_id::text), 6))`
    : `nullif(concat_ws(' ', p.forename, p.surname), '')`;
  const people = pseudonymous ? '' : 'JOIN person p ON p.id = f.person_id AND p.merged_into IS NULL';
  const list = (name: string, filter: string) =>
    `(SELECT '${name}' AS list, f.person_id, ${who} AS name,
             f.${last}::text AS last_event_on,
             (SELECT count(*) FROM unnest(${days}) d WHERE d > $1::date - 365)::int AS events_in_year,
             f.linked_children, ${kinds} AS kinds, coalesce(f.in_force_until >= $1::date, false) AS active_tactic,
             f.${score} AS score
        FROM pursue_priority_fact f ${people}
       WHERE NOT f.eliminated AND f.${score} IS NOT NULL ${filter}
       ORDER BY f.${score} DESC NULLS LAST, f.${last} DESC NULLS LAST, f.person_id LIMIT $2)`;
  // The planner cannot know how many rows row-level security lets through, guesses few, and sorts every
  // score (220 ms at scale 10 on the embedded engine) rather than walking the index (20 ms): sorting is
  // turned off for this statement alone, so that it walks.
  await tx.query(`SELECT set_config('enable_sort', 'off', true)`);
  try {
    return await tx.query<PriorityFactsRow>(
      `${list('TOP', '')} UNION ALL
       ${list('REVIEW', `AND NOT coalesce(f.in_force_until >= $1::date, false) AND f.${score} >= $3`)}`,
      [today, limit, weights.reviewFrom],
    );
  } finally {
    await tx.query(`SELECT set_config('enable_sort', 'on', true)`);
  }
}

/** Brings the kept facts up to date with what was recorded since: up to `maxRows` queued changes. */
export async function catchUpPriorityFacts(tx: Tx, maxRows: number): Promise<void> {
  await tx.query('SELECT lantern_priority_catch_up($1)', [maxRows]);
}

export interface FunnelRow {
  charged: number;
  convicted: number;
  sentence_months: number;
}

/**
 * People charged, those of them convicted, and their custodial sentences in months: the partnership's
 * figure, counts only (migration 051; eliminated people included: a charge stays a charge).
 */
export async function funnel(tx: Tx): Promise<FunnelRow> {
  return tx.one<FunnelRow>('SELECT * FROM lantern_pursue_funnel()');
}

/**
 * Clears the dead rows the queue and the daily scores leave (every change queued is a row deleted, every
 * score a row rewritten). The embedded engine runs no autovacuum: at scale 100, after one full catch-up,
 * a reading with nothing to do took 45–57 ms instead of 6–20. Outside any transaction, as the owner.
 */
export async function vacuumPriorityFacts(db: Database): Promise<void> {
  await db.pool.query('VACUUM (ANALYZE) pursue_priority_dirty, pursue_priority_fact');
}
