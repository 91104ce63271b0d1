/**
 * "My work" for sharing grants: each active grant naming the principal (directly, through one of their teams
 * or through their agency) is a notice, due when access ends, linking to the shared page.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { WorkItem, WorkOwner } from '../platform/work/work-item.ts';
import { sharedPath } from './paths.ts';
import { sharedWithYou } from './sharing-service.ts';

const OWNER: Record<string, WorkOwner> = { USER: 'YOU', TEAM: 'TEAM', AGENCY: 'AGENCY' };

/** At most this many notices: the full list is "Shared with you" (/shared). */
const LIMIT = 200;

export async function sharingWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  const { rows } = await sharedWithYou(tx, principal, now, { limit: LIMIT, offset: 0 });
  return rows.map((g) => ({
    kind: 'SHARED_WITH_YOU',
    title: `Information shared with ${g.recipient_kind === 'USER' ? 'you' : g.recipient_label} by ${g.granted_by_label}`,
    subject: [g.forename, g.surname].filter(Boolean).join(' ') || 'Name not known',
    href: sharedPath(g.id),
    dueAt: g.expires_at,
    overdue: false,
    owner: OWNER[g.recipient_kind] ?? 'YOU',
  }));
}
