/**
 * Benchmark: `lantern import missing` on 10,000 rows for 2,000 children in an in-memory PGlite database.
 *   npx tsx bench/missing-import.ts [rows] [children]
 * Prints rows per second and seconds, for the first run and for a re-run (everything skipped).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importMissingCsv } from '../src/missing/import.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { prepareDatabase } from '../src/platform/db/prepare.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';

const ROWS = Number(process.argv[2] ?? 10_000);
const CHILDREN = Number(process.argv[3] ?? 2_000);
const DAY = 86_400_000;

const db = await openDatabase({ dataDir: 'memory://' });
await prepareDatabase(db);
const ids: string[] = await withTransaction(db, systemContext('bench'), async (tx) => {
  const agency = await tx.one<{ id: string }>(
    `INSERT INTO agency (code, name, type, area) VALUES ('POL-BENCH', 'Bench Constabulary', 'POLICE', 'BLACKPOOL') RETURNING id`,
  );
  await tx.query(`INSERT INTO team (agency_id, name, area) VALUES ($1, 'Missing persons', 'BLACKPOOL')`, [
    agency.id,
  ]);
  await tx.query(
    `INSERT INTO placement (code, name, kind, area, postcode) VALUES
       ('CH-01', 'Willow House', 'RESIDENTIAL_CHILDRENS_HOME', 'BLACKPOOL', 'FY2 0QR'),
       ('CH-02', 'Harbour View', 'RESIDENTIAL_CHILDRENS_HOME', 'BLACKPOOL', 'FY4 3JL')`,
  );
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO person (forename, surname, gender, agency_ids, areas)
     SELECT 'Child' || g, 'Bench', 'FEMALE', ARRAY[$1::uuid], '{BLACKPOOL}' FROM generate_series(1, $2) g RETURNING id`,
    [agency.id, CHILDREN],
  );
  return rows.map((r) => r.id);
});

const now = Date.now();
const lines = [
  'police_ref,child_person_id,type,reported_at,reported_by,risk_grade,placement_code,returned_at,found_where,exploitation_suspected',
];
for (let i = 0; i < ROWS; i++) {
  const reported = now - ((i * 7919) % 360) * DAY - (i % 24) * 3_600_000 - 3_600_000;
  const bad = i % 100 === 99; // 1% bad rows: a return before the report
  const returned = reported + (bad ? -DAY : 6 * 3_600_000);
  const placement = i % 3 === 0 ? 'CH-01' : i % 3 === 1 ? 'CH-02' : '';
  lines.push(
    [
      `BENCH-${i}`,
      ids[i % ids.length],
      placement ? 'MISSING_FROM_CARE' : 'MISSING',
      new Date(reported).toISOString(),
      placement ? 'Residential staff' : 'Parent',
      ['LOW', 'MEDIUM', 'HIGH'][i % 3],
      placement,
      new Date(Math.min(returned, now - 60_000)).toISOString(),
      'Town centre',
      i % 4 === 0 ? 'yes' : 'no',
    ].join(','),
  );
}
const file = join(mkdtempSync(join(tmpdir(), 'lantern-bench-')), 'missing.csv');
writeFileSync(file, `${lines.join('\n')}\n`);

for (const run of ['first run', 're-run']) {
  const report = await importMissingCsv(db, file, { agencyCode: 'POL-BENCH' });
  const seconds = report.ms / 1000;
  console.log(
    `${run}: ${report.rows} rows in ${seconds.toFixed(2)} s (${Math.round(report.rows / seconds)} rows/s): ` +
      `${report.imported} imported, ${report.skipped} skipped, ${report.errors.length} bad, ${report.mashTasks} MASH tasks`,
  );
}
await db.close();
