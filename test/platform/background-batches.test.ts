/**
 * Issue 22 item 2: the scheduled jobs work in bounded batches, each its own transaction, so that a request
 * never waits long behind them on the embedded engine. Every row is still handled: breach marking marks
 * all of 1,200 overdue episodes in batches of 500 (three batches) and nothing else; folding the briefing's
 * deltas a day window at a time leaves one row per key with the same totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markBreaches } from '../../src/mash/service.ts';
import { inBatches } from '../../src/platform/jobs/batches.ts';
import { compactBriefingCounts } from '../../src/reports/compaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

let t: TestDatabase;
const NOW = new Date('2026-10-01T12:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.dispose();
});

/**
 * Episodes straight into the table, their referral and person left out: with triggers (foreign keys, the
 * statistics facts) off for the insert, as only the breach marker's columns matter here.
 */
async function insertEpisodes(
  n: number,
  deadline: string,
  closed: boolean,
  area = 'TEST-AREA',
): Promise<void> {
  await t.superuserQuery(`BEGIN;
    SET LOCAL session_replication_role = replica;
    INSERT INTO mash_episode (referral_id, person_id, area, received_at, stage, rag, rag_deadline,
                              decision_deadline, closed_at)
    SELECT gen_random_uuid(), gen_random_uuid(), '${area}', '2026-09-01T09:00:00Z',
           ${closed ? "'CLOSED'" : "'TRIAGE'"}, 'RED', '${deadline}'::timestamptz - (i || ' minutes')::interval,
           '2026-09-10T09:00:00Z', ${closed ? "'2026-09-02T09:00:00Z'" : 'NULL'}
      FROM generate_series(1, ${n}) AS i;
    COMMIT;`);
}

async function count(sql: string): Promise<number> {
  return Number((await t.superuserQuery(sql)).rows[0].n);
}

describe('background work in bounded batches', () => {
  it('runs steps until one finds less than a full batch, letting other work in between them', async () => {
    let left = 1234;
    const order: string[] = [];
    const seen: number[] = [];
    const run = await inBatches(
      async (limit) => {
        // Other work queued during the first step runs before the second only if the job yields.
        if (order.length === 0) setImmediate(() => order.push('other'));
        order.push('step');
        const n = Math.min(limit, left);
        left -= n;
        return n;
      },
      { batchSize: 100, onBatch: (n) => seen.push(n) },
    );
    expect(run).toEqual({ rows: 1234, batches: 13 });
    expect(seen.at(-1)).toBe(34);
    expect(order.slice(0, 3)).toEqual(['step', 'other', 'step']);
    await expect(inBatches(async () => 0, { batchSize: 0 })).rejects.toThrow(/batchSize/);
  });

  it('marks all 1,200 overdue episodes in three batches of at most 500, and nothing else', async () => {
    await insertEpisodes(1200, '2026-09-30T12:00:00Z', false);
    await insertEpisodes(40, '2026-10-03T12:00:00Z', false); // not yet due
    await insertEpisodes(30, '2026-09-20T12:00:00Z', true); // closed before its deadline passed
    const batches: number[] = [];
    const marked = await markBreaches(t.db, NOW, { batchSize: 500, onBatch: (n) => batches.push(n) });
    expect(marked).toBe(1200);
    expect(batches).toEqual([500, 500, 200]);
    expect(
      await count(`SELECT count(*) AS n FROM mash_episode WHERE breached_at = '${NOW.toISOString()}'`),
    ).toBe(1200);
    expect(
      await count(
        `SELECT count(*) AS n FROM mash_episode WHERE breached_at IS NULL AND closed_at IS NULL AND rag_deadline < '${NOW.toISOString()}'`,
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM mash_episode WHERE breached_at IS NULL')).toBe(70);
    // Nothing left: one step finds nothing and the job ends.
    const again: number[] = [];
    expect(await markBreaches(t.db, NOW, { batchSize: 500, onBatch: (n) => again.push(n) })).toBe(0);
    expect(again).toEqual([0]);
  });

  it('folds the briefing deltas a window of days at a time, every key to one row with the same total', async () => {
    // Three deltas a key for each of 60 days and two keys a day, beside whatever the database already holds.
    await t.superuserQuery(`INSERT INTO briefing_count (day, area, division, figure, category, n)
      SELECT DATE '2025-01-01' + d, 'TEST-AREA', k, 'TEST_FIGURE', 'ALL', 1
        FROM generate_series(0, 59) AS d, unnest(ARRAY['A', 'B']) AS k, generate_series(1, 3) AS r`);
    const totals = `SELECT count(*) AS rows, sum(n) AS total, count(DISTINCT (day, division)) AS keys
                      FROM briefing_count WHERE figure = 'TEST_FIGURE'`;
    const before = (await t.superuserQuery(totals)).rows[0];
    expect(Number(before.rows)).toBe(360);
    const steps: Array<{ from: string; to: string }> = [];
    const removed = await compactBriefingCounts(t.db, { windowDays: 1, onStep: (s) => steps.push(s) });
    expect(removed).toBeGreaterThanOrEqual(240);
    const after = (await t.superuserQuery(totals)).rows[0];
    expect(Number(after.rows)).toBe(120);
    expect(Number(after.total)).toBe(360);
    expect(Number(after.keys)).toBe(120);
    // Many steps, each window following the last with no gap or overlap.
    expect(steps.length).toBeGreaterThan(1);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.from).toBe(steps[i - 1]!.to);
    expect(await compactBriefingCounts(t.db)).toBe(0);
    await expect(
      t.superuserQuery("SELECT lantern_briefing_compact_days('2025-01-01', '2025-02-01')"),
    ).rejects.toThrow(/only the system/);
  });
});
