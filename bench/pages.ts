import { issueToken } from '../src/admin/service.ts';
import { buildApp } from '../src/app.ts';
import type { Permission } from '../src/platform/access/permissions.ts';
import type { Database, Engine } from '../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { compactBriefingCounts } from '../src/reports/compaction.ts';
import type { PageClient } from '../test/support/app.ts';
import { benchConfig, type Demo, freshDemo, keptDemo } from './lib/demo.ts';
import { signInDemo } from './lib/demo-sign-in.ts';
import { benchEngines, benchScale, fmt, heading, latency, ratio, table, timeEach } from './lib/support.ts';

const RUNS = Number(process.env['BENCH_PAGE_RUNS'] ?? 20);
const MONTHS = Number(process.env['BENCH_MONTHS'] ?? 12);
const WARM_UP = Number(process.env['BENCH_PAGE_WARM_UP'] ?? 3);
const PAGE_MEDIAN_MS = 300;
/**
 * Every page has the same budget, the briefing included (issue 22): its counts are kept until the facts
 * change (decision 0032), so a view pays a full reading only after new facts; the warm-up runs take that.
 */
const PAGE_P95_MS = 1000;
const API_MEDIAN_MS = 100;

/** The issue's roles, by their demo users. */
const ROLES = ['demo.mash', 'demo.manager', 'demo.cse', 'demo.partnership'] as const;
/** BENCH_ONLY=<regular expression>: measure only the pages and API paths it matches (when looking into one). */
const ONLY = process.env['BENCH_ONLY'] ? new RegExp(process.env['BENCH_ONLY']) : null;
const wanted = (label: string) => !ONLY || ONLY.test(label);

/** Kinds of record page a list links to: the first of each is opened. */
const RECORD_PAGES = [
  /^\/mash\/episodes\/[0-9a-f-]{36}$/,
  /^\/referrals\/[0-9a-f-]{36}$/,
  /^\/suspect-referrals\/[0-9a-f-]{36}$/,
  /^\/people\/[0-9a-f-]{36}$/,
  /^\/people\/[0-9a-f-]{36}\/chronology$/,
  /^\/missing\/episodes\/[0-9a-f-]{36}$/,
  /^\/placements\/[0-9a-f-]{36}$/,
];

/** API lists and the permissions of the system that calls them (a token of the demo's council). */
const API_LISTS: readonly { path: string; permissions: Permission[] }[] = [
  { path: '/api/v1/mash/queue?limit=50', permissions: ['case:read', 'mash:triage'] },
  { path: '/api/v1/referrals?limit=50', permissions: ['case:read', 'referral:read-own-agency'] },
  { path: '/api/v1/my-work?limit=50', permissions: ['case:read', 'mash:triage', 'mash:contribute'] },
  { path: '/api/v1/return-home-interviews/due?limit=50', permissions: ['case:read'] },
  { path: '/api/v1/users?limit=100', permissions: ['admin:users'] },
];

function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#?]*)"/g)].map((m) => m[1]!);
}

/** The pages a user reaches: navigation, then the first record of each kind, two steps deep. */
async function pagesOf(client: PageClient): Promise<string[]> {
  const home = await client.get('/');
  const nav = [...home.body.matchAll(/class="govuk-service-navigation__link" href="(\/[^"]*)"/g)].map(
    (m) => m[1]!,
  );
  const pages = new Set(['/', ...nav.filter((p) => !p.endsWith('/new'))]);
  let frontier = [...pages];
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      const response = await client.get(path);
      if (response.statusCode !== 200) continue;
      for (const link of linksOf(response.body)) {
        const kind = RECORD_PAGES.find((re) => re.test(link));
        if (kind && ![...pages].some((p) => kind.test(p))) {
          pages.add(link);
          next.push(link);
        }
      }
    }
    frontier = next;
  }
  return [...pages];
}

async function apiToken(db: Database, permissions: Permission[]): Promise<string> {
  const council = await db.pool.query<{ id: string }>("SELECT id FROM agency WHERE code = 'LCC-CSC'");
  const { secret } = await withTransaction(db, systemContext('bench'), (tx) =>
    issueToken(
      tx,
      {
        name: `bench ${permissions.join(' ')}`,
        agencyId: council.rows[0]!.id,
        permissions,
        expiresInDays: 1,
      },
      null,
    ),
  );
  return secret;
}

