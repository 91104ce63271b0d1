import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { generatePopulation } from '../../src/synth/index.ts';
import { type LoadResult, loadPopulation } from '../../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS, mashWindow } from '../../src/synth/load-mash.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

// As `lantern demo` loads it: the last working days' referrals are still open in the MASH.
const OPTIONS = { scale: 1, seed: 1, months: 6, openWorkingDays: DEMO_OPEN_WORKING_DAYS } as const;
const SECRET = 'synthetic-load-mash-test-session-secret-0123456789';

let t: TestDatabase;
let first: LoadResult;
const population = generatePopulation(OPTIONS);
const window = mashWindow(population.meta.periodEnd, 6, DEMO_OPEN_WORKING_DAYS);
// Open: received in the window and needing no social care outcome, so the statutory outcomes stay exact.
const isOpen = (v: { receivedAt: string; outcome: string }) =>
  Date.parse(v.receivedAt) >= window.openFromMs && v.outcome === 'NO_OUTCOME_REQUIRED';

async function rows<T>(sql: string): Promise<T[]> {
  return (await t.superuserQuery(sql)).rows as T[];
}
async function one<T>(sql: string): Promise<T> {
  return (await rows<T>(sql))[0]!;
}
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemoPartnership(t.db, SECRET);
  first = await loadPopulation(t.db, OPTIONS);
});
afterAll(async () => {
  await t?.dispose();
});

