/**
 * Benchmark helpers: databases on either engine, timings, percentiles and plain-text tables. Benchmarks
 * print figures; they assert nothing (the tests do that).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bootstrapServer } from '../../src/platform/db/bootstrap.ts';
import { type Database, type Engine, openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { OWNER_ROLE } from '../../src/platform/db/roles.ts';

/** Population scale for the benchmarks: 100 (about 100,000 people) unless BENCH_SCALE shrinks it. */
export function benchScale(fallback = 100): number {
  const raw = process.env['BENCH_SCALE'];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!(n > 0) || n > 500) throw new Error('BENCH_SCALE must be a number above 0, up to 500');
  return n;
}

/** The engines to run on: PGlite always, PostgreSQL when BENCH_DATABASE_URL (a superuser URL) is set. */
/** PGlite, and PostgreSQL when BENCH_DATABASE_URL is set; BENCH_ENGINES=postgres (or pglite) runs one alone. */
export function benchEngines(): Engine[] {
  const all: Engine[] = process.env['BENCH_DATABASE_URL'] ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env['BENCH_ENGINES']?.split(',');
  return only ? all.filter((e) => only.includes(e)) : all;
}

export interface BenchDatabase {
  db: Database;
  engine: Engine;
  /** Where it lives, for the report. */
  where: string;
  /** On a server: the same database as the BENCH_DATABASE_URL superuser, for a benchmark's own set-up. */
  superuserUrl?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database. PGlite in a temporary directory (as `npm start` runs it; BENCH_PGLITE=memory
 * for memory), or a new database on the BENCH_DATABASE_URL server owned by lantern_owner, as the test
 * harness makes them. The owner's password is left alone: set BENCH_OWNER_PASSWORD where the server asks
 * for one.
 */
export async function openBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const memory = process.env['BENCH_PGLITE'] === 'memory';
    const dir = memory ? null : mkdtempSync(join(tmpdir(), 'lantern-bench-'));
    const db = await openDatabase({ dataDir: dir ?? 'memory://' });
    await prepareDatabase(db);
    return {
      db,
      engine,
      where: dir ? `PGlite in ${dir}` : 'PGlite in memory',
      async dispose() {
        await db.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env['BENCH_DATABASE_URL'];
  if (!adminUrl) throw new Error('BENCH_DATABASE_URL is not set');
  const name = `lantern_bench_${randomBytes(5).toString('hex')}`;
  const ownerPassword = process.env['BENCH_OWNER_PASSWORD'];
  await bootstrapServer({ adminUrl, database: name, ...(ownerPassword ? { ownerPassword } : {}) });
  const url = new URL(adminUrl);
  url.username = OWNER_ROLE;
  url.password = ownerPassword ?? '';
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const drop = async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await prepareDatabase(db);
  } catch (error) {
    await db.close();
    await drop();
    throw error;
  }
  return {
    db,
    engine,
    where: `PostgreSQL database ${name} on ${url.host}`,
    superuserUrl: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(),
    async dispose() {
      await db.close();
      await drop();
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1),
  };
}

/**
 * Runs `work` up to `count` times one after another and returns each run's milliseconds; stops early (after
 * at least `minimum` runs) once `budgetMs` has passed, so a slow measurement cannot take the whole bench.
 */
export async function timeEach(
  count: number,
  work: (i: number) => Promise<void>,
  budget: { budgetMs: number; minimum: number } = { budgetMs: Number.POSITIVE_INFINITY, minimum: 0 },
): Promise<number[]> {
  const out: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (i >= budget.minimum && performance.now() - started > budget.budgetMs) break;
    const t = performance.now();
    await work(i);
    out.push(performance.now() - t);
  }
  return out;
}

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 10_000 ? Math.round(value).toLocaleString('en-GB') : value.toFixed(digits);
}

/** A left-aligned first column and right-aligned figures. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}

export function heading(text: string): void {
  console.log(`\n== ${text}`);
}
