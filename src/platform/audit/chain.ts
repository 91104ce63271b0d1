/**
 * The audit chain: each event's hash is SHA-256 over a canonical JSON form of the event including the
 * previous event's hash. Canonical JSON sorts object keys at every depth, so the same event always hashes
 * the same, whichever engine stored it. Each event from the anchor on also carries a seal (an HMAC of its
 * hash under a key the database never holds), so an event appended with a correctly computed hash by
 * anyone without the key is found too.
 */
import { createHash } from 'node:crypto';
import { sealMatches } from './key.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  id: string;
  occurredAt: string; // ISO 8601 UTC, millisecond precision
  actorUserId: string | null;
  actorLabel: string;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: 'SUCCESS' | 'DENIED' | 'FAILURE';
  justification: string | null;
  recipients: unknown;
  details: unknown;
  correlationId: string;
}

export interface ChainedEvent extends AuditFields {
  prevHash: string;
  hash: string;
  /** HMAC of `hash` under the audit key; null only on events that predate sealing. */
  seal: string | null;
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(fields: AuditFields, prevHash: string): string {
  return createHash('sha256')
    .update(canonicalJson({ ...fields, prevHash }))
    .digest('hex');
}

export type ChainProblem =
  | { kind: 'ALTERED'; seq: number; id: string }
  | { kind: 'BROKEN_LINK'; seq: number; id: string }
  | { kind: 'UNSEALED'; seq: number; id: string }
  | { kind: 'MISSING'; expectedSeq: number; foundSeq: number }
  | { kind: 'HEAD_MISMATCH'; headSeq: number; lastSeq: number };

/**
 * Checks events in seq order, incrementally, so a chain of millions streams through in batches.
 * Returns the first problem, or null.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  checked = 0;

  /** Events from `sealedFromSeq` on must carry a seal made with `key`. */
  constructor(
    private readonly key: Buffer,
    private readonly sealedFromSeq: number,
  ) {}

  next(event: ChainedEvent): ChainProblem | null {
    if (event.seq !== this.expectedSeq) {
      return { kind: 'MISSING', expectedSeq: this.expectedSeq, foundSeq: event.seq };
    }
    const { prevHash, hash, seal, ...fields } = event;
    if (prevHash !== this.prevHash) return { kind: 'BROKEN_LINK', seq: event.seq, id: event.id };
    if (hashEvent(fields, prevHash) !== hash) return { kind: 'ALTERED', seq: event.seq, id: event.id };
    if (event.seq >= this.sealedFromSeq && !sealMatches(this.key, hash, seal))
      return { kind: 'UNSEALED', seq: event.seq, id: event.id };
    this.prevHash = hash;
    this.expectedSeq += 1;
    this.checked += 1;
    return null;
  }

  /** The head row records the last appended event: a removed tail shows as a mismatch here. */
  finish(head: { lastSeq: number; lastHash: string }): ChainProblem | null {
    const lastSeq = this.expectedSeq - 1;
    if (head.lastSeq !== lastSeq || head.lastHash !== this.prevHash) {
      return { kind: 'HEAD_MISMATCH', headSeq: head.lastSeq, lastSeq };
    }
    return null;
  }
}

export function describeProblem(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'ALTERED':
      return `event ${problem.seq} (${problem.id}) was altered: its hash does not match its contents`;
    case 'UNSEALED':
      return `event ${problem.seq} (${problem.id}) has no valid seal: it was written or rewritten by something that does not hold Lantern's audit key (or the key has changed)`;
    case 'BROKEN_LINK':
      return `event ${problem.seq} (${problem.id}) does not follow the event before it: an event was changed, removed or reordered`;
    case 'MISSING':
      return `event ${problem.expectedSeq} is missing (the next event found is ${problem.foundSeq})`;
    case 'HEAD_MISMATCH':
      return `the chain head records event ${problem.headSeq} but the log ends at ${problem.lastSeq}: events were removed or added outside the app`;
  }
}
