/**
 * Issue 7: the full partnership briefing (every figure, the period and the previous period) over
 * 1,000,000 victim referrals, on the embedded database and on PostgreSQL (BENCH_DATABASE_URL), against one
 * hand-written aggregate query over the same rows.
 *
 * BENCH_REFERRALS (default 1,000,000) victim referrals in the period; the data is described in
 * lib/briefing-data.ts.
 */
import { performance } from 'node:perf_hooks';
import type { Engine } from '../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { BriefingCountCache, fetchCounts, runBriefing, type Scope } from '../src/reports/briefing.ts';
import { readScopeCounts } from '../src/reports/briefing-counts.ts';
import { partnershipAreas } from '../src/reports/briefing-store.ts';
import { previousPeriod } from '../src/reports/period.ts';
import { fillBriefingData } from './lib/briefing-data.ts';
import { benchEngines, heading, openBenchDatabase } from './lib/support.ts';

const REFERRALS = Number(process.env['BENCH_REFERRALS'] ?? 1_000_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const PERIOD = { from: '2026-04-01', to: '2026-09-30' };

/** The first run's seconds (for a briefing: with its disclosure control worked out) and the best of RUNS. */
async function timed(work: () => Promise<unknown>): Promise<{ first: number; best: number }> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    runs.push((performance.now() - started) / 1000);
  }
  return { first: runs[0]!, best: Math.min(...runs) };
}
const time = async (work: () => Promise<unknown>) => (await timed(work)).best;

async function benchOne(engine: Engine) {
  const bench = await openBenchDatabase(engine);
  try {
    heading(`${engine}: ${bench.where}`);
    const filled = await fillBriefingData(bench.db, REFERRALS);
    const inPeriod = await bench.db.pool.query(
      `SELECT count(*)::int AS n FROM victim_referral WHERE received_at >= '2026-04-01 00:00+01' AND received_at < '2026-10-01 00:00+01'`,
    );
    console.log(
      `filled ${filled.rows.toLocaleString('en-GB')} rows in ${filled.seconds.toFixed(1)} s; ${Number(inPeriod.rows[0].n).toLocaleString('en-GB')} victim referrals in the period`,
    );
    const ctx = systemContext('bench-briefing');
    const { first, best: briefing } = await timed(() =>
      withTransaction(bench.db, ctx, (tx) =>
        runBriefing(tx, { period: PERIOD, scope: { area: null, division: null }, mode: 'published' }),
      ),
    );
    const divisionRuns = await timed(() =>
      withTransaction(bench.db, ctx, (tx) =>
        runBriefing(tx, { period: PERIOD, scope: { area: null, division: 'EAST' }, mode: 'published' }),
      ),
    );
    // As the service reads it (routes.ts): the counts kept by the facts' change marker, so a repeat view
    // with nothing changed reads only the marker (decision 0032). The first run reads and keeps them.
    const cache = new BriefingCountCache();
    const keptRuns = await timed(() =>
      withTransaction(bench.db, ctx, (tx) =>
        runBriefing(
          tx,
          { period: PERIOD, scope: { area: null, division: null }, mode: 'published' },
          new Date(),
          cache,
        ),
      ),
    );
    // The reading alone, as it was and as it is, taken in turns so that both see the same load: the
    // partnership and its areas for both periods, one scope and period at a time (eight calls of
    // lantern_briefing_counts), and all of them in one call of lantern_briefing_counts_by_scope.
    const scopes: Scope[] = [
      { area: null, division: null },
      ...(await withTransaction(bench.db, ctx, partnershipAreas)).map((area) => ({ area, division: null })),
    ];
    const periods = [PERIOD, previousPeriod(PERIOD)];
    const eachAlone: number[] = [];
    const onePass: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let started = performance.now();
      await withTransaction(bench.db, ctx, async (tx) => {
        for (const period of periods) for (const scope of scopes) await fetchCounts(tx, period, scope);
      });
      eachAlone.push((performance.now() - started) / 1000);
      started = performance.now();
      await withTransaction(bench.db, ctx, (tx) => readScopeCounts(tx, periods, scopes));
      onePass.push((performance.now() - started) / 1000);
    }
    const handWritten = await time(() =>
      withTransaction(bench.db, ctx, (tx) =>
        tx.query(
          `SELECT category, count(*) FROM victim_referral
            WHERE received_at >= '2026-04-01 00:00+01' AND received_at < '2026-10-01 00:00+01' GROUP BY category`,
        ),
      ),
    );
    const division = divisionRuns.best;
    console.log(
      `full briefing (all figures, period and previous period, partnership): ${briefing.toFixed(2)} s (best of ${RUNS}); ` +
        `first, with its disclosure control worked out: ${first.toFixed(2)} s`,
    );
    console.log(
      `full briefing for one division:                                     ${division.toFixed(2)} s; first ${divisionRuns.first.toFixed(2)} s`,
    );
    console.log(
      `partnership, counts kept (a repeat view, nothing changed):          ${keptRuns.best.toFixed(2)} s; first (reading them) ${keptRuns.first.toFixed(2)} s`,
    );
    console.log(
      `counts of ${scopes.length} scopes × 2 periods, one call each (as before): ${Math.min(...eachAlone).toFixed(2)} s; ` +
        `in one pass: ${Math.min(...onePass).toFixed(2)} s (best of ${RUNS}, taken in turns)`,
    );
    console.log(
      `one hand-written aggregate query (referrals by category):            ${handWritten.toFixed(2)} s`,
    );
    console.log(
      `ratio briefing / hand-written query: ${(briefing / handWritten).toFixed(1)}×; target ≤ 2 s: ${briefing <= 2 ? 'met' : 'NOT met'}`,
    );
    return { engine, briefing, handWritten };
  } finally {
    await bench.dispose();
  }
}

for (const engine of benchEngines()) await benchOne(engine);
