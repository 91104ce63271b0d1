/**
 * Who may write a case note on a child (issue 14 item 2, decision 0020): case workers (case:work) who may
 * see the child, as the person page decides (their agency's child, or a child of their hub's areas; a
 * restricted child only on the case team, with a justification). Notes are read with the chronology: by
 * whoever may read the child's case. The row-level security of case_note (migration 024) says the same.
 */
import { type AccessDecision, decideAccess, type RecordScope } from './policy.ts';
import type { Principal } from './principal.ts';

export function decideCaseNoteWrite(
  principal: Principal,
  child: RecordScope,
  justification: string | null = null,
): AccessDecision {
  return decideAccess(principal, { permission: 'case:work', record: child, justification });
}

/** Whether the chronology offers "Add a case note" (the route and the service decide again on writing). */
export function mayWriteCaseNotes(principal: Principal): boolean {
  return principal.permissions.has('case:work');
}
