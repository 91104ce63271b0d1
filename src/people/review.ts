/** The practitioner's review of possible matches: confirm (the two people are merged) or reject. */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import * as matchingStore from './matching-store.ts';
import { mergePeople } from './merge.ts';
import { isUuid } from './service.ts';

/** A practitioner confirms (the two people are merged) or rejects a possible match; both are audited. */
export async function decideMatch(
  tx: Tx,
  principal: Principal,
  input: { matchId: string; decision: 'CONFIRM' | 'REJECT'; reason: string },
): Promise<{ mergeId: string | null }> {
  if (!isUuid(input.matchId)) throw new NotFoundError();
  const match = await matchingStore.findMatchCandidate(tx, input.matchId);
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
  await matchingStore.recordMatchDecision(
    tx,
    match.id,
    input.decision === 'CONFIRM' ? 'CONFIRMED' : 'REJECTED',
    {
      userId: principal.userId,
      label: principal.label,
    },
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
