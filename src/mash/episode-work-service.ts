/**
 * The MASH's work provider for "My work": episodes allocated to the principal, decisions proposed in the
 * principal's hubs awaiting a manager's approval, the principal's proposals a manager returned, and what the
 * hub must take in (a referral to confirm, one transferred from another hub). Reads
 * under row-level security in the caller's transaction; writes nothing (the My work page audits its view).
 */
import { mayActOnEpisode } from '../platform/access/policy-mash.ts';
import type { Principal } from '../platform/access/principal.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { WorkItem } from '../platform/work/work-item.ts';
import { episodePath } from './paths.ts';
import * as rolesStore from './roles-store.ts';
import * as transferStore from './transfer-store.ts';
import { childName } from './view-models.ts';

function subjectOf(row: rolesStore.WorkEpisodeRow): string {
  return `${childName({ child_forename: row.forename, child_surname: row.surname })} (${row.reference})`;
}

export async function episodeWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  const overdue = (due: Date | null) => due !== null && due.getTime() < now.getTime();
  if (principal.userId) {
    for (const row of await rolesStore.allocatedTo(tx, principal.userId)) {
      // The nearer of the two clocks: the RAG deadline while it runs, else the decision's.
      const due =
        row.rag_deadline && row.rag_deadline.getTime() < row.decision_deadline.getTime()
          ? row.rag_deadline
          : row.decision_deadline;
      items.push({
        kind: 'ALLOCATED_EPISODE',
        title: 'Referral allocated to you',
        subject: subjectOf(row),
        href: episodePath(row.episode_id),
        dueAt: due,
        overdue: overdue(due),
        owner: 'YOU',
      });
    }
    for (const row of await rolesStore.proposalsReturnedTo(tx, principal.userId)) {
      items.push({
        kind: 'RETURNED_DECISION',
        title: `Your proposed decision was returned by ${row.proposed_by_label ?? 'a MASH manager'}`,
        subject: subjectOf(row),
        href: `${episodePath(row.episode_id)}#decision`,
        dueAt: row.decision_deadline,
        overdue: overdue(row.decision_deadline),
        owner: 'YOU',
      });
    }
  }
  // Approval is a manager's: the access policy decides, per episode's hub.
  if (principal.permissions.has('mash:decide')) {
    for (const row of await rolesStore.proposalsAwaiting(tx)) {
      const facts = { area: row.area, open: true, agencyKnown: true, rated: true };
      if (!mayActOnEpisode(principal, 'approve', facts)) continue;
      items.push({
        kind: 'DECISION_TO_APPROVE',
        title: `Decision proposed by ${row.proposed_by_label ?? 'a practitioner'} to approve`,
        subject: subjectOf(row),
        href: `${episodePath(row.episode_id)}#proposal`,
        dueAt: row.decision_deadline,
        overdue: overdue(row.decision_deadline),
        owner: 'HUB',
      });
    }
  }
  // What the hub must take in: a referral to confirm (no postcode) or one transferred from another hub.
  if (principal.permissions.has('mash:triage')) {
    for (const row of await transferStore.hubArrivals(tx)) {
      const subject = `${childName({ child_forename: row.forename, child_surname: row.surname })} (${row.reference})`;
      items.push({
        kind: row.hub_to_confirm ? 'AREA_TO_CONFIRM' : 'TRANSFERRED_IN',
        title: row.hub_to_confirm
          ? 'Confirm this hub, or transfer the referral: the child’s home area is not known'
          : `Transferred from ${row.from_area ? areaLabel(row.from_area) : 'another hub'}: allocate it`,
        subject,
        href: episodePath(row.episode_id),
        dueAt: row.due,
        overdue: overdue(row.due),
        owner: 'HUB',
      });
    }
  }
  return items;
}