describe('loading the MASH’s work on the synthetic referrals', () => {
  it('opens an episode for every referral, with its clocks', async () => {
    expect(first.status).toBe('loaded');
    expect(first.notices).toEqual([]);
    const c = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM victim_referral) AS referrals,
              (SELECT count(*)::int FROM victim_referral v WHERE NOT EXISTS
                 (SELECT 1 FROM mash_episode e WHERE e.referral_id = v.id AND e.person_id = v.person_id
                    AND e.area = v.area AND e.received_at = v.received_at)) AS without,
              (SELECT count(*)::int FROM mash_episode WHERE decision_deadline <= received_at) AS bad_deadline,
              (SELECT count(*)::int FROM mash_episode WHERE rag IS NOT NULL AND rag <> 'BLUE' AND rag_deadline IS NULL) AS no_rag_deadline`,
    );
    expect(c).toEqual({
      referrals: population.victimReferrals.length,
      without: 0,
      bad_deadline: 0,
      no_rag_deadline: 0,
    });
  });

  it('decides the earlier referrals with the generator’s outcome, and closes them', async () => {
    const decided = population.victimReferrals.filter((v) => !isOpen(v));
    const truth = countBy(decided, (v) => v.outcome);
    const loaded = await rows<{ outcome: string; n: number }>(
      `SELECT d.social_care_outcome AS outcome, count(*)::int AS n FROM mash_decision d
         JOIN mash_episode e ON e.id = d.episode_id JOIN victim_referral v ON v.id = e.referral_id
        WHERE v.outcome = d.social_care_outcome AND v.status = 'DECIDED' AND v.outcome_at = d.decided_at
          AND e.stage = 'CLOSED' AND e.decided_at = d.decided_at AND e.closed_at = d.decided_at
        GROUP BY 1`,
    );
    expect(Object.fromEntries(loaded.map((r) => [r.outcome, r.n]))).toEqual(truth);
    // Every statutory outcome of the briefing is decided on the demo data, open work or not.
    expect(truth).toMatchObject({ S47: 120, S17: 46, S20: 6, S31: 3 });
    expect(truth['NO_OUTCOME_REQUIRED']).toBeGreaterThanOrEqual(483 * 0.97);
    // Decided and open together are the briefing's outcomes.
    expect(countBy(population.victimReferrals, (v) => v.outcome)).toEqual({
      NO_OUTCOME_REQUIRED: 483,
      S47: 120,
      S17: 46,
      S20: 6,
      S31: 3,
    });
    const consistent = await one<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE social_care_outcome = 'NO_OUTCOME_REQUIRED' AND statutory_measures <> '{}')::int AS nor_measures,
              count(*) FILTER (WHERE social_care_outcome <> 'NO_OUTCOME_REQUIRED' AND NOT social_care_outcome = ANY (statutory_measures))::int AS measures,
              count(*) FILTER (WHERE contact_outcome = 'NO_FURTHER_ACTION' AND nfa_reason IS NULL)::int AS nfa,
              count(*) FILTER (WHERE social_care_outcome = 'NO_OUTCOME_REQUIRED'
                AND contact_outcome NOT IN ('NO_FURTHER_ACTION', 'INFORMATION_AND_ADVICE', 'EARLY_HELP'))::int AS contact,
              count(*) FILTER (WHERE within_standard)::int AS within,
              count(*) FILTER (WHERE cin_factors <> '{}')::int AS factors
         FROM mash_decision`,
    );
    expect(consistent).toMatchObject({ nor_measures: 0, measures: 0, nfa: 0, contact: 0 });
    expect(consistent['within']).toBeGreaterThan(decided.length / 2);
    expect(consistent['within']).toBeLessThan(decided.length);
    expect(consistent['factors']).toBe(decided.filter((v) => v.assessmentFactors.length > 0).length);
    const open = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM victim_referral WHERE status = 'RECEIVED' AND outcome IS NULL`,
    );
    expect(open.n).toBe(population.victimReferrals.filter(isOpen).length);
  });

  it('records triage, research, contributions, sharing and strategy discussions', async () => {
    const c = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM mash_episode e WHERE e.rag IS NOT NULL AND NOT EXISTS
                 (SELECT 1 FROM rag_change r WHERE r.episode_id = e.id AND r.to_rag = e.rag)) AS untriaged,
              (SELECT count(*)::int FROM mash_episode e WHERE e.stage = 'CLOSED' AND
                 (SELECT count(*) FROM contribution c WHERE c.episode_id = e.id) NOT BETWEEN 2 AND 3) AS contributions,
              (SELECT count(*)::int FROM contribution c JOIN agency a ON a.id = c.agency_id
                WHERE (a.type = 'POLICE') <> (c.handling_code IS NOT NULL)) AS handling,
              (SELECT count(*)::int FROM contribution WHERE NOT releasable) AS withheld,
              (SELECT count(*)::int FROM contribution WHERE releasable) AS releasable,
              (SELECT count(*)::int FROM research_request r WHERE (r.status = 'CONTRIBUTED') <> EXISTS
                 (SELECT 1 FROM contribution c WHERE c.episode_id = r.episode_id AND c.agency_id = r.agency_id)) AS requests,
              (SELECT count(*)::int FROM sharing_decision WHERE decision = 'SHARE' AND recipients = '[]') AS share_nobody,
              (SELECT count(*)::int FROM sharing_decision WHERE decision = 'NOT_SHARE') AS not_share,
              (SELECT count(*)::int FROM mash_decision d WHERE 'S47' = ANY (d.statutory_measures) AND NOT EXISTS
                 (SELECT 1 FROM strategy_discussion s WHERE s.episode_id = d.episode_id)) AS s47_without_discussion,
              (SELECT count(*)::int FROM strategy_discussion s WHERE NOT EXISTS
                 (SELECT 1 FROM strategy_action a WHERE a.discussion_id = s.id)) AS no_actions`,
    );
    expect(c).toMatchObject({ untriaged: 0, contributions: 0, handling: 0, requests: 0, share_nobody: 0 });
    expect(c).toMatchObject({ s47_without_discussion: 0, no_actions: 0 });
    expect(c['withheld']).toBeGreaterThan(0);
    expect(c['releasable']).toBeGreaterThan(0);
    expect(c['not_share']).toBeGreaterThan(0);
  });

  it('leaves the last working days’ referrals open at every stage, some past their RAG deadline', async () => {
    const stages = await rows<{ stage: string; n: number; rag: number; breached: number; decided: number }>(
      `SELECT stage, count(*)::int AS n, count(rag)::int AS rag, count(breached_at)::int AS breached,
              count(decided_at)::int AS decided
         FROM mash_episode WHERE closed_at IS NULL GROUP BY stage ORDER BY stage`,
    );
    const by = Object.fromEntries(stages.map((s) => [s.stage, s]));
    expect(Object.keys(by).sort()).toEqual(['DISCUSSION', 'RESEARCH', 'TRIAGE']);
    expect(by['TRIAGE']!.rag).toBe(0);
    expect(by['RESEARCH']!.rag).toBe(by['RESEARCH']!.n);
    expect(stages.reduce((s, x) => s + x.decided, 0)).toBe(0);
    expect(stages.reduce((s, x) => s + x.n, 0)).toBe(population.victimReferrals.filter(isOpen).length);
    expect(stages.reduce((s, x) => s + x.breached, 0)).toBeGreaterThan(0);
    const discussion = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM mash_episode e WHERE e.stage = 'DISCUSSION'
          AND NOT EXISTS (SELECT 1 FROM strategy_discussion s WHERE s.episode_id = e.id)`,
    );
    expect(discussion.n).toBe(0);
  });

  it('assesses about half the decided children and sets their CSE flag from the latest assessment', async () => {
    const c = await one<Record<string, number>>(
      `SELECT (SELECT count(DISTINCT e.person_id)::int FROM mash_episode e WHERE e.stage = 'CLOSED') AS decided,
              (SELECT count(DISTINCT person_id)::int FROM risk_assessment) AS assessed,
              (SELECT count(*)::int FROM person p WHERE p.cse_risk_level IS NOT NULL) AS flagged,
              (SELECT count(*)::int FROM person p WHERE p.cse_risk_level IS DISTINCT FROM
                 (SELECT r.final_level FROM risk_assessment r WHERE r.person_id = p.id ORDER BY r.assessed_at DESC LIMIT 1)
                 OR p.cse_review_due IS DISTINCT FROM
                 (SELECT r.next_review_date FROM risk_assessment r WHERE r.person_id = p.id ORDER BY r.assessed_at DESC LIMIT 1)) AS wrong,
              (SELECT count(DISTINCT final_level)::int FROM risk_assessment) AS levels`,
    );
    expect(c['assessed']).toBeGreaterThan(c['decided']! * 0.35);
    expect(c['assessed']).toBeLessThan(c['decided']! * 0.7);
    expect(c['flagged']).toBe(c['assessed']);
    expect(c['wrong']).toBe(0);
    expect(c['levels']).toBeGreaterThanOrEqual(3);
  });

  it('loads missing episodes, the children’s missing facts, disposals and divisions', async () => {
    const c = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM missing_episode) AS episodes,
              (SELECT count(*)::int FROM return_home_interview) AS interviews,
              (SELECT count(*)::int FROM missing_episode WHERE placement_id IS NOT NULL) AS from_homes,
              (SELECT count(*)::int FROM disposal) AS disposals,
              (SELECT count(*)::int FROM victim_referral WHERE division IS NULL) AS no_division`,
    );
    expect(c['episodes']).toBe(population.missingEpisodes.length);
    // A child who comes home after the end of the period is still missing then: no interview yet.
    expect(c['interviews']).toBe(
      population.missingEpisodes.filter((e) => Date.parse(e.returnedAt) < window.asOfMs).length,
    );
    expect(c['from_homes']).toBe(population.missingEpisodes.filter((e) => e.from.childrensHomeCode).length);
    expect(c['disposals']).toBe(population.disposals.length);
    expect(c['no_division']).toBe(0);
    // The briefing's missing figures, per referral, through the facts kept on the person.
    const shares = await one<{ repeat: number; more: number; n: number }>(
      `SELECT count(*) FILTER (WHERE p.repeat_missing)::int AS repeat,
              count(*) FILTER (WHERE p.missing_more_than_once)::int AS more, count(*)::int AS n
         FROM victim_referral v JOIN person p ON p.id = v.person_id`,
    );
    expect(Math.round((100 * shares.repeat) / shares.n)).toBe(16);
    expect(Math.round((100 * shares.more) / shares.n)).toBe(40);
  });

  it('adds nothing when loaded again', async () => {
    const count = `SELECT (SELECT count(*) FROM mash_episode) + (SELECT count(*) FROM contribution)
                        + (SELECT count(*) FROM risk_assessment) + (SELECT count(*) FROM missing_episode)
                        + (SELECT count(*) FROM disposal) AS n`;
    const before = await one<{ n: string }>(count);
    const again = await loadPopulation(t.db, OPTIONS);
    expect(again.status).toBe('already-loaded');
    expect((await one<{ n: string }>(count)).n).toBe(before.n);
  });
});
