/**
 * Decision 0042 (both engines): the facts the database keeps per person for the Pursue priorities, and the
 * score it works out from them, are exactly those read afresh from the records. The oracle here re-reads
 * every referral, link, tactic, breach and piece of intelligence about every person (as a superuser, in
 * one query written for this test) and ranks them with `rank` of priority-rules.ts; the kept facts must give
 * the same people, in the same order, with the same scores, for a police reader and for any other, after a
 * synthetic population is loaded, after tactics, breaches, intelligence and eliminations are written, and
 * after one suspect is merged into another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import {
  type GravityKind,
  PRIORITY_WEIGHTS,
  type PriorityFacts,
  rank,
  withoutActiveTactic,
} from '../../src/pursue/priority-rules.ts';
import { bringPrioritiesUpToDate } from '../../src/pursue/priority-service.ts';
import { funnel, priorityLists } from '../../src/pursue/priority-store.ts';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from '../../src/synth/load-mash.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const today = formatLocalDate(toLocalDate(new Date()));

const NOTICES_AND_ORDERS = `('CAWN_S2', 'CAWN_S49', 'SHPO', 'SHPO_INTERIM', 'SRO', 'SRO_INTERIM', 'HOTEL_NOTICE',
  'CLOSURE_NOTICE', 'CLOSURE_ORDER', 'COMMUNITY_PROTECTION_NOTICE', 'CRIMINAL_BEHAVIOUR_ORDER')`;

/** Every person's facts read afresh from the records, as issue 17 defines them. */
async function oracle(police: boolean): Promise<PriorityFacts[]> {
  const { rows } = await t.superuserQuery(
    `WITH events AS (
       SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date AS day, 'SUSPECT_REFERRAL' AS kind,
              NULL::uuid AS child, true AS counts, false AS active FROM suspect_referral s
       UNION ALL
       SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date, 'SUSPECT_REFERRAL', l.child_person_id, false, false
         FROM suspect_child_link l JOIN suspect_referral s ON s.id = l.suspect_referral_id
       UNION ALL
       SELECT rp.person_id, (v.received_at AT TIME ZONE 'Europe/London')::date, 'NAMED', v.person_id, true, false
         FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT'
       UNION ALL
       SELECT i.person_id, (i.evaluated_at AT TIME ZONE 'Europe/London')::date, 'INTELLIGENCE', NULL, true, false
         FROM intelligence i WHERE i.person_id IS NOT NULL AND i.evaluated_at IS NOT NULL AND $2
       UNION ALL
       SELECT d.person_id, d.disposed_at,
              CASE WHEN d.type IN ('CONVICTION', 'CHARGE') THEN d.type
                   WHEN d.type IN ${NOTICES_AND_ORDERS} THEN 'NOTICE_OR_ORDER' ELSE 'OTHER_TACTIC' END,
              d.child_person_id, false,
              (d.type IN ${NOTICES_AND_ORDERS} AND (d.expires_on IS NULL OR d.expires_on >= $1::date))
              OR (d.type = 'CHARGE' AND d.disposed_at > $1::date - 365)
              OR (d.type = 'CONVICTION' AND d.disposed_at + make_interval(months => coalesce(d.sentence_months, 0)::int) > $1::date)
         FROM disposal d
       UNION ALL
       SELECT d.person_id, b.breached_on, 'BREACH', NULL, true, false
         FROM disruption_breach b JOIN disposal d ON d.id = b.disposal_id
     )
     SELECT e.person_id, nullif(concat_ws(' ', p.forename, p.surname), '') AS name, max(e.day)::text AS last_event_on,
            (count(*) FILTER (WHERE e.counts AND e.day > $1::date - 365))::int AS events_in_year,
            (count(DISTINCT e.child))::int AS linked_children, array_agg(DISTINCT e.kind) AS kinds,
            bool_or(e.active) AS active_tactic
       FROM events e JOIN person p ON p.id = e.person_id AND p.merged_into IS NULL
      WHERE coalesce((SELECT ps.status FROM pursue_status ps WHERE ps.person_id = p.id
                       ORDER BY ps.recorded_at DESC LIMIT 1), 'SUSPECT') <> 'ELIMINATED'
      GROUP BY e.person_id, p.forename, p.surname`,
    [today, police],
  );
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name ?? 'Name not recorded',
    lastEventOn: r.last_event_on,
    eventsInYear: r.events_in_year,
    linkedChildren: r.linked_children,
    kinds: r.kinds as GravityKind[],
    activeTactic: r.active_tactic,
  }));
}

/** The kept facts' ranking of everyone (a list as long as the people), after catching up. */
async function kept(police: boolean) {
  while ((await bringPrioritiesUpToDate(t.db, 500)) > 0);
  return withTransaction(t.db, systemContext('test'), (tx) =>
    priorityLists(tx, today, police, PRIORITY_WEIGHTS, 1_000_000),
  );
}

