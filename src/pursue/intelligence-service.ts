/**
 * Intelligence from partners (issue 17 item 3): a submission by any agency that refers, the police's 3x5x2
 * evaluation with a sanitised version and feedback to the submitter, and its link to the person it is about.
 * Access is the policy's (`policy-pursue.ts`); every view and change is audited in the caller's transaction.
 */

import { findPersonOrDeny, personScope } from '../people/service.ts';
import {
  decideDisruptionWrite,
  decideIntelligenceRead,
  decideIntelligenceSubmit,
  type IntelligenceReader,
  mayEvaluateIntelligence,
} from '../platform/access/policy-pursue.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, ValidationError } from '../platform/http/errors.ts';
import {
  type EvaluationForm,
  type IntelligenceForm,
  validateEvaluation,
  validateIntelligence,
} from './intelligence-rules.ts';
import * as store from './intelligence-store.ts';
import { recorderOf } from './service.ts';

export type { IntelligenceRow, SanitisedRow } from './intelligence-store.ts';

export async function inPolice(tx: Tx): Promise<boolean> {
  const row = await tx.one<{ yes: boolean }>('SELECT lantern_in_police() AS yes');
  return row.yes;
}

export async function submitIntelligence(
  tx: Tx,
  principal: Principal,
  form: IntelligenceForm,
  now = new Date(),
) {
  const decision = decideIntelligenceSubmit(principal);
  if (!decision.allowed) throw new AccessDeniedError('intelligence', 'new', decision.reason);
  const { input, errors } = validateIntelligence(form, now);
  if (!input) throw new ValidationError(errors);
  const created = await store.insertIntelligence(tx, input, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'INTELLIGENCE_SUBMIT',
    subjectType: 'intelligence',
    subjectId: created.id,
  });
  return created;
}

/** The principal's lists: its agency's submissions, and for the police the intelligence still to grade. */
export async function intelligenceLists(tx: Tx, principal: Principal) {
  const evaluator = mayEvaluateIntelligence(principal, await inPolice(tx));
  const submissions = principal.agencyId ? await store.submissionsOf(tx, principal.agencyId) : [];
  return { evaluator, submissions, toGrade: evaluator ? await store.ungraded(tx) : [] };
}

/** One submission as the principal may read it (the police all of it, the submitter its text and feedback). */
export async function readIntelligence(
  tx: Tx,
  principal: Principal,
  id: string,
): Promise<{ row: store.IntelligenceRow; as: IntelligenceReader }> {
  const row = await store.intelligenceOf(tx, id);
  if (!row) throw new AccessDeniedError('intelligence', id, 'OUT_OF_SCOPE');
  const decision = decideIntelligenceRead(principal, { agencyId: row.agency_id }, await inPolice(tx));
  if (!decision.allowed) throw new AccessDeniedError('intelligence', id, decision.reason);
  return { row, as: decision.as };
}

export async function evaluateIntelligence(tx: Tx, principal: Principal, id: string, form: EvaluationForm) {
  const { row, as } = await readIntelligence(tx, principal, id);
  if (as !== 'EVALUATOR') throw new AccessDeniedError('intelligence', id, 'NO_PERMISSION');
  if (row.evaluated_at) throw new ConflictError('This intelligence has already been evaluated');
  const { input, errors } = validateEvaluation(form);
  if (!input) throw new ValidationError(errors);
  if (!(await store.evaluate(tx, id, input, recorderOf(principal))))
    throw new ConflictError('This intelligence has already been evaluated');
  await appendAuditEvent(tx, {
    action: 'INTELLIGENCE_EVALUATE',
    subjectType: 'intelligence',
    subjectId: id,
    details: {
      grade: `${input.sourceGrade}${input.intelligenceGrade}${input.handlingCode}`,
      feedback: input.feedback !== null,
    },
  });
}

/** What the person's register shows of intelligence: sanitised for all, and for the police what may be linked. */
export async function intelligenceAbout(tx: Tx, principal: Principal, personId: string) {
  const sanitised = await store.sanitisedAbout(tx, personId);
  const linkable = mayEvaluateIntelligence(principal, await inPolice(tx))
    ? await store.gradedUnlinked(tx)
    : [];
  return { sanitised, linkable };
}

export async function linkIntelligence(
  tx: Tx,
  principal: Principal,
  personId: string,
  intelligenceId: string,
) {
  const person = await findPersonOrDeny(tx, personId);
  const decision = decideDisruptionWrite(principal, personScope(person));
  if (!decision.allowed) throw new AccessDeniedError('person', personId, decision.reason);
  const { as } = await readIntelligence(tx, principal, intelligenceId);
  if (as !== 'EVALUATOR') throw new AccessDeniedError('intelligence', intelligenceId, 'NO_PERMISSION');
  if (!(await store.linkToPerson(tx, intelligenceId, personId, principal.label)))
    throw new ValidationError([
      { field: 'intelligence', message: 'Select graded intelligence not yet linked to anyone' },
    ]);
  await appendAuditEvent(tx, {
    action: 'INTELLIGENCE_LINK',
    subjectType: 'intelligence',
    subjectId: intelligenceId,
    details: { personId },
  });
}
