/**
 * Finding episodes: the hub's queue with filters (RAG, stage, allocated person, breached, area), sorted by
 * deadline or receipt, a page of at most 100 at a time; the decided list; the search by reference. Filters
 * arrive as codes from the query string (never personal data); anything not on a list is ignored.
 */
import { isUuid } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import * as queueStore from './queue-store.ts';
import { type QueueFilter, queuePage as queuePageRows } from './queue-store.ts';
import { isRag, slaStatus } from './rag.ts';
import { TRIAGE_ROLES } from './roles-service.ts';
import { type HubMemberRow, hubMembers } from './roles-store.ts';

export const PAGE_SIZE = 100;
export const STAGES = ['TRIAGE', 'RESEARCH', 'DISCUSSION', 'DECISION'] as const;
const RAGS = ['RED', 'AMBER', 'GREEN', 'BLUE', 'NONE'];

/** The query as the page keeps it (codes), and the store's filter made from it. */
export interface QueueQuery {
  status: 'open' | 'decided';
  rag: string;
  stage: string;
  allocated: string;
  breached: boolean;
  area: string;
  sort: 'deadline' | 'received';
  page: number;
}

function str(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, 40) : '';
}

export function parseQueueQuery(query: unknown, principal: Principal): QueueQuery {
  const rag = str(query, 'rag').toUpperCase();
  const stage = str(query, 'stage').toUpperCase();
  const allocated = str(query, 'allocated').toLowerCase();
  const area = str(query, 'area').toUpperCase();
  const page = Number.parseInt(str(query, 'page'), 10);
  return {
    status: str(query, 'status') === 'decided' ? 'decided' : 'open',
    rag: RAGS.includes(rag) ? rag : '',
    stage: (STAGES as readonly string[]).includes(stage) ? stage : '',
    allocated: allocated === 'unallocated' || allocated === 'me' || isUuid(allocated) ? allocated : '',
    breached: str(query, 'breached') === 'yes',
    area: principal.areas.includes(area) ? area : '',
    sort: str(query, 'sort') === 'received' ? 'received' : 'deadline',
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

function filterOf(q: QueueQuery, principal: Principal): QueueFilter {
  return {
    status: q.status === 'decided' ? 'DECIDED' : 'OPEN',
    rag: q.rag || null,
    stage: q.stage || null,
    allocated:
      q.allocated === 'unallocated'
        ? 'UNALLOCATED'
        : q.allocated === 'me'
          ? principal.userId
          : q.allocated || null,
    breached: q.breached,
    area: q.area || null,
    sort: q.sort === 'received' ? 'RECEIVED' : 'DEADLINE',
  };
}

export type QueuePageEntry = Awaited<ReturnType<typeof queuePage>>['entries'][number];

/** One page of the queue (or the decided list), with the total and the hub's people to filter by. */
export async function queuePage(tx: Tx, principal: Principal, q: QueueQuery, now = new Date()) {
  const filter = filterOf(q, principal);
  // "Allocated to me" for a principal who is no user (a token) matches nobody rather than everybody.
  if (q.allocated === 'me' && !principal.userId) filter.allocated = '00000000-0000-0000-0000-000000000000';
  const { rows, total } = await queuePageRows(tx, filter, now, {
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  });
  const members: HubMemberRow[] = [];
  for (const area of principal.areas) {
    for (const m of await hubMembers(tx, area, TRIAGE_ROLES))
      if (!members.some((x) => x.id === m.id)) members.push(m);
  }
  await appendAuditEvent(tx, {
    action: 'MASH_QUEUE_VIEW',
    details: { shown: rows.length, total, page: q.page, status: q.status },
  });
  return {
    total,
    members,
    entries: rows.map((episode) => ({
      episode,
      sla:
        episode.rag && isRag(episode.rag)
          ? slaStatus(episode.received_at, episode.rag, now, episode.decided_at)
          : null,
      decisionDue: episode.decision_deadline,
      decisionOverdue: !episode.decided_at && episode.decision_deadline.getTime() < now.getTime(),
    })),
  };
}

/** The episode of an exact referral reference in the caller's hubs, or null; the search is audited. */
export async function findByReference(tx: Tx, reference: string): Promise<string | null> {
  const ref = reference.trim();
  const id = ref ? await queueStore.episodeIdByReference(tx, ref) : null;
  await appendAuditEvent(tx, {
    action: 'MASH_REFERENCE_SEARCH',
    subjectType: id ? 'mash_episode' : null,
    subjectId: id,
    details: { found: id !== null },
  });
  return id;
}
