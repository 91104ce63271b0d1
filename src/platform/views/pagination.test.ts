import { describe, expect, it } from 'vitest';
import { pageNumberOf, pageRequest, pageWindow, paginationView, previousNextView } from './pagination.ts';

describe('pagination', () => {
  it('reads a whole page number from 1, else page 1', () => {
    expect(pageNumberOf('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-1', '1.5', 'abc', '1e3', '100001', ['2'], 2]) {
      expect(pageNumberOf(bad), String(bad)).toBe(1);
    }
    expect(pageRequest({ page: '7' }, 50)).toEqual({ page: 7, limit: 50, offset: 300 });
    expect(pageRequest(undefined).page).toBe(1);
  });

  it('turns a page into LIMIT/OFFSET', () => {
    expect(pageWindow(1, 50)).toEqual({ limit: 50, offset: 0 });
    expect(pageWindow(3, 50)).toEqual({ limit: 50, offset: 100 });
  });

  it('gives GOV.UK pagination with ellipses, and none for a single page', () => {
    const href = (n: number) => `/x?page=${n}`;
    expect(paginationView(1, 50, href, 50).pagination).toBeNull();
    const view = paginationView(6, 200, href, 10);
    expect(view.showing).toBe('Showing 51 to 60 of 200');
    expect(view.pagination?.previous).toEqual({ href: '/x?page=5' });
    expect(view.pagination?.next).toEqual({ href: '/x?page=7' });
    expect(view.pagination?.items.map((i) => (i.ellipsis ? '…' : i.number))).toEqual([
      1,
      '…',
      4,
      5,
      6,
      7,
      8,
      '…',
      20,
    ]);
    expect(view.pagination?.items.find((i) => i.current)?.number).toBe(6);
    expect(paginationView(9, 30, href, 10).showing).toBe('');
  });
});

describe('previous and next without a total', () => {
  const href = (n: number) => `/list?page=${n}`;
  it('is nothing when page 1 holds everything, and links each way otherwise', () => {
    expect(previousNextView(1, false, href)).toBeNull();
    expect(previousNextView(1, true, href)).toEqual({ previous: undefined, next: { href: '/list?page=2' } });
    expect(previousNextView(3, false, href)).toEqual({ previous: { href: '/list?page=2' }, next: undefined });
  });
});
