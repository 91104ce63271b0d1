/**
 * Issue 22 item 5: `lantern db copy --to postgres://…` moves an embedded database to a PostgreSQL server.
 * An embedded database in a data directory (demo partnership, a small synthetic population, audited
 * actions) is copied into a new database on the local server: every table holds the same rows (a digest of
 * their contents, not only counts), sequences continue after the copied rows, the audit chain verifies on
 * the copy and goes on growing there, and a second copy into the now non-empty database is refused.
 *
 * The source is always embedded, so this file runs in the PGlite project only (vitest.config.ts), against
 * the server TEST_DATABASE_URL names (CI always has one) or the local default. It is skipped only when no
 * server answers outside CI.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { CopyRefusedError, type CopySummary, copyDatabase } from '../../src/platform/db/copy.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { OWNER_ROLE } from '../../src/platform/db/roles.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulation } from '../../src/synth/load.ts';
import { OWNER_PASSWORD } from '../support/engines.ts';

const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    // CI always provides a server (.ci/run): there a failure to connect is a failure, never a skip.
    if (process.env['CI'] === 'true') throw error;
    return false;
  }
}

const reachable = await serverReachable();

function urlFor(database: string, user?: { name: string; password: string }): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
}

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

/**
 * Rows and a digest of every table's contents. Settings and collation are pinned so that the two engines
 * (and two server versions) print the same values the same way.
 */
async function contents(query: Query): Promise<Record<string, { rows: number; digest: string }>> {
  await query("SET TimeZone = 'UTC'");
  await query("SET DateStyle = 'ISO, YMD'");
  await query('SET extra_float_digits = 3');
  const tables = await query(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
        AND relname <> 'schema_migration' ORDER BY relname`,
  );
  const parts = tables.map(
    ({ relname }) =>
      `SELECT '${relname}' AS t, count(*)::int AS n,
              md5(coalesce(string_agg(r, '|' ORDER BY r COLLATE "C"), '')) AS h
         FROM (SELECT to_jsonb(x)::text AS r FROM "${relname}" x) s`,
  );
  const rows = await query(parts.join('\nUNION ALL\n'));
  return Object.fromEntries(
    rows.map((r) => [r['t'] as string, { rows: Number(r['n']), digest: String(r['h']) }]),
  );
}

async function sequences(query: Query): Promise<Record<string, string | null>> {
  const rows = await query('SELECT sequencename, last_value::text AS v FROM pg_sequences ORDER BY 1');
  return Object.fromEntries(rows.map((r) => [r['sequencename'] as string, r['v'] as string | null]));
}

describe.skipIf(!reachable)('db copy: embedded database to a PostgreSQL server', () => {
  const name = `lantern_copy_test_${randomBytes(5).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'lantern-copy-'));
  let source: Database;
  let target: Database | null = null;
  let admin: pg.Client;
  let summary: CopySummary;
  const printed: string[] = [];

  beforeAll(async () => {
    source = await openDatabase({ dataDir });
    await prepareDatabase(source);
    await loadDemoPartnership(source, 'db-copy-test-session-secret-0123456789abcdef');
    const load = await loadPopulation(source, { scale: 0.05, seed: 1, months: 6 });
    expect(load.status).toBe('loaded');
    for (const n of [1, 2, 3]) {
      await withTransaction(source, systemContext(`copy-test-${n}`), (tx) =>
        appendAuditEvent(tx, {
          action: 'test.copy',
          subjectType: 'test',
          subjectId: String(n),
          // Values whose text form a careless copy would change: trailing zeros, unicode, nesting.
          details: { n, ratio: 1.1, note: 'café “quoted” \\ back', nested: { list: [1, 'two', null] } },
        }),
      );
    }
    expect((await verifyAuditChain(source)).ok).toBe(true);
    summary = await copyDatabase(source, {
      to: urlFor(name),
      ownerPassword: OWNER_PASSWORD,
      batchRows: 700,
      progressEveryMs: 0,
      print: (line) => printed.push(line),
    });
    admin = new pg.Client({ connectionString: urlFor(name) });
    await admin.connect();
    target = await openDatabase({
      databaseUrl: urlFor(name, { name: OWNER_ROLE, password: OWNER_PASSWORD }),
      poolSize: 2,
      auditKey: source.auditKey,
    });
  });

  afterAll(async () => {
    await target?.close();
    await admin?.end();
    await source?.close();
    const drop = new pg.Client({ connectionString: ADMIN_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every table row for row, and says how far it has got', async () => {
    const onSource = await contents(async (sql) => (await source.pool.query(sql)).rows);
    const onTarget = await contents(async (sql) => (await admin.query(sql)).rows);
    expect(Object.keys(onTarget).sort()).toEqual(Object.keys(onSource).sort());
    for (const [table, state] of Object.entries(onSource)) expect(onTarget[table], table).toEqual(state);
    expect(onSource['victim_referral']!.rows).toBeGreaterThan(20);
    expect(onSource['briefing_count']!.rows).toBeGreaterThan(0);
    const copied = summary.perTable.reduce((n, t) => n + t.rows, 0);
    expect(summary.rows).toBe(copied);
    expect(copied).toBeGreaterThan(1000);
    expect(printed.some((line) => /rows .*copied/.test(line))).toBe(true);
    expect(printed.at(-1)).toMatch(/^Copied \d+ tables, \d+ rows in [\d.]+ s/);
  });

  it('leaves sequences where the source had them, and the chain head at the last event', async () => {
    expect(await sequences(async (sql) => (await admin.query(sql)).rows)).toEqual(
      await sequences(async (sql) => (await source.pool.query(sql)).rows),
    );
    const head = await admin.query(
      'SELECT last_seq, (SELECT max(seq) FROM audit_event) AS max FROM audit_chain_head',
    );
    expect(Number(head.rows[0].last_seq)).toBe(Number(head.rows[0].max));
  });

  it('verifies the audit chain on the copy, and goes on appending to it', async () => {
    const before = await verifyAuditChain(target!);
    expect(before.message).toMatch(/verified/);
    expect(before.ok).toBe(true);
    expect(before.checked).toBe((await verifyAuditChain(source)).checked);
    const event = await withTransaction(target!, systemContext('copy-test-after'), (tx) =>
      appendAuditEvent(tx, { action: 'test.after-copy', subjectType: 'test', subjectId: 'after' }),
    );
    expect(event.seq).toBe(before.checked + 1);
    const after = await verifyAuditChain(target!);
    expect(after.ok).toBe(true);
    expect(after.checked).toBe(before.checked + 1);
  });

  it('refuses a second copy into the now non-empty database', async () => {
    const refused = copyDatabase(source, { to: urlFor(name), print: () => {} });
    await expect(refused).rejects.toBeInstanceOf(CopyRefusedError);
    await expect(copyDatabase(source, { to: urlFor(name), print: () => {} })).rejects.toThrow(
      /is not empty .*new, empty database/,
    );
    const count = await admin.query('SELECT count(*)::int AS n FROM audit_event');
    expect(count.rows[0].n).toBe((await verifyAuditChain(target!)).checked);
  });
});
