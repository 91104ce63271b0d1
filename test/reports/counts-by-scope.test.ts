/**
 * The one-pass reading of the briefing's counts (migration 037, decision 0032): for every scope and period,
 * `lantern_briefing_counts_by_scope` returns exactly the rows `lantern_briefing_counts` returns for that
 * scope and period alone, on a data set with three areas, every division and none, children referred in
 * more than one area and division, and periods that meet, overlap and hold nothing; and the counts the
 * service keeps (by the facts' change marker) are never older than the facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { Scope } from '../../src/reports/briefing.ts';
import { BriefingCountCache, scopeCounts } from '../../src/reports/briefing-counts.ts';
import {
  briefingCountRows,
  briefingCountRowsByScope,
  briefingFactMarker,
} from '../../src/reports/briefing-store.ts';
import { compactBriefingCounts } from '../../src/reports/compaction.ts';
import { count } from '../../src/reports/figure-tables.ts';
import type { Period } from '../../src/reports/period.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createKnownReportDatabase } from './support.ts';

let t: TestDatabase;

const AREAS = [null, 'LANCASHIRE', 'BLACKPOOL', 'BLACKBURN_WITH_DARWEN', 'NOWHERE'];
const DIVISIONS = [null, 'EAST', 'SOUTH', 'WEST', 'NORTH'];
/** Every area with every division (and each alone, and the partnership). */
const SCOPES: Scope[] = AREAS.flatMap((area) => DIVISIONS.map((division) => ({ area, division })));
const PERIODS: Period[] = [
  { from: '2026-04-01', to: '2026-09-30' },
  { from: '2025-10-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-04-30' },
  { from: '2026-05-15', to: '2026-08-20' },
  { from: '2026-06-01', to: '2026-06-01' },
  { from: '2024-01-01', to: '2024-03-31' },
];

const q = (sql: string, params?: unknown[]) => t.superuserQuery(sql, params);
const system = <T>(work: Parameters<typeof withTransaction<T>>[2]) =>
  withTransaction(t.db, systemContext('test'), work);
const rowList = (rows: readonly { figure: string; category: string; n: string | number }[]) =>
  rows.map((r) => `${r.figure}:${r.category}=${Number(r.n)}`).sort();

/** A copy of a referral of the known data set, for the same child, elsewhere or at another time. */
async function referAgain(
  reference: string,
  from: string,
  at: string,
  area: string,
  division: string | null,
) {
  await q(
    `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
       referred_by_label, practitioner_name, cin_referral_source, received_at, exploitation_type, category,
       concerns, exploitation_model, contact_method, consent, urgency, area, division, outcome,
       prior_referrals_12m, prior_referrals_ever)
     SELECT gen_random_uuid(), $1, person_id, child_source_record_id, referring_agency_id, referred_by_label,
            practitioner_name, cin_referral_source, $3, exploitation_type, category, concerns, exploitation_model,
            contact_method, consent, urgency, $4, $5, outcome, 0, 0
       FROM victim_referral WHERE reference = $2`,
    [reference, from, at, area, division],
  );
}

beforeAll(async () => {
  t = await createKnownReportDatabase();
  // A third area, the south division and none; children referred again in another area or division, in
  // the same period and the one before, some with section 20 and 31 outcomes; suspects moved.
  await referAgain('VR-S-1', 'VR-T-0', '2026-05-20T10:00:00Z', 'BLACKBURN_WITH_DARWEN', 'SOUTH');
  await referAgain('VR-S-2', 'VR-T-0', '2026-07-02T10:00:00Z', 'LANCASHIRE', 'WEST');
  await referAgain('VR-S-3', 'VR-T-3', '2026-02-02T10:00:00Z', 'BLACKPOOL', null);
  await referAgain('VR-S-4', 'VR-T-3', '2026-06-01T10:00:00Z', 'BLACKBURN_WITH_DARWEN', null);
  await referAgain('VR-S-5', 'VR-T-20', '2026-06-01T11:00:00Z', 'BLACKPOOL', 'SOUTH');
  await referAgain('VR-S-6', 'VR-T-21', '2025-12-24T10:00:00Z', 'BLACKBURN_WITH_DARWEN', 'SOUTH');
  await q(`UPDATE victim_referral SET outcome = 'S20' WHERE reference IN ('VR-S-1', 'VR-S-4', 'VR-S-6')`);
  await q(`UPDATE victim_referral SET outcome = 'S31' WHERE reference IN ('VR-S-2', 'VR-S-5')`);
  await q(
    `UPDATE suspect_referral SET division = 'SOUTH', area = 'BLACKBURN_WITH_DARWEN' WHERE reference = 'SR-T-2'`,
  );
  await q(`UPDATE victim_referral SET division = NULL WHERE reference IN ('VR-T-7', 'VR-T-8')`);
});
afterAll(async () => {
  await t?.dispose();
});

/** Every period and scope read one at a time, against all of them read at once. */
async function expectOnePassEqualsEachScope(): Promise<void> {
  const [alone, together] = await system(async (tx) => {
    const alone = [];
    for (const period of PERIODS)
      for (const scope of SCOPES) alone.push(rowList(await briefingCountRows(tx, period, scope)));
    return [alone, await briefingCountRowsByScope(tx, PERIODS, SCOPES)] as const;
  });
  let i = 0;
  for (const [p, period] of PERIODS.entries())
    for (const [s, scope] of SCOPES.entries()) {
      const mine = together.filter((r) => Number(r.period) === p + 1 && Number(r.scope) === s + 1);
      expect({ period, scope, rows: rowList(mine) }).toEqual({ period, scope, rows: alone[i++] });
    }
  expect(together.every((r) => typeof r.n === 'string' || Number.isInteger(r.n))).toBe(true);
}

