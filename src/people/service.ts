/**
 * Person registry use-cases. Every read goes through `openPerson`, which answers a person outside the
 * caller's scope exactly like a missing one and records the denial.
 */
import type { Permission } from '../platform/access/permissions.ts';
import { decideAccess } from '../platform/access/policy.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { type PersonDetails, type SubjectRole, searchKeys, validatePersonDetails } from './rules.ts';
import * as store from './store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const recordExists = store.recordExists;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The permission a principal reads people with: case readers their hub, referrers their own agency's. */
export function readPermissionOf(principal: Principal): Permission {
  return principal.permissions.has('case:read') ? 'case:read' : 'referral:read-own-agency';
}

export async function openPerson(
  tx: Tx,
  principal: Principal,
  id: string,
  options: { justification?: string | null } = {},
): Promise<store.PersonRow> {
  if (!isUuid(id)) throw new NotFoundError();
  const person = await store.findPerson(tx, id);
  if (!person) {
    if (await store.recordExists(tx, 'person', id)) throw new AccessDeniedError('person', id, 'OUT_OF_SCOPE');
    throw new NotFoundError();
  }
  const decision = decideAccess(principal, {
    permission: readPermissionOf(principal),
    record: {
      agencyIds: person.agency_ids,
      areas: person.areas,
      restricted: person.restricted,
      caseTeamUserIds: person.case_team,
    },
    justification: options.justification ?? null,
  });
  if (!decision.allowed) throw new AccessDeniedError('person', id, decision.reason);
  return person;
}

export interface RecordedPerson {
  personId: string;
  sourceRecordId: string;
}

/**
 * Records what an agency says about a person: a new person, or a new source record on a person the caller
 * may already see. The person's scope widens to the submitting agency and the hub area.
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
  },
): Promise<{ personId: string; sourceRecordId: string | null }> {
  if (!principal.agencyId)
    throw new ValidationError([
      { field: input.field, message: 'Only a member of an agency can record people' },
    ]);
  if (input.existingPersonId) {
    const person = await openPerson(tx, principal, input.existingPersonId);
    let sourceRecordId: string | null = null;
    if (input.details) {
      const { errors, clean } = validatePersonDetails(input.details, {
        role: input.role,
        now: input.now,
        prefix: input.field,
      });
      if (errors.length) throw new ValidationError(errors);
      sourceRecordId = await store.insertSourceRecord(tx, {
        personId: person.id,
        agencyId: principal.agencyId,
        submittedByUser: principal.userId,
        submittedByLabel: principal.label,
        provenance: input.provenance,
        role: input.role,
        details: clean,
        keys: searchKeys(clean),
      });
      await store.refreshSummary(tx, person.id, clean);
    }
    await store.widenScope(tx, person.id, principal.agencyId, input.area);
    return { personId: person.id, sourceRecordId };
  }
  if (!input.details)
    throw new ValidationError([{ field: input.field, message: 'Choose a person or enter their details' }]);
  const { errors, clean } = validatePersonDetails(input.details, {
    role: input.role,
    now: input.now,
    prefix: input.field,
  });
  if (errors.length) throw new ValidationError(errors);
  const personId = await store.insertPerson(tx, clean, principal.agencyId, input.area);
  const sourceRecordId = await store.insertSourceRecord(tx, {
    personId,
    agencyId: principal.agencyId,
    submittedByUser: principal.userId,
    submittedByLabel: principal.label,
    provenance: input.provenance,
    role: input.role,
    details: clean,
    keys: searchKeys(clean),
  });
  return { personId, sourceRecordId };
}

/** The person page: their records and timeline as far as the caller may see, audited as a view. */
export async function viewPerson(tx: Tx, principal: Principal, id: string, justification?: string | null) {
  const person = await openPerson(tx, principal, id, { justification });
  const [sourceRecords, timeline] = await Promise.all([
    store.sourceRecordsOf(tx, id),
    store.timelineOf(tx, id),
  ]);
  await appendAuditEvent(tx, {
    action: 'PERSON_VIEW',
    subjectType: 'person',
    subjectId: id,
    justification: person.restricted ? (justification ?? null) : null,
  });
  return { person, sourceRecords, timeline };
}
