/**
 * A suspect's identifiers (issue 17 item 1, in part): recorded by case workers who may open the person, read
 * with the register, and searched by any part of a vehicle, phone, handle, alias or reference. Audited.
 */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { type IdentifierForm, searchKeyOf, validateIdentifier } from './identifier-rules.ts';
import * as store from './identifier-store.ts';
import { openToRecord, recorderOf } from './service.ts';

export type { IdentifierMatchRow, IdentifierRow } from './identifier-store.ts';

/** The shortest search: two characters of a registration would match half the register. */
export const MIN_SEARCH = 3;

export async function recordIdentifier(
  tx: Tx,
  principal: Principal,
  personId: string,
  form: IdentifierForm,
  justification: string | null = null,
  now = new Date(),
) {
  // A restricted person's case team records with a reason, checked with the form's own fields.
  const opened = await openToRecord(tx, principal, personId, justification);
  const { input, errors } = validateIdentifier(form, now);
  if (!input || opened.reasonErrors.length) throw new ValidationError([...errors, ...opened.reasonErrors]);
  const id = await store.insertIdentifier(tx, personId, input, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'IDENTIFIER_RECORD',
    subjectType: 'person_identifier',
    subjectId: id,
    details: { personId, kind: input.kind },
    justification: opened.justification,
  });
  return id;
}

export function identifiersOf(tx: Tx, personId: string) {
  return store.identifiersOf(tx, personId);
}

export async function searchByIdentifier(tx: Tx, text: string) {
  const key = searchKeyOf(text);
  if (key.length < MIN_SEARCH)
    throw new ValidationError([
      { field: 'q', message: `Enter at least ${MIN_SEARCH} letters or digits of the identifier` },
    ]);
  return store.identifiersMatching(tx, key);
}