async function expectKeptToMatchOracle(): Promise<number> {
  for (const police of [true, false]) {
    const expected = rank(await oracle(police), today);
    const lists = await kept(police);
    const top = lists.filter((r) => r.list === 'TOP');
    expect(top.map((r) => [r.person_id, r.score, r.active_tactic, r.events_in_year])).toEqual(
      expected.map((e) => [e.personId, e.score, e.activeTactic, e.eventsInYear]),
    );
    // The rules' review list is what the kept scores' second walk must give.
    const review = lists.filter((r) => r.list === 'REVIEW').map((r) => r.person_id);
    expect(review).toEqual(withoutActiveTactic(expected).map((e) => e.personId));
  }
  // The funnel from the kept facts is the one counted from the tactics themselves.
  const { rows } = await t.superuserQuery(
    `WITH charged AS (SELECT DISTINCT person_id FROM disposal WHERE type = 'CHARGE')
     SELECT (SELECT count(*) FROM charged)::int AS charged,
            (SELECT count(DISTINCT d.person_id) FROM disposal d JOIN charged c USING (person_id) WHERE d.type = 'CONVICTION')::int AS convicted,
            (SELECT coalesce(sum(d.sentence_months), 0) FROM disposal d JOIN charged c USING (person_id) WHERE d.type = 'CONVICTION')::int AS sentence_months`,
  );
  expect(await withTransaction(t.db, systemContext('test'), (tx) => funnel(tx))).toEqual(rows[0]);
  return (await oracle(true)).length;
}

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoPartnership(t.db, t.config.sessionSecret);
  const loaded = await loadPopulation(t.db, {
    scale: 1,
    seed: 7,
    months: 8,
    openWorkingDays: DEMO_OPEN_WORKING_DAYS,
  });
  expect(loaded.status).toBe('loaded');
}, 240_000);
afterAll(() => t?.close());

describe('the kept priority facts', () => {
  it('are caught up by the loader: nothing waits, and the ranking is the oracle’s', async () => {
    const { rows } = await t.superuserQuery('SELECT count(*)::int AS n FROM pursue_priority_dirty');
    expect(rows[0].n).toBe(0);
    expect(await expectKeptToMatchOracle()).toBeGreaterThan(100);
  });

  it('are scored again on a new day (scores kept from yesterday are not read as today’s)', async () => {
    // Yesterday's scores, deliberately wrong, as if the day had turned since they were worked out.
    await t.superuserQuery(
      `UPDATE pursue_priority_fact SET scored_on = $1::date - 1, score_police = 1, score_other = 1`,
      [today],
    );
    await expectKeptToMatchOracle();
    const { rows } = await t.superuserQuery(
      'SELECT count(*)::int AS n FROM pursue_priority_fact WHERE scored_on IS DISTINCT FROM $1::date',
      [today],
    );
    expect(rows[0].n).toBe(0);
  });

  it('follow tactics, breaches, intelligence, eliminations and a merge written afterwards', async () => {
    const q = t.superuserQuery;
    const agency = (await q(`SELECT id FROM agency WHERE type = 'POLICE' ORDER BY code LIMIT 1`)).rows[0].id;
    const people = (
      await q('SELECT DISTINCT person_id FROM suspect_referral ORDER BY person_id LIMIT 40')
    ).rows.map((r) => r.person_id as string);
    // Notices without an end, a charge today, an expired order, a conviction with a sentence served.
    for (const [i, person] of people.slice(0, 12).entries()) {
      const [type, started, expires, months] = [
        ['CAWN_S2', today, null, null],
        ['CHARGE', today, null, null],
        ['SHPO', '2020-01-01', '2021-01-01', null],
        ['CONVICTION', '2021-06-01', null, 18],
        ['HOTEL_NOTICE', today, null, null],
        ['LICENSING_REVIEW_TAXI', today, null, null],
      ][i % 6]!;
      await q(
        `INSERT INTO disposal (person_id, type, disposed_at, expires_on, sentence_months, recorded_by_label, agency_id)
         VALUES ($1, $2, $3, $4, $5, 'test', $6)`,
        [person, type, started, expires, months, agency],
      );
    }
    // Caught up after each kind of write, so that each write's own queueing is what brings the facts up to date.
    await expectKeptToMatchOracle();
    await q(
      `INSERT INTO disruption_breach (disposal_id, breached_on, details, recorded_by_label, agency_id)
       SELECT id, current_date, 'Seen with the child', 'test', agency_id FROM disposal
        WHERE type = 'CAWN_S2' AND recorded_by_label = 'test'`,
    );
    for (const [i, person] of people.slice(12, 20).entries()) {
      await q(
        `INSERT INTO intelligence (reference, agency_id, submitted_by_label, about, what, source_grade,
           intelligence_grade, handling_code, sanitised, evaluated_by_label, evaluated_at, person_id)
         VALUES ($1, $2, 'test', 'A man', 'Seen at the park', '1', 'B', 'P', 'Seen at a park', 'test', now(), $3)`,
        [`INT-TEST-${i}`, agency, person],
      );
    }
    await expectKeptToMatchOracle();
    for (const person of people.slice(20, 24))
      await q(
        `INSERT INTO pursue_status (person_id, status, reason, recorded_by_label, agency_id)
         VALUES ($1, 'ELIMINATED', 'Alibi confirmed', 'test', $2)`,
        [person, agency],
      );
    await expectKeptToMatchOracle();
    // One suspect found to be another: their records move to the survivor.
    const [survivor, merged] = [people[30]!, people[31]!];
    await q('UPDATE person SET merged_into = $1 WHERE id = $2', [survivor, merged]);
    for (const table of ['suspect_referral', 'disposal', 'referral_person'])
      await q(`UPDATE ${table} SET person_id = $1 WHERE person_id = $2`, [survivor, merged]);
    await expectKeptToMatchOracle();
    const { rows } = await q('SELECT count(*)::int AS n FROM pursue_priority_fact WHERE person_id = $1', [
      merged,
    ]);
    expect(rows[0].n).toBe(0);
  });
});
