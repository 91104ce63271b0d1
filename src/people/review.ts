/** The practitioner's review of possible matches: confirm (the two people are merged) or reject. */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { mergePeople } from './merge.ts';
import { isUuid } from './service.ts';

/** A practitioner confirms (the two people are merged) or rejects a possible match; both are audited. */
export async function decideMatch(
  tx: Tx,
  principal: Principal,
  input: { matchId: string; decision: 'CONFIRM' | 'REJECT'; reason: string },
): Promise<{ mergeId: string | null }> {
  if (!isUuid(input.matchId)) throw new NotFoundError();
  const match = await tx.maybeOne<{
    id: string;
    person_id: string;
    candidate_person_id: string;
    status: string;
    probability: number;
  }>('SELECT id, person_id, candidate_person_id, status, probability FROM match_candidate WHERE id = $1', [
    input.matchId,
  ]);
  if (!match) throw new NotFoundError();
  if (match.status !== 'PENDING') throw new ConflictError('This possible match has already been decided');
  let mergeId: string | null = null;
  if (input.decision === 'CONFIRM') {
    // The person known longer survives; the newer record joins them.
    ({ mergeId } = await mergePeople(tx, principal, {
      survivorId: match.candidate_person_id,
      mergedId: match.person_id,
      reason: input.reason,
    }));
  } else if (input.reason.trim().length < 10) {
    throw new ValidationError([{ field: 'reason', message: 'Give the reason in 10 to 2000 characters' }]);
  }
  await tx.query(
    `UPDATE match_candidate SET status = $2, decided_by = $3, decided_by_label = $4, decided_at = now() WHERE id = $1`,
    [match.id, input.decision === 'CONFIRM' ? 'CONFIRMED' : 'REJECTED', principal.userId, principal.label],
  );
  await appendAuditEvent(tx, {
    action: input.decision === 'CONFIRM' ? 'MATCH_CONFIRM' : 'MATCH_REJECT',
    subjectType: 'match_candidate',
    subjectId: match.id,
    justification: input.reason.trim(),
    details: {
      personId: match.person_id,
      candidatePersonId: match.candidate_person_id,
      probability: match.probability,
    },
  });
  return { mergeId };
}
