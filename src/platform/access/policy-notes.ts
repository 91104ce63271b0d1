/**
 * Who may write a case note on a child (issue 14 item 2, decision 0020): case workers (case:work) who may
 * open the child's record as the person page decides (`decidePersonRead`: their agency's child, or with
 * case:read a child of their hub's areas; a restricted child only on the case team, with a justification).
 * The row-level security of case_note (migration 024) says the same: case:work and lantern_may_see_person.
 * Notes are read with the chronology, by whoever may read the child's case (case:read).
 */
import type { AccessDecision, RecordScope } from './policy.ts';
import { decidePersonRead } from './policy-people.ts';
import type { Principal } from './principal.ts';

export function decideCaseNoteWrite(
  principal: Principal,
  child: RecordScope,
  justification: string | null = null,
): AccessDecision {
  if (!principal.permissions.has('case:work')) return { allowed: false, reason: 'NO_PERMISSION' };
  return decidePersonRead(principal, child, justification);
}

/** Whether the chronology offers "Add a case note" (the route and the service decide again on writing). */
export function mayWriteCaseNotes(principal: Principal): boolean {
  return principal.permissions.has('case:work');
}
