/**
 * Issue 15, item 2 (decision 0025): the briefing's facts about a child are those at the referral. A closed
 * period's briefing does not move when later episodes are recorded (and the missing module sets the child's
 * flags from them); an episode recorded late but dated before a referral changes it; an episode just
 * before an old referral counts for it; the age is the age on the referral's day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeChild, recordRepeatMissingRule } from '../../src/missing/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { type Briefing, type Mode, runBriefing } from '../../src/reports/briefing.ts';
import { renderExport } from '../../src/reports/export.ts';
import { withRevision } from '../../src/reports/publication.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createKnownReportDatabase } from './support.ts';

let t: TestDatabase;
const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const GENERATED = new Date('2026-12-06T12:00:00Z');

const q = (sql: string, params?: unknown[]) => t.superuserQuery(sql, params);
const personOf = async (reference: string) =>
  (await q('SELECT person_id FROM victim_referral WHERE reference = $1', [reference])).rows[0]
    .person_id as string;

/** The briefing as produced on 6 December 2026 (a closed period: its first production is recorded). */
function briefing(mode: Mode): Promise<Briefing> {
  return withTransaction(t.db, systemContext('test'), async (tx) =>
    withRevision(
      tx,
      await runBriefing(tx, { period: PERIOD, scope: { area: null, division: null }, mode }, GENERATED),
      GENERATED,
    ),
  );
}
/** The briefing as the API and the JSON export answer it. */
const briefingJson = async (mode: Mode) => JSON.stringify(await briefing(mode));
const value = (b: Briefing, name: string, category: string) =>
  b.figures[name]!.rows.find((r) => r.category === category)?.value;
const repeatMissing = (b: Briefing) => value(b, 'children.repeat_missing_share', 'REPEAT_MISSING');
const moreThanOnce = (b: Briefing) =>
  value(b, 'children.missing_more_than_once_share', 'MISSING_MORE_THAN_ONCE');

/** Records episodes of a child, then has the missing module set the child's flags from them, as it does. */
async function recordEpisodes(person: string, starts: string[], now = GENERATED): Promise<void> {
  for (const at of starts)
    await q(
      `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id,
         reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
       SELECT $1, 'MISSING', 'HOME', $2, id, 'School', 'test', 'LOW', 'LOW', 'LANCASHIRE'
         FROM agency WHERE code = 'RPT-POLICE'`,
      [person, at],
    );
  await withTransaction(t.db, systemContext('test'), (tx) =>
    recomputeChild(tx, person, [], 'LANCASHIRE', { now }),
  );
}

