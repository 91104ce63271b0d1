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
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
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

type Decide = typeof decideDisruptionRead;

async function openPerson(tx: Tx, principal: Principal, personId: string, decide: Decide) {
  const person = await findPersonOrDeny(tx, personId);
  const decision = decide(principal, personScope(person));
  if (!decision.allowed) throw new AccessDeniedError('person', personId, decision.reason);
  if (person.merged_into) throw new NotFoundError();
  return person;
}

/** The person and what the register shows of them, if the principal may read it (else an audited 404). */
export async function disruptionOf(tx: Tx, principal: Principal, personId: string) {
  const person = await openPerson(tx, principal, personId, decideDisruptionRead);
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

/** The person and the children the form may name, if the principal may record tactics against them. */
export async function openForRecording(tx: Tx, principal: Principal, personId: string) {
  const person = await openPerson(tx, principal, personId, decideDisruptionWrite);
  const children = await store.linkedChildrenOf(tx, personId);
  return { person, children };
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
  now: Date = new Date(),
): Promise<string> {
  const { children } = await openForRecording(tx, principal, personId);
  const { input, errors } = validateTactic(
    form,
    children.map((c) => c.id),
    now,
  );
  if (!input) throw new ValidationError(errors);
  const suspectReferralId = await store.latestSuspectReferral(tx, personId);
  const id = await store.insertTactic(tx, { ...input, personId, suspectReferralId }, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'DISRUPTION_RECORD',
    subjectType: 'disposal',
    subjectId: id,
    details: { personId, tactic: input.tactic, childPersonId: input.childPersonId },
  });
  return id;
}

/** A tactic the principal may record against (its person open to them for writing), with that person. */
export async function openTactic(tx: Tx, principal: Principal, tacticId: string) {
  const tactic = await store.tacticOf(tx, tacticId);
  if (!tactic) throw new AccessDeniedError('disposal', tacticId, 'OUT_OF_SCOPE');
  const person = await openPerson(tx, principal, tactic.person_id, decideDisruptionWrite);
  if (!BREACHABLE.has(tactic.type as Tactic)) throw new NotFoundError();
  return { tactic, person };
}

export async function recordBreach(
  tx: Tx,
  principal: Principal,
  tacticId: string,
  form: BreachForm,
  now: Date = new Date(),
): Promise<{ breachId: string; personId: string }> {
  const { tactic } = await openTactic(tx, principal, tacticId);
  const { input, errors } = validateBreach(form, { type: tactic.type, startedOn: tactic.started_on }, now);
  if (!input) throw new ValidationError(errors);
  const breachId = await store.insertBreach(tx, tacticId, input, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'DISRUPTION_BREACH_RECORD',
    subjectType: 'disruption_breach',
    subjectId: breachId,
    details: { tacticId, personId: tactic.person_id, tactic: tactic.type },
  });
  return { breachId, personId: tactic.person_id };
}

/** A breach whose Sexual Risk Order is the principal's agency's to decide, with its tactic and person. */
export async function openBreachForDecision(tx: Tx, principal: Principal, breachId: string) {
  const breach = await store.breachOf(tx, breachId);
  if (!breach) throw new AccessDeniedError('disruption_breach', breachId, 'OUT_OF_SCOPE');
  const { tactic, person } = await openTactic(tx, principal, breach.disposal_id);
  if (breach.agency_id !== principal.agencyId)
    throw new AccessDeniedError('disruption_breach', breachId, 'OUT_OF_SCOPE');
  return { breach, tactic, person };
}

export async function recordSroDecision(
  tx: Tx,
  principal: Principal,
  breachId: string,
  form: SroDecisionForm,
): Promise<string> {
  const { breach } = await openBreachForDecision(tx, principal, breachId);
  if (breach.sro_decision)
    throw new ConflictError('The Sexual Risk Order has already been decided for this breach');
  const { input, errors } = validateSroDecision(form);
  if (!input) throw new ValidationError(errors);
  const decided = await store.decideSro(tx, breachId, input.decision, input.reason, principal.label);
  if (!decided) throw new ConflictError('The Sexual Risk Order has already been decided for this breach');
  await appendAuditEvent(tx, {
    action: 'SRO_DECISION_RECORD',
    subjectType: 'disruption_breach',
    subjectId: breachId,
    details: { decision: input.decision },
  });
  const tactic = await store.tacticOf(tx, breach.disposal_id);
  return tactic?.person_id ?? '';
}
