import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database, Engine } from '../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { lastWholeUkDay } from '../src/synth/demo-period.ts';
import { loadPopulation } from '../src/synth/load.ts';
import { DEMO_OPEN_WORKING_DAYS } from '../src/synth/load-mash.ts';
import { signInDemo } from './lib/demo-sign-in.ts';
import {
  benchEngines,
  benchScale,
  fmt,
  heading,
  latency,
  openBenchDatabase,
  ratio,
  table,
  timeEach,
} from './lib/support.ts';

const RUNS = Number(process.env['BENCH_PAGE_RUNS'] ?? 40);
const WARM_UP = 5;
const BUDGET_MEDIAN_MS = 300;
const EVENTS = 200;

function scaleOf(): number {
  const i = process.argv.indexOf('--scale');
  if (i > 0) {
    const n = Number(process.argv[i + 1]);
    if (!(n > 0) || n > 500) throw new Error('--scale must be a number above 0, up to 500');
    return n;
  }
  return benchScale();
}

/** A child of the demo MASH practitioner's area with a MASH episode: the one whose story is measured. */
async function chooseChild(db: Database): Promise<{ personId: string; episodeId: string; area: string }> {
  return withTransaction(db, systemContext('bench'), (tx) =>
    tx.one(
      `SELECT e.person_id AS "personId", e.id AS "episodeId", e.area
         FROM mash_episode e JOIN person p ON p.id = e.person_id
        WHERE e.area = (SELECT t.area FROM app_user u JOIN user_team ut ON ut.user_id = u.id JOIN team t ON t.id = ut.team_id
                         WHERE u.username = 'demo.mash' AND t.area IS NOT NULL LIMIT 1)
          AND p.merged_into IS NULL AND NOT p.restricted
        ORDER BY e.received_at DESC LIMIT 1`,
    ),
  );
}

/**
 * Gives the child `lines` more chronology lines, in even shares: RAG changes and research on their episode,
 * risk assessments, missing episodes with returns (two lines each), and case notes for the rest.
 */
async function addEvents(
  db: Database,
  child: { personId: string; episodeId: string; area: string },
  lines: number,
) {
  const share = Math.max(0, Math.floor(lines / 6));
  await withTransaction(db, systemContext('bench'), async (tx) => {
    const cse = await tx.one<{ id: string; agency_id: string }>(
      "SELECT id, agency_id FROM app_user WHERE username = 'demo.cse'",
    );
    const police = await tx.one<{ id: string }>(
      "SELECT a.id FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.username = 'demo.police.mash'",
    );
    const at = (i: number) => `now() - interval '${(i % 170) + 1} days' - interval '${i} minutes'`;
    for (let i = 0; i < share; i++) {
      await tx.query(
        `INSERT INTO rag_change (episode_id, area, from_rag, to_rag, rationale, changed_by_label, changed_at)
         VALUES ($1, $2, 'AMBER', 'RED', 'Benchmark change of rating', 'demo.manager', ${at(i)})`,
        [child.episodeId, child.area],
      );
      await tx.query(
        `INSERT INTO contribution (episode_id, area, agency_id, contributed_by_label, contributed_at, summary, releasable)
         VALUES ($1, $2, $3, 'demo.police.mash', ${at(i)}, 'Benchmark research', $4)`,
        [child.episodeId, child.area, police.id, i % 2 === 0],
      );
      await tx.query(
        `INSERT INTO risk_assessment (person_id, template_id, template_version, answers, computed_level, final_level,
           assessed_by, assessed_by_label, assessed_at, next_review_date)
         VALUES ($1, 'lantern-scored', 1, '{}', 'MEDIUM', 'MEDIUM', $2, 'demo.cse', ${at(i)}, current_date + 90)`,
        [child.personId, cse.id],
      );
    }
    for (let i = 0; i < share; i++) {
      await tx.query(
        `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id, reported_by_label,
           recorded_by_user, recorded_by_label, returned_at, initial_risk_grade, risk_grade, area)
         VALUES ($1, 'MISSING', 'HOME', ${at(i)} - interval '1 day', $2, 'Parent', $3, 'demo.cse', ${at(i)}, 'MEDIUM',
                 'MEDIUM', $4)`,
        [child.personId, cse.agency_id, cse.id, child.area],
      );
    }
    const notes = lines - 5 * share;
    for (let i = 0; i < notes; i++) {
      await tx.query(
        `INSERT INTO case_note (person_id, note_type, occurred_on, occurred_time, body, author_id, author_label, agency_id)
         VALUES ($1, 'VISIT', (${at(i)})::date, '10:00', 'Benchmark note: visited at home.', $2, 'demo.cse', $3)`,
        [child.personId, cse.id, cse.agency_id],
      );
    }
  });
}

