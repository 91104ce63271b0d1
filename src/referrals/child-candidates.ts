/**
 * Known children who may be the one whose details were entered on the child step, for a user who may
 * search: at or above the review threshold, and only those the user may see (the matching itself looks at
 * the whole registry).
 */
import {
  activeModel,
  findCandidates,
  type ShownCandidate,
  visibleCandidates,
} from '../people/candidates-service.ts';
import { validatePersonDetails } from '../people/rules.ts';
import { mayLookForKnownChild } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type PersonForm, personDetailsOf } from './form.ts';

export async function intakeCandidates(
  tx: Tx,
  principal: Principal,
  person: PersonForm,
): Promise<ShownCandidate[]> {
  if (!mayLookForKnownChild(principal)) return [];
  const model = await activeModel(tx);
  if (!model) return [];
  const { errors, clean } = validatePersonDetails(personDetailsOf(person), {
    role: 'CHILD',
    now: new Date(),
    prefix: 'child',
  });
  if (errors.length) return [];
  return visibleCandidates(tx, principal, await findCandidates(tx, model.model, clean));
}