async function measure(fetch: () => Promise<number>): Promise<{ p50: number; p95: number; bytes: number }> {
  let bytes = 0;
  const run = async () => {
    bytes = await fetch();
  };
  await timeEach(WARM_UP, run);
  const l = latency(await timeEach(RUNS, run));
  return { p50: l.p50, p95: l.p95, bytes };
}

const config = benchConfig(10000);

async function runEngine(demo: Demo): Promise<string[][]> {
  const { engine } = demo;
  try {
    const app = await buildApp({ config, db: demo.db, logger: false });
    try {
      const rows: string[][] = [];
      for (const username of ROLES) {
        const client = await signInDemo(app, username);
        const started = Date.now();
        const pages = await pagesOf(client);
        console.log(
          `  ${engine} ${username}: ${pages.length} pages found in ${fmt((Date.now() - started) / 1000)} s`,
        );
        for (const path of pages) {
          if (!wanted(`${username} ${path}`)) continue;
          const m = await measure(async () => {
            const response = await client.get(path);
            if (response.statusCode !== 200) throw new Error(`${username} ${path}: ${response.statusCode}`);
            return response.body.length;
          });
          const budget = PAGE_MEDIAN_MS;
          const over = m.p50 > budget || m.p95 > Math.max(PAGE_P95_MS, budget) ? ' OVER' : '';
          // A line as each page is measured (a table per engine follows): a long run shows where it is.
          console.log(`  ${engine} ${username} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${fmt(m.p50)} ms`);
          rows.push([
            `${engine} ${username} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`,
            fmt(m.p50),
            fmt(m.p95),
            `${ratio(m.p50, budget)}${over}`,
            `${Math.round(m.bytes / 1024)} KB`,
          ]);
        }
      }
      for (const list of API_LISTS) {
        if (!wanted(`API ${list.path}`)) continue;
        const token = await apiToken(demo.db, list.permissions);
        const m = await measure(async () => {
          const response = await app.inject({
            method: 'GET',
            url: list.path,
            headers: { authorization: `Bearer ${token}` },
          });
          if (response.statusCode !== 200)
            throw new Error(`${list.path}: ${response.statusCode} ${response.body}`);
          return response.body.length;
        });
        rows.push([
          `${engine} API ${list.path}`,
          fmt(m.p50),
          fmt(m.p95),
          `${ratio(m.p50, API_MEDIAN_MS)}${m.p50 > API_MEDIAN_MS ? ' OVER' : ''}`,
          `${Math.round(m.bytes / 1024)} KB`,
        ]);
      }
      return rows;
    } finally {
      await app.close();
    }
  } finally {
    await demo.dispose();
  }
}

const scale = benchScale();
const where =
  process.env['BENCH_DEMO_DIR'] || process.env['BENCH_DEMO_URL']
    ? 'of the demo loaded before'
    : `at scale ${scale}, ${MONTHS} months`;
heading(
  `Pages of each role and API lists ${where} (${RUNS} requests each; budgets: pages ` +
    `${PAGE_MEDIAN_MS} ms median and ${PAGE_P95_MS} ms p95, API lists ` +
    `${API_MEDIAN_MS} ms median)`,
);
// A demo loaded before (BENCH_DEMO_DIR, BENCH_DEMO_URL) is measured on its engine alone.
const keptEngines: Engine[] = [
  ...(process.env['BENCH_DEMO_DIR'] ? (['pglite'] as const) : []),
  ...(process.env['BENCH_DEMO_URL'] ? (['postgres'] as const) : []),
];
for (const engine of keptEngines.length ? keptEngines : benchEngines()) {
  const demo = (await keptDemo(engine, config)) ?? (await freshDemo(engine, scale, MONTHS, config));
  // The service folds the briefing's appended counts within a second of starting (src/main.ts): measure
  // what its users meet, not the state a loader leaves.
  const compacting = Date.now();
  const folded = await compactBriefingCounts(demo.db);
  console.log(
    `  ${engine}: ${folded} briefing count rows folded in ${fmt((Date.now() - compacting) / 1000)} s`,
  );
  // A table per engine, printed as soon as it is measured.
  console.log(table(['page', 'p50 ms', 'p95 ms', 'p50 / budget', 'size'], await runEngine(demo)));
}
