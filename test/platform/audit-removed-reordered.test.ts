/**
 * SECURITY 19: `lantern audit verify` finds the first removed or reordered event, not only an altered one.
 * Each tamper is made on a fresh database, directly as a superuser with triggers switched off (as someone
 * with the database's keys would), then the chain is verified by the function and by the command.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainedEvent } from '../../src/platform/audit/chain.ts';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { runLantern } from '../support/cli.ts';
import { createTestDatabase, dataDirFromDatabase, type TestDatabase } from '../support/engines.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh database holding six events of its own, in order. */
async function freshChain(): Promise<{ t: TestDatabase; events: ChainedEvent[] }> {
  const t = await createTestDatabase();
  cleanups.push(() => t.dispose());
  const events = await withTransaction(t.db, systemContext('tamper-test'), async (tx) => {
    const written: ChainedEvent[] = [];
    for (let i = 0; i < 6; i++)
      written.push(await appendAuditEvent(tx, { action: 'TEST_EVENT', subjectId: `s${i}`, details: { i } }));
    return written;
  });
  expect((await verifyAuditChain(t.db)).ok).toBe(true);
  return { t, events };
}

/** Runs SQL as a superuser with the append-only triggers switched off for the statement. */
async function tamper(t: TestDatabase, sql: string): Promise<void> {
  await t.superuserQuery(
    `SET session_replication_role = replica; ${sql}; SET session_replication_role = origin`,
  );
}

/** `npx lantern audit verify` against the database: its URL, or a copy of the embedded data directory. */
async function verifyCommand(t: TestDatabase): Promise<{ code: number; out: string }> {
  let env: Record<string, string>;
  if (t.url) {
    env = { DATABASE_URL: t.url };
  } else {
    const dir = await dataDirFromDatabase(t, 'lantern-tamper-');
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    env = { LANTERN_DATA_DIR: dir };
  }
  const { code, stdout, stderr } = await runLantern(['audit', 'verify'], env);
  return { code, out: stdout + stderr };
}

describe('audit verify names the first removed or reordered event (SECURITY 19)', () => {
  it('names a removed event by its sequence number, in the report and from the command', async () => {
    const { t, events } = await freshChain();
    const removed = events[2]!;
    await tamper(t, `DELETE FROM audit_event WHERE seq = ${removed.seq}`);

    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toEqual({
      kind: 'MISSING',
      expectedSeq: removed.seq,
      foundSeq: removed.seq + 1,
    });
    expect(report.checked).toBe(removed.seq - 1);

    const command = await verifyCommand(t);
    expect(command.code).toBe(2);
    expect(command.out).toContain(
      `audit chain BROKEN: event ${removed.seq} is missing (the next event found is ${removed.seq + 1})`,
    );
  });

  it('names a reordered event: the first position holding an event that does not follow the one before', async () => {
    const { t, events } = await freshChain();
    const [earlier, later] = [events[2]!, events[3]!];
    await tamper(
      t,
      `UPDATE audit_event SET seq = -1 WHERE seq = ${earlier.seq};
       UPDATE audit_event SET seq = ${earlier.seq} WHERE seq = ${later.seq};
       UPDATE audit_event SET seq = ${later.seq} WHERE seq = -1`,
    );

    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toEqual({ kind: 'BROKEN_LINK', seq: earlier.seq, id: later.id });

    const command = await verifyCommand(t);
    expect(command.code).toBe(2);
    expect(command.out).toContain(
      `audit chain BROKEN: event ${earlier.seq} (${later.id}) does not follow the event before it`,
    );
  });

  it('finds a removal whose gap was closed by renumbering, and a removed last event', async () => {
    const closed = await freshChain();
    const gone = closed.events[1]!;
    await tamper(
      closed.t,
      `DELETE FROM audit_event WHERE seq = ${gone.seq};
       UPDATE audit_event SET seq = seq - 1 WHERE seq > ${gone.seq};
       UPDATE audit_chain_head SET last_seq = last_seq - 1`,
    );
    expect((await verifyAuditChain(closed.t.db)).problem).toEqual({
      kind: 'BROKEN_LINK',
      seq: gone.seq,
      id: closed.events[2]!.id,
    });

    const tail = await freshChain();
    const last = tail.events.at(-1)!;
    await tamper(tail.t, `DELETE FROM audit_event WHERE seq = ${last.seq}`);
    const report = await verifyAuditChain(tail.t.db);
    expect(report.problem).toEqual({ kind: 'HEAD_MISMATCH', headSeq: last.seq, lastSeq: last.seq - 1 });
    expect(report.message).toMatch(/events were removed or added outside the app/);
  });

  it('with several tampers, names the earliest', async () => {
    const { t, events } = await freshChain();
    await tamper(
      t,
      `DELETE FROM audit_event WHERE seq = ${events[4]!.seq};
       UPDATE audit_event SET seq = -1 WHERE seq = ${events[1]!.seq};
       UPDATE audit_event SET seq = ${events[1]!.seq} WHERE seq = ${events[2]!.seq};
       UPDATE audit_event SET seq = ${events[2]!.seq} WHERE seq = -1`,
    );
    expect((await verifyAuditChain(t.db)).problem).toEqual({
      kind: 'BROKEN_LINK',
      seq: events[1]!.seq,
      id: events[2]!.id,
    });
  });
});
