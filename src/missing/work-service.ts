/**
 * "My work" from the missing module: the MASH tasks a run of repeat missing raised for a hub (completed from
 * My work, audited), and the return home interviews due or overdue for those who work missing episodes.
 */
import { isUuid } from '../people/service.ts';
import { inMashHub } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { isOverdue, type WorkItem, workSubject } from '../platform/work/work-item.ts';
import { dueInterviews } from './interview-service.ts';
import { episodePath, personPagePath } from './paths.ts';
import * as tasksStore from './repeat-missing-store.ts';

/** Where a hub completes a MASH task (a POST from My work). */
export function mashTaskCompletePath(taskId: string): string {
  return `/mash-tasks/${taskId}/complete`;
}

/** The hub's open MASH tasks: for those who triage in the task's area. No due time is set for them. */
export async function mashTaskWorkItems(tx: Tx, principal: Principal, _now: Date): Promise<WorkItem[]> {
  if (!principal.permissions.has('mash:triage') || principal.areas.length === 0) return [];
  const rows = await tasksStore.openMashTasks(tx, principal.areas);
  return rows.map((t) => ({
    kind: 'MASH_TASK',
    title: t.description,
    subject: workSubject({ forename: t.forename, surname: t.surname }, null),
    href: personPagePath(t.person_id),
    dueAt: null,
    overdue: false,
    owner: 'HUB',
    action: { label: 'Mark as done', href: mashTaskCompletePath(t.id) },
  }));
}

/** Interviews due or overdue for those who work missing episodes (case:work), in their scope. */
export async function interviewWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  if (!principal.permissions.has('case:work')) return [];
  const due = await dueInterviews(tx, now, 500);
  return due.map((d) => ({
    kind: 'RHI_DUE',
    title: d.offered ? 'Complete the return home interview' : 'Offer a return home interview',
    subject: d.childName,
    // The episode page, at its interview section: the interview is recorded there (the path of the form's
    // post answers no GET).
    href: `${episodePath(d.episodeId)}#rhi-status`,
    dueAt: d.deadline,
    overdue: d.status === 'OVERDUE' || isOverdue(d.deadline, now),
    owner: 'TEAM',
  }));
}

/** Marks a hub's MASH task done: only someone who triages in its area; audited. */
export async function completeMashTask(tx: Tx, principal: Principal, id: string, now: Date = new Date()) {
  if (!isUuid(id)) throw new NotFoundError();
  const task = await tasksStore.findMashTask(tx, id);
  if (!task) throw new NotFoundError();
  if (!inMashHub(principal, task.area)) throw new AccessDeniedError('mash_task', id, 'OUT_OF_SCOPE');
  if (task.done_at || !(await tasksStore.completeMashTask(tx, id, principal.label, now)))
    throw new ConflictError('This task has already been done');
  await appendAuditEvent(tx, { action: 'MASH_TASK_COMPLETE', subjectType: 'mash_task', subjectId: id });
}
