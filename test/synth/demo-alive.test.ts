/**
 * The demo looks alive (issue 13, item 8): loaded as `lantern demo` loads it, the due lists as of the end of
 * the period hold a plausible working day's work, not months of breaches. Partnerships complete strategy
 * actions, reassess children at each review and interview children who come home; what is open or overdue
 * is recent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS, mashWindow } from '../../src/synth/load-mash.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

const PERIOD_END = '2026-11-27';
const OPTIONS = {
  // The demo's own scale and window; before issue 13 item 8 this load left 42 of 339 strategy actions
  // overdue (the oldest due in June) and 144 of 297 assessed children's reviews overdue (since August).
  scale: 1,
  seed: 1,
  months: 6,
  periodEnd: PERIOD_END,
  openWorkingDays: DEMO_OPEN_WORKING_DAYS,
} as const;
const SECRET = 'synthetic-demo-alive-test-session-secret-0123456789';
const DAY = 86_400_000;
// "Now" for the demo's due lists: the first instant after the period.
const asOf = new Date(mashWindow(PERIOD_END, 6, DEMO_OPEN_WORKING_DAYS).asOfMs);
const endDate = asOf.toISOString().slice(0, 10);

let t: TestDatabase;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await t.superuserQuery(sql, params)).rows[0] as T;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemoPartnership(t.db, SECRET);
  await loadPopulation(t.db, OPTIONS);
});
afterAll(async () => {
  await t?.dispose();
});

describe('the demo’s due lists as of the end of the period', () => {
  it('leaves only a few recent strategy actions overdue', async () => {
    const c = await one<{ actions: number; overdue: number; oldest: string | null }>(
      `SELECT count(*)::int AS actions,
              count(*) FILTER (WHERE completed_at IS NULL AND due_date < $1::date)::int AS overdue,
              to_char(min(due_date) FILTER (WHERE completed_at IS NULL AND due_date < $1::date), 'YYYY-MM-DD') AS oldest
         FROM strategy_action`,
      [endDate],
    );
    expect(c.actions).toBeGreaterThan(200);
    expect(c.overdue).toBeGreaterThan(0);
    expect(c.overdue / c.actions).toBeLessThanOrEqual(0.02);
    // 20 working days is four weeks: nothing older than that is left undone.
    expect(Date.parse(c.oldest!)).toBeGreaterThanOrEqual(asOf.getTime() - 28 * DAY);
  });

  it('records that each strategy discussion decided on a section 47 enquiry, so the conference is due', async () => {
    const c = await one<{ discussions: number; recorded: number }>(
      `SELECT count(*)::int AS discussions, count(*) FILTER (WHERE section_47)::int AS recorded
         FROM strategy_discussion`,
    );
    expect(c.discussions).toBeGreaterThan(0);
    expect(c.recorded).toBe(c.discussions);
  });

  it('has reassessed children at each review, with a few reviews lapsed recently', async () => {
    const c = await one<{ assessed: number; overdue: number; oldest: string | null; repeated: number }>(
      `SELECT count(*)::int AS assessed,
              count(*) FILTER (WHERE cse_review_due < $1::date)::int AS overdue,
              to_char(min(cse_review_due) FILTER (WHERE cse_review_due < $1::date), 'YYYY-MM-DD') AS oldest,
              (SELECT count(*)::int FROM (SELECT person_id FROM risk_assessment GROUP BY person_id
                                          HAVING count(*) > 1) x) AS repeated
         FROM person WHERE cse_risk_level IS NOT NULL AND merged_into IS NULL`,
      [endDate],
    );
    expect(c.assessed).toBeGreaterThan(200);
    expect(c.repeated).toBeGreaterThan(0);
    expect(c.overdue).toBeGreaterThan(0);
    expect(c.overdue / c.assessed).toBeLessThanOrEqual(0.05);
    expect(Date.parse(c.oldest!)).toBeGreaterThanOrEqual(asOf.getTime() - 28 * DAY);
    // The person's flag follows their latest assessment.
    const stale = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM person p
         JOIN LATERAL (SELECT final_level, next_review_date FROM risk_assessment a WHERE a.person_id = p.id
                        ORDER BY assessed_at DESC LIMIT 1) l ON true
        WHERE p.cse_risk_level IS DISTINCT FROM l.final_level OR p.cse_review_due IS DISTINCT FROM l.next_review_date`,
    );
    expect(stale.n).toBe(0);
  });

  it('leaves only the last fortnight’s repeat-missing tasks open', async () => {
    const c = await one<{ tasks: number; open: number; oldest: Date | null }>(
      `SELECT count(*)::int AS tasks, count(*) FILTER (WHERE done_at IS NULL)::int AS open,
              min(created_at) FILTER (WHERE done_at IS NULL) AS oldest
         FROM mash_task`,
    );
    expect(c.tasks).toBeGreaterThan(0);
    if (c.oldest) expect(new Date(c.oldest).getTime()).toBeGreaterThanOrEqual(asOf.getTime() - 14 * DAY);
    const future = await one<{ n: number }>('SELECT count(*)::int AS n FROM mash_task WHERE done_at > $1', [
      asOf,
    ]);
    expect(future.n).toBe(0);
  });

  it('has interviewed children who came home, with only recent interviews still due', async () => {
    const c = await one<{ open: number; oldest: Date | null; future: number }>(
      `SELECT count(*) FILTER (WHERE r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED')::int AS open,
              min(e.returned_at) FILTER (WHERE r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED') AS oldest,
              count(*) FILTER (WHERE r.completed_at > $1 OR r.responded_at > $1 OR r.offered_at > $1)::int AS future
         FROM missing_episode e JOIN return_home_interview r ON r.episode_id = e.id`,
      [asOf],
    );
    // Nothing is recorded as done after "now"; what is still to do came home in the last fortnight.
    expect(c.future).toBe(0);
    expect(c.open).toBeGreaterThan(0);
    expect(new Date(c.oldest!).getTime()).toBeGreaterThanOrEqual(asOf.getTime() - 14 * DAY);
  });

  it('keeps research requests and breaches on the open episodes of the last working days', async () => {
    const c = await one<{
      research: number;
      oldest_research: Date | null;
      breached: number;
      oldest_breach: Date | null;
    }>(
      `SELECT (SELECT count(*)::int FROM research_request WHERE status = 'REQUESTED') AS research,
              (SELECT min(requested_at) FROM research_request WHERE status = 'REQUESTED') AS oldest_research,
              (SELECT count(*)::int FROM mash_episode WHERE closed_at IS NULL AND breached_at IS NOT NULL) AS breached,
              (SELECT min(received_at) FROM mash_episode WHERE closed_at IS NULL) AS oldest_breach`,
    );
    expect(c.research).toBeGreaterThan(0);
    expect(new Date(c.oldest_research!).getTime()).toBeGreaterThanOrEqual(asOf.getTime() - 14 * DAY);
    expect(new Date(c.oldest_breach!).getTime()).toBeGreaterThanOrEqual(asOf.getTime() - 14 * DAY);
  });
});
