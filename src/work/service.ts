/**
 * My work: every piece of work the injected providers find for a principal, in one list. This module imports
 * no feature module: the composition root (`src/app.ts`) hands it the providers, one per kind of work.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { WorkItem, WorkKind, WorkProvider } from '../platform/work/work-item.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** Overdue first; then the soonest due; work without a due time last; then by kind and subject. */
export function compareWork(a: WorkItem, b: WorkItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const ad = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bd = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ad !== bd) return ad < bd ? -1 : 1;
  return a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject) || a.href.localeCompare(b.href);
}

export interface WorkPage {
  items: WorkItem[];
  total: number;
  overdue: number;
  /** How many of each kind there are (before the kind filter), for the filter's counts. */
  byKind: Partial<Record<WorkKind, number>>;
  /** The offset of the next page, or null on the last. */
  next: number | null;
  offset: number;
  limit: number;
}

/**
 * One page of the principal's work. Providers run one after another in the caller's transaction (one
 * connection); each reads under row-level security, so nothing outside the principal's scope is listed.
 */
export async function myWork(
  tx: Tx,
  principal: Principal,
  providers: readonly WorkProvider[],
  options: { now: Date; kind: WorkKind | null; offset: number; limit: number },
): Promise<WorkPage> {
  const all: WorkItem[] = [];
  for (const provider of providers) all.push(...(await provider(tx, principal, options.now)));
  all.sort(compareWork);
  const byKind: Partial<Record<WorkKind, number>> = {};
  for (const item of all) byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
  const shown = options.kind ? all.filter((i) => i.kind === options.kind) : all;
  const limit = Math.min(Math.max(1, options.limit), MAX_PAGE_SIZE);
  const offset = Math.max(0, options.offset);
  const items = shown.slice(offset, offset + limit);
  return {
    items,
    total: shown.length,
    overdue: shown.filter((i) => i.overdue).length,
    byKind,
    next: offset + limit < shown.length ? offset + limit : null,
    offset,
    limit,
  };
}
