/**
 * Merging two people who are one, and undoing it. Nothing is ever lost: every source record, referral and
 * link moves to the survivor and the list of what moved is kept, so that an unmerge puts each row back.
 * Scope and summary are then worked out again from the data.
 */
import { decideAccess } from '../platform/access/policy.ts';
import { mayMergePeople } from '../platform/access/policy-people.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { showablePerson } from './candidates-service.ts';
import { nameOf } from './identity-view.ts';
import * as mergeStore from './merge-store.ts';
import { type MergeHistoryView, mergeHistoryViewOf, otherPeopleOf } from './merge-view.ts';
import { isUuid, openPerson } from './service.ts';
import { findPerson, type PersonRow } from './store.ts';

export const MIN_REASON_LENGTH = 10;

function requireReason(reason: string, field = 'reason'): string {
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON_LENGTH || trimmed.length > 2000) {
    throw new ValidationError([
      { field, message: `Give the reason in ${MIN_REASON_LENGTH} to 2000 characters` },
    ]);
  }
  return trimmed;
}

/** Both people must be in the caller's scope for the merge permission (hub-wide) as well as for reading. */
async function openForMerge(tx: Tx, principal: Principal, id: string) {
  const person = await openPerson(tx, principal, id);
  const decision = decideAccess(principal, {
    permission: 'people:merge',
    record: {
      agencyIds: person.agency_ids,
      areas: person.areas,
      restricted: person.restricted,
      caseTeamUserIds: person.case_team,
    },
    justification: 'merging records of the same person',
  });
  if (!decision.allowed) throw new AccessDeniedError('person', id, decision.reason);
  return person;
}

export async function mergePeople(
  tx: Tx,
  principal: Principal,
  input: { survivorId: string; mergedId: string; reason: string },
): Promise<{ mergeId: string }> {
  const reason = requireReason(input.reason);
  if (input.survivorId === input.mergedId) {
    throw new ValidationError([{ field: 'mergedId', message: 'Choose two different people to merge' }]);
  }
  const survivor = await openForMerge(tx, principal, input.survivorId);
  const merged = await openForMerge(tx, principal, input.mergedId);
  return performMerge(tx, survivor, merged, { userId: principal.userId, label: principal.label }, reason);
}

/**
 * The merge itself, once both people are known to be in the actor's scope (or the actor is the batch
 * job, in a system transaction).
 */
export async function performMerge(
  tx: Tx,
  survivor: PersonRow,
  merged: PersonRow,
  actor: { userId: string | null; label: string },
  reason: string,
): Promise<{ mergeId: string }> {
  if (survivor.merged_into || merged.merged_into)
    throw new ConflictError('One of these people has already been merged into another');
  const moved = await mergeStore.moveRecords(tx, merged.id, survivor.id);
  const restricted = survivor.restricted || merged.restricted;
  await mergeStore.setRestriction(tx, survivor.id, restricted, [
    ...new Set([...survivor.case_team, ...merged.case_team]),
  ]);
  await mergeStore.recompute(tx, survivor.id);
  // The merged person keeps the survivor's scope, so whoever may see the survivor is told where it went.
  await mergeStore.copyScope(tx, survivor.id, merged.id);
  await mergeStore.setMergedInto(tx, merged.id, survivor.id);
  const mergeId = await mergeStore.insertMerge(tx, {
    survivorId: survivor.id,
    mergedId: merged.id,
    mergedBy: actor.userId,
    mergedByLabel: actor.label,
    reason,
    moved: { ...moved, survivorBefore: { restricted: survivor.restricted, caseTeam: survivor.case_team } },
  });
  await appendAuditEvent(tx, {
    action: 'PERSON_MERGE',
    subjectType: 'person',
    subjectId: survivor.id,
    justification: reason,
    details: {
      mergedId: merged.id,
      mergeId,
      sourceRecords: moved.sourceRecords.length,
      referrals: moved.victimReferrals.length,
    },
  });
  return { mergeId };
}

export async function unmergePeople(
  tx: Tx,
  principal: Principal,
  input: { mergeId: string; reason: string },
): Promise<void> {
  const reason = requireReason(input.reason);
  if (!isUuid(input.mergeId)) throw new NotFoundError();
  const merge = await mergeStore.findMerge(tx, input.mergeId);
  if (!merge) throw new NotFoundError();
  if (merge.unmerged_at) throw new ConflictError('This merge has already been undone');
  await openForMerge(tx, principal, merge.survivor_id);
  await mergeStore.moveBack(tx, merge.moved, merge.survivor_id, merge.merged_id);
  // Scope first (worked out from the records now back in place), so both people are visible to update.
  await mergeStore.recompute(tx, merge.merged_id);
  await mergeStore.recompute(tx, merge.survivor_id);
  await mergeStore.setMergedInto(tx, merge.merged_id, null);
  await mergeStore.setRestriction(
    tx,
    merge.survivor_id,
    merge.moved.survivorBefore.restricted,
    merge.moved.survivorBefore.caseTeam,
  );
  await mergeStore.markUnmerged(tx, merge.id, principal.label, reason);
  await appendAuditEvent(tx, {
    action: 'PERSON_UNMERGE',
    subjectType: 'person',
    subjectId: merge.survivor_id,
    justification: reason,
    details: { mergedId: merge.merged_id, mergeId: merge.id },
  });
}

/**
 * The merges a person took part in, with the other person's name where the viewer may see them: a
 * survivor is named even though it is itself merged on (the link leads on from there), a restricted
 * person never is.
 */
export async function mergeHistoryView(
  tx: Tx,
  principal: Principal,
  person: PersonRow,
): Promise<MergeHistoryView> {
  const rows = await mergeStore.mergesOf(tx, person.id);
  const names = new Map<string, string | null>();
  for (const id of otherPeopleOf(person.id, person.merged_into, rows)) {
    const other = (await showablePerson(tx, principal, id)) ?? (await findPerson(tx, id));
    names.set(id, other && !other.restricted ? nameOf(other) : null);
  }
  return mergeHistoryViewOf(person, rows, names, mayMergePeople(principal));
}