beforeAll(async () => {
  t = await createKnownReportDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

describe('the facts of a closed period', () => {
  it('stay byte-identical when later episodes of its children are recorded', async () => {
    const published = await briefingJson('published');
    const operational = await briefingJson('operational');
    // Children of the period, never missing before, now repeat missing (and flagged so) in November.
    for (const reference of ['VR-T-12', 'VR-T-15', 'VR-T-21'])
      await recordEpisodes(await personOf(reference), [
        '2026-11-01T18:00:00Z',
        '2026-11-08T18:00:00Z',
        '2026-11-15T18:00:00Z',
      ]);
    const flags = await q('SELECT repeat_missing, missing_more_than_once FROM person WHERE id = $1', [
      await personOf('VR-T-12'),
    ]);
    expect(flags.rows[0]).toEqual({ repeat_missing: true, missing_more_than_once: true });
    expect(await briefingJson('published')).toBe(published);
    expect(await briefingJson('operational')).toBe(operational);
    expect(JSON.parse(published).revision).toBeNull();
  });

  it('change when an episode dated before one of its referrals is recorded late', async () => {
    const before = await briefing('operational');
    // VR-T-13 was received on 14 May: two earlier episodes are recorded now.
    await recordEpisodes(await personOf('VR-T-13'), ['2026-05-01T18:00:00Z', '2026-05-05T18:00:00Z']);
    const after = await briefing('operational');
    expect(moreThanOnce(after)).toBe((moreThanOnce(before) as number) + 1);
    expect(repeatMissing(after)).toBe(repeatMissing(before));
    // ... and says so: revised since it was first produced, with what changed.
    expect(before.revision).toBeNull();
    expect(after.revision?.firstPublishedAt).toBe(GENERATED.toISOString());
    expect(after.revision?.changes).toContainEqual({
      figure: 'children.missing_more_than_once_share',
      figureLabel: after.figures['children.missing_more_than_once_share']!.label,
      category: 'MISSING_MORE_THAN_ONCE',
      label: 'Missing more than once',
      was: moreThanOnce(before),
      now: moreThanOnce(after),
    });
    expect(after.revision?.changes.every((c) => c.was !== c.now)).toBe(true);
    const csv = String(await renderExport(after, 'csv'));
    expect(csv).toContain(
      `Revised since first published on 6 December 2026: ${after.figures['children.missing_more_than_once_share']!.label}: Missing more than once ${moreThanOnce(before)} → ${moreThanOnce(after)}`,
    );
    expect(JSON.parse(String(await renderExport(after, 'json'))).revision.changes.length).toBeGreaterThan(0);
  });

  it('count an episode just before an old referral for that referral, whatever the flags say now', async () => {
    const before = await briefing('operational');
    // VR-T-14 was received at 11:00 on 15 June (UK): the third episode began an hour before it.
    const child = await personOf('VR-T-14');
    await recordEpisodes(child, ['2026-06-01T18:00:00Z', '2026-06-08T18:00:00Z', '2026-06-15T09:00:00Z']);
    // Today (December) the run has lapsed: the child is not repeat missing now.
    const flag = await q('SELECT repeat_missing FROM person WHERE id = $1', [child]);
    expect(flag.rows[0].repeat_missing).toBe(false);
    const after = await briefing('operational');
    expect(repeatMissing(after)).toBe((repeatMissing(before) as number) + 1);
    expect(moreThanOnce(after)).toBe((moreThanOnce(before) as number) + 1);
  });

  it('do not count an episode that began after the referral, even on the same day', async () => {
    const before = await briefing('operational');
    // VR-T-16 was received at 11:00 on 17 August (UK).
    await recordEpisodes(await personOf('VR-T-16'), ['2026-08-10T18:00:00Z', '2026-08-17T10:30:00Z']);
    expect(moreThanOnce(await briefing('operational'))).toBe(moreThanOnce(before));
  });
});

describe('the age of the child', () => {
  it('is the age on the referral’s day, also when the referral is moved in time', async () => {
    // Born 20 June 2008: 17 when referred on 10 June 2026, 18 today.
    const child = (
      await q(`INSERT INTO person (forename, surname, dob, gender, agency_ids, areas)
               SELECT 'Child', 'Turning', '2008-06-20', 'FEMALE', agency_ids, areas FROM person
                WHERE id = (SELECT person_id FROM victim_referral WHERE reference = 'VR-T-3') RETURNING id`)
    ).rows[0].id as string;
    const record = (
      await q(
        `INSERT INTO source_record (person_id, agency_id, submitted_by_label, provenance, subject_role, forename,
           surname, dob, gender)
         SELECT $1, referring_agency_id, 'test', 'test', 'CHILD', 'Child', 'Turning', '2008-06-20', 'FEMALE'
           FROM victim_referral WHERE reference = 'VR-T-3' RETURNING id`,
        [child],
      )
    ).rows[0].id as string;
    const before = await briefing('operational');
    await q(
      `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
         referred_by_label, practitioner_name, cin_referral_source, received_at, exploitation_type, category,
         concerns, exploitation_model, contact_method, consent, urgency, area, division, prior_referrals_12m,
         prior_referrals_ever)
       SELECT gen_random_uuid(), 'VR-T-AGE', $1, $2, referring_agency_id, referred_by_label, practitioner_name,
              cin_referral_source, '2026-06-10T10:00:00Z', exploitation_type, category, concerns,
              exploitation_model, contact_method, consent, urgency, area, division, 0, 0
         FROM victim_referral WHERE reference = 'VR-T-3'`,
      [child, record],
    );
    const age = (b: Briefing, category: string) => value(b, 'children.age', category) ?? 0;
    const referred = await briefing('operational');
    expect(age(referred, '17')).toBe((age(before, '17') as number) + 1);
    expect(age(referred, '18_AND_OVER')).toBe(age(before, '18_AND_OVER'));
    // Received after her birthday after all: 18 on that day.
    await q(`UPDATE victim_referral SET received_at = '2026-06-25T10:00:00Z' WHERE reference = 'VR-T-AGE'`);
    const moved = await briefing('operational');
    expect(age(moved, '17')).toBe(age(before, '17'));
    expect(age(moved, '18_AND_OVER')).toBe((age(before, '18_AND_OVER') as number) + 1);
  });
});

describe('the repeat missing rule', () => {
  it('is the configured one: a change works every referral out again', async () => {
    const setRule = (episodes: number, windowDays: number) =>
      withTransaction(t.db, systemContext('test'), (tx) =>
        recordRepeatMissingRule(tx, { episodes, windowDays }),
      );
    const before = await briefing('operational');
    expect(await setRule(3, 90)).toBe(false);
    expect(await setRule(2, 90)).toBe(true);
    const looser = await briefing('operational');
    // Every child missing more than once within 90 days of a referral is now repeat missing at it.
    expect(repeatMissing(looser) as number).toBeGreaterThan(repeatMissing(before) as number);
    expect(await setRule(3, 90)).toBe(true);
    expect(JSON.stringify(await briefing('operational'))).toBe(JSON.stringify(before));
    await expect(q('SELECT lantern_set_repeat_missing_rule(2, 90)')).rejects.toThrow(/only the system/);
    // Nor may anyone without the statistics permission of its mode read a first publication.
    await expect(
      q(
        `SELECT * FROM lantern_briefing_first_publication('2026-04-01', '2026-09-30', NULL, NULL, 'operational')`,
      ),
    ).rejects.toThrow(/statistics permission/);
  });
});

describe('a referral written after the child’s episodes', () => {
  /** A new referral like `like`, for `person`, received at `at`: its facts as the database set them. */
  async function writeReferral(like: string, person: string, at: string) {
    const { rows } = await q(
      `INSERT INTO victim_referral
       SELECT (jsonb_populate_record(NULL::victim_referral, to_jsonb(v) || jsonb_build_object(
                 'id', gen_random_uuid(), 'reference', v.reference || '-' || left(gen_random_uuid()::text, 8),
                 'person_id', $2::uuid,
                 'received_at', $3::timestamptz))).*
         FROM victim_referral v WHERE v.reference = $1
       RETURNING child_repeat_missing_at_referral AS repeat, child_missing_more_than_once_at_referral AS more`,
      [like, person, at],
    );
    return rows[0] as { repeat: boolean; more: boolean };
  }

  it('has the facts of the episodes begun before it, the child’s own or a merged record’s', async () => {
    // The child of VR-T-14 had three episodes in the fortnight to 15 June (recorded above).
    const child = await personOf('VR-T-14');
    expect(await writeReferral('VR-T-14', child, '2026-06-16T10:00:00Z')).toEqual({
      repeat: true,
      more: true,
    });
    expect(await writeReferral('VR-T-14', child, '2026-06-01T10:00:00Z')).toEqual({
      repeat: false,
      more: false,
    });
    // A record merged into another child brings its episodes: the other child's new referral counts them.
    const other = await personOf('VR-T-18');
    expect(await writeReferral('VR-T-18', other, '2026-06-16T10:00:00Z')).toEqual({
      repeat: false,
      more: false,
    });
    await q('UPDATE person SET merged_into = $2 WHERE id = $1', [child, other]);
    expect(await writeReferral('VR-T-18', other, '2026-06-16T11:00:00Z')).toEqual({
      repeat: true,
      more: true,
    });
  });
});
