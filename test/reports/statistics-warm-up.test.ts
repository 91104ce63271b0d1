/**
 * The statistics triggers fired once on no rows before the service takes requests (src/main.ts, on the
 * embedded engine): every statement runs (each table with the facts' triggers, insert, update and delete),
 * and nothing changes, the facts, their change log and the audit log included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStatisticsTriggers } from '../../src/reports/statistics-warm-up.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createKnownReportDatabase } from './support.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createKnownReportDatabase();
});

afterAll(async () => {
  await t?.dispose();
});

const TABLES = [
  'victim_referral',
  'suspect_referral',
  'mash_episode',
  'disposal',
  'referral_person',
  'briefing_count',
  'briefing_fact_change',
  'briefing_run',
  'audit_event',
];

async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await t.superuserQuery(
      `SELECT count(*)::text AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${table} x`,
    );
    out[table] = `${rows[0].n}:${rows[0].digest}`;
  }
  return out;
}

describe('compiling the statistics triggers at start', () => {
  it('fires every table’s triggers on no rows and changes nothing', async () => {
    const before = await snapshot();
    expect(Number(before['victim_referral']!.split(':')[0])).toBeGreaterThan(0);
    expect(await compileStatisticsTriggers(t.db)).toBe(15);
    expect(await snapshot()).toEqual(before);
    // The transaction is over: the next statement on the connection is not inside it.
    const { rows } = await t.superuserQuery('SELECT count(*)::int AS n FROM victim_referral');
    expect(rows[0].n).toBe(Number(before['victim_referral']!.split(':')[0]));
  });
});
