/**
 * The disruption register (issue 17 item 2, decision 0041): tactics recorded against a suspect or offender
 * (notices, orders, arrests, charges, convictions with sentences...), their breaches, and the Sexual Risk
 * Order considered after a breached abduction warning notice. Access is the policy's
 * (`policy-pursue.ts`); every write is audited in the caller's transaction; what is written counts in the
 * briefing at once (its statement triggers on `disposal`).
 */
import { findPersonOrDeny, personScope } from '../people/service.ts';
import { decideDisruptionRead, decideDisruptionWrite } from '../platform/access/policy-pursue.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { justificationErrors } from '../platform/http/justification.ts';
import { BREACHABLE, type Tactic } from './codes.ts';
import {
  type BreachForm,
  type SroDecisionForm,
  type TacticForm,
  validateBreach,
  validateSroDecision,
  validateTactic,
} from './rules.ts';
import * as store from './store.ts';

export type { BreachRow, TacticRow } from './store.ts';

/**
 * The person whose register the principal opens, or an audited 404. A restricted person opens only to their
 * case team with a justification, on every opening (SECURITY 3): without one, the denial's reason is
 * JUSTIFICATION_REQUIRED, which the register page answers by asking for it.
 */
async function openToRead(tx: Tx, principal: Principal, personId: string, justification: string | null) {
  const person = await findPersonOrDeny(tx, personId);
  const decision = decideDisruptionRead(principal, personScope(person), justification);
  if (!decision.allowed) throw new AccessDeniedError('person', personId, decision.reason);
  if (person.merged_into) throw new NotFoundError();
  return person;
}

/** The person and what the register shows of them, if the principal may read it (else an audited 404). */
export async function disruptionOf(
  tx: Tx,
  principal: Principal,
  personId: string,
  justification: string | null = null,
) {
  const person = await openToRead(tx, principal, personId, justification);
  const tactics = await store.tacticsOf(tx, personId);
  const breaches = await store.breachesOf(
    tx,
    tactics.map((t) => t.id),
  );
  const effects = await store.tacticEffectsOf(tx, personId);
  const childLinks = await store.childLinksOf(tx, personId);
  const profile = await store.profileCountsOf(tx, personId);
  return { person, tactics, breaches, effects, childLinks, profile };
}

/**
 * The person opened for a form or a write on their register, with the reason given for it. A restricted
 * person opens only to their case team, and a write on them needs a reason every time (SECURITY 3): a
 * member who has not given a good one is let through with `reasonErrors` (naming the `justification`
 * field) so that a form can show itself asking for it, and a write must throw them with its own errors,
 * saving nothing. Anyone else gets an audited 404. `justification` is what the write's audit carries: the
 * reason, for a restricted person only (as the person page records it).
 */
async function openToWrite(tx: Tx, principal: Principal, personId: string, justification: string | null) {
  const person = await findPersonOrDeny(tx, personId);
  const decision = decideDisruptionWrite(principal, personScope(person), justification);
  if (!decision.allowed && decision.reason !== 'JUSTIFICATION_REQUIRED')
    throw new AccessDeniedError('person', personId, decision.reason);
  if (person.merged_into) throw new NotFoundError();
  // The policy decides; the field's own rule (which also caps the length) only words the refusal.
  const checked = person.restricted ? justificationErrors(justification, 'record this') : [];
  const reasonErrors =
    !decision.allowed && !checked.length ? justificationErrors(null, 'record this') : checked;
  return { person, reasonErrors, justification: person.restricted ? justification : null };
}

/**
 * The person, the children a tactic may name, and the reason checks of `openToWrite`: for a form (which
 * shows the reason box for a restricted person) and for writes that check the reason with their own fields.
 */
export async function openToRecord(
  tx: Tx,
  principal: Principal,
  personId: string,
  justification: string | null = null,
) {
  const opened = await openToWrite(tx, principal, personId, justification);
  const children = await store.linkedChildrenOf(tx, personId);
  return { ...opened, children };
}

/**
 * The person and the children the form may name, for a write that carries no reason of its own (adding to
 * an operation, an import): on a restricted person it is refused as the policy refuses it, an audited 404.
 */
export async function openForRecording(tx: Tx, principal: Principal, personId: string) {
  const opened = await openToRecord(tx, principal, personId);
  if (opened.reasonErrors.length) throw new AccessDeniedError('person', personId, 'JUSTIFICATION_REQUIRED');
  return opened;
}

