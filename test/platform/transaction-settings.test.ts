/**
 * What every transaction sets besides the caller's context: JIT off (decision 0040). A child's chronology, a
 * 140-node union read, was estimated past PostgreSQL's jit_above_cost on a freshly loaded database and
 * spent a second compiling for an 8 ms query; the setting is local to the transaction, so a connection
 * goes back to the pool as it came.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/engines.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.dispose());

const jit = async (query: (sql: string) => Promise<Array<{ jit: string }>>) =>
  (await query('SHOW jit'))[0]?.jit;

describe(`transaction settings on ${testEngine()}`, () => {
  it('turns JIT off inside every transaction, and only there', async () => {
    const before = await jit(async (sql) => (await database.db.pool.query(sql)).rows);
    const inside = await withTransaction(database.db, systemContext('test'), (tx) =>
      jit((sql) => tx.query(sql)),
    );
    const after = await jit(async (sql) => (await database.db.pool.query(sql)).rows);
    expect(inside).toBe('off');
    expect(after).toBe(before);
  });
});
