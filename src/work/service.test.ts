import { describe, expect, it } from 'vitest';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { WorkItem, WorkProvider } from '../platform/work/work-item.ts';
import { encodeCursor, parseWorkQuery } from './request.ts';
import { myWork } from './service.ts';
import { myWorkPageView } from './view.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const item = (over: Partial<WorkItem>): WorkItem => ({
  kind: 'RESEARCH_REQUEST',
  title: 'Research',
  subject: 'Child',
  href: '/x',
  dueAt: null,
  overdue: false,
  owner: 'AGENCY',
  ...over,
});
const provider =
  (items: WorkItem[]): WorkProvider =>
  async () =>
    items;
const tx = {} as Tx;
const principal = {} as Principal;

describe('My work', () => {
  const providers = [
    provider([
      item({ href: '/later', dueAt: new Date('2026-03-12T09:00:00Z') }),
      item({ href: '/none', kind: 'MASH_TASK', owner: 'HUB' }),
    ]),
    provider([
      item({ href: '/overdue', dueAt: new Date('2026-03-09T09:00:00Z'), overdue: true }),
      item({ href: '/soon', kind: 'RHI_DUE', dueAt: new Date('2026-03-11T09:00:00Z') }),
    ]),
  ];

  it('merges every provider: overdue first, then the soonest due, then work without a due time', async () => {
    const page = await myWork(tx, principal, providers, { now: NOW, kind: null, offset: 0, limit: 50 });
    expect(page.items.map((i) => i.href)).toEqual(['/overdue', '/soon', '/later', '/none']);
    expect(page).toMatchObject({ total: 4, overdue: 1, next: null });
    expect(page.byKind).toEqual({ RESEARCH_REQUEST: 2, MASH_TASK: 1, RHI_DUE: 1 });
  });

  it('pages and filters by kind, never more than 100 at a time', async () => {
    const first = await myWork(tx, principal, providers, { now: NOW, kind: null, offset: 0, limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.next).toBe(3);
    const research = await myWork(tx, principal, providers, {
      now: NOW,
      kind: 'RESEARCH_REQUEST',
      offset: 0,
      limit: 500,
    });
    expect(research.limit).toBe(100);
    expect(research.items.map((i) => i.href)).toEqual(['/overdue', '/later']);
    const view = myWorkPageView(first, null, 'task-done');
    expect(view.next).toBe(`/my-work?cursor=${encodeCursor(3)}`);
    expect(view.notice).toBe('The task has been marked as done');
    expect(view.items[0]).toMatchObject({ kind: 'Research request', owner: 'Your agency', overdue: true });
    expect(view.items[2]).toMatchObject({ due: '12 March 2026 at 9am', overdue: false });
    const all = myWorkPageView(
      await myWork(tx, principal, providers, { now: NOW, kind: null, offset: 0, limit: 50 }),
      null,
      null,
    );
    expect(all.items[3]).toMatchObject({ due: 'No due time', owner: 'Your hub' });
    expect(all.next).toBeNull();
  });

  it('reads the query with field errors for a bad kind, cursor or limit', () => {
    expect(parseWorkQuery({ cursor: encodeCursor(40), limit: '20', kind: 'RHI_DUE' })).toEqual({
      query: { kind: 'RHI_DUE', offset: 40, limit: 20 },
      errors: [],
    });
    const bad = parseWorkQuery({ kind: 'toString', cursor: 'bm9wZQ', limit: '0' });
    expect(bad.errors.map((e) => e.field)).toEqual(['kind', 'cursor', 'limit']);
  });
});
