/**
 * The queue page as a plain view: the filters (selects of codes and the hub's people by name), a page of
 * episodes (open ones against the clock; decided ones with their decision date and outcome), GOV.UK
 * pagination and the caseload. Pure: `now` is a parameter.
 */

import { SOCIAL_CARE_OUTCOMES } from '../platform/codes/referral.ts';
import { ukDateTime } from '../platform/time/display.ts';
import { paginationView } from '../platform/views/pagination.ts';
import { queueQueryPath } from './paths.ts';
import { PAGE_SIZE, type QueuePageEntry, type QueueQuery, STAGES } from './queue-service.ts';
import type { OverdueResearchRow } from './research-store.ts';
import type { CaseloadRow, HubMemberRow } from './roles-store.ts';
import type { OverdueActionRow } from './service.ts';
import { labelIn, queuePageView, RAG_LABELS } from './view-models.ts';

/** An area code as words ("BLACKBURN_WITH_DARWEN" → "Blackburn with Darwen"). */
export function areaLabel(code: string): string {
  const words = code.toLowerCase().split(/[_-]+/);
  return words
    .map((w, i) =>
      i > 0 && ['with', 'and', 'of', 'the'].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join(' ');
}

const option = (value: string, text: string, chosen: string) => ({ value, text, selected: value === chosen });

/** The query as a link, for the pages and the tabs. */
function linkOf(q: QueueQuery, change: Partial<QueueQuery>): string {
  const next = { ...q, ...change };
  return queueQueryPath({
    status: next.status === 'decided' ? 'decided' : undefined,
    rag: next.rag || undefined,
    stage: next.stage || undefined,
    allocated: next.allocated || undefined,
    breached: next.breached ? 'yes' : undefined,
    area: next.area || undefined,
    sort: next.sort === 'received' ? 'received' : undefined,
    page: next.page > 1 ? next.page : undefined,
  });
}

export function queueListView(input: {
  query: QueueQuery;
  areas: readonly string[];
  total: number;
  entries: readonly QueuePageEntry[];
  members: readonly HubMemberRow[];
  overdue: readonly OverdueActionRow[];
  research: readonly OverdueResearchRow[];
  now: Date;
  searchError?: string | null;
  searchReference?: string;
}) {
  const { query: q, total, now } = input;
  const base = queuePageView(input.entries, input.overdue, now, input.research);
  const decided = q.status === 'decided';
  const episodes = base.episodes.map((e, i) => {
    const row = input.entries[i]!.episode as QueuePageEntry['episode'];
    return {
      ...e,
      allocated: row.allocated_label ?? 'Not allocated',
      stage: row.stage.charAt(0) + row.stage.slice(1).toLowerCase(),
      decidedAt: row.decided_at ? ukDateTime(row.decided_at) : '',
      outcome: labelIn(SOCIAL_CARE_OUTCOMES, row.decision_outcome),
    };
  });
  return {
    ...base,
    title: decided ? 'Decided referrals' : 'MASH queue',
    decided,
    episodes,
    total,
    tabs: {
      open: { href: linkOf(q, { status: 'open', page: 1 }), current: !decided },
      decided: { href: linkOf(q, { status: 'decided', page: 1 }), current: decided },
    },
    query: q,
    filters: {
      rag: [
        option('', 'Any rating', q.rag),
        ...Object.entries(RAG_LABELS).map(([c, l]) => option(c, l, q.rag)),
        option('NONE', 'Not triaged', q.rag),
      ],
      stage: [
        option('', 'Any stage', q.stage),
        ...STAGES.map((s) => option(s, s.charAt(0) + s.slice(1).toLowerCase(), q.stage)),
      ],
      allocated: [
        option('', 'Anyone or no one', q.allocated),
        option('unallocated', 'Not allocated', q.allocated),
        option('me', 'Me', q.allocated),
        ...input.members.map((m) => option(m.id, m.display_name, q.allocated)),
      ],
      area:
        input.areas.length > 1
          ? [option('', 'All your hubs', q.area), ...input.areas.map((a) => option(a, areaLabel(a), q.area))]
          : null,
      sort: [
        option('deadline', 'Deadline, soonest first', q.sort),
        option('received', 'Received, oldest first', q.sort),
      ],
      breached: [{ value: 'yes', text: 'Only referrals past their RAG deadline', checked: q.breached }],
    },
    ...paginationView(q.page, total, (n) => linkOf(q, { page: n }), PAGE_SIZE),
    searchError: input.searchError ?? null,
    searchReference: input.searchReference ?? '',
  };
}

export function caseloadView(rows: readonly CaseloadRow[], multipleAreas: boolean) {
  return {
    title: 'Caseload',
    rows: rows.map((r) => ({
      name: r.allocated_label,
      area: multipleAreas ? areaLabel(r.area) : null,
      open: r.open,
      breached: r.breached,
      overdue: r.decision_overdue,
      href: queueQueryPath({ allocated: r.allocated_to }),
    })),
    multipleAreas,
  };
}
