/**
 * A person's Pursue status with its history (issue 17 item 1, in part): suspect, offender or eliminated,
 * each change with a reason; and whether they belong to a group (other suspects linked to the same
 * children). Recorded by case workers who may open the person; audited.
 */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { isCode } from '../platform/codes/code-list.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { PURSUE_STATUSES } from './codes.ts';
import { openToRecord, recorderOf } from './service.ts';
import * as statusStore from './status-store.ts';

export interface StatusForm {
  status: string;
  reason: string;
}

export function statusFormFrom(body: unknown): StatusForm {
  return { status: formText(body, 'status', 20).trim(), reason: formText(body, 'reason', 2001).trim() };
}

/** Pure: a status of the list and a reason (why someone is an offender, or eliminated). */
export function statusErrors(form: StatusForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCode(PURSUE_STATUSES, form.status)) errors.push({ field: 'status', message: 'Select the status' });
  if (!form.reason) errors.push({ field: 'reason', message: 'Enter the reason for the status' });
  else if (form.reason.length > 2000)
    errors.push({ field: 'reason', message: 'The reason must be 2,000 characters or fewer' });
  return errors;
}

export async function recordStatus(
  tx: Tx,
  principal: Principal,
  personId: string,
  form: StatusForm,
  justification: string | null = null,
) {
  // A restricted person's case team records with a reason, checked with the form's own fields.
  const opened = await openToRecord(tx, principal, personId, justification);
  const errors = [...statusErrors(form), ...opened.reasonErrors];
  if (errors.length) throw new ValidationError(errors);
  await statusStore.insertStatus(tx, personId, form.status, form.reason, recorderOf(principal));
  await appendAuditEvent(tx, {
    action: 'PURSUE_STATUS_RECORD',
    subjectType: 'person',
    subjectId: personId,
    details: { status: form.status },
    justification: opened.justification,
  });
}

/** The status history (newest first) and how many other suspects share linked children with the person. */
export async function standingOf(tx: Tx, personId: string) {
  const history = await statusStore.statusHistoryOf(tx, personId);
  const associates = await statusStore.associatesCount(tx, personId);
  return { history, associates };
}
