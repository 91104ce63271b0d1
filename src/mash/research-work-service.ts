/**
 * "My work" of an agency asked for research: its open research requests (due by the episode's RAG) and the
 * strategy discussion actions it owns. Each links to where it is done: the episode page's contribution form,
 * which any MASH practitioner of the asked agency in the hub's area may use.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { endOfUkDay, isOverdue, type WorkItem, workSubject } from '../platform/work/work-item.ts';
import { episodePath } from './paths.ts';
import * as researchStore from './research-store.ts';

export async function researchWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  if (!principal.agencyId) return [];
  const items: WorkItem[] = [];
  if (principal.permissions.has('mash:contribute')) {
    for (const r of await researchStore.openRequestsTo(tx, principal.agencyId, principal.areas)) {
      items.push({
        kind: 'RESEARCH_REQUEST',
        title: `Research requested by ${r.requested_by_label}`,
        subject: workSubject({ forename: r.child_forename, surname: r.child_surname }, r.reference),
        href: `${episodePath(r.episode_id)}#contribution-form`,
        dueAt: r.due_at,
        overdue: isOverdue(r.due_at, now),
        owner: 'AGENCY',
      });
    }
  }
  for (const a of await researchStore.openActionsOf(tx, principal.agencyId)) {
    const dueAt = endOfUkDay(a.due_date);
    items.push({
      kind: 'STRATEGY_ACTION',
      title: a.description,
      subject: workSubject({ forename: a.child_forename, surname: a.child_surname }, a.reference),
      href: `${episodePath(a.episode_id)}#strategy`,
      dueAt,
      overdue: isOverdue(dueAt, now),
      owner: 'AGENCY',
    });
  }
  return items;
}
