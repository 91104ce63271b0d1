/**
 * Issue 3: generator throughput at scale 100 (BENCH_SCALE shrinks it), the loader's planning (grouping
 * records into people, search keys) on the same chunks, and load throughput into PGlite (and PostgreSQL
 * when BENCH_DATABASE_URL is set) at a tenth of that scale.
 */

import type { Engine } from '../src/platform/db/database.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { loadPopulation } from '../src/synth/load.ts';
import { planChunk, stableUuid } from '../src/synth/load-plan.ts';
import { AGENCIES } from '../src/synth/partnership.ts';
import { chunkFractions, describePopulation, generatePopulationChunks } from '../src/synth/population.ts';
import { benchEngines, benchScale, fmt, heading, openBenchDatabase, ratio, table } from './lib/support.ts';

const scale = benchScale();
const loadScale = Math.max(0.25, Math.round(scale) / 10);

heading(`Generator throughput at scale ${scale} (seed 1, 6 months)`);
const meta = describePopulation({ scale, seed: 1, months: 6 });
const fractions = chunkFractions(scale);
const agencyIds = new Map(AGENCIES.map((a, i) => [a.code, stableUuid('bench', 'agency', String(i))]));
const totals = { people: 0, records: 0, victim: 0, suspect: 0, episodes: 0 };
let generateMs = 0;
let planMs = 0;
let plannedRows = 0;
const chunks = generatePopulationChunks({ scale, seed: 1, months: 6 });
for (;;) {
  const started = performance.now();
  const next = chunks.next();
  generateMs += performance.now() - started;
  if (next.done) break;
  const chunk = next.value;
  totals.people += chunk.people.length;
  totals.records += chunk.sourceRecords.length;
  totals.victim += chunk.victimReferrals.length;
  totals.suspect += chunk.suspectReferrals.length;
  totals.episodes += chunk.missingEpisodes.length;
  const planStarted = performance.now();
  const rows = planChunk(
    chunk,
    { ...meta, chunkIndex: chunk.chunkIndex, fraction: fractions[chunk.chunkIndex]! },
    agencyIds,
  );
  planMs += performance.now() - planStarted;
  plannedRows +=
    rows.persons.length +
    rows.sourceRecords.length +
    rows.addresses.length +
    rows.victimReferrals.length +
    rows.referralPeople.length +
    rows.suspectReferrals.length +
    rows.suspectChildLinks.length;
}
const genS = generateMs / 1000;
console.log(
  table(
    ['generated', 'count', 'per second'],
    [
      ['chunks', String(fractions.length), fmt(fractions.length / genS)],
      ['people', fmt(totals.people, 0), fmt(totals.people / genS, 0)],
      ['source records', fmt(totals.records, 0), fmt(totals.records / genS, 0)],
      ['victim referrals', fmt(totals.victim, 0), fmt(totals.victim / genS, 0)],
      ['suspect referrals', fmt(totals.suspect, 0), fmt(totals.suspect / genS, 0)],
      ['missing episodes', fmt(totals.episodes, 0), fmt(totals.episodes / genS, 0)],
    ],
  ),
);
console.log(
  `generation ${fmt(genS)} s; load planning (grouping, search keys) ${fmt(planMs / 1000)} s for ${fmt(plannedRows, 0)} rows (${fmt(plannedRows / (planMs / 1000), 0)} rows/s)`,
);

heading(`Load throughput at scale ${loadScale} (generate, plan and write, one transaction per chunk)`);
const loads: Array<{ engine: Engine; rows: number; seconds: number }> = [];
for (const engine of benchEngines()) {
  const bench = await openBenchDatabase(engine);
  try {
    await loadDemoPartnership(bench.db, 'bench-session-secret-that-is-long-enough-0123456789');
    const result = await loadPopulation(bench.db, { scale: loadScale, seed: 1, months: 6 });
    loads.push({ engine, rows: result.rows, seconds: result.ms / 1000 });
    console.log(`${bench.where}: ${result.message}`);
  } finally {
    await bench.dispose();
  }
}
console.log('');
console.log(
  table(
    ['engine', 'rows', 'seconds', 'rows/s'],
    loads.map((l) => [
      l.engine === 'pglite' ? 'PGlite' : 'PostgreSQL',
      fmt(l.rows, 0),
      fmt(l.seconds),
      fmt(l.rows / l.seconds, 0),
    ]),
  ),
);
if (loads.length === 2) {
  console.log(
    `PostgreSQL/PGlite load throughput: ${ratio(loads[1]!.rows / loads[1]!.seconds, loads[0]!.rows / loads[0]!.seconds)}`,
  );
}