describe('the briefing counts read in one pass', () => {
  it('are, for every scope and period, the rows the single-scope function returns', async () => {
    const partnership = await system((tx) => briefingCountRows(tx, PERIODS[0]!, SCOPES[0]!));
    // The data set is what it should be: three areas, the south division, referrals without one.
    expect(rowList(partnership)).toEqual(
      expect.arrayContaining(['referral.division:NOT_RECORDED=3', 'referral.division:SOUTH=2']),
    );
    expect(rowList(partnership).filter((r) => r.startsWith('children.outcome:'))).toHaveLength(3);
    await expectOnePassEqualsEachScope();
  });

  it('stay so after the day counts are folded and the facts change again', async () => {
    await compactBriefingCounts(t.db);
    await q(`UPDATE victim_referral SET area = 'BLACKPOOL', division = 'SOUTH' WHERE reference = 'VR-S-4'`);
    await q(
      `DELETE FROM referral_person WHERE referral_id = (SELECT id FROM victim_referral WHERE reference = 'VR-T-1')`,
    );
    await expectOnePassEqualsEachScope();
  });

  it('refuse a caller without statistics permissions, and periods or scopes not in pairs', async () => {
    const request = { ...systemContext('test'), purpose: 'request' as const, permissions: ['case:read'] };
    await expect(
      withTransaction(t.db, request, (tx) => briefingCountRowsByScope(tx, PERIODS, SCOPES)),
    ).rejects.toThrow(/stats:published/);
    await expect(withTransaction(t.db, request, (tx) => briefingFactMarker(tx))).rejects.toThrow(
      /stats:published/,
    );
    await expect(
      system((tx) =>
        tx.query(`SELECT * FROM lantern_briefing_counts_by_scope('{2026-04-01}', '{}', '{NULL}', '{NULL}')`),
      ),
    ).rejects.toThrow(/in pairs/);
    await expect(system((tx) => tx.query('SELECT * FROM briefing_fact_change'))).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('the counts kept by the facts’ change marker', () => {
  const period = PERIODS[0]!;
  const scopes: Scope[] = [SCOPES[0]!, { area: 'LANCASHIRE', division: null }];
  const read = (cache: BriefingCountCache) =>
    system((tx) => scopeCounts(tx, [period, PERIODS[1]!], scopes, cache));

  it('are given again, unread, while nothing has changed, and never once a referral is recorded', async () => {
    const cache = new BriefingCountCache();
    const first = await read(cache);
    expect(cache.size).toBe(4);
    const again = await read(cache);
    // The very counts kept: no aggregate was read for them.
    expect(again[0]![0]).toBe(first[0]![0]);
    expect(again[1]![1]).toBe(first[1]![1]);
    const before = count(first[0]![0]!, 'referral.total');
    await referAgain('VR-S-7', 'VR-T-4', '2026-08-08T10:00:00Z', 'LANCASHIRE', 'EAST');
    const after = await read(cache);
    expect(count(after[0]![0]!, 'referral.total')).toBe(before + 1);
    expect(count(after[0]![1]!, 'referral.total')).toBe(count(first[0]![1]!, 'referral.total') + 1);
    expect(after[1]![0]).not.toBe(first[1]![0]);
    expect(after[1]![0]).toEqual(first[1]![0]);
  });

  it('outlive folding, which changes no count, and are not kept from a transaction that changed facts', async () => {
    const cache = new BriefingCountCache();
    const first = await read(cache);
    const marker = await system(briefingFactMarker);
    await compactBriefingCounts(t.db);
    expect(await system(briefingFactMarker)).toBe(marker);
    expect((await read(cache))[0]![0]).toBe(first[0]![0]);
    // Changed and read in one transaction (which may yet roll back): no marker, so nothing kept or given.
    const client = await t.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('lantern.purpose', 'system', true)`);
      expect((await client.query('SELECT lantern_briefing_fact_marker() AS m')).rows[0].m).toBe(marker);
      await client.query(
        `UPDATE victim_referral SET category = 'VICTIM_OF_CRIME' WHERE reference = 'VR-T-1' AND category <> 'VICTIM_OF_CRIME'`,
      );
      await client.query(`UPDATE victim_referral SET outcome = 'S47' WHERE reference = 'VR-T-2'`);
      expect((await client.query('SELECT lantern_briefing_fact_marker() AS m')).rows[0].m).toBeNull();
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await system(briefingFactMarker)).toBe(marker);
    expect((await read(cache))[0]![0]).toBe(first[0]![0]);
  });

  it('change with a statement that changes the facts, and not with one that changes nothing of them', async () => {
    const marker = await system(briefingFactMarker);
    await q(
      `UPDATE victim_referral SET practitioner_name = practitioner_name || ' ' WHERE reference = 'VR-T-3'`,
    );
    expect(await system(briefingFactMarker)).toBe(marker);
    await q(`UPDATE victim_referral SET outcome = 'S17' WHERE reference = 'VR-T-3'`);
    const changed = await system(briefingFactMarker);
    expect(changed).not.toBe(marker);
    // Folding the change log keeps the marker.
    await compactBriefingCounts(t.db);
    expect(await system(briefingFactMarker)).toBe(changed);
    expect(Number((await q('SELECT count(*) AS n FROM briefing_fact_change')).rows[0].n)).toBe(1);
  });
});
