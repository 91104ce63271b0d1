/**
 * Person registry use-cases. Every read goes through `openPerson`, which answers a person outside the
 * caller's scope exactly like a missing one and records the denial.
 */
import { inScopeOrDeny } from '../platform/access/in-scope.ts';
import type { RecordScope } from '../platform/access/policy.ts';
import { decidePersonRead, readPermissionOf } from '../platform/access/policy-people.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ValidationError } from '../platform/http/errors.ts';
import * as addressStore from './address-store.ts';
import { activeModel, findCandidates } from './candidates-service.ts';
import * as matching from './matching.ts';
import {
  type CleanPersonDetails,
  type PersonDetails,
  type SubjectRole,
  searchKeys,
  validatePersonDetails,
} from './rules.ts';
import * as store from './store.ts';

export const recordExists = store.recordExists;

// Offered here too, as the modules that open people's records have always taken it.
export { isUuid } from '../platform/ids.ts';

/** The permission a principal reads people with (decided by the access policy; exported for callers). */
export { readPermissionOf };

/** What the access policy needs to know of a person. */
export function personScope(person: {
  agency_ids: string[];
  areas: string[];
  restricted: boolean;
  case_team: string[];
}): RecordScope {
  return {
    agencyIds: person.agency_ids,
    areas: person.areas,
    restricted: person.restricted,
    caseTeamUserIds: person.case_team,
  };
}

/**
 * The person as row-level security lets the caller read them; one that exists out of scope answers like a
 * missing one, and the denial is audited.
 */
export function findPersonOrDeny(tx: Tx, id: string): Promise<store.PersonRow> {
  return inScopeOrDeny('person', id, {
    find: () => store.findPerson(tx, id),
    exists: () => store.recordExists(tx, 'person', id),
  });
}

export async function openPerson(
  tx: Tx,
  principal: Principal,
  id: string,
  options: { justification?: string | null } = {},
): Promise<store.PersonRow> {
  const person = await findPersonOrDeny(tx, id);
  const decision = decidePersonRead(principal, personScope(person), options.justification ?? null);
  if (!decision.allowed) throw new AccessDeniedError('person', id, decision.reason);
  return person;
}

export interface RecordedPerson {
  personId: string;
  sourceRecordId: string;
}

/**
 * Records what an agency says about a person: a new source record on a person the caller chose (and may
 * see), or new details. New details are matched against the whole registry first: above the auto-link
 * threshold the record joins that person; in the review band a new person is made and the possible matches
 * are queued for a practitioner. The caller must `refreshPeople` once its own rows are written.
 */
export async function recordPerson(
  tx: Tx,
  principal: Principal,
  input: {
    existingPersonId?: string | null;
    details: PersonDetails | null;
    role: SubjectRole;
    provenance: string;
    area: string | null;
    now: Date;
    field: string;
    /** The practitioner said this is none of the known candidates: never auto-link. */
    confirmedNew?: boolean;
  },
): Promise<RecordedPersonResult> {
  const agencyId = principal.agencyId;
  if (!agencyId) {
    throw new ValidationError([
      { field: input.field, message: 'Only a member of an agency can record people' },
    ]);
  }
  const clean = input.details ? validated(input.details, input) : null;
  const addRecord = async (personId: string, details: CleanPersonDetails) =>
    store.insertSourceRecord(tx, {
      personId,
      agencyId,
      submittedByUser: principal.userId,
      submittedByLabel: principal.label,
      provenance: input.provenance,
      role: input.role,
      details,
      keys: searchKeys(details),
    });
  if (input.existingPersonId) {
    const person = await openPerson(tx, principal, input.existingPersonId);
    const sourceRecordId = clean ? await addRecord(person.id, clean) : null;
    return { personId: person.id, sourceRecordId, match: { kind: 'CHOSEN' } };
  }
  if (!clean)
    throw new ValidationError([{ field: input.field, message: 'Choose a person or enter their details' }]);
  const model = await activeModel(tx);
  const candidates = model ? await findCandidates(tx, model.model, clean) : [];
  const decision = matching.intakeDecision(candidates, matching.MATCH_THRESHOLDS, {
    autoLink: !input.confirmedNew,
  });
  if (decision.kind === 'AUTO_LINK') {
    const personId = decision.candidate.personId;
    return {
      personId,
      sourceRecordId: await addRecord(personId, clean),
      match: { kind: 'AUTO_LINK', probability: decision.candidate.probability },
    };
  }
  const personId = await store.insertPerson(tx, clean, agencyId, input.area);
  const sourceRecordId = await addRecord(personId, clean);
  if (decision.kind === 'REVIEW') {
    await matching.queueForReview(tx, personId, decision.candidates, {
      source: 'INTAKE',
      area: input.area,
      modelVersion: model?.version ?? null,
    });
    return { personId, sourceRecordId, match: { kind: 'REVIEW', candidates: decision.candidates.length } };
  }
  return { personId, sourceRecordId, match: { kind: 'NEW' } };
}

export type IntakeMatchOutcome =
  | { kind: 'CHOSEN' }
  | { kind: 'NEW' }
  | { kind: 'AUTO_LINK'; probability: number }
  | { kind: 'REVIEW'; candidates: number };

export interface RecordedPersonResult {
  personId: string;
  sourceRecordId: string | null;
  match: IntakeMatchOutcome;
}

function validated(
  details: PersonDetails,
  input: { role: SubjectRole; now: Date; field: string },
): CleanPersonDetails {
  const { errors, clean } = validatePersonDetails(details, {
    role: input.role,
    now: input.now,
    prefix: input.field,
  });
  if (errors.length) throw new ValidationError(errors);
  return clean;
}

/**
 * Works out each person's scope and summary again from the records about them (agencies that submitted,
 * hub areas of their referrals), including people outside the caller's own scope that intake linked to.
 */
export async function refreshPeople(tx: Tx, personIds: Iterable<string>): Promise<void> {
  for (const id of new Set(personIds)) await store.recomputePerson(tx, id);
}

/**
 * The postcode of a person's current home from the records the caller may see, or null: what routing
 * uses when a referral names a child already known without new details (decision 0014).
 */
export function currentPostcodeOf(tx: Tx, personId: string): Promise<string | null> {
  return addressStore.currentPostcode(tx, personId);
}

/** The person page: their records and timeline as far as the caller may see, audited as a view. */
export async function viewPerson(tx: Tx, principal: Principal, id: string, justification?: string | null) {
  const person = await openPerson(tx, principal, id, { justification });
  const sourceRecords = await store.sourceRecordsOf(tx, id);
  const timeline = await store.timelineOf(tx, id);
  await appendAuditEvent(tx, {
    action: 'PERSON_VIEW',
    subjectType: 'person',
    subjectId: id,
    justification: person.restricted ? (justification ?? null) : null,
  });
  return { person, sourceRecords, timeline };
}
