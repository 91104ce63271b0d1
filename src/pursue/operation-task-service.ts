/**
 * Tasks inside a Pursue operation (issue 17 item 5): a case worker of the operation's agency gives a
 * colleague of that agency something to do by a day; it is in the owner's My work until one of those running
 * the operation marks it done. Only while the operation is open. Audited.
 */
import { ROLE_NAMES, ROLES } from '../platform/access/permissions.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { operationOf } from './operation-store.ts';
import { type TaskForm, type TaskOwnerChoice, validateTask } from './operation-task-rules.ts';
import * as store from './operation-task-store.ts';
import { recorderOf } from './service.ts';

export type { OwnedTaskRow, TaskRow } from './operation-task-store.ts';

/**
 * The roles that run operations (case:work): only their holders are offered as owners, since only they can
 * open the operation, find the task in My work and mark it done.
 */
const OPERATION_ROLES: readonly string[] = ROLE_NAMES.filter((role) =>
  (ROLES[role].permissions as readonly string[]).includes('case:work'),
);

/** The operation's tasks, and whom a task may be given to. The operation is read (and scoped) by the caller. */
export async function operationTasks(
  tx: Tx,
  operationId: string,
): Promise<{ tasks: store.TaskRow[]; owners: TaskOwnerChoice[] }> {
  return {
    tasks: await store.tasksOf(tx, operationId),
    owners: await store.ownerChoices(tx, operationId, OPERATION_ROLES),
  };
}

/** One operation of the caller's agency that is still open, or an audited 404 / a conflict. */
async function openOperation(tx: Tx, operationId: string) {
  const operation = await operationOf(tx, operationId);
  if (!operation) throw new AccessDeniedError('pursue_operation', operationId, 'OUT_OF_SCOPE');
  if (operation.closed_at)
    throw new ConflictError('This operation is closed: its tasks can no longer change');
  return operation;
}

export async function addOperationTask(
  tx: Tx,
  principal: Principal,
  operationId: string,
  form: TaskForm,
  now: Date = new Date(),
): Promise<string> {
  await openOperation(tx, operationId);
  const owners = await store.ownerChoices(tx, operationId, OPERATION_ROLES);
  const { input, errors } = validateTask(form, owners, now);
  if (!input) throw new ValidationError(errors);
  const id = await store.insertTask(
    tx,
    operationId,
    {
      description: input.description,
      ownerUserId: input.owner.id,
      ownerLabel: input.owner.username,
      dueOn: input.dueOn,
    },
    recorderOf(principal),
  );
  await appendAuditEvent(tx, {
    action: 'OPERATION_TASK_ADD',
    subjectType: 'pursue_operation_task',
    subjectId: id,
    details: { operationId, ownerUserId: input.owner.id, dueOn: input.dueOn },
  });
  return id;
}

export async function markOperationTaskDone(
  tx: Tx,
  principal: Principal,
  operationId: string,
  taskId: string,
): Promise<void> {
  await openOperation(tx, operationId);
  const task = await store.taskOf(tx, operationId, taskId);
  if (!task) throw new NotFoundError();
  if (task.done_at || !(await store.markTaskDone(tx, taskId, principal.label)))
    throw new ConflictError('This task has already been done');
  await appendAuditEvent(tx, {
    action: 'OPERATION_TASK_DONE',
    subjectType: 'pursue_operation_task',
    subjectId: taskId,
    details: { operationId },
  });
}

/** A user's open tasks in their agency's open operations, for My work. */
export function openTasksOwnedBy(tx: Tx, userId: string) {
  return store.openTasksOwnedBy(tx, userId);
}
