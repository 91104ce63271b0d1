/**
 * The demo as `lantern demo --scale 1 --seed 1` loads it (the demo partnership, six months of synthetic
 * population to 30 September 2026, the registry deduplicated), and the briefing's exact counts for the
 * partnership and each of its areas, over April to September 2026 and the six months before.
 */
import { runBatchDedupe } from '../../src/people/batch-dedupe.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { fetchCounts } from '../../src/reports/briefing.ts';
import { partnershipAreas } from '../../src/reports/briefing-store.ts';
import type { Counts } from '../../src/reports/figures.ts';
import { type Period, previousPeriod } from '../../src/reports/period.ts';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createFilledTestDatabase } from '../support/filled-database.ts';

export const DEMO_PERIOD: Period = { from: '2026-04-01', to: '2026-09-30' };

/** A test database holding the demo (made once per run: see filled-database.ts). */
export const createDemoDatabase = (): Promise<TestDatabase> => createFilledTestDatabase('demo', loadDemo);

export async function loadDemo(t: TestDatabase): Promise<void> {
  await loadDemoPartnership(t.db, 'demo-briefing-test-session-secret-0123456789');
  const loaded = await loadPopulation(t.db, { scale: 1, seed: 1, months: 6 });
  if (loaded.status !== 'loaded') throw new Error(`the demo did not load: ${loaded.status}`);
  await runBatchDedupe(t.db, async () => {});
}

export interface ScopeCounts {
  /** null: the whole partnership. */
  area: string | null;
  current: Counts;
  previous: Counts;
}

/** The partnership first, then each area. */
export async function demoCounts(t: TestDatabase): Promise<ScopeCounts[]> {
  return withTransaction(t.db, systemContext('test'), async (tx) => {
    const areas = await partnershipAreas(tx);
    const out: ScopeCounts[] = [];
    for (const area of [null, ...areas]) {
      const scope = { area, division: null };
      out.push({
        area,
        current: await fetchCounts(tx, DEMO_PERIOD, scope),
        previous: await fetchCounts(tx, previousPeriod(DEMO_PERIOD), scope),
      });
    }
    return out;
  });
}

/** Counts as plain JSON (for a fixture) and back. */
export const countsToJson = (c: Counts) =>
  Object.fromEntries([...c].map(([k, v]) => [k, Object.fromEntries(v)]));
