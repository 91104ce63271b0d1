/**
 * The briefing's kept facts (migration 011) against the registry read directly: after the known dataset is
 * written, and again after every kind of change the registry goes through (decisions, divisions set late,
 * merges, missing flags (which no longer count), missing episodes, referrals added out of order or moved in time, suspects unlinked, episodes
 * decided, disposals removed), every count for every scope and several periods is the same both ways; and
 * folding the appended deltas together changes no count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { fetchCounts, type Scope } from '../../src/reports/briefing.ts';
import { compactBriefingCounts } from '../../src/reports/compaction.ts';
import { countsFrom } from '../../src/reports/figures.ts';
import type { Period } from '../../src/reports/period.ts';
import { type TestDatabase, testEngine } from '../support/engines.ts';
import { countList, REFERENCE_COUNTS_SQL } from './reference-counts.ts';
import { createKnownReportDatabase } from './support.ts';

let t: TestDatabase;

const SCOPES: Scope[] = [
  { area: null, division: null },
  { area: 'LANCASHIRE', division: null },
  { area: 'BLACKPOOL', division: null },
  { area: null, division: 'EAST' },
  { area: null, division: 'SOUTH' },
  { area: 'LANCASHIRE', division: 'EAST' },
  { area: 'BLACKPOOL', division: 'WEST' },
];
const PERIODS: Period[] = [
  { from: '2026-04-01', to: '2026-09-30' },
  { from: '2025-10-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-04-30' },
  { from: '2026-05-15', to: '2026-08-20' },
];

async function kept(period: Period, scope: Scope): Promise<string[]> {
  return countList(
    await withTransaction(t.db, systemContext('test'), (tx) => fetchCounts(tx, period, scope)),
  );
}

async function direct(period: Period, scope: Scope): Promise<string[]> {
  const result = await t.superuserQuery(REFERENCE_COUNTS_SQL, [
    period.from,
    period.to,
    scope.area,
    scope.division,
  ]);
  return countList(countsFrom(result.rows));
}

/** Every scope and period: the kept counts equal the direct ones (and the period is not empty). */
async function expectAgreement(): Promise<void> {
  for (const period of PERIODS)
    for (const scope of SCOPES) {
      const expected = await direct(period, scope);
      expect({ period, scope, counts: await kept(period, scope) }).toEqual({
        period,
        scope,
        counts: expected,
      });
    }
}

const q = (sql: string, params?: unknown[]) => t.superuserQuery(sql, params);
const personOf = async (reference: string) =>
  (await q('SELECT person_id FROM victim_referral WHERE reference = $1', [reference])).rows[0]
    .person_id as string;

