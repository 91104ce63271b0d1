/** The queue page's pure parts: area labels, the query kept in links, GOV.UK pagination and filters. */
import { describe, expect, it } from 'vitest';
import { principalWithRoles } from '../platform/access/test-principal.ts';
import { parseQueueQuery } from './queue-service.ts';
import { areaLabel, queueListView } from './queue-view.ts';

const NOW = new Date('2025-05-14T12:00:00Z');
const manager = principalWithRoles(['MASH_MANAGER'], {
  userId: 'u',
  label: 'u',
  agencyId: 'a',
  areas: ['BLACKPOOL', 'BLACKBURN_WITH_DARWEN'],
});

describe('the queue page', () => {
  it('names areas in words', () => {
    expect(areaLabel('BLACKBURN_WITH_DARWEN')).toBe('Blackburn with Darwen');
    expect(areaLabel('LANCASHIRE')).toBe('Lancashire');
  });

  it('reads only codes it knows from the query, and areas the principal belongs to', () => {
    expect(
      parseQueueQuery(
        {
          rag: 'red',
          stage: 'nope',
          allocated: 'Ava Example',
          area: 'LANCASHIRE',
          page: '0',
          sort: 'received',
        },
        manager,
      ),
    ).toEqual({
      status: 'open',
      rag: 'RED',
      stage: '',
      allocated: '',
      breached: false,
      area: '',
      sort: 'received',
      page: 1,
    });
    expect(
      parseQueueQuery({ area: 'BLACKPOOL', allocated: 'me', breached: 'yes', page: '3' }, manager),
    ).toMatchObject({ area: 'BLACKPOOL', allocated: 'me', breached: true, page: 3 });
  });

  it('pages with GOV.UK pagination, keeping the filters in each link', () => {
    const query = parseQueueQuery({ rag: 'AMBER', page: '5' }, manager);
    const view = queueListView({
      query,
      areas: manager.areas,
      total: 950,
      entries: [],
      members: [],
      overdue: [],
      research: [],
      now: NOW,
    });
    expect(view.pagination?.previous).toEqual({ href: '/mash?rag=AMBER&page=4' });
    expect(view.pagination?.next).toEqual({ href: '/mash?rag=AMBER&page=6' });
    expect(view.pagination?.items.map((i) => i.number ?? '…')).toEqual([1, '…', 3, 4, 5, 6, 7, '…', 10]);
    expect(view.pagination?.items.find((i) => i.current)?.number).toBe(5);
    expect(view.showing).toBe('Showing 401 to 500 of 950');
    expect(view.filters.area?.map((o) => o.text)).toEqual([
      'All your hubs',
      'Blackpool',
      'Blackburn with Darwen',
    ]);
    expect(view.tabs.decided.href).toBe('/mash?status=decided&rag=AMBER');
  });

  it('has no pagination for one page, and no area filter for one hub', () => {
    const one = { ...manager, areas: ['BLACKPOOL'] };
    const view = queueListView({
      query: parseQueueQuery({}, one),
      areas: one.areas,
      total: 100,
      entries: [],
      members: [],
      overdue: [],
      research: [],
      now: NOW,
    });
    expect(view.pagination).toBeNull();
    expect(view.filters.area).toBeNull();
  });
});
