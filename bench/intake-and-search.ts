/**
 * Issue 3: intake latency (p50, p95) of an API referral with about 100,000 people loaded, on the embedded
 * database and on PostgreSQL; search latency (p95). Each engine gets a fresh database, the demo
 * partnership and the synthetic population at BENCH_SCALE (default 100: about 100,000 people), then:
 *  - intake: POST /api/v1/referrals through the real app (token auth, validation, RLS, audit, idempotency),
 *    a school's token, a new child and a suspect each time, one request after another;
 *  - search: POST /api/v1/people/search as a MASH token (case:search, row-level security to its hub) with
 *    misspelt names of loaded people; and the same queries through `searchPeople` alone (SQL only).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { issueToken } from '../src/admin/service.ts';
import { buildApp } from '../src/app.ts';
import { parseSearch, searchPeople } from '../src/people/search-service.ts';
import type { Permission } from '../src/platform/access/permissions.ts';
import { CSE_INDICATORS } from '../src/platform/codes/referral.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database, Engine } from '../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { loadDemoPartnership } from '../src/synth/demo-partnership.ts';
import { loadPopulation } from '../src/synth/load.ts';
import {
  benchEngines,
  benchScale,
  fmt,
  heading,
  type Latency,
  latency,
  openBenchDatabase,
  ratio,
  table,
  timeEach,
} from './lib/support.ts';

const WARM_UP = 20;
const INTAKES = Number(process.env['BENCH_INTAKES'] ?? 200);
const SEARCHES = Number(process.env['BENCH_SEARCHES'] ?? 200);
/** Each search measurement stops after this long (at least 20 queries), to keep the bench bounded. */
const SEARCH_BUDGET = { budgetMs: Number(process.env['BENCH_SEARCH_SECONDS'] ?? 30) * 1000, minimum: 20 };

interface EngineResult {
  engine: Engine;
  people: number;
  sourceRecords: number;
  loadSeconds: number;
  loadRowsPerSecond: number;
  intake: Latency;
  apiSearch: Latency;
  sqlSearch: Latency;
  hitRate: number;
}

/** Letters only (names allow no digits): 0 → "aaa", 1 → "aab", ... */
function letters(i: number): string {
  let s = '';
  let n = i;
  for (let k = 0; k < 3; k++) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

function referralBody(i: number) {
  return {
    referrer: { name: 'Morgan Bench', role: 'Designated safeguarding lead', contact: 'School office' },
    cinReferralSource: '2A',
    receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    child: {
      details: {
        forename: 'Jessica',
        surname: `Bench${letters(i)}`,
        dob: '2011-03-14',
        gender: 'FEMALE',
        ethnicity: 'WHITE_BRITISH',
        address: { line1: `${(i % 200) + 1} Example Row`, town: 'Blackpool', postcode: 'FY1 2AB' },
        livingSituation: 'FAMILY_HOME',
        camhsContact: false,
      },
    },
    exploitationType: 'CSE',
    category: 'RISK_ASSESSED_VULNERABILITY',
    concerns: 'Seen getting into a car with an older man after school; has a new phone.',
    indicators: CSE_INDICATORS.slice(0, 2).map((c) => c.code),
    exploitationModel: 'BOYFRIEND',
    contactMethod: 'ONLINE_SOCIAL_MEDIA',
    suspects: [
      {
        details: { forename: 'Dale', surname: 'Exampleson', estimatedAge: 24, gender: 'MALE' },
        relationship: 'Older boyfriend',
      },
    ],
    associates: [],
    placesOfConcern: [{ description: 'Takeaway on the high street', postcode: 'FY1 3CD' }],
    consent: 'NOT_SOUGHT',
    consentNote: 'Seeking consent would place the child at greater risk',
    urgency: 'URGENT',
  };
}

/** A misspelling a practitioner makes: two letters of the surname swapped, or one left out. */
function misspell(forename: string, surname: string, i: number): string {
  const s = surname.toLowerCase();
  const at = 1 + (i % Math.max(1, s.length - 2));
  const wrong =
    i % 2 === 0 ? s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2) : s.slice(0, at) + s.slice(at + 1);
  return `${forename} ${wrong}`;
}

async function token(db: Database, agencyCode: string, permissions: Permission[]): Promise<string> {
  return withTransaction(db, systemContext('bench'), async (tx) => {
    const { id } = await tx.one<{ id: string }>('SELECT id FROM agency WHERE code = $1', [agencyCode]);
    const issued = await issueToken(
      tx,
      { name: `bench ${agencyCode}`, agencyId: id, permissions, expiresInDays: 1 },
      null,
    );
    return issued.secret;
  });
}

function post(app: FastifyInstance, secret: string, url: string, body: unknown, key?: string) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: JSON.stringify(body),
  });
}

