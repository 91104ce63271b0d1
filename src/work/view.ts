/** My work as the page shows it: labels, UK times, owners in words, tags, the kind filter. Pure. */
import { ukDateTime } from '../platform/time/display.ts';
import {
  WORK_KIND_LABELS,
  type WorkItem,
  type WorkKind,
  type WorkOwner,
} from '../platform/work/work-item.ts';
import { encodeCursor } from './request.ts';
import type { WorkPage } from './service.ts';

export const OWNER_LABELS: Record<WorkOwner, string> = {
  YOU: 'You',
  TEAM: 'Your team',
  AGENCY: 'Your agency',
  HUB: 'Your hub',
};

const NOTICES: Record<string, string> = { 'task-done': 'The task has been marked as done' };

export const MY_WORK_PATH = '/my-work';

function pageHref(kind: WorkKind | null, offset: number | null): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (offset) params.set('cursor', encodeCursor(offset));
  const q = params.toString();
  return q ? `${MY_WORK_PATH}?${q}` : MY_WORK_PATH;
}

export function workItemView(item: WorkItem) {
  return {
    kind: WORK_KIND_LABELS[item.kind],
    title: item.title,
    subject: item.subject,
    href: item.href,
    due: item.dueAt ? ukDateTime(item.dueAt) : 'No due time',
    overdue: item.overdue,
    owner: OWNER_LABELS[item.owner],
    action: item.action ?? null,
  };
}

export function myWorkPageView(page: WorkPage, kind: WorkKind | null, notice: string | null) {
  const kinds = (Object.keys(WORK_KIND_LABELS) as WorkKind[]).filter((k) => page.byKind[k]);
  return {
    title: 'My work',
    notice: notice ? (NOTICES[notice] ?? null) : null,
    items: page.items.map(workItemView),
    total: page.total,
    overdue: page.overdue,
    from: page.total ? page.offset + 1 : 0,
    to: page.offset + page.items.length,
    filters: [
      {
        text: `All (${Object.values(page.byKind).reduce((a, b) => a + (b ?? 0), 0)})`,
        href: pageHref(null, null),
        current: kind === null,
      },
      ...kinds.map((k) => ({
        text: `${WORK_KIND_LABELS[k]} (${page.byKind[k]})`,
        href: pageHref(k, null),
        current: k === kind,
      })),
    ],
    previous: page.offset > 0 ? pageHref(kind, Math.max(0, page.offset - page.limit)) : null,
    next: page.next !== null ? pageHref(kind, page.next) : null,
  };
}

/** The API's item: codes and ISO times, with the labels beside them. */
export function workItemJson(item: WorkItem) {
  return {
    kind: item.kind,
    kindLabel: WORK_KIND_LABELS[item.kind],
    title: item.title,
    subject: item.subject,
    href: item.href,
    dueAt: item.dueAt ? item.dueAt.toISOString() : null,
    overdue: item.overdue,
    owner: item.owner,
    ...(item.action ? { action: item.action } : {}),
  };
}
