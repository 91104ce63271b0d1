/**
 * SECURITY 5 for the case tables: row-level security backs the application's checks. With no user context
 * set, a query as the app role returns no personal rows from any table that holds them, although each
 * holds some; and no table that identifies a person can be read by the app role without row-level
 * security deciding which rows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../../src/platform/access/permissions.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { APP_ROLE } from '../../src/platform/db/roles.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { fillRemainingTables, loadCaseData } from '../support/populate.ts';
import { testPrincipal } from '../support/principals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadCaseData(t, t.config.sessionSecret);
  await fillRemainingTables(t);
});
afterAll(async () => {
  await t?.close();
});

// Named here so that a table losing row-level security (or being renamed) cannot pass unnoticed.
const CASE_TABLES = [
  'person',
  'source_record',
  'source_address',
  'victim_referral',
  'referral_person',
  'suspect_referral',
  'suspect_child_link',
  'referral_draft',
  'synth_truth',
  'synth_chunk',
  'match_candidate',
  'person_merge',
  'job',
  'mash_episode',
  'rag_change',
  'research_request',
  'contribution',
  'sharing_decision',
  'sharing_grant',
  'strategy_discussion',
  'strategy_action',
  'mash_decision',
  'decision_proposal',
  'risk_assessment',
  'disposal',
  'missing_episode',
  'missing_risk_grade_change',
  'missing_episode_person',
  'return_home_interview',
  'mash_task',
  'episode_transfer',
  'case_note',
  'disruption_breach',
  'intelligence',
  'person_identifier',
  'pursue_status',
  'pursue_operation',
  'pursue_operation_member',
  'pursue_operation_task',
  'pursue_priority_fact',
  'pursue_profile',
];

// Placements are reference data (a children's home's name and postcode), readable by every signed-in role;
// so are the postcode districts that route referrals (a district's town, area and police division).
const REFERENCE_TABLES = ['placement', 'postcode_district'];

async function rlsTables(): Promise<string[]> {
  const { rows } = await t.superuserQuery(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
        AND relrowsecurity ORDER BY relname`,
  );
  return rows.map((r) => r.relname as string);
}

async function countAll(table: string): Promise<number> {
  return (await t.superuserQuery(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n as number;
}

/** Counts as the app role inside a transaction that sets no context at all. */
async function countWithoutContext(client: pg.ClientBase, table: string): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
    return (await client.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n as number;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('row-level security on the case tables (SECURITY 5)', () => {
  it('with no user context, every table with personal data returns no rows although each holds some', async () => {
    const protectedTables = await rlsTables();
    for (const table of CASE_TABLES) expect(protectedTables, table).toContain(table);
    const personal = protectedTables.filter((table) => !REFERENCE_TABLES.includes(table));
    expect(personal.length).toBeGreaterThanOrEqual(CASE_TABLES.length);

    // Counted first: on the embedded engine the superuser shares the one connection held below.
    for (const table of personal) expect(await countAll(table), `${table} holds rows`).toBeGreaterThan(0);

    // A pooled connection that has just served a request with every permission: its settings are reset.
    const everything = testPrincipal('00000000-0000-4000-8000-000000000001', ROLE_NAMES, ['LANCASHIRE'], 1);
    await withTransaction(t.db, contextFor(everything, 'rls-test'), (tx) => tx.query('SELECT 1'));
    const pooled = await t.db.pool.connect();
    // On a server, also a brand-new session, on which the settings were never defined.
    const fresh = t.url ? new pg.Client({ connectionString: t.url }) : null;
    await fresh?.connect();
    try {
      for (const table of personal) {
        expect(await countWithoutContext(pooled, table), `${table} on a pooled connection`).toBe(0);
        if (fresh) expect(await countWithoutContext(fresh, table), `${table} in a new session`).toBe(0);
      }
    } finally {
      pooled.release();
      await fresh?.end();
    }
  });

  it('every table with a column identifying a person has row-level security, or the app role has no privilege on it at all', async () => {
    // Columns holding the id of a person, a source record about one, or a user: by foreign key or by name.
    const { rows } = await t.superuserQuery(
      `SELECT c.relname, c.relrowsecurity AS rls, string_agg(a.attname, ',' ORDER BY a.attname) AS columns,
              has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') AS granted
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
          AND a.atttypid IN ('uuid'::regtype, 'uuid[]'::regtype)
          AND (a.attname ~ '(^|_)person_id$|^(survivor|merged)_id$|^merged_into$|^case_team$|(^|_)user_id$|_by$|_by_user$|^true_id$|source_record_id$'
            OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f'
                          AND a.attnum = ANY (k.conkey)
                          AND k.confrelid IN ('person'::regclass, 'app_user'::regclass, 'source_record'::regclass)))
        GROUP BY c.relname, c.relrowsecurity, c.oid ORDER BY c.relname`,
      [APP_ROLE],
    );
    const names = rows.map((r) => r.relname as string);
    for (const table of ['person', 'source_record', 'victim_referral', 'suspect_referral', 'missing_episode'])
      expect(names).toContain(table);
    expect(names).toContain('briefing_run'); // person_id, kept for the statistics only
    for (const row of rows) {
      const what = `${row.relname} (${row.columns})`;
      if (row.rls) continue;
      // Without row-level security the table must be out of the app role's reach altogether...
      expect(row.granted, `${what} has no row-level security but the app role holds privileges on it`).toBe(
        false,
      );
      // ...which a query as the app role confirms: refused, not filtered.
      const client = await t.db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL ROLE ${APP_ROLE}`);
        await expect(client.query(`SELECT count(*) FROM "${row.relname}"`), what).rejects.toThrow(
          /permission denied/,
        );
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    }
    expect(rows.filter((r) => r.rls).length).toBeGreaterThanOrEqual(20);
  });
});