async function runEngine(engine: Engine, scale: number): Promise<EngineResult> {
  const bench = await openBenchDatabase(engine);
  console.log(`\n${bench.where}: loading scale ${scale}...`);
  try {
    const config = loadConfig({
      LOG_LEVEL: process.env['BENCH_LOG'] ? 'warn' : 'silent',
      LANTERN_API_RATE_LIMIT: '1000000',
      LANTERN_SESSION_SECRET: 'bench-session-secret-that-is-long-enough-0123456789',
    });
    await loadDemoPartnership(bench.db, config.sessionSecret);
    const loaded = await loadPopulation(bench.db, {
      scale,
      seed: 1,
      months: 6,
      onProgress: ({ chunksDone, chunks }) => {
        if (chunksDone % 10 === 0 || chunksDone === chunks) process.stdout.write(` ${chunksDone}/${chunks}`);
      },
    });
    console.log(`\n${loaded.message} (${fmt(loaded.ms / 1000)} s)`);
    const app = await buildApp({
      config,
      db: bench.db,
      logger: process.env['BENCH_LOG'] ? { stream: process.stderr } : false,
    });
    try {
      const school = await token(bench.db, 'SCH-01', [
        'referral:create',
        // Without it intake answers 500: INSERT ... RETURNING needs the new person visible (see report).
        'referral:read-own-agency',
      ]);
      const mash = await token(bench.db, 'LCC-CSC', ['case:read', 'case:search']);

      // Intake.
      const submit = async (i: number) => {
        const response = await post(app, school, '/api/v1/referrals', referralBody(i), randomUUID());
        if (response.statusCode !== 201)
          throw new Error(`intake answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
      };
      await timeEach(WARM_UP, (i) => submit(100_000 + i));
      const intake = latency(await timeEach(INTAKES, submit));

      // Search: misspelt names of loaded children, a reproducible sample (ids are stable per seed).
      const sample = await withTransaction(bench.db, systemContext('bench'), (tx) =>
        tx.query<{ forename: string; surname: string; person_id: string }>(
          `SELECT forename, surname, person_id FROM source_record
            WHERE subject_role = 'CHILD' AND forename IS NOT NULL AND length(surname) >= 4
            ORDER BY id LIMIT $1`,
          [SEARCHES + WARM_UP],
        ),
      );
      const queries = sample.map((s, i) => ({
        name: misspell(s.forename, s.surname, i),
        personId: s.person_id,
      }));
      let hits = 0;
      const apiSearch = async (i: number) => {
        const q = queries[i % queries.length]!;
        const response = await post(app, mash, '/api/v1/people/search', { name: q.name });
        if (response.statusCode !== 200)
          throw new Error(`search answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
      };
      await timeEach(5, (i) => apiSearch(SEARCHES + i));
      const api = latency(await timeEach(SEARCHES, apiSearch, SEARCH_BUDGET));
      const sql = latency(
        await timeEach(
          SEARCHES,
          async (i) => {
            const q = queries[i % queries.length]!;
            const results = await withTransaction(bench.db, systemContext('bench'), (tx) =>
              searchPeople(tx, parseSearch({ name: q.name }).query),
            );
            if (results.slice(0, 10).some((r) => r.id === q.personId)) hits++;
          },
          SEARCH_BUDGET,
        ),
      );
      return {
        engine,
        people: loaded.counts.persons,
        sourceRecords: loaded.counts.sourceRecords,
        loadSeconds: loaded.ms / 1000,
        loadRowsPerSecond: loaded.rows / (loaded.ms / 1000),
        intake,
        apiSearch: api,
        sqlSearch: sql,
        hitRate: hits / sql.n,
      };
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}

const scale = benchScale();
heading(`Intake and search with the synthetic population at scale ${scale}`);
const results: EngineResult[] = [];
for (const engine of benchEngines()) results.push(await runEngine(engine, scale));

const names = results.map((r) => (r.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'));
const row = (label: string, pick: (r: EngineResult) => number, digits = 1) => {
  const values = results.map(pick);
  return [
    label,
    ...values.map((v) => fmt(v, digits)),
    ...(values.length === 2 ? [ratio(values[1]!, values[0]!)] : []),
  ];
};
console.log('');
console.log(
  table(
    ['', ...names, ...(results.length === 2 ? ['PostgreSQL/PGlite'] : [])],
    [
      row('people loaded', (r) => r.people, 0),
      row('source records', (r) => r.sourceRecords, 0),
      row('load time (s)', (r) => r.loadSeconds),
      row('load (rows/s)', (r) => r.loadRowsPerSecond, 0),
      row(`intake API p50 (ms, n=${INTAKES})`, (r) => r.intake.p50),
      row('intake API p95 (ms)', (r) => r.intake.p95),
      row('intake API p99 (ms)', (r) => r.intake.p99),
      row('search API queries timed', (r) => r.apiSearch.n, 0),
      row('search API p50 (ms)', (r) => r.apiSearch.p50),
      row('search API p95 (ms)', (r) => r.apiSearch.p95),
      row('search SQL queries timed', (r) => r.sqlSearch.n, 0),
      row('search SQL p50 (ms)', (r) => r.sqlSearch.p50),
      row('search SQL p95 (ms)', (r) => r.sqlSearch.p95),
      row('misspelt name found in top 10 (%)', (r) => r.hitRate * 100, 0),
    ],
  ),
);
