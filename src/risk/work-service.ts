/**
 * "My work" from CSE risk: reassessments due (or overdue) for children in scope, for the team that works with
 * the child after the MASH (case:work). The MASH assesses at its decision and keeps the reassessments page;
 * a hub's researchers and practitioners are not the owners of every child's review.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { endOfUkDay, isOverdue, type WorkItem, workSubject } from '../platform/work/work-item.ts';
import { newRiskAssessmentPath } from './paths.ts';
import * as store from './store.ts';

/** How far ahead a reassessment shows as work: the reassessments page's horizon. */
export const REASSESSMENT_HORIZON_DAYS = 14;

export async function reassessmentWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  if (!principal.permissions.has('case:work')) return [];
  const horizon = new Date(now.getTime() + REASSESSMENT_HORIZON_DAYS * 86_400_000);
  const rows = await store.reassessmentsDue(tx, horizon.toISOString().slice(0, 10), {
    limit: 500,
    offset: 0,
  });
  return rows.map((r) => {
    const dueAt = endOfUkDay(r.review_due);
    return {
      kind: 'REASSESSMENT_DUE',
      title: 'Reassess the child’s CSE risk',
      subject: workSubject({ forename: r.forename, surname: r.surname }, null),
      href: newRiskAssessmentPath(r.id),
      dueAt,
      overdue: isOverdue(dueAt, now),
      owner: 'TEAM',
    };
  });
}