/** Refuses a recording's field errors together with a restricted person's missing reason. */
function refuseUnless<T>(checked: { input: T | null; errors: FieldError[] }, reasonErrors: FieldError[]): T {
  if (!checked.input || reasonErrors.length) throw new ValidationError([...checked.errors, ...reasonErrors]);
  return checked.input;
}

/** Who records: the user and their agency, or a partner system's token for its agency (with no user). */
export function recorderOf(principal: Principal): store.Recorder {
  // A partner system's token records for its agency, with no user.
  if (!principal.agencyId) throw new NotFoundError();
  return { userId: principal.userId, label: principal.label, agencyId: principal.agencyId };
}

export async function recordTactic(
  tx: Tx,
  principal: Principal,
  personId: string,
  form: TacticForm,
  justification: string | null = null,
  now: Date = new Date(),
): Promise<string> {
  const opened = await openToRecord(tx, principal, personId, justification);
  const input = refuseUnless(
    validateTactic(
      form,
      opened.children.map((c) => c.id),
      now,
    ),
    opened.reasonErrors,
  );
  const suspectReferralId = await store.latestSuspectReferral(tx, personId);
  const id = await store.insertTactic(tx, { ...input, personId, suspectReferralId }, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'DISRUPTION_RECORD',
    subjectType: 'disposal',
    subjectId: id,
    details: { personId, tactic: input.tactic, childPersonId: input.childPersonId },
    justification: opened.justification,
  });
  return id;
}

/**
 * A tactic the principal may record against (its person open to them for writing), with that person and,
 * for a restricted person, the reason checks of `openToWrite` (a write must throw `reasonErrors`).
 */
export async function openTactic(
  tx: Tx,
  principal: Principal,
  tacticId: string,
  justification: string | null = null,
) {
  const tactic = await store.tacticOf(tx, tacticId);
  if (!tactic) throw new AccessDeniedError('disposal', tacticId, 'OUT_OF_SCOPE');
  const opened = await openToWrite(tx, principal, tactic.person_id, justification);
  if (!BREACHABLE.has(tactic.type as Tactic)) throw new NotFoundError();
  return { tactic, ...opened };
}

export async function recordBreach(
  tx: Tx,
  principal: Principal,
  tacticId: string,
  form: BreachForm,
  justification: string | null = null,
  now: Date = new Date(),
): Promise<{ breachId: string; personId: string }> {
  const opened = await openTactic(tx, principal, tacticId, justification);
  const { tactic } = opened;
  const input = refuseUnless(
    validateBreach(form, { type: tactic.type, startedOn: tactic.started_on }, now),
    opened.reasonErrors,
  );
  const breachId = await store.insertBreach(tx, tacticId, input, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'DISRUPTION_BREACH_RECORD',
    subjectType: 'disruption_breach',
    subjectId: breachId,
    details: { tacticId, personId: tactic.person_id, tactic: tactic.type },
    justification: opened.justification,
  });
  return { breachId, personId: tactic.person_id };
}

/**
 * A breach whose Sexual Risk Order is the principal's agency's to decide, with its tactic and person (and,
 * for a restricted person, the reason checks of `openToWrite`).
 */
export async function openBreachForDecision(
  tx: Tx,
  principal: Principal,
  breachId: string,
  justification: string | null = null,
) {
  const breach = await store.breachOf(tx, breachId);
  if (!breach) throw new AccessDeniedError('disruption_breach', breachId, 'OUT_OF_SCOPE');
  const opened = await openTactic(tx, principal, breach.disposal_id, justification);
  if (breach.agency_id !== principal.agencyId)
    throw new AccessDeniedError('disruption_breach', breachId, 'OUT_OF_SCOPE');
  return { breach, ...opened };
}

export async function recordSroDecision(
  tx: Tx,
  principal: Principal,
  breachId: string,
  form: SroDecisionForm,
  justification: string | null = null,
): Promise<string> {
  const opened = await openBreachForDecision(tx, principal, breachId, justification);
  const { breach } = opened;
  if (breach.sro_decision)
    throw new ConflictError('The Sexual Risk Order has already been decided for this breach');
  const input = refuseUnless(validateSroDecision(form), opened.reasonErrors);
  const decided = await store.decideSro(tx, breachId, input.decision, input.reason, principal.label);
  if (!decided) throw new ConflictError('The Sexual Risk Order has already been decided for this breach');
  await appendAuditEvent(tx, {
    action: 'SRO_DECISION_RECORD',
    subjectType: 'disruption_breach',
    subjectId: breachId,
    details: { decision: input.decision },
    justification: opened.justification,
  });
  const tactic = await store.tacticOf(tx, breach.disposal_id);
  return tactic?.person_id ?? '';
}