const countLines = (body: string) =>
  (body.slice(body.indexOf('id="chronology"')).match(/<tr class="govuk-table__row">/g)?.length ?? 1) - 1;

async function runEngine(engine: Engine, scale: number): Promise<string[][]> {
  const bench = await openBenchDatabase(engine);
  try {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      LANTERN_SIGN_IN_RATE_LIMIT: '10000',
      LANTERN_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
    });
    await loadDemoPartnership(bench.db, config.sessionSecret);
    console.log(`${bench.where}: loading scale ${scale}...`);
    const loaded = await loadPopulation(bench.db, {
      scale,
      seed: 1,
      months: 6,
      periodEnd: lastWholeUkDay(new Date()),
      openWorkingDays: DEMO_OPEN_WORKING_DAYS,
    });
    console.log(`${loaded.message} (${fmt(loaded.ms / 1000)} s)`);
    const child = await chooseChild(bench.db);
    const app = await buildApp({ config, db: bench.db, logger: false });
    try {
      const practitioner = await signInDemo(app, 'demo.mash');
      const path = `/people/${child.personId}/chronology`;
      const before = countLines((await practitioner.get(path)).body);
      await addEvents(bench.db, child, Math.max(0, EVENTS - before));
      const lines = countLines((await practitioner.get(path)).body);
      console.log(
        `the child's chronology: ${lines} lines for the MASH practitioner (${before} from the demo)`,
      );
      const rows: string[][] = [];
      // The home page first: what any page costs on this machine now, to read the others against.
      const visits = [
        { who: 'demo.mash', client: practitioner, path: '/' },
        { who: 'demo.mash', client: practitioner, path },
        { who: 'demo.mash', client: practitioner, path: `${path}/print` },
        { who: 'demo.mash', client: practitioner, path: `${path}?kind=MISSING` },
        { who: 'demo.mash', client: practitioner, path: `/people/${child.personId}` },
        { who: 'demo.cse', client: await signInDemo(app, 'demo.cse'), path },
      ];
      for (const visit of visits) {
        let bytes = 0;
        const fetch = async () => {
          const response = await visit.client.get(visit.path);
          if (response.statusCode !== 200) throw new Error(`${visit.path}: ${response.statusCode}`);
          bytes = response.body.length;
        };
        await timeEach(WARM_UP, fetch);
        const l = latency(await timeEach(RUNS, fetch));
        const shown = visit.path.replace(child.personId, ':child');
        rows.push([
          `${engine} ${visit.who} ${shown}`,
          fmt(l.p50),
          fmt(l.p95),
          ratio(l.p50, BUDGET_MEDIAN_MS),
          `${Math.round(bytes / 1024)} KB`,
        ]);
      }
      return rows;
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}

const scale = scaleOf();
heading(
  `Chronology of a child with ${EVENTS} events at scale ${scale} (${RUNS} requests each; budget ${BUDGET_MEDIAN_MS} ms at the median)`,
);
const all: string[][] = [];
for (const engine of benchEngines()) all.push(...(await runEngine(engine, scale)));
console.log(table(['page', 'p50 ms', 'p95 ms', 'p50 / budget', 'size'], all));
