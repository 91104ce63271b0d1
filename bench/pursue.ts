/**
 * Issue 17's performance targets through the pages: the Pursue priorities (every suspect the reader may see,
 * scored) ≤ 300 ms median at scale 100 (≈ 60,000 suspects), and a person's disruption register (their
 * timeline of tactics, breaches, effects and intelligence) ≤ 200 ms median.
 *
 * The reader is the demo's police CSE officer, placed here in a Lancashire-area team so that they see the
 * Lancashire hub's suspects (in the demo their team has no area and sees only what is shared with it). The
 * register measured is that of the top-ranked person, after tactics are recorded on it through the pages.
 *
 * BENCH_SCALE (default 100) and BENCH_MONTHS (12) for a fresh load, or BENCH_DEMO_DIR / BENCH_DEMO_URL for a
 * demo loaded before; BENCH_PAGE_RUNS (20) requests after BENCH_PAGE_WARM_UP (3).
 */
import { buildApp } from '../src/app.ts';
import type { Engine } from '../src/platform/db/database.ts';
import { formatLocalDate, toLocalDate } from '../src/platform/time/zoned-time.ts';
import { benchConfig, freshDemo, keptDemo } from './lib/demo.ts';
import { signInDemo } from './lib/demo-sign-in.ts';
import { benchEngines, benchScale, fmt, heading, latency, ratio, table, timeEach } from './lib/support.ts';

const RUNS = Number(process.env['BENCH_PAGE_RUNS'] ?? 20);
const WARM_UP = Number(process.env['BENCH_PAGE_WARM_UP'] ?? 3);
const MONTHS = Number(process.env['BENCH_MONTHS'] ?? 12);
const PRIORITIES_MS = 300;
const REGISTER_MS = 200;

const config = benchConfig(1000);

async function runEngine(engine: Engine, scale: number): Promise<string[][]> {
  const demo = (await keptDemo(engine, config)) ?? (await freshDemo(engine, scale, MONTHS, config));
  try {
    // The officer joins the Lancashire police MASH desk's team (an area team) in this bench database only.
    await demo.db.pool.query(
      `INSERT INTO user_team (user_id, team_id)
       SELECT u.id, t.id FROM app_user u, team t WHERE u.username = 'demo.cse' AND t.name = 'Police MASH Desk, Lancashire'
       ON CONFLICT DO NOTHING`,
    );
    const app = await buildApp({ config, db: demo.db, logger: false });
    try {
      const client = await signInDemo(app, 'demo.cse');
      const first = await client.get('/pursue/priorities');
      if (first.statusCode !== 200) throw new Error(`priorities: ${first.statusCode}`);
      const { rows } = await demo.db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pursue_priority_fact WHERE NOT eliminated',
      );
      const people = rows[0]!.n.toLocaleString('en-GB');
      const top = /<table class="govuk-table" id="top">[\s\S]*?href="\/pursue\/people\/([0-9a-f-]{36})"/.exec(
        first.body,
      )?.[1];
      if (!top) throw new Error('no one ranked: is the population loaded?');
      // Tactics on the top person through the pages, so that the register has a timeline to read.
      const today = formatLocalDate(toLocalDate(new Date())).split('-');
      for (const tactic of ['ARREST', 'CHARGE', 'INTELLIGENCE']) {
        await client.get(`/pursue/people/${top}/tactics/new`);
        const saved = await client.post(`/pursue/people/${top}/tactics`, {
          tactic,
          'startedOn-day': today[2]!,
          'startedOn-month': today[1]!,
          'startedOn-year': today[0]!,
        });
        if (saved.statusCode !== 303) throw new Error(`recording ${tactic}: ${saved.statusCode}`);
      }
      const page = async (path: string, budget: number, label: string) => {
        const get = async () => {
          const response = await client.get(path);
          if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode}`);
        };
        await timeEach(WARM_UP, get);
        const l = latency(await timeEach(RUNS, get));
        const over = l.p50 > budget ? ' OVER' : '';
        return [`${engine} ${label}`, fmt(l.p50), fmt(l.p95), `${ratio(l.p50, budget)}${over}`];
      };
      return [
        await page('/pursue/priorities', PRIORITIES_MS, `priorities (${people} people scored)`),
        await page(`/pursue/people/${top}`, REGISTER_MS, 'register of the top-ranked person'),
        // A page, so the pages' budget: how complete the monitoring is over everyone the reader may see.
        await page('/pursue/completeness', PRIORITIES_MS, 'monitoring completeness'),
      ];
    } finally {
      await app.close();
    }
  } finally {
    await demo.dispose();
  }
}

const scale = benchScale();
heading(`Pursue pages at scale ${scale} (${RUNS} requests after ${WARM_UP} warm-up)`);
const rows: string[][] = [];
for (const engine of benchEngines()) rows.push(...(await runEngine(engine, scale)));
console.log(table(['page', 'p50 ms', 'p95 ms', 'median / budget'], rows));
