/**
 * Restricting a person (e.g. a high-profile victim): only their case team may then open the record, each
 * time with a reason. Restricting, lifting and changing the case team are decided by the access policy,
 * need a justification, and are audited with it in the same transaction.
 */
import { ROLE_NAMES, ROLES } from '../platform/access/permissions.ts';
import { decideRestrictionChange, MIN_JUSTIFICATION_LENGTH } from '../platform/access/policy.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, type FieldError, ValidationError } from '../platform/http/errors.ts';
import { setRestriction } from './merge-store.ts';
import { caseTeamCandidates, type StaffOption } from './restriction-store.ts';
import { findPersonOrDeny, personScope } from './service.ts';
import type * as store from './store.ts';

export const RESTRICTION_AUDIT = 'PERSON_RESTRICTION_CHANGE';

/** Roles whose holders can read cases, and so can be on a case team. */
const CASE_READING_ROLES = ROLE_NAMES.filter((role) =>
  (ROLES[role].permissions as readonly string[]).includes('case:read'),
);

export interface RestrictionInput {
  restricted: boolean;
  caseTeam: string[];
  justification: string;
}

export interface RestrictionForm {
  person: store.PersonRow;
  candidates: StaffOption[];
}

/** The person (restriction decided by the policy, without opening their record) and who could be on the team. */
export async function restrictionForm(tx: Tx, principal: Principal, id: string): Promise<RestrictionForm> {
  const person = await personForChange(tx, principal, id);
  return { person, candidates: await caseTeamCandidates(tx, person, CASE_READING_ROLES) };
}

async function personForChange(tx: Tx, principal: Principal, id: string): Promise<store.PersonRow> {
  const person = await findPersonOrDeny(tx, id);
  const decision = decideRestrictionChange(principal, personScope(person));
  if (!decision.allowed) throw new AccessDeniedError('person', id, decision.reason);
  return person;
}

export function validateRestriction(
  input: RestrictionInput,
  candidates: readonly StaffOption[],
): FieldError[] {
  const errors: FieldError[] = [];
  const justification = input.justification.trim();
  if (justification.length < MIN_JUSTIFICATION_LENGTH || justification.length > 1000)
    errors.push({
      field: 'justification',
      message: `Explain why, in ${MIN_JUSTIFICATION_LENGTH} to 1000 characters`,
    });
  const known = new Set(candidates.map((c) => c.id));
  if (input.caseTeam.some((id) => !known.has(id)))
    errors.push({ field: 'caseTeam', message: 'Choose the case team from the list' });
  return errors;
}

export async function changeRestriction(
  tx: Tx,
  principal: Principal,
  id: string,
  input: RestrictionInput,
): Promise<void> {
  const { person, candidates } = await restrictionForm(tx, principal, id);
  const errors = validateRestriction(input, candidates);
  if (errors.length) throw new ValidationError(errors);
  // Whoever restricts a record stays on its case team: no one locks themselves (or everyone) out.
  const team = input.restricted
    ? [...new Set([...(principal.userId ? [principal.userId] : []), ...input.caseTeam])]
    : [];
  await setRestriction(tx, person.id, input.restricted, team);
  await appendAuditEvent(tx, {
    action: RESTRICTION_AUDIT,
    subjectType: 'person',
    subjectId: person.id,
    justification: input.justification.trim(),
    details: {
      restrictedBefore: person.restricted,
      restricted: input.restricted,
      caseTeamBefore: person.case_team.length,
      caseTeam: team.length,
    },
  });
}
