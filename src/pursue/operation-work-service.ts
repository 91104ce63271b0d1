/**
 * "My work" from Pursue operations: the open tasks given to the principal in their agency's open operations,
 * due at the end of their due day, with a link to the operation and "Mark as done" on My work itself.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { endOfUkDay, isOverdue, type WorkItem } from '../platform/work/work-item.ts';
import { openTasksOwnedBy } from './operation-task-service.ts';
import { operationPath, operationTaskDonePath } from './paths.ts';

/** Where My work's "Mark as done" posts: the operation's own route, which then returns to My work. */
export const FROM_MY_WORK = 'my-work';

export async function operationTaskWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  // A task is a person's own (partner systems' tokens have no user); reading it is reading the operation.
  if (!principal.userId || !principal.permissions.has('case:read')) return [];
  const rows = await openTasksOwnedBy(tx, principal.userId);
  const mayMarkDone = principal.permissions.has('case:work');
  return rows.map((r) => {
    const dueAt = endOfUkDay(r.due_on);
    return {
      kind: 'OPERATION_TASK' as const,
      title: r.description,
      subject: r.operation_name,
      href: `${operationPath(r.operation_id)}#tasks`,
      dueAt,
      overdue: isOverdue(dueAt, now),
      owner: 'YOU' as const,
      ...(mayMarkDone
        ? {
            action: {
              label: 'Mark as done',
              href: `${operationTaskDonePath(r.operation_id, r.id)}?from=${FROM_MY_WORK}`,
            },
          }
        : {}),
    };
  });
}
