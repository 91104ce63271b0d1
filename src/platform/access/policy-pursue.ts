/**
 * Who may read and record the disruption of a suspect or offender (issue 17, decision 0041). Reading a
 * person's disruption register is casework: case readers (case:read) who may open the person's record as
 * the person page decides. Recording a tactic, a breach or the Sexual Risk Order decision is case work
 * (case:work, the CSE teams) on a person the recorder may open. The row-level security of `disposal` and
 * `disruption_breach` (migrations 009 and 040) says the same; a breach's decision is the issuing agency's.
 * A restricted person (SECURITY 3) opens only to their case team, and only with a justification: for the
 * register, on every opening; for a recording, on every write.
 */
import type { AccessDecision, RecordScope } from './policy.ts';
import { decidePersonRead } from './policy-people.ts';
import type { Principal } from './principal.ts';

export function decideDisruptionRead(
  principal: Principal,
  person: RecordScope,
  justification: string | null = null,
): AccessDecision {
  if (!principal.permissions.has('case:read')) return { allowed: false, reason: 'NO_PERMISSION' };
  return decidePersonRead(principal, person, justification);
}

export function decideDisruptionWrite(
  principal: Principal,
  person: RecordScope,
  justification: string | null = null,
): AccessDecision {
  if (!principal.permissions.has('case:work')) return { allowed: false, reason: 'NO_PERMISSION' };
  return decidePersonRead(principal, person, justification);
}

/**
 * Importing police disposals (the force's own record of its tactics, by CSV or the API): case work for a
 * police agency only, since the references are the police system's. Each row's person is then decided as
 * any recording is (`decideDisruptionWrite`). `agencyIsPolice`: the importing agency's type as stored.
 */
export function decideDisposalImport(principal: Principal, agencyIsPolice: boolean): AccessDecision {
  if (!principal.permissions.has('case:work') || !principal.agencyId)
    return { allowed: false, reason: 'NO_PERMISSION' };
  return agencyIsPolice ? { allowed: true } : { allowed: false, reason: 'NO_PERMISSION' };
}

/** Whether the register offers "Record a tactic" (the route and the service decide again on writing). */
export function mayRecordDisruption(principal: Principal): boolean {
  return principal.permissions.has('case:work');
}

/** Whether a page links to a person's disruption register (the register decides again on opening). */
export function mayReadDisruption(principal: Principal): boolean {
  return principal.permissions.has('case:read');
}

/**
 * Intelligence from partners (migration 041): any agency that refers may submit, and reads its own
 * submissions with their feedback; police case workers (case:work in a police agency) read and evaluate
 * all of it. `inPolice` is the database's answer for the principal's agency (`lantern_in_police()`).
 */
export function decideIntelligenceSubmit(principal: Principal): AccessDecision {
  return principal.permissions.has('referral:create')
    ? { allowed: true }
    : { allowed: false, reason: 'NO_PERMISSION' };
}

export function mayEvaluateIntelligence(principal: Principal, inPolice: boolean): boolean {
  return inPolice && principal.permissions.has('case:work');
}

export type IntelligenceReader = 'EVALUATOR' | 'SUBMITTER';

/** How the principal may read one submission, or why not. */
export function decideIntelligenceRead(
  principal: Principal,
  record: { agencyId: string },
  inPolice: boolean,
): { allowed: true; as: IntelligenceReader } | { allowed: false; reason: 'NO_PERMISSION' | 'OUT_OF_SCOPE' } {
  if (mayEvaluateIntelligence(principal, inPolice)) return { allowed: true, as: 'EVALUATOR' };
  const submits =
    principal.permissions.has('referral:create') || principal.permissions.has('referral:read-own-agency');
  if (!submits) return { allowed: false, reason: 'NO_PERMISSION' };
  return record.agencyId === principal.agencyId
    ? { allowed: true, as: 'SUBMITTER' }
    : { allowed: false, reason: 'OUT_OF_SCOPE' };
}

/** Who may open the Pursue priorities: the CSE teams (case:work) and analysts (analysis:read). */
export const PRIORITY_READERS = ['case:work', 'analysis:read'] as const;

/**
 * How the priorities are read: a case worker by name (people they may open), an analyst by pseudonym
 * (everyone in the partnership's priorities, none of whom they may open; migration 049).
 */
export function priorityReaderOf(principal: Principal): 'CASE_WORKER' | 'ANALYST' {
  return principal.permissions.has('case:work') ? 'CASE_WORKER' : 'ANALYST';
}
