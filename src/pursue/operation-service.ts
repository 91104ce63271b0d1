/**
 * Pursue operations (issue 17 item 5, in part): an agency's named operation with objectives, the suspects
 * added to it from their registers (and the children linked to them), and its outcome when closed. Case
 * workers run their agency's operations; case readers read them. Audited.
 */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import {
  AccessDeniedError,
  ConflictError,
  type FieldError,
  ValidationError,
} from '../platform/http/errors.ts';
import * as store from './operation-store.ts';
import { openForRecording, recorderOf } from './service.ts';

export type { MemberRow, OperationRow } from './operation-store.ts';

export interface OperationForm {
  name: string;
  objectives: string;
}

export function operationFormFrom(body: unknown): OperationForm {
  return { name: formText(body, 'name', 201).trim(), objectives: formText(body, 'objectives', 4001).trim() };
}

/** Pure: a name of 2 to 200 characters and the objectives. */
export function operationErrors(form: OperationForm): FieldError[] {
  const errors: FieldError[] = [];
  if (form.name.length < 2) errors.push({ field: 'name', message: 'Enter the name of the operation' });
  else if (form.name.length > 200)
    errors.push({ field: 'name', message: 'The name must be 200 characters or fewer' });
  if (!form.objectives) errors.push({ field: 'objectives', message: 'Enter the objectives' });
  else if (form.objectives.length > 4000)
    errors.push({ field: 'objectives', message: 'The objectives must be 4,000 characters or fewer' });
  return errors;
}

export async function startOperation(tx: Tx, principal: Principal, form: OperationForm): Promise<string> {
  const errors = operationErrors(form);
  if (!errors.length && (await store.nameTaken(tx, form.name)))
    errors.push({ field: 'name', message: 'Your agency already has an operation of that name' });
  if (errors.length) throw new ValidationError(errors);
  const id = await store.insertOperation(tx, form.name, form.objectives, recorderOf(principal));
  await appendAuditEvent(tx, { action: 'OPERATION_CREATE', subjectType: 'pursue_operation', subjectId: id });
  return id;
}

export function operations(tx: Tx) {
  return store.operationsOf(tx);
}

/** One operation of the reader's agency with its members, or an audited 404. */
export async function operationWithMembers(tx: Tx, id: string) {
  const operation = await store.operationOf(tx, id);
  if (!operation) throw new AccessDeniedError('pursue_operation', id, 'OUT_OF_SCOPE');
  return { operation, members: await store.membersOf(tx, id) };
}

export function operationsFor(tx: Tx, personId: string) {
  return store.operationsFor(tx, personId);
}

export async function addToOperation(tx: Tx, principal: Principal, personId: string, operationId: string) {
  await openForRecording(tx, principal, personId);
  const operation = await store.operationOf(tx, operationId);
  if (!operation || operation.closed_at)
    throw new ValidationError([
      { field: 'operation', message: 'Select one of your agency’s open operations' },
    ]);
  if (!(await store.addMember(tx, operationId, personId, principal.label)))
    throw new ValidationError([{ field: 'operation', message: 'This person is already in that operation' }]);
  await appendAuditEvent(tx, {
    action: 'OPERATION_MEMBER_ADD',
    subjectType: 'pursue_operation',
    subjectId: operationId,
    details: { personId },
  });
}

export async function closeOperation(tx: Tx, id: string, outcome: string) {
  const { operation } = await operationWithMembers(tx, id);
  if (operation.closed_at) throw new ConflictError('This operation is already closed');
  if (!outcome)
    throw new ValidationError([{ field: 'outcome', message: 'Enter the outcome of the operation' }]);
  if (outcome.length > 4000)
    throw new ValidationError([
      { field: 'outcome', message: 'The outcome must be 4,000 characters or fewer' },
    ]);
  if (!(await store.closeOperation(tx, id, outcome)))
    throw new ConflictError('This operation is already closed');
  await appendAuditEvent(tx, { action: 'OPERATION_CLOSE', subjectType: 'pursue_operation', subjectId: id });
}
