import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { runLantern } from '../support/cli.ts';
import { createTestDatabase, createTestDataDir, type TestDatabase } from '../support/engines.ts';

/** `npx lantern audit verify` against either engine: a data directory or a server URL. */
let target: { env: Record<string, string>; tamper(sql: string): Promise<void>; cleanup(): Promise<void> };

async function writeEvents(db: Database, n: number) {
  await withTransaction(db, systemContext('test'), async (tx) => {
    for (let i = 0; i < n; i++) await appendAuditEvent(tx, { action: 'TEST_EVENT', details: { i } });
  });
}

beforeAll(async () => {
  if (process.env['TEST_ENGINE'] === 'postgres') {
    const database: TestDatabase = await createTestDatabase();
    await writeEvents(database.db, 5);
    target = {
      env: { DATABASE_URL: database.url! },
      tamper: async (sql) => void (await database.superuserQuery(sql)),
      cleanup: () => database.dispose(),
    };
    return;
  }
  const dir = await createTestDataDir('lantern-cli-');
  const db = await openDatabase({ dataDir: dir });
  await prepareDatabase(db);
  await writeEvents(db, 5);
  await db.close();
  target = {
    env: { LANTERN_DATA_DIR: dir },
    async tamper(sql) {
      const again = await openDatabase({ dataDir: dir });
      await again.pool.query(sql);
      await again.close();
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}, 120_000);
afterAll(async () => {
  await target?.cleanup();
});

async function verify() {
  const { code, stdout, stderr } = await runLantern(['audit', 'verify'], target.env);
  return { code, out: stdout + stderr };
}

describe('npx lantern audit verify', () => {
  it('passes on an intact chain, then fails naming the first altered event after a direct database edit', async () => {
    const intact = await verify();
    expect(intact.out).toMatch(/audit chain intact: \d+ events verified/);
    expect(intact.code).toBe(0);

    await target.tamper(
      `SET session_replication_role = replica;
       UPDATE audit_event SET details = '{"i": 99}' WHERE seq = (SELECT min(seq) + 2 FROM audit_event WHERE action = 'TEST_EVENT');
       SET session_replication_role = origin`,
    );
    const broken = await verify();
    expect(broken.code).not.toBe(0);
    expect(broken.out).toMatch(/audit chain BROKEN: event \d+ \([0-9a-f-]+\) was altered/);
  });
});
