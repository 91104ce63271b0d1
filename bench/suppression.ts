/**
 * Issue 15: how long the published briefing's least-loss disclosure control takes (decision 0023), on the
 * demo (`lantern demo --scale 1 --seed 1`, six months to 30 September 2026) for the partnership and its
 * areas together: the demo's own period, and two sparse ones (three months of data in a six-month period,
 * either side), where most cells are small. Run in this thread, as the worker thread runs it.
 */
import { performance } from 'node:perf_hooks';
import { runBatchDedupe } from '../src/people/batch-dedupe.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { fetchCounts, scopeKey } from '../src/reports/briefing.ts';
import { partnershipAreas } from '../src/reports/briefing-store.ts';
import { FIGURES, HEADLINE_CELLS } from '../src/reports/figures.ts';
import { jointSuppression } from '../src/reports/joint-suppression.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { loadPopulation } from '../src/synth/load.ts';
import { heading, openBenchDatabase } from './lib/support.ts';

const PERIODS = [
  { label: 'the demo period (April to September 2026)', from: '2026-04-01', to: '2026-09-30' },
  { label: 'sparse: January to June 2026 (data from April)', from: '2026-01-01', to: '2026-06-30' },
  { label: 'sparse: July to December 2026 (data to September)', from: '2026-07-01', to: '2026-12-31' },
];

const bench = await openBenchDatabase('pglite');
try {
  heading(`Least-loss disclosure control over the demo: ${bench.where}`);
  await loadDemoPartnership(bench.db, 'bench-suppression-session-secret-0123456789abcdef');
  await loadPopulation(bench.db, { scale: 1, seed: 1, months: 6 });
  await runBatchDedupe(bench.db, async () => {});
  for (const period of PERIODS) {
    const scopes = await withTransaction(bench.db, systemContext('bench-suppression'), async (tx) => {
      const areas = await partnershipAreas(tx);
      const out = [];
      for (const scope of [
        { area: null, division: null },
        ...areas.map((area) => ({ area, division: null })),
      ]) {
        const counts = await fetchCounts(tx, period, scope);
        out.push({ key: scopeKey(scope), tables: FIGURES.map((d) => d.compute(counts)) });
      }
      return out;
    });
    const families = [{ parent: 'partnership', children: scopes.slice(1).map((s) => s.key) }];
    const started = performance.now();
    const result = jointSuppression(scopes, families, new Set(HEADLINE_CELLS));
    const seconds = (performance.now() - started) / 1000;
    const report = result.get('partnership')!.report;
    console.log(
      `${period.label}: ${seconds.toFixed(2)} s for ${scopes.length} scopes; partnership ${report.suppressed} of ${report.cells} cells shown as c (${report.primary} primary)`,
    );
  }
} finally {
  await bench.dispose();
}
