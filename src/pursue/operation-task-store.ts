/**
 * SQL of the tasks inside Pursue operations (migration 047): the only writer of `pursue_operation_task`.
 * Reads under row-level security: the tasks of operations the reader's agency runs.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { TaskOwnerChoice } from './operation-task-rules.ts';
import type { Recorder } from './store.ts';

export interface TaskRow {
  id: string;
  operation_id: string;
  description: string;
  owner: string;
  due_on: string;
  created_by: string;
  created_at: Date;
  done_at: Date | null;
  done_by: string | null;
}

const COLUMNS = `t.id, t.operation_id, t.description, ${actorNameSql('t.owner_label')} AS owner, t.due_on::text AS due_on,
  ${actorNameSql('t.created_by_label')} AS created_by, t.created_at, t.done_at,
  CASE WHEN t.done_by_label IS NOT NULL THEN ${actorNameSql('t.done_by_label')} END AS done_by`;

/** An operation's tasks: open ones first, by due day, then those done, the latest first. */
export function tasksOf(tx: Tx, operationId: string): Promise<TaskRow[]> {
  return tx.query<TaskRow>(
    `SELECT ${COLUMNS} FROM pursue_operation_task t WHERE t.operation_id = $1
      ORDER BY t.done_at IS NOT NULL, t.due_on, t.done_at DESC, t.created_at LIMIT 500`,
    [operationId],
  );
}

export function taskOf(tx: Tx, operationId: string, taskId: string): Promise<TaskRow | null> {
  return tx.maybeOne<TaskRow>(
    `SELECT ${COLUMNS} FROM pursue_operation_task t WHERE t.operation_id = $1 AND t.id = $2`,
    [operationId, taskId],
  );
}

/**
 * Who may be given a task in the operation: the active users of the operation's agency holding any of the
 * roles (those that run operations), by name.
 */
export function ownerChoices(
  tx: Tx,
  operationId: string,
  roles: readonly string[],
): Promise<TaskOwnerChoice[]> {
  return tx.query<TaskOwnerChoice>(
    `SELECT u.id, u.display_name AS name, u.username
       FROM pursue_operation o JOIN app_user u ON u.agency_id = o.agency_id
      WHERE o.id = $1 AND u.disabled_at IS NULL AND u.roles && $2::text[]
      ORDER BY u.display_name, u.username`,
    [operationId, roles],
  );
}

export async function insertTask(
  tx: Tx,
  operationId: string,
  task: { description: string; ownerUserId: string; ownerLabel: string; dueOn: string },
  by: Recorder,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO pursue_operation_task
       (operation_id, description, owner_user_id, owner_label, due_on, created_by_user, created_by_label)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7) RETURNING id`,
    [operationId, task.description, task.ownerUserId, task.ownerLabel, task.dueOn, by.userId, by.label],
  );
  return row.id;
}

/** Marks an open task done; false when it was done already (or is not the caller's to mark). */
export async function markTaskDone(tx: Tx, taskId: string, byLabel: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE pursue_operation_task SET done_at = now(), done_by_label = $2
      WHERE id = $1 AND done_at IS NULL RETURNING id`,
    [taskId, byLabel],
  );
  return rows.length === 1;
}

export interface OwnedTaskRow {
  id: string;
  operation_id: string;
  operation_name: string;
  description: string;
  due_on: string;
}

/** A user's open tasks in open operations (My work), by due day. */
export function openTasksOwnedBy(tx: Tx, userId: string): Promise<OwnedTaskRow[]> {
  return tx.query<OwnedTaskRow>(
    `SELECT t.id, t.operation_id, o.name AS operation_name, t.description, t.due_on::text AS due_on
       FROM pursue_operation_task t JOIN pursue_operation o ON o.id = t.operation_id
      WHERE t.owner_user_id = $1 AND t.done_at IS NULL AND o.closed_at IS NULL
      ORDER BY t.due_on, t.created_at LIMIT 200`,
    [userId],
  );
}
