/**
 * SECURITY 27: the audit chain is anchored outside the app role's reach. The app role can append to the
 * audit table and compute a correct hash, but not the seal (an HMAC under a key the database never holds):
 * a forged append is refused without a seal and found by `audit verify` with a wrong one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditFields, hashEvent } from '../../src/platform/audit/chain.ts';
import { auditKeyFromSecret, sealOf } from '../../src/platform/audit/key.ts';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { systemContext, type Tx, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
  for (const action of ['ONE', 'TWO', 'THREE'])
    await withTransaction(t.db, systemContext('test'), (tx) => appendAuditEvent(tx, { action }));
});
afterEach(async () => {
  await t.dispose();
});

/** What someone with the app role's rights but not the key can do: a perfectly chained event. */
async function forgeAppend(tx: Tx, seal: string | null): Promise<void> {
  const head = await tx.one<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
  );
  const fields: AuditFields = {
    seq: Number(head.last_seq) + 1,
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    actorUserId: null,
    actorLabel: 'demo.manager',
    actorAgencyId: null,
    action: 'PERSON_VIEW',
    subjectType: 'person',
    subjectId: randomUUID(),
    outcome: 'SUCCESS',
    justification: null,
    recipients: null,
    details: null,
    correlationId: 'forged',
  };
  const hash = hashEvent(fields, head.last_hash);
  await tx.query(
    `INSERT INTO audit_event (seq, id, occurred_at, actor_label, action, subject_type, subject_id, outcome,
       correlation_id, prev_hash, hash, seal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      fields.seq,
      fields.id,
      fields.occurredAt,
      fields.actorLabel,
      fields.action,
      fields.subjectType,
      fields.subjectId,
      fields.outcome,
      fields.correlationId,
      head.last_hash,
      hash,
      seal,
    ],
  );
  await tx.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [
    fields.seq,
    hash,
  ]);
}

describe('the sealed audit chain', () => {
  it('verifies events written by Lantern, each with a seal', async () => {
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, checked: 3 });
    const seals = await t.superuserQuery('SELECT seal FROM audit_event ORDER BY seq');
    expect(seals.rows.every((r: { seal: string }) => /^[0-9a-f]{64}$/.test(r.seal))).toBe(true);
  });

  it('detects an event appended by the app role with a correct hash but a seal made without the key', async () => {
    const wrongKey = auditKeyFromSecret('an attacker guessing the key is not the key at all');
    await withTransaction(t.db, systemContext('attacker'), (tx) =>
      forgeAppend(tx, sealOf(wrongKey, 'x'.repeat(64))),
    );
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: 'UNSEALED', seq: 4 });
    expect(report.message).toMatch(/event 4 .* has no valid seal/);
  });

  it('refuses an unsealed append by the app role outright', async () => {
    await expect(
      withTransaction(t.db, systemContext('attacker'), (tx) => forgeAppend(tx, null)),
    ).rejects.toThrow(/audit_event_sealed/);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('does not verify under another key: the key, not the database, is the anchor', async () => {
    const otherKey = loadConfig({
      LANTERN_AUDIT_KEY: 'a-different-key-0123456789-abcdefghijklmnop',
    }).auditKey;
    expect(otherKey.equals(t.db.auditKey)).toBe(false);
    const report = await verifyAuditChain({ ...t.db, auditKey: otherKey });
    expect(report.problem).toMatchObject({ kind: 'UNSEALED', seq: 1 });
  });

  it('keeps the app role from moving where sealing starts', async () => {
    await expect(
      withTransaction(t.db, systemContext('attacker'), (tx) =>
        tx.query('UPDATE audit_anchor SET sealed_from_seq = 1000000'),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
