/**
 * Issue 22 item 2: the scheduled jobs work in bounded batches, each its own transaction, so that a request
 * never waits long behind them on the embedded engine. Every row is still handled: breach marking marks
 * all of 1,200 overdue episodes in batches of 500 (three batches) and nothing else, and without a batch
 * size paces its steps; folding the briefing's deltas a window of days, or a part of a day's keys, at a
 * time leaves one row per key with the same totals.
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

  it('without a batch size, paces each step to the last one: slow steps take fewer rows, quick ones more', async () => {
    const busyFor = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const slow: number[] = [];
    // Two milliseconds a row: the first step (50 rows) takes 100 ms, four times the 25 ms a step aims at.
    let left = 200;
    await inBatches(async (limit) => {
      slow.push(limit);
      const n = Math.min(limit, left);
      busyFor(n * 2);
      left -= n;
      return n;
    });
    expect(slow[0]).toBe(50);
    expect(slow[1]).toBeLessThan(50);
    const quick: number[] = [];
    left = 100_000;
    await inBatches(async (limit) => {
      quick.push(limit);
      const n = Math.min(limit, left);
      left -= n;
      return n;
    });
    expect(quick.slice(0, 3)).toEqual([50, 200, 800]);
    expect(left).toBe(0);
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
    await expect(
      t.superuserQuery("SELECT * FROM lantern_briefing_fold_part('2025-01-01', '2025-02-01', 0, 2)"),
    ).rejects.toThrow(/only the system/);
  });

  it('folds a day that holds more than a step in parts of its keys, cut finer as it goes, every key to one row', async () => {
    // 3,000 rows on one day (300 keys, ten deltas each) and 240 on the next: with steps of 100 rows, the
    // first day's 8 parts hold more than a step each, and the parts left are cut finer.
    await t.superuserQuery(`INSERT INTO briefing_count (day, area, division, figure, category, n)
      SELECT DATE '2024-06-03', 'TEST-AREA', 'K' || k, 'PARTS_FIGURE', 'ALL', 1
        FROM generate_series(1, 300) AS k, generate_series(1, 10) AS r
      UNION ALL
      SELECT DATE '2024-06-04', 'TEST-AREA', 'K' || k, 'PARTS_FIGURE', 'ALL', 2
        FROM generate_series(1, 80) AS k, generate_series(1, 3) AS r`);
    const totals = `SELECT day::text, count(*)::int AS rows, sum(n)::int AS total, count(DISTINCT division)::int AS keys
                      FROM briefing_count WHERE figure = 'PARTS_FIGURE' GROUP BY day ORDER BY day`;
    // The parts of a day (ranges of the keys' hashes) hold its keys between them, each key in one part,
    // and part r of 4 is parts 2r and 2r + 1 of 8.
    const inPart = (part: number, parts: number) =>
      t.superuserQuery(`SELECT count(DISTINCT division)::int AS keys FROM briefing_count, lantern_briefing_key_range(${part}, ${parts}) r
        WHERE figure = 'PARTS_FIGURE' AND day = '2024-06-03'
          AND hashtextextended(area || '|' || division || '|' || figure || '|' || category, 0) BETWEEN r.lo AND r.hi`);
    const eighths: number[] = [];
    for (let part = 0; part < 8; part++) eighths.push((await inPart(part, 8)).rows[0].keys);
    expect(eighths.reduce((sum, n) => sum + n, 0)).toBe(300);
    expect(eighths.filter((n) => n > 0).length).toBeGreaterThan(4);
    for (let part = 0; part < 4; part++)
      expect((await inPart(part, 4)).rows[0].keys).toBe(eighths[2 * part]! + eighths[2 * part + 1]!);
    expect(
      (await t.superuserQuery('SELECT lo::text, hi::text FROM lantern_briefing_key_range(0, 1)')).rows,
    ).toEqual([{ lo: '-9223372036854775808', hi: '9223372036854775807' }]);
    await expect(t.superuserQuery('SELECT * FROM lantern_briefing_key_range(2, 2)')).rejects.toThrow(
      /not a part/,
    );
    const steps: Array<{ from: string; part: number; parts: number; read: number; removed: number }> = [];
    await compactBriefingCounts(t.db, { stepRows: 100, onStep: (s) => steps.push(s) });
    expect((await t.superuserQuery(totals)).rows).toEqual([
      { day: '2024-06-03', rows: 300, total: 3_000, keys: 300 },
      { day: '2024-06-04', rows: 80, total: 480, keys: 80 },
    ]);
    const firstDay = steps.filter((s) => s.from === '2024-06-03');
    expect(firstDay.length).toBeGreaterThan(8);
    expect(firstDay.every((s) => s.parts >= 8)).toBe(true);
    expect(firstDay.some((s) => s.parts > 8)).toBe(true);
    expect(firstDay.reduce((sum, s) => sum + s.read, 0)).toBe(3_000);
    expect(firstDay.reduce((sum, s) => sum + s.removed, 0)).toBe(2_700);
    // The next day fits fewer parts (the pace grows steps that run under their time).
    const nextDay = steps.filter((s) => s.from === '2024-06-04');
    expect(nextDay.reduce((sum, s) => sum + s.removed, 0)).toBe(160);
  });
});
