/**
 * `npm run bench [name...]`: runs every benchmark in bench/ (or the named ones), each in its own process
 * so that one embedded database's memory is gone before the next starts. Figures only, no pass or fail.
 *   BENCH_SCALE=10           a smaller population (default 100, about 100,000 people)
 *   BENCH_DATABASE_URL=...   also run on a PostgreSQL server (a superuser URL; a database is made and dropped)
 *   BENCH_PGLITE=memory      the embedded database in memory instead of a temporary directory
 *   BENCH_SEARCH_SECONDS=30  time budget per search measurement (at least 20 queries; 200 at most)
 *   DATABASE_URL=...         `loader` only: load into this PostgreSQL database instead of PGlite (a superuser
 *                            URL whose database is named lantern_bench*: it is re-created, then dropped)
 *   BENCH_LOADER_SCALE=3     `loader` only: the population it loads (10,000 rows/s is its target)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();
const asked = process.argv.slice(2).map((a) => a.replace(/^bench\//, '').replace(/\.ts$/, ''));
const unknown = asked.filter((a) => !available.includes(a));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const chosen = asked.length ? asked : available;
console.log(
  `Lantern benchmarks: ${chosen.join(', ')} (Node ${process.version}, BENCH_SCALE=${process.env['BENCH_SCALE'] ?? '100'}, ` +
    `PostgreSQL ${process.env['BENCH_DATABASE_URL'] ? 'on' : 'off: set BENCH_DATABASE_URL'})`,
);
let failed = 0;
for (const name of chosen) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`)], {
    stdio: 'inherit',
    env: process.env,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failed++;
    console.error(`\n${name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
  } else console.log(`\n(${name}: ${seconds} s)`);
}
process.exit(failed ? 1 : 0);
