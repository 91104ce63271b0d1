/**
 * The statistics triggers' functions compiled before the service takes requests. On the embedded engine,
 * which runs in this thread, the first statement in a process that fires the triggers of the briefing's
 * facts compiles their functions and plans their queries: 60-120 ms at scale 100 with the event loop held,
 * so every request waits (the first breach-marking step after a start was the longest stall of issue 22's
 * benchmark). An empty insert, update and delete on each table with those triggers, in a transaction
 * rolled back, pays that once at start instead: statement triggers fire on no rows, and nothing is read or
 * written.
 */
import type { Database } from '../platform/db/database.ts';

/** The tables whose statement triggers keep the briefing's facts (migration 011), with a column to set. */
const TABLES_WITH_FACT_TRIGGERS = [
  ['victim_referral', 'id'],
  ['suspect_referral', 'id'],
  ['mash_episode', 'id'],
  ['disposal', 'id'],
  ['referral_person', 'referral_id'],
] as const;

/** Fires every statistics trigger once on no rows, rolled back; answers how many statements it ran. */
export async function compileStatisticsTriggers(db: Database): Promise<number> {
  const client = await db.pool.connect();
  let statements = 0;
  try {
    await client.query('BEGIN');
    for (const [table, column] of TABLES_WITH_FACT_TRIGGERS) {
      await client.query(`INSERT INTO ${table} SELECT * FROM ${table} WHERE false`);
      await client.query(`UPDATE ${table} SET ${column} = ${column} WHERE false`);
      await client.query(`DELETE FROM ${table} WHERE false`);
      statements += 3;
    }
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
  return statements;
}