beforeAll(async () => {
  t = await createKnownReportDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe('the kept briefing facts', () => {
  it('agree with the registry once the known dataset is written', async () => {
    const all = await kept(PERIODS[0]!, SCOPES[0]!);
    expect(all).toContain('referral.total:ALL=27');
    expect(all).toContain('children.total:ALL=20');
    await expectAgreement();
  });

  it('follow decisions, late divisions and decided episodes', async () => {
    await q(`UPDATE victim_referral SET outcome = 'S20' WHERE reference IN ('VR-T-22', 'VR-T-23')`);
    await q(`UPDATE victim_referral SET division = 'SOUTH' WHERE reference IN ('VR-T-0', 'VR-T-5')`);
    await q(`UPDATE mash_episode SET decided_at = received_at + interval '30 hours', stage = 'CLOSED'
              WHERE referral_id = (SELECT id FROM victim_referral WHERE reference = 'VR-T-9')`);
    const south = await kept(PERIODS[0]!, { area: null, division: 'SOUTH' });
    expect(south).toContain('referral.total:ALL=2');
    expect(south).toContain('suspect.linked_total:ALL=3');
    await expectAgreement();
  });

  it('follow a merge of two children and a change of missing flags', async () => {
    const into = await personOf('VR-T-0');
    await q(`UPDATE victim_referral SET person_id = $1 WHERE reference IN ('VR-T-11', 'VR-T-12')`, [into]);
    await q('UPDATE person SET repeat_missing = NOT repeat_missing WHERE id = $1', [
      await personOf('VR-T-13'),
    ]);
    expect(await kept(PERIODS[0]!, SCOPES[0]!)).toContain('children.total:ALL=18');
    await expectAgreement();
  });

  it('follow missing episodes recorded late, moved and removed, and people merged with theirs', async () => {
    const missing = async () =>
      (await kept(PERIODS[0]!, SCOPES[0]!)).filter((c) => c.startsWith('children.missing:'));
    const before = await missing();
    const episode = (person: string, at: string) =>
      q(
        `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id,
           reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
         SELECT $1, 'MISSING', 'HOME', $2, id, 'School', 'test', 'LOW', 'LOW', 'LANCASHIRE'
           FROM agency WHERE code = 'RPT-POLICE' RETURNING id`,
        [person, at],
      );
    const moreThanOnce = (counts: string[]) =>
      Number(counts.find((c) => c.includes('MISSING_MORE_THAN_ONCE'))?.split('=')[1] ?? 0);
    // VR-T-20 (received 21 June): two episodes recorded late, before it; one after it counts for nothing.
    const child = await personOf('VR-T-20');
    await episode(child, '2026-06-01T20:00:00Z');
    await episode(child, '2026-06-10T20:00:00Z');
    await episode(child, '2026-07-01T20:00:00Z');
    expect(moreThanOnce(await missing())).toBe(moreThanOnce(before) + 1);
    await expectAgreement();
    // One moved to after the referral, then removed; a repeat-missing child's first episode moved away.
    await q(
      `UPDATE missing_episode SET reported_at = '2026-06-25T20:00:00Z'
              WHERE person_id = $1 AND reported_at = '2026-06-10T20:00:00Z'`,
      [child],
    );
    expect(await missing()).toEqual(before);
    await q(`DELETE FROM missing_episode WHERE person_id = $1`, [child]);
    await q(
      `UPDATE missing_episode SET reported_at = reported_at - interval '200 days'
              WHERE person_id = $1 AND reported_at = '2026-03-10T12:00:00Z'`,
      [await personOf('VR-T-0')],
    );
    expect(await missing()).not.toEqual(before);
    await expectAgreement();
    // A record with three episodes merged into the child of VR-T-24 (and the merge undone).
    const merged = (
      await q(
        `INSERT INTO person (forename, surname, gender, agency_ids, areas)
               SELECT 'Child', 'Merged', 'FEMALE', agency_ids, areas FROM person WHERE id = $1 RETURNING id`,
        [await personOf('VR-T-24')],
      )
    ).rows[0].id as string;
    for (const day of ['05', '06', '07']) await episode(merged, `2026-04-${day}T20:00:00Z`);
    await q('UPDATE person SET merged_into = $2 WHERE id = $1', [merged, await personOf('VR-T-24')]);
    await expectAgreement();
    const withMerged = await missing();
    await q('UPDATE person SET merged_into = NULL WHERE id = $1', [merged]);
    expect(await missing()).not.toEqual(withMerged);
    await expectAgreement();
  });

  it('follow referrals added out of order, on the same day, and moved in time or place', async () => {
    for (const [suffix, at, area, division] of [
      ['A', '2026-04-02T08:00:00Z', 'BLACKPOOL', 'WEST'],
      ['B', '2026-04-02T09:00:00Z', 'BLACKPOOL', 'WEST'],
      ['C', '2026-03-20T09:00:00Z', 'LANCASHIRE', 'EAST'],
    ] as const)
      await q(
        `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
           referred_by_label, practitioner_name, cin_referral_source, received_at, exploitation_type, category,
           concerns, exploitation_model, contact_method, consent, urgency, area, division, outcome,
           prior_referrals_12m, prior_referrals_ever)
         SELECT gen_random_uuid(), 'VR-T-3' || $1, person_id, child_source_record_id, referring_agency_id,
                referred_by_label, practitioner_name, cin_referral_source, $2, exploitation_type, category, concerns,
                exploitation_model, contact_method, consent, urgency, $3, $4, 'S31', 0, 0
           FROM victim_referral WHERE reference = 'VR-T-3'`,
        [suffix, at, area, division],
      );
    await q(`UPDATE victim_referral SET received_at = '2026-10-05T10:00:00Z' WHERE reference = 'VR-T-1'`);
    await q(`UPDATE victim_referral SET area = 'BLACKPOOL', division = 'WEST' WHERE reference = 'VR-T-2'`);
    await expectAgreement();
  });

  it('follow suspects unlinked, suspect referrals moved and disposals removed', async () => {
    await q(
      `DELETE FROM referral_person WHERE referral_id = (SELECT id FROM victim_referral WHERE reference = 'VR-T-1')`,
    );
    await q(`UPDATE suspect_referral SET division = 'WEST', area = 'BLACKPOOL' WHERE reference = 'SR-T-2'`);
    await q(`DELETE FROM disposal WHERE type = 'INTELLIGENCE'`);
    await q(
      `UPDATE disposal SET sentence_months = 12 WHERE type = 'CONVICTION' AND disposed_at = '2026-08-01'`,
    );
    await expectAgreement();
  });

  // Only a server has two connections: the embedded database runs one transaction at a time.
  it.runIf(testEngine() === 'postgres')(
    'count a child once when two agencies refer her in overlapping transactions',
    async () => {
      const child = (
        await q(`INSERT INTO person (forename, surname, gender, agency_ids, areas)
                 SELECT 'Child', 'Concurrent', 'FEMALE', agency_ids, areas FROM person
                  WHERE id = (SELECT person_id FROM victim_referral WHERE reference = 'VR-T-4') RETURNING id`)
      ).rows[0].id as string;
      const insert = (reference: string, at: string) =>
        `INSERT INTO victim_referral (id, reference, person_id, referring_agency_id, referred_by_label,
           practitioner_name, cin_referral_source, received_at, exploitation_type, category, concerns,
           exploitation_model, contact_method, consent, urgency, area, division, prior_referrals_12m,
           prior_referrals_ever)
         SELECT gen_random_uuid(), '${reference}', '${child}', referring_agency_id, referred_by_label,
                practitioner_name, cin_referral_source, '${at}', exploitation_type, category, concerns,
                exploitation_model, contact_method, consent, urgency, area, division, 0, 0
           FROM victim_referral WHERE reference = 'VR-T-4'`;
      const first = await t.db.pool.connect();
      const second = await t.db.pool.connect();
      try {
        await first.query('BEGIN');
        await second.query('BEGIN');
        await first.query(insert('VR-T-CONC-1', '2026-06-10T10:00:00Z'));
        let secondDone = false;
        const secondInsert = second.query(insert('VR-T-CONC-2', '2026-06-11T10:00:00Z')).then(() => {
          secondDone = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(secondDone).toBe(false); // waits for the first to finish with this child
        await first.query('COMMIT');
        await secondInsert;
        await second.query('COMMIT');
      } finally {
        first.release();
        second.release();
      }
      const facts = await q(
        `SELECT prev_p, next_p FROM briefing_run WHERE kind = 'CHILD' AND person_id = $1 ORDER BY day`,
        [child],
      );
      expect(facts.rows.map((r) => [r.prev_p !== null, r.next_p !== null])).toEqual([
        [false, true],
        [true, false],
      ]);
      await expectAgreement();
    },
  );

  it.runIf(testEngine() === 'postgres')(
    'count an episode recorded while another transaction refers the same child',
    async () => {
      const child = await personOf('VR-T-25');
      const first = await t.db.pool.connect();
      const second = await t.db.pool.connect();
      try {
        await first.query('BEGIN');
        await second.query('BEGIN');
        // Two earlier episodes: the referral written at the same time must count them both.
        await first.query(
          `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id,
             reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
           SELECT $1, 'MISSING', 'HOME', at, id, 'School', 'test', 'LOW', 'LOW', 'LANCASHIRE'
             FROM agency, unnest(ARRAY['2026-07-01T20:00:00Z', '2026-07-02T20:00:00Z']::timestamptz[]) at
            WHERE code = 'RPT-POLICE'`,
          [child],
        );
        const referral = second.query(
          `INSERT INTO victim_referral (id, reference, person_id, referring_agency_id, referred_by_label,
             practitioner_name, cin_referral_source, received_at, exploitation_type, category, concerns,
             exploitation_model, contact_method, consent, urgency, area, division, prior_referrals_12m,
             prior_referrals_ever)
           SELECT gen_random_uuid(), 'VR-T-CONC-EP', person_id, referring_agency_id, referred_by_label,
                  practitioner_name, cin_referral_source, '2026-07-10T10:00:00Z', exploitation_type, category,
                  concerns, exploitation_model, contact_method, consent, urgency, area, division, 0, 0
             FROM victim_referral WHERE reference = 'VR-T-25'`,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        await first.query('COMMIT');
        await referral;
        await second.query('COMMIT');
      } finally {
        first.release();
        second.release();
      }
      const facts = await q(
        `SELECT child_missing_more_than_once_at_referral AS more FROM victim_referral WHERE reference = 'VR-T-CONC-EP'`,
      );
      expect(facts.rows[0].more).toBe(true);
      await expectAgreement();
    },
  );

  it('are out of the application role’s reach: only the aggregate function reads them', async () => {
    for (const table of [
      'briefing_count',
      'briefing_run',
      'briefing_run_child',
      'briefing_run_suspect',
      'briefing_publication',
      'repeat_missing_rule',
    ])
      await expect(
        withTransaction(t.db, systemContext('test'), (tx) => tx.query(`SELECT * FROM ${table} LIMIT 1`)),
      ).rejects.toThrow(/permission denied/);
  });

  it('keep every count when the appended deltas are folded together', async () => {
    const rows = async () => (await q('SELECT count(*)::int AS n FROM briefing_count')).rows[0].n as number;
    const before = await rows();
    const removed = await compactBriefingCounts(t.db);
    expect(removed).toBeGreaterThan(0);
    expect(await rows()).toBe(before - removed);
    await expectAgreement();
    expect(await compactBriefingCounts(t.db)).toBe(0);
    await expect(q('SELECT lantern_briefing_compact()')).rejects.toThrow(/only the system/);
  });
});
