/** SQL for the audit log. Appends lock the chain head so that every event extends one chain. */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/transaction.ts';
import { storableCopy } from '../text/storable.ts';
import { type AuditFields, type ChainedEvent, hashEvent } from './chain.ts';
import { sealOf } from './key.ts';

export type AuditOutcome = AuditFields['outcome'];

export interface AuditInput {
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  outcome?: AuditOutcome;
  justification?: string | null;
  /** Who received a disclosure: agencies or named people outside the hub. */
  recipients?: unknown;
  /** Non-identifying facts about the event (counts, field names, reasons). */
  details?: unknown;
  /** Overrides the transaction's actor, e.g. a failed sign-in names the account tried. */
  actor?: { userId: string | null; label: string; agencyId: string | null };
}

/**
 * Plain, storable JSON only: what is hashed must be exactly what the database gives back, so NUL and
 * unpaired surrogates (which PostgreSQL cannot hold as they are) are replaced before hashing.
 */
function plain(value: unknown): unknown {
  return value === undefined ? null : storableCopy(JSON.parse(JSON.stringify(value)));
}

function text(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storableCopy(value);
}

export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<ChainedEvent> {
  const tally = tx.context.auditTally;
  if (tally)
    tx.afterCommit(() => {
      tally.committed += 1;
    });
  const head = await tx.one<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
  );
  const actor = input.actor ?? {
    userId: tx.context.userId,
    label: tx.context.actorLabel,
    agencyId: tx.context.agencyId,
  };
  const fields: AuditFields = {
    seq: Number(head.last_seq) + 1,
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    actorUserId: actor.userId,
    actorLabel: storableCopy(actor.label),
    actorAgencyId: actor.agencyId,
    action: input.action,
    subjectType: text(input.subjectType),
    subjectId: text(input.subjectId),
    outcome: input.outcome ?? 'SUCCESS',
    justification: text(input.justification),
    recipients: plain(input.recipients),
    details: plain(input.details),
    correlationId: storableCopy(tx.context.correlationId),
  };
  const hash = hashEvent(fields, head.last_hash);
  const seal = sealOf(tx.auditKey, hash);
  await tx.query(
    `INSERT INTO audit_event (seq, id, occurred_at, actor_user_id, actor_label, actor_agency_id, action,
       subject_type, subject_id, outcome, justification, recipients, details, correlation_id, prev_hash, hash, seal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      fields.seq,
      fields.id,
      fields.occurredAt,
      fields.actorUserId,
      fields.actorLabel,
      fields.actorAgencyId,
      fields.action,
      fields.subjectType,
      fields.subjectId,
      fields.outcome,
      fields.justification,
      fields.recipients === null ? null : JSON.stringify(fields.recipients),
      fields.details === null ? null : JSON.stringify(fields.details),
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
  return { ...fields, prevHash: head.last_hash, hash, seal };
}

interface AuditRow {
  seq: number;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  actor_agency_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: AuditOutcome;
  justification: string | null;
  recipients: unknown;
  details: unknown;
  correlation_id: string;
  prev_hash: string;
  hash: string;
  seal: string | null;
}

export function eventFromRow(row: AuditRow): ChainedEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    actorAgencyId: row.actor_agency_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    outcome: row.outcome,
    justification: row.justification,
    recipients: row.recipients ?? null,
    details: row.details ?? null,
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    seal: row.seal,
  };
}

const COLUMNS = `seq, id, occurred_at, actor_user_id, actor_label, actor_agency_id, action, subject_type, subject_id,
  outcome, justification, recipients, details, correlation_id, prev_hash, hash, seal`;

export async function readEventsAfter(tx: Tx, afterSeq: number, limit: number): Promise<ChainedEvent[]> {
  const rows = await tx.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map(eventFromRow);
}

/** The first event that must carry a seal (events before it predate sealing). */
export async function readSealedFromSeq(tx: Tx): Promise<number> {
  const row = await tx.one<{ sealed_from_seq: number }>(
    'SELECT sealed_from_seq FROM audit_anchor WHERE id = 1',
  );
  return Number(row.sealed_from_seq);
}

export async function readChainHead(tx: Tx): Promise<{ lastSeq: number; lastHash: string }> {
  const row = await tx.one<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1',
  );
  return { lastSeq: Number(row.last_seq), lastHash: row.last_hash };
}

export interface AuditFilter {
  action?: string;
  actorLabel?: string;
  subjectType?: string;
  subjectId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  correlationId?: string;
}

export async function searchEvents(
  tx: Tx,
  filter: AuditFilter,
  page: { limit: number; beforeSeq?: number; uptoSeq?: number; offset?: number },
): Promise<ChainedEvent[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.action) add('action = ?', filter.action);
  if (filter.actorLabel) add('actor_label = ?', filter.actorLabel);
  if (filter.subjectType) add('subject_type = ?', filter.subjectType);
  if (filter.subjectId) add('subject_id = ?', filter.subjectId);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.correlationId) add('correlation_id = ?', filter.correlationId);
  if (filter.from) add('occurred_at >= ?', filter.from);
  if (filter.to) add('occurred_at < ?', filter.to);
  if (page.beforeSeq) add('seq < ?', page.beforeSeq);
  // The pages of a list hold still while new events arrive: page n counts back from the newest event when
  // page 1 was shown.
  if (page.uptoSeq) add('seq <= ?', page.uptoSeq);
  params.push(page.limit, page.offset ?? 0);
  const rows = await tx.query<AuditRow>(
    `SELECT ${COLUMNS} FROM audit_event ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY seq DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map(eventFromRow);
}

/** "Name, Agency" for each user id given (the people the audit page names instead of their usernames). */
export async function actorNames(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const rows = await tx.query<{ id: string; name: string }>(
    `SELECT u.id, u.display_name || coalesce(', ' || a.name, '') AS name
       FROM app_user u LEFT JOIN agency a ON a.id = u.agency_id WHERE u.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
